// Package sqltest gives tests a fresh database of each dialect: an SQLite
// file in the test's temporary folder, and a PostgreSQL schema of its own on
// the server named by ODATAFILTER_TEST_PG, dropped when the test ends.
//
// Without ODATAFILTER_TEST_PG the PostgreSQL tests skip, saying so; with
// CI=true they fail instead, so CI cannot pass without running them.
// .ci/run sets ODATAFILTER_TEST_PG to the machine's server; to run them here:
//
//	ODATAFILTER_TEST_PG='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' go test ./...
package sqltest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/internal/sqlitefunc"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" database/sql driver
)

// EnvPG names the environment variable holding the PostgreSQL server's URL.
const EnvPG = "ODATAFILTER_TEST_PG"

// SQLitePath returns the path of a new, empty SQLite database file, removed
// when the test ends.
func SQLitePath(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "test.db")
}

// OpenSQLite opens a new, empty SQLite database with the "sqlite" driver,
// closed when the test ends.
func OpenSQLite(t testing.TB) *sql.DB {
	t.Helper()
	if err := sqlitefunc.Register(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", SQLitePath(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresURL returns the URL of a new, empty schema on the server named by
// ODATAFILTER_TEST_PG (search_path set to it), dropped with everything in it
// when the test ends. Without the variable it skips the test, or fails it
// when CI=true.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPG)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run the PostgreSQL tests (.ci/run sets it)", EnvPG)
		}
		t.Skipf("no PostgreSQL server: set %s=postgres://USER@HOST:PORT/DB?sslmode=disable to run this test", EnvPG)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("%s: %v", EnvPG, err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var version string
	if err := admin.QueryRowContext(ctx, "SELECT version()").Scan(&version); err != nil {
		t.Fatalf("PostgreSQL at %s is not reachable: %v", EnvPG, err)
	}
	logVersion.Do(func() { t.Logf("PostgreSQL server: %s", version) })
	var b [6]byte
	rand.Read(b[:])
	name := "odatafilter_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatalf("creating schema %s: %v", name, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("dropping schema %s: %v", name, err)
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			t.Errorf("dropping schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvPG, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

var logVersion sync.Once

// OpenPostgres opens a new, empty schema (see PostgresURL) with the "pgx"
// driver, closed when the test ends.
func OpenPostgres(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenPostgresICU opens a new database on the server named by
// ODATAFILTER_TEST_PG whose default collation is the ICU locale's (en-US
// orders 'a' < 'B' < 'é' < 'z'), dropped when the test ends; it skips or
// fails as PostgresURL does. Text that is not a column of the layout
// (bound values, function results) takes the default collation, so tests
// run here to show that translations do not depend on it.
func OpenPostgresICU(t testing.TB, locale string) *sql.DB {
	t.Helper()
	base := PostgresURL(t) // skips without a server; its schema goes unused
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	name := "odatafilter_test_icu_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '" +
		strings.ReplaceAll(locale, "'", "''") + "' LOCALE 'C.UTF-8'"); err != nil {
		t.Fatalf("creating a database with ICU locale %s: %v", locale, err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("dropping database %s: %v", name, err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("dropping database %s: %v", name, err)
		}
	})
	return db
}

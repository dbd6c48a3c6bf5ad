package sqlstore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/sqlfilter"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// TestURLs: the URL forms open the database they name; the others are a
// *URLError (a usage error), and nothing is created for them.
func TestURLs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	ctx := context.Background()
	for _, url := range []string{
		"sqlite:a.db", "file:b.db", "SQLite:c.db", "d.db", "./e.db", "sqlite:" + filepath.Join(dir, "f.db"),
		"sqlite://" + filepath.Join(dir, "g.db"), "sqlite:h#y%20.db", "i:j.db",
	} {
		st, err := sqlstore.Create(ctx, url)
		if err != nil {
			t.Errorf("Create(%q): %v", url, err)
			continue
		}
		if st.Dialect() != sqlfilter.SQLite {
			t.Errorf("Create(%q): dialect %v", url, st.Dialect())
		}
		st.Close()
		if _, err := sqlstore.Open(ctx, url); err != nil {
			t.Errorf("Open(%q) after Create: %v", url, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "h#y%20.db")); err != nil {
		t.Errorf("sqlite:PATH takes PATH literally: %v", err)
	}
	for _, tc := range []struct{ url, msg string }{
		{"", "empty"},
		{"mysql://localhost/x", `unknown scheme "mysql"`},
		{"localhost:5432", `unknown scheme "localhost"`},
		{"sqlite:", "no file"},
		{"sqlite://host/x.db", "a host after //"},
		{"postgres://u@localhost:notaport/db", "invalid port"},
		{"postgres://u:secret@localhost:notaport/db", "u:xxxxx@localhost"},
		{"sqlite:fleet.db?mode=ro", "parameters after '?'"},
		{"host=localhost user=postgres dbname=test", "keyword string"},
	} {
		_, err := sqlstore.Open(ctx, tc.url)
		var ue *sqlstore.URLError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("Open(%q): %v; want a *URLError saying %q", tc.url, err, tc.msg)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "localhost") || strings.HasPrefix(e.Name(), "mysql") || strings.HasPrefix(e.Name(), "fleet") || strings.HasPrefix(e.Name(), "host") {
			t.Errorf("a bad URL created %s", e.Name())
		}
	}
}

// TestOpenErrors: a database that cannot be reached or opened is a
// *ConnectError; one without tables is ErrNoTables; Open creates nothing.
func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	missing := filepath.Join(t.TempDir(), "missing.db")
	var ce *sqlstore.ConnectError
	if _, err := sqlstore.Open(ctx, "sqlite:"+missing); !errors.As(err, &ce) {
		t.Errorf("Open of a missing file: %v, want a *ConnectError", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("Open created %s", missing)
	}
	notDB := filepath.Join(t.TempDir(), "text.db")
	os.WriteFile(notDB, []byte("this is not a database, but it is long enough to have a header of one........................................"), 0o644)
	if _, err := sqlstore.Open(ctx, "sqlite:"+notDB); !errors.As(err, &ce) {
		t.Errorf("Open of a text file: %v, want a *ConnectError", err)
	}
	if _, err := sqlstore.Open(ctx, "postgres://postgres@127.0.0.1:1/test?sslmode=disable&connect_timeout=5"); !errors.As(err, &ce) {
		t.Errorf("Open of PostgreSQL on port 1: %v, want a *ConnectError", err)
	}
	dialects(t, func(t *testing.T, url string) {
		if strings.HasPrefix(url, "sqlite:") {
			os.WriteFile(strings.TrimPrefix(url, "sqlite:"), nil, 0o644) // an empty file is an empty database
		}
		if _, err := sqlstore.Open(ctx, url); !errors.Is(err, sqlstore.ErrNoTables) {
			t.Errorf("Open of an empty database: %v, want ErrNoTables", err)
		}
	})
}

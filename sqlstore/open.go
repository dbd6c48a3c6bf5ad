package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/odatafilter/odatafilter/internal/sqlitefunc"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// Store is a fleet of machine records in an SQLite or PostgreSQL database,
// in sqlfilter's table layout. It is safe for concurrent use: queries run
// side by side, and a Load runs in a transaction of its own.
type Store struct {
	db      *sql.DB
	dialect sqlfilter.Dialect
	where   string // the database, for messages: the SQLite path, or PostgreSQL's host and database
}

// URLError is the error of a database URL that names no database this
// package opens: an unknown scheme, an empty path, a malformed PostgreSQL
// URL. It is the user's mistake (a usage error), not the database's.
type URLError struct {
	URL string // the URL as given, its password (if any) hidden
	Msg string // what is wrong with it
}

// Error returns "database URL "…": MSG".
func (e *URLError) Error() string { return fmt.Sprintf("database URL %q: %s", e.URL, e.Msg) }

// ConnectError is the error of a database that could not be reached or
// opened: a PostgreSQL server that refuses the connection, an SQLite file
// that does not exist or is not a database.
type ConnectError struct {
	Where string // the database, as Store.String says it
	Err   error  // the driver's error
}

// Error returns "connecting to WHERE: ERR".
func (e *ConnectError) Error() string { return fmt.Sprintf("connecting to %s: %v", e.Where, e.Err) }

// Unwrap returns Err.
func (e *ConnectError) Unwrap() error { return e.Err }

// ErrNoTables is the error of Open on a database that holds no machines
// table: nothing was loaded into it (see Create and Load).
var ErrNoTables = errors.New("the database holds no machines table: load an export into it first (odatafilter load --db URL FILE)")

// connectTimeout bounds how long Open and Create wait for a server.
const connectTimeout = 10 * time.Second

// sqliteBusyTimeout is how long an SQLite connection waits for another
// writer's lock before failing with "database is locked".
const sqliteBusyTimeout = 10 * time.Second

// target is a parsed database URL.
type target struct {
	dialect sqlfilter.Dialect
	path    string          // SQLite: the file
	pg      *pgx.ConnConfig // PostgreSQL
	where   string
}

// parseURL reads a database URL; see the package documentation for the
// forms it accepts.
func parseURL(raw string) (*target, error) {
	bad := func(format string, args ...any) error {
		return &URLError{URL: Redact(raw), Msg: fmt.Sprintf(format, args...)}
	}
	scheme, rest, hasScheme := strings.Cut(raw, ":")
	if hasScheme && !isScheme(scheme) {
		hasScheme = false // a path with a colon in it (./a:b.db)
	}
	switch {
	case raw == "":
		return nil, bad("empty: want sqlite:PATH or postgres://USER@HOST/DB")
	case !hasScheme && strings.Contains(raw, "=") && strings.ContainsAny(raw, " \t"):
		return nil, bad("a PostgreSQL keyword string (host=... dbname=...) is not read: write postgres://USER@HOST:PORT/DB")
	case !hasScheme:
		// A bare path is an SQLite file, as sqlite3 FILE reads it.
		return sqliteTarget(raw), nil
	}
	switch strings.ToLower(scheme) {
	case "sqlite", "sqlite3", "file":
		if strings.HasPrefix(rest, "///") { // sqlite:///abs/path
			rest = rest[2:]
		} else if strings.HasPrefix(rest, "//") {
			return nil, bad("a host after // is not an SQLite path: write %s:PATH, or %s:///ABSOLUTE/PATH", scheme, scheme)
		}
		if rest == "" {
			return nil, bad("no file: want %s:PATH", scheme)
		}
		if strings.ContainsRune(rest, '?') {
			// SQLite's URI parameters (?mode=ro, ...) are not read: the
			// store sets its own; a '?' would end up in the file's name.
			return nil, bad("parameters after '?' are not read in an SQLite URL: write %s:PATH", scheme)
		}
		return sqliteTarget(rest), nil
	case "postgres", "postgresql":
		cfg, err := pgx.ParseConfig(raw)
		if err != nil {
			return nil, bad("%v", pgMessage(err))
		}
		if cfg.RuntimeParams == nil {
			cfg.RuntimeParams = map[string]string{}
		}
		// Translated SQL binds every value; a generic plan of a prepared
		// statement would not see them (NOTES §9). The URL may say
		// otherwise (?plan_cache_mode=force_generic_plan).
		if _, ok := cfg.RuntimeParams["plan_cache_mode"]; !ok {
			cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
		}
		where := fmt.Sprintf("PostgreSQL at %s:%d", cfg.Host, cfg.Port)
		if strings.HasPrefix(cfg.Host, "/") {
			where = "PostgreSQL at " + cfg.Host
		}
		if cfg.Database != "" {
			where += " database " + cfg.Database
		}
		return &target{dialect: sqlfilter.PostgreSQL, pg: cfg, where: where}, nil
	}
	return nil, bad("unknown scheme %q: want sqlite:PATH (or file:PATH) or postgres://USER@HOST:PORT/DB (or postgresql://)", scheme)
}

// Redact hides the password of a database URL, for messages, even in a URL
// that does not parse (scheme://user:password@host...).
func Redact(raw string) string {
	i := strings.Index(raw, "://")
	if i < 0 {
		return raw
	}
	rest := raw[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndexByte(rest[:end], '@')
	if at < 0 {
		return raw
	}
	colon := strings.IndexByte(rest[:at], ':')
	if colon < 0 {
		return raw
	}
	return raw[:i+3] + rest[:colon+1] + "xxxxx" + rest[at:]
}

// CheckURL returns the *URLError Open and Create would return for dbURL, or
// nil when they would read it; it opens nothing.
func CheckURL(dbURL string) error {
	_, err := parseURL(dbURL)
	return err
}

// isScheme reports whether s is a URL scheme (RFC 3986: a letter, then
// letters, digits, '+', '-', '.'), and not a Windows drive letter.
func isScheme(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i, c := range s {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// pgMessage drops pgx's "cannot parse `URL`: " prefix, which would repeat
// the URL (with its password).
func pgMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "`: "); i >= 0 && strings.HasPrefix(msg, "cannot parse `") {
		msg = msg[i+3:]
	}
	return msg
}

func sqliteTarget(path string) *target {
	return &target{dialect: sqlfilter.SQLite, path: path, where: "SQLite database " + path}
}

// sqliteDSN is the modernc.org/sqlite data source name of the file at
// path: a file: URI (so that the path may hold any character) with the
// connection's settings (see the package documentation). WAL lets readers
// go on while a Load writes;
// _txlock=immediate makes a writing transaction take the write lock at
// BEGIN, so two writers queue (for up to the busy timeout) instead of one
// failing when it first writes. mode=rw does not create a missing file.
func sqliteDSN(path string, create bool) string {
	var b strings.Builder
	b.WriteString("file:")
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '%', '?', '#':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	fmt.Fprintf(&b, "?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&_txlock=immediate",
		sqliteBusyTimeout.Milliseconds())
	if !create {
		b.WriteString("&mode=rw")
	}
	return b.String()
}

// Open opens the machine store at dbURL, which must hold the tables (Create
// makes them): sqlite:PATH, file:PATH, a bare PATH (SQLite), or
// postgres://… / postgresql://…. A URL it does not read is a *URLError; a
// database it cannot reach or open is a *ConnectError; a database without
// the tables is ErrNoTables. Close the Store when done.
func Open(ctx context.Context, dbURL string) (*Store, error) {
	s, err := open(ctx, dbURL, false)
	if err != nil {
		return nil, err
	}
	ok, err := s.hasTables(ctx)
	if err == nil && !ok {
		err = ErrNoTables
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Create opens the machine store at dbURL as Open does, creating the SQLite
// file if it does not exist, and the tables and indexes if they do not
// (sqlfilter.Schema: running it again changes nothing).
func Create(ctx context.Context, dbURL string) (*Store, error) {
	s, err := open(ctx, dbURL, true)
	if err != nil {
		return nil, err
	}
	for _, stmt := range sqlfilter.Schema(s.dialect) {
		if _, err := s.db.ExecContext(ctx, stmt); err != nil {
			s.Close()
			return nil, fmt.Errorf("creating the tables in %s: %w", s.where, err)
		}
	}
	return s, nil
}

func open(ctx context.Context, dbURL string, create bool) (*Store, error) {
	t, err := parseURL(dbURL)
	if err != nil {
		return nil, err
	}
	s := &Store{dialect: t.dialect, where: t.where}
	switch t.dialect {
	case sqlfilter.SQLite:
		if err := sqlitefunc.Register(); err != nil {
			return nil, err
		}
		if !create {
			// SQLite's own error for a missing file is "unable to open
			// database file"; say which.
			if _, err := os.Stat(t.path); err != nil {
				if errors.Is(err, os.ErrNotExist) {
					err = fmt.Errorf("%s does not exist: nothing was loaded into it (odatafilter load --db creates it)", t.path)
				}
				return nil, &ConnectError{Where: t.where, Err: err}
			}
		}
		if s.db, err = sql.Open("sqlite", sqliteDSN(t.path, create)); err != nil {
			return nil, &ConnectError{Where: t.where, Err: err}
		}
	case sqlfilter.PostgreSQL:
		s.db = stdlib.OpenDB(*t.pg)
	}
	// Enough connections to keep the cores busy (a query's residual is
	// matched on its own goroutine), not so many that a busy server
	// exhausts PostgreSQL's max_connections (100 by default).
	conns := max(4, 2*runtime.GOMAXPROCS(0))
	s.db.SetMaxOpenConns(conns)
	s.db.SetMaxIdleConns(conns)
	cctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := s.db.PingContext(cctx); err != nil {
		s.db.Close()
		return nil, &ConnectError{Where: t.where, Err: err}
	}
	return s, nil
}

// hasTables reports whether the database holds the machines table.
func (s *Store) hasTables(ctx context.Context) (bool, error) {
	q := "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'machines'"
	if s.dialect == sqlfilter.PostgreSQL {
		q = "SELECT CASE WHEN to_regclass('machines') IS NULL THEN 0 ELSE 1 END" // on the search_path
	}
	var n int
	if err := s.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return false, &ConnectError{Where: s.where, Err: err}
	}
	return n > 0, nil
}

// Dialect returns the store's SQL dialect.
func (s *Store) Dialect() sqlfilter.Dialect { return s.dialect }

// String names the database, without a password: "SQLite database
// fleet.db", "PostgreSQL at localhost:5432 database test".
func (s *Store) String() string { return s.where }

// DB returns the store's database handle, for tools and tests that read
// the tables directly.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database handle.
func (s *Store) Close() error { return s.db.Close() }

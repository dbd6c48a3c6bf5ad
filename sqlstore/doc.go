// Package sqlstore keeps a fleet of machine records in a database, SQLite
// (embedded, through modernc.org/sqlite: pure Go, no cgo) or PostgreSQL
// (through github.com/jackc/pgx/v5), and answers compiled queries over it
// with the evaluator's answers: the same records, in the same order, byte
// for byte, as eval over the export they were loaded from.
//
//	st, err := sqlstore.Create(ctx, "sqlite:fleet.db") // or Open, once loaded
//	stats, err := st.Load(ctx, file)                   // any format package records reads
//	prog, err := eval.Compile("$filter=riskScore eq 'High'&$top=10")
//	for m, err := range st.Query(ctx, prog, sqlstore.QueryOptions{}) {
//		if err != nil { ... }
//		os.Stdout.Write(m.Raw)
//	}
//
// It is the storage room of DESIGN.md §8: the table layout and the SQL of a
// filter are package sqlfilter's (pure, no database); this package opens the
// database, creates the layout, loads records, and runs the statements, with
// the residual (what sqlfilter cannot say exactly in a dialect) re-checked
// by eval. It is not an ORM nor a general database layer: the tables are
// the layout's, and records are added (Load) and read, never updated.
//
// # URLs
//
// Open and Create take the database as a URL:
//
//   - sqlite:PATH (or sqlite3:PATH), file:PATH, or sqlite:///ABSOLUTE/PATH:
//     an SQLite file.
//     PATH is taken literally ('#' and '%' are part of the name), but a
//     '?' is a *URLError: SQLite's URI parameters (?mode=ro) are not read,
//     and a file named "fleet.db?mode=ro" is never what was meant.
//   - a bare PATH (fleet.db, ./data/fleet.db, /var/lib/fleet.db): an SQLite
//     file too, as the sqlite3 command reads its argument; what a hurried
//     user types works. A word before a colon that is not one of these
//     schemes (mysql://…, localhost:5432) is an unknown scheme, not a path.
//     libpq's keyword form (host=… dbname=…) is a *URLError too.
//   - postgres://USER@HOST:PORT/DB?… or postgresql://…, in any form pgx
//     reads (libpq's URL parameters, PG* environment variables for what the
//     URL leaves out). Sessions get plan_cache_mode=force_custom_plan
//     unless the URL sets it: statements bind every value, and PostgreSQL
//     plans for the values only in a custom plan.
//
// A URL it does not read is a *URLError (the command's usage error, exit
// 2); a database it cannot reach or open, a *ConnectError (exit 1). Open
// wants the tables (ErrNoTables otherwise) and never creates an SQLite
// file; Create makes the file, the tables and the indexes when absent.
//
// SQLite connections use WAL (queries go on while a Load writes), a busy
// timeout of 10 s, foreign keys, synchronous=NORMAL, a page cache of up to
// 64 MiB (the default 2 MiB made loading 100,000 machines, with the
// indexes, about 2.8 times slower), and take the write lock when a
// transaction begins, so writers queue: one writer at a time.
// The SQL functions sqlfilter's SQLite statements call are registered with
// the driver before the first connection (internal/sqlitefunc).
//
// # Tables and indexes
//
// sqlfilter.Schema is the layout: machines (one row a record: ord, the
// export order, as the primary key; the filterable fields of both models as
// typed columns; lastSeen as its instant, its offset, and its local date and
// time of day; raw, the record's exact bytes) and machine_tags (ord, pos,
// tag). Indexes: each typed column, (ls_sec, ls_nsec), and machine_tags
// (tag, ord). SQLite tables are STRICT; PostgreSQL text is COLLATE "C", so
// strings order by code point, as the evaluator compares them.
//
// # Loading
//
// Load streams the input through package records and schema's decoder
// (the evaluator's), in batches of 500 (prepared INSERTs in SQLite, COPY
// in PostgreSQL), in one transaction, then ANALYZEs. It is idempotent by
// id: see Load.
//
// # Querying
//
// Query yields the selected records in export order. When sqlfilter says
// its SQL is exact, the database does the filter, ORDER BY ord, $skip and
// $top (LIMIT/OFFSET). Otherwise the database yields candidates (a
// superset), in ord order and in chunks, which the evaluator decodes and
// re-checks, and $skip and $top run in Go, stopping at $top. Explain shows
// the statement, its arguments and the residual. The scope
// (QueryOptions.Groups, a caller's rbacGroupIds) is always in the SQL.
// Get finds a record by id in a scope; Count counts a scope's machines.
//
// A Store is safe for concurrent use.
package sqlstore

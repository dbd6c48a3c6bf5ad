// Command hand is the hand-written side of bench/sql/run.sh: it runs SQL
// written by hand against a database that odatafilter load filled, over
// the same drivers and connection settings as package sqlstore, and
// writes what the benchmark compares.
//
//	hand rows URL SQL        each row's first column (the record's raw
//	                         bytes) and a line break, as query --ndjson
//	                         writes a one-line record
//	hand plan URL SQL        the database's plan of SQL: EXPLAIN QUERY
//	                         PLAN (SQLite) or EXPLAIN (PostgreSQL)
//	hand planours URL FILTER the plan of the statement query --db runs
//	                         for FILTER, with its bound arguments
//
// URL is sqlite:PATH or postgres://…; the SQL is taken as given (it is the
// benchmark's own, never input from elsewhere).
package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/sqlstore"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: hand rows|plan|planours URL SQL|FILTER")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "hand:", err)
		os.Exit(1)
	}
}

func run(mode, url, text string) error {
	ctx := context.Background()
	db, pg, err := open(url)
	if err != nil {
		return err
	}
	defer db.Close()
	switch mode {
	case "rows":
		return rows(ctx, db, text)
	case "plan":
		return plan(ctx, db, pg, text, nil)
	case "planours":
		st, err := sqlstore.Open(ctx, url)
		if err != nil {
			return err
		}
		defer st.Close()
		prog, err := eval.CompileFilter(text)
		if err != nil {
			return err
		}
		p, err := st.Explain(prog, sqlstore.QueryOptions{Now: time.Now()})
		if err != nil {
			return err
		}
		if !p.Exact {
			fmt.Printf("(residual: %s)\n", strings.Join(p.Residual, "; "))
		}
		return plan(ctx, db, pg, p.SQL, p.Args)
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// open opens url as sqlstore does: SQLite with its pragmas (WAL, a page
// cache of up to 64 MiB), PostgreSQL with plan_cache_mode=force_custom_plan.
func open(url string) (*sql.DB, bool, error) {
	if path, ok := strings.CutPrefix(url, "sqlite:"); ok {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)&mode=rw")
		return db, false, err
	}
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		db, err := sql.Open("pgx", url+sep+"plan_cache_mode=force_custom_plan")
		return db, true, err
	}
	return nil, false, fmt.Errorf("%s: want sqlite:PATH or postgres://…", url)
}

func rows(ctx context.Context, db *sql.DB, query string) error {
	rs, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rs.Close()
	w := bufio.NewWriterSize(os.Stdout, 64<<10)
	var raw sql.RawBytes
	for rs.Next() {
		if err := rs.Scan(&raw); err != nil {
			return err
		}
		w.Write(raw)
		w.WriteByte('\n')
	}
	if err := rs.Err(); err != nil {
		return err
	}
	return w.Flush()
}

func plan(ctx context.Context, db *sql.DB, pg bool, query string, args []any) error {
	explain := "EXPLAIN QUERY PLAN "
	if pg {
		explain = "EXPLAIN "
	}
	rs, err := db.QueryContext(ctx, explain+query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(sql.NullString)
	}
	depth := map[string]int{"0": 0} // SQLite: a line's depth by its id
	for rs.Next() {
		if err := rs.Scan(vals...); err != nil {
			return err
		}
		// SQLite: id, parent, notused, detail; PostgreSQL: one line.
		line := vals[len(vals)-1].(*sql.NullString).String
		if !pg {
			id, parent := vals[0].(*sql.NullString).String, vals[1].(*sql.NullString).String
			depth[id] = depth[parent] + 1
			line = strings.Repeat("  ", depth[id]) + line
		}
		fmt.Println(line)
	}
	return rs.Err()
}

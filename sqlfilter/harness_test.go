package sqlfilter_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fuzz"
	"github.com/odatafilter/odatafilter/internal/sqltest"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// clock is now() in every test, as in package fuzz's properties.
var clock = fuzz.TestClock

// fleetDB is a fleet loaded into one database.
type fleetDB struct {
	d  sqlfilter.Dialect
	db *sql.DB
	ms []schema.Machine
}

// dialects are the dialects a test runs in: SQLite always, PostgreSQL when
// sqltest gives a server (it skips or fails the test otherwise).
var dialects = []sqlfilter.Dialect{sqlfilter.SQLite, sqlfilter.PostgreSQL}

// openDB opens an empty database of dialect d.
func openDB(t testing.TB, d sqlfilter.Dialect) *sql.DB {
	if d == sqlfilter.PostgreSQL {
		return sqltest.OpenPostgres(t)
	}
	return sqltest.OpenSQLite(t)
}

// loadFleet loads ms into a new database of dialect d.
func loadFleet(t testing.TB, d sqlfilter.Dialect, ms []schema.Machine) *fleetDB {
	t.Helper()
	db := openDB(t, d)
	sqltest.Load(t, db, d, ms)
	return &fleetDB{d: d, db: db, ms: ms}
}

// checkFilter parses and checks a bare filter against model.
func checkFilter(model *schema.Model, f string) (*schema.Checked, error) {
	e, err := parser.ParseFilter(f)
	if err != nil {
		return nil, err
	}
	return model.CheckFilter(e)
}

// checkQuery parses and checks a raw query string against Machines.
func checkQuery(q string) (*schema.Checked, error) {
	pq, err := parser.ParseQuery(q)
	if err != nil {
		return nil, err
	}
	return schema.Check(pq)
}

// truths returns, for each machine, whether eval finds c's filter true and
// whether it finds it false (neither: null). The second question is eval's
// answer for not (filter).
func truths(c *schema.Checked, ms []schema.Machine) (isTrue, isFalse []bool, err error) {
	p, err := eval.New(c, eval.WithClock(func() time.Time { return clock }))
	if err != nil {
		return nil, nil, err
	}
	f := c.Filter()
	if f == nil {
		f = &ast.Literal{Kind: ast.LitBoolean, Raw: "true", Value: true}
	}
	nc, err := c.Model.Check(&ast.Query{Filter: &ast.UnaryExpr{Op: ast.OpNot, X: f, Loc: f.Span()}, Aliases: c.Query.Aliases})
	if err != nil {
		return nil, nil, fmt.Errorf("not (filter) does not check: %v", err)
	}
	pn, err := eval.New(nc, eval.WithClock(func() time.Time { return clock }))
	if err != nil {
		return nil, nil, err
	}
	for i := range ms {
		isTrue = append(isTrue, p.Match(&ms[i]))
		isFalse = append(isFalse, pn.Match(&ms[i]))
	}
	return isTrue, isFalse, nil
}

// variant is one way of running the same statement.
type variant int

const (
	plain     variant = iota
	noIndexes         // SQLite NOT INDEXED; PostgreSQL index and bitmap scans off
	generic           // PostgreSQL plan_cache_mode = force_generic_plan
)

// where runs SELECT ord ... WHERE the translation, in export order, and
// re-checks the candidates with eval when the translation is not exact:
// what the store does.
func (f *fleetDB) where(ctx context.Context, c *schema.Checked, tr *sqlfilter.Translation, v variant) ([]int, string, error) {
	a := sqlfilter.NewArgs(f.d)
	from := sqlfilter.MachinesTable + " " + sqlfilter.M
	if v == noIndexes && f.d == sqlfilter.SQLite {
		from += " NOT INDEXED"
	}
	q := "SELECT " + sqlfilter.M + ".ord FROM " + from + " WHERE " + tr.Where(a, clock) + " ORDER BY " + sqlfilter.M + ".ord"
	conn, err := f.db.Conn(ctx)
	if err != nil {
		return nil, q, err
	}
	defer conn.Close()
	if f.d == sqlfilter.PostgreSQL && v != plain {
		set := "SET enable_indexscan = off; SET enable_bitmapscan = off"
		reset := "RESET enable_indexscan; RESET enable_bitmapscan"
		if v == generic {
			set, reset = "SET plan_cache_mode = force_generic_plan", "RESET plan_cache_mode"
		}
		if _, err := conn.ExecContext(ctx, set); err != nil {
			return nil, q, err
		}
		defer conn.ExecContext(ctx, reset)
	}
	rows, err := conn.QueryContext(ctx, q, a.Values()...)
	if err != nil {
		return nil, q, err
	}
	defer rows.Close()
	var p *eval.Program
	if !tr.Exact() {
		if p, err = eval.New(c, eval.WithClock(func() time.Time { return clock })); err != nil {
			return nil, q, err
		}
	}
	var ids []int
	for rows.Next() {
		var ord int
		if err := rows.Scan(&ord); err != nil {
			return nil, q, err
		}
		if p == nil || p.Match(&f.ms[ord]) {
			ids = append(ids, ord)
		}
	}
	return ids, q, rows.Err()
}

// triState runs SELECT ord, (T), (F) over every row.
func (f *fleetDB) triState(ctx context.Context, tr *sqlfilter.Translation) (ts, fs []bool, q string, err error) {
	a := sqlfilter.NewArgs(f.d)
	q = "SELECT " + sqlfilter.M + ".ord, (" + tr.Where(a, clock) + "), (" + tr.WhereFalse(a, clock) + ") FROM " +
		sqlfilter.MachinesTable + " " + sqlfilter.M + " ORDER BY " + sqlfilter.M + ".ord"
	rows, err := f.db.QueryContext(ctx, q, a.Values()...)
	if err != nil {
		return nil, nil, q, err
	}
	defer rows.Close()
	for rows.Next() {
		var ord int
		var t, fa sql.NullBool
		if err := rows.Scan(&ord, &t, &fa); err != nil {
			return nil, nil, q, err
		}
		ts, fs = append(ts, t.Valid && t.Bool), append(fs, fa.Valid && fa.Bool)
	}
	return ts, fs, q, rows.Err()
}

// disagreement checks c on f: the tri-state columns against eval's true,
// false and null (exactly when the translation is exact, as a superset
// otherwise), and the ids WHERE selects, re-checked, against eval's, also
// with indexes off and with generic plans. It returns "" when all agree.
func (f *fleetDB) disagreement(ctx context.Context, c *schema.Checked, variants bool) string {
	isTrue, isFalse, err := truths(c, f.ms)
	if err != nil {
		return "" // eval rejects it too (a too complex pattern)
	}
	tr, err := sqlfilter.Translate(c, f.d)
	if err != nil {
		return "Translate: " + err.Error()
	}
	var want []int
	for i, ok := range isTrue {
		if ok {
			want = append(want, i)
		}
	}
	ts, fs, q, err := f.triState(ctx, tr)
	if err != nil {
		return fmt.Sprintf("%s: tri-state query fails: %v\n  %s", f.d, err, q)
	}
	for i := range f.ms {
		bad := ts[i] != isTrue[i] || fs[i] != isFalse[i]
		if !tr.Exact() {
			bad = (isTrue[i] && !ts[i]) || (isFalse[i] && !fs[i])
		}
		if bad {
			raw, _ := f.ms[i].MarshalJSON()
			return fmt.Sprintf("%s: machine %d: SQL (T,F) = (%v,%v), eval (true,false) = (%v,%v); exact %v, residual %q\n  machine: %s\n  %s",
				f.d, i, ts[i], fs[i], isTrue[i], isFalse[i], tr.Exact(), tr.Residual(), raw, q)
		}
	}
	vs := []variant{plain}
	if variants {
		vs = append(vs, noIndexes)
		if f.d == sqlfilter.PostgreSQL {
			vs = append(vs, generic)
		}
	}
	for _, v := range vs {
		got, q, err := f.where(ctx, c, tr, v)
		if err != nil {
			return fmt.Sprintf("%s (variant %d): query fails: %v\n  %s", f.d, v, err, q)
		}
		if !slices.Equal(got, want) {
			return fmt.Sprintf("%s (variant %d): ids %v, eval %v\n  %s", f.d, v, got, want, q)
		}
	}
	return ""
}

// schemaIntact reports what is wrong with the tables after a test: both
// still there, with every machine and tag loaded.
func (f *fleetDB) schemaIntact(ctx context.Context) string {
	var n int
	if err := f.db.QueryRowContext(ctx, "SELECT count(*) FROM "+sqlfilter.MachinesTable).Scan(&n); err != nil {
		return err.Error()
	}
	if n != len(f.ms) {
		return fmt.Sprintf("%d machines, want %d", n, len(f.ms))
	}
	if err := f.db.QueryRowContext(ctx, "SELECT count(*) FROM "+sqlfilter.TagsTable).Scan(&n); err != nil {
		return err.Error()
	}
	tags := 0
	for i := range f.ms {
		tags += len(f.ms[i].MachineTags)
	}
	if n != tags {
		return fmt.Sprintf("%d tags, want %d", n, tags)
	}
	return ""
}

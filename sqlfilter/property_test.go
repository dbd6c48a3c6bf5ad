package sqlfilter_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fuzz"
	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// The differential properties run a fixed number of cases from a fixed
// seed, as package fuzz's do, and take the same knobs:
//
//	ODATAFILTER_PROPERTY_CASES=20000 ODATAFILTER_PROPERTY_SEED=7 go test ./sqlfilter
//	go test ./sqlfilter -sqlfilter.cases 20000
//
// The number is the filters of the main property per dialect (default
// 1000, with a few probes of each); the query property runs a third as many.
var flagCases = flag.Int("sqlfilter.cases", 0, "filters per dialect of the SQL-versus-eval property (default 1000; env ODATAFILTER_PROPERTY_CASES)")

const (
	defaultCases = 1000
	fleets       = 4  // fleets loaded per dialect; each filter runs on one
	fleetSize    = 40 // machines per fleet
	filterDepth  = 5
	defaultSeed  = 20240615
)

func cases() int {
	if *flagCases > 0 {
		return *flagCases
	}
	if v, err := strconv.Atoi(os.Getenv("ODATAFILTER_PROPERTY_CASES")); err == nil && v > 0 {
		return v
	}
	return defaultCases
}

func seed() int64 {
	if v, err := strconv.ParseInt(os.Getenv("ODATAFILTER_PROPERTY_SEED"), 10, 64); err == nil && v != 0 {
		return v
	}
	return defaultSeed
}

func parameters(n int) *gopter.TestParameters {
	p := gopter.DefaultTestParametersWithSeed(seed())
	p.MinSuccessfulTests = n
	p.Workers = 1
	return p
}

// genFleet generates n machines with fuzz's generator from seed.
func genFleet(seed int64, n int) []schema.Machine {
	p := gopter.DefaultGenParameters()
	p.Rng = rand.New(rand.NewSource(seed))
	return fuzz.GenMachines(n)(p).Result.(fuzz.Batch)
}

// loadFleets loads the property's fleets into d.
func loadFleets(t *testing.T, d sqlfilter.Dialect) []*fleetDB {
	var fs []*fleetDB
	for i := range fleets {
		fs = append(fs, loadFleet(t, d, genFleet(seed()+int64(i), fleetSize)))
	}
	return fs
}

// TestPropertySQLMatchesEval holds SQL to eval over random fleets
// (fuzz.GenMachines) loaded into SQLite and PostgreSQL, in two properties
// that share the fleets:
//
//   - filters: for random filters (fuzz.GenFilter) and a few Boolean
//     sub-expressions of each, the translation's true-when and false-when
//     columns agree with eval's true, false and null on every row (exactly,
//     or as supersets when residual), and the ids WHERE selects, re-checked
//     by eval when residual, are eval's, in order, also with indexes off
//     and (PostgreSQL) with generic plans;
//   - queries: random query strings (fuzz.GenQuery: a filter, $top, $skip,
//     parameter aliases) give eval's Apply, in order: SQL pages with LIMIT
//     and OFFSET when the translation is exact, and eval re-checks the
//     candidates and pages in Go when it is not.
func TestPropertySQLMatchesEval(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			fs := loadFleets(t, d)
			t.Run("filters", func(t *testing.T) { filterProperty(t, d, fs) })
			t.Run("queries", func(t *testing.T) { queryProperty(t, d, fs) })
		})
	}
}

func filterProperty(t *testing.T, d sqlfilter.Dialect, fs []*fleetDB) {
	n := cases()
	ctx := context.Background()
	exact, total, rejected := 0, 0, 0
	ps := gopter.NewProperties(parameters(n))
	ps.Property("SQL equals eval", prop.ForAll(func(f string, i int) string {
		c, err := checkFilter(schema.Machines, f)
		if err != nil { // a parser limit (lambdas nested too deep): eval rejects it too
			rejected++
			return ""
		}
		if tr, err := sqlfilter.Translate(c, d); err == nil {
			total++
			if tr.Exact() {
				exact++
			}
		}
		if msg := fs[i].disagreement(ctx, c, true); msg != "" {
			return msg + "\n  filter: " + f
		}
		// A residual part hides the parts around it behind a
		// superset: probe a few Boolean sub-expressions on their own.
		r := rand.New(rand.NewSource(int64(len(f))))
		for _, probe := range probes(c, r, 3) {
			pc, err := checkFilter(schema.Machines, probe)
			if err != nil {
				continue // it uses a range variable
			}
			if tr, err := sqlfilter.Translate(pc, d); err == nil {
				total++
				if tr.Exact() {
					exact++
				}
			}
			if msg := fs[i].disagreement(ctx, pc, false); msg != "" {
				return msg + "\n  probe: " + probe + "\n  of filter: " + f
			}
		}
		return ""
	}, fuzz.GenFilter(filterDepth), gen.IntRange(0, fleets-1)))
	start := time.Now()
	ps.TestingRun(t)
	t.Logf("%d filters and probes over %d fleets of %d machines in %v (seed %d); %d translated exactly; %d filters rejected by the parser's limits",
		total, fleets, fleetSize, time.Since(start).Round(time.Millisecond), seed(), exact, rejected)
}

func queryProperty(t *testing.T, d sqlfilter.Dialect, fs []*fleetDB) {
	n := max(1, cases()/3)
	ctx := context.Background()
	ps := gopter.NewProperties(parameters(n))
	ps.Property("paged SQL equals Apply", prop.ForAll(func(q string, i int) string {
		c, err := checkQuery(q)
		if err != nil { // a parser limit: eval rejects it too
			return ""
		}
		p, err := eval.New(c, eval.WithClock(func() time.Time { return clock }))
		if err != nil {
			return "" // eval rejects it too (a too complex pattern)
		}
		f := fs[i]
		var want []int // the ords of Apply's copies, found in order
		next := 0
		for _, m := range p.Apply(f.ms) {
			for next < len(f.ms) && !sameMachine(&f.ms[next], &m) {
				next++
			}
			want = append(want, next)
			next++
		}
		got, stmt, err := f.page(ctx, c)
		if err != nil {
			return fmt.Sprintf("%v\n  %s\n  query: %s", err, stmt, q)
		}
		if !slices.Equal(got, want) {
			return fmt.Sprintf("ids %v, Apply %v\n  %s\n  query: %s", got, want, stmt, q)
		}
		return ""
	}, fuzz.GenQuery(), gen.IntRange(0, fleets-1)))
	start := time.Now()
	ps.TestingRun(t)
	t.Logf("%d queries in %v (seed %d)", n, time.Since(start).Round(time.Millisecond), seed())
}

// sameMachine reports whether a and b encode alike (Apply returns copies).
func sameMachine(a, b *schema.Machine) bool {
	x, _ := a.MarshalJSON()
	y, _ := b.MarshalJSON()
	return string(x) == string(y)
}

// page answers c's $filter, $skip and $top as the store does.
func (f *fleetDB) page(ctx context.Context, c *schema.Checked) ([]int, string, error) {
	tr, err := sqlfilter.Translate(c, f.d)
	if err != nil {
		return nil, "", err
	}
	top, hasTop := c.Query.Top, c.Query.HasTop
	skip := c.Query.Skip
	a := sqlfilter.NewArgs(f.d)
	q := "SELECT m.ord FROM machines m WHERE " + tr.Where(a, clock) + " ORDER BY m.ord"
	if tr.Exact() {
		limit := int64(-1) // SQLite: no limit
		if hasTop {
			limit = top
		}
		if f.d == sqlfilter.PostgreSQL {
			q += " LIMIT " + a.Bind(nullIfNegative(limit)) + " OFFSET " + a.Bind(skip)
		} else {
			q += " LIMIT " + a.Bind(limit) + " OFFSET " + a.Bind(skip)
		}
	}
	rows, err := f.db.QueryContext(ctx, q, a.Values()...)
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
		if p == nil {
			ids = append(ids, ord)
			continue
		}
		if !p.Match(&f.ms[ord]) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		if hasTop && int64(len(ids)) >= top {
			break
		}
		ids = append(ids, ord)
	}
	return ids, q, rows.Err()
}

// nullIfNegative is PostgreSQL's LIMIT NULL (no limit) for -1.
func nullIfNegative(n int64) any {
	if n < 0 {
		return nil
	}
	return n
}

// probes returns up to n Boolean sub-expressions of c's filter, as text.
func probes(c *schema.Checked, r *rand.Rand, n int) []string {
	var subs []string
	ast.Inspect(c.Filter(), func(x ast.Node) bool {
		if e, ok := x.(ast.Expr); ok && e != c.Filter() && c.Types[e] == schema.TypeBoolean {
			subs = append(subs, ast.Format(e))
		}
		return true
	})
	r.Shuffle(len(subs), func(i, j int) { subs[i], subs[j] = subs[j], subs[i] })
	return subs[:min(n, len(subs))]
}

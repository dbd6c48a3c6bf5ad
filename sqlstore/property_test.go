package sqlstore_test

import (
	"bytes"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leanovate/gopter"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fuzz"
	"github.com/odatafilter/odatafilter/internal/sqltest"
	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// propertyCases is the number of random queries of TestStoreAgreesWithEvaluator
// in each variant: 240 (24 under the race detector), or
// ODATAFILTER_PROPERTY_CASES/8 (the fuzz package's properties default to
// 5000 cases).
func propertyCases() int {
	if v, err := strconv.Atoi(os.Getenv("ODATAFILTER_PROPERTY_CASES")); err == nil && v > 0 {
		return max(1, v/8)
	}
	if raceEnabled {
		return 24
	}
	return 240
}

func propertySeed() int64 {
	if v, err := strconv.ParseInt(os.Getenv("ODATAFILTER_PROPERTY_SEED"), 10, 64); err == nil && v != 0 {
		return v
	}
	return 20260101
}

// TestStoreAgreesWithEvaluator: random fleets from fuzz's machine
// generator (nulls, quotes, non-ASCII, Int64 edges, many offsets) are
// loaded, and random raw queries from fuzz's query generator (filters of
// both models, $top, $skip, aliases) give, byte for byte and in order, the
// records odatafilter.Query selects from the export. In SQLite and
// PostgreSQL, each also with the indexes dropped, and PostgreSQL with
// plan_cache_mode=force_generic_plan: the plan must not change an answer.
func TestStoreAgreesWithEvaluator(t *testing.T) {
	const fleets, fleetSize = 4, 80
	perFleet := max(1, propertyCases()/fleets)
	variants := []struct {
		name      string
		url       func(t testing.TB) string
		noIndexes bool
	}{
		{"sqlite", func(t testing.TB) string { return "sqlite:" + sqltest.SQLitePath(t) }, false},
		{"sqlite-no-indexes", func(t testing.TB) string { return "sqlite:" + sqltest.SQLitePath(t) }, true},
		{"postgresql", sqltest.PostgresURL, false},
		{"postgresql-no-indexes", sqltest.PostgresURL, true},
		{"postgresql-generic-plans", func(t testing.TB) string { return sqltest.PostgresURL(t) + "&plan_cache_mode=force_generic_plan" }, false},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			params := gopter.DefaultGenParameters()
			params.Rng = rand.New(rand.NewSource(propertySeed()))
			failures, compiled, selecting := 0, 0, 0
			for f := range fleets {
				fleet := fuzz.GenMachines(fleetSize)(params).Result.(fuzz.Batch)
				var input bytes.Buffer
				for i := range fleet {
					b, err := fleet[i].MarshalJSON()
					if err != nil {
						t.Fatal(err)
					}
					input.Write(b)
					input.WriteByte('\n')
				}
				st := loaded(t, v.url(t), input.Bytes()) // a new database or schema each fleet
				if v.noIndexes {
					dropIndexes(t, st)
				}
				for range perFleet {
					raw := fuzz.GenQuery()(params).Result.(string)
					prog, err := eval.Compile(raw, eval.WithModel(schema.Machines2021),
						eval.WithClock(func() time.Time { return fuzz.TestClock }), eval.WithMaxSteps(-1))
					if err != nil {
						continue // the generator makes a few queries the checker refuses
					}
					compiled++
					want := evalAnswer(t, prog, input.Bytes())
					if len(want) > 0 {
						selecting++
					}
					got := storeAnswer(t, st, prog, sqlstore.QueryOptions{Now: fuzz.TestClock})
					if !bytes.Equal(got, want) {
						t.Errorf("fleet %d (seed %d), query %s:\nthe store selects %d records, the evaluator %d",
							f, propertySeed(), raw, bytes.Count(got, []byte("\n")), bytes.Count(want, []byte("\n")))
						if failures++; failures == 5 {
							t.FailNow()
						}
					}
				}
			}
			// The property says something only if most queries run and
			// many select records.
			if total := fleets * perFleet; compiled < total*8/10 || selecting < compiled/4 {
				t.Errorf("of %d queries, %d compiled and %d selected records: the generators have drifted", total, compiled, selecting)
			}
		})
	}
}

// dropIndexes drops the layout's secondary indexes, so that the planner
// scans: the answers must not change.
func dropIndexes(t *testing.T, st *sqlstore.Store) {
	t.Helper()
	for _, stmt := range sqlfilter.Schema(st.Dialect()) {
		name, ok := strings.CutPrefix(stmt, "CREATE INDEX IF NOT EXISTS ")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, " ")
		if _, err := st.DB().Exec("DROP INDEX " + name); err != nil {
			t.Fatal(err)
		}
	}
}

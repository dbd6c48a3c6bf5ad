package sqlstore_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"strconv"
	"testing"

	"github.com/odatafilter/odatafilter"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/internal/sqltest"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// benchMachines is the size of the benchmarks' fleet: 20,000 generated
// machines, or ODATAFILTER_BENCH_MACHINES.
func benchMachines() int {
	if v, err := strconv.Atoi(os.Getenv("ODATAFILTER_BENCH_MACHINES")); err == nil && v > 0 {
		return v
	}
	return 20000
}

func benchFleet(b *testing.B) []byte {
	var buf bytes.Buffer
	if err := fleet.Generate(&buf, benchMachines(), 7, true); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// benchDialects runs f for SQLite and PostgreSQL.
func benchDialects(b *testing.B, f func(b *testing.B, url func() string)) {
	b.Run("sqlite", func(b *testing.B) { f(b, func() string { return "sqlite:" + sqltest.SQLitePath(b) }) })
	b.Run("postgresql", func(b *testing.B) { f(b, func() string { return sqltest.PostgresURL(b) }) })
}

// BenchmarkLoad loads the fleet into a new database each iteration and
// reports machines a second.
//
//	ODATAFILTER_TEST_PG=... go test ./sqlstore -run XXX -bench Load -benchmem
func BenchmarkLoad(b *testing.B) {
	input := benchFleet(b)
	benchDialects(b, func(b *testing.B, url func() string) {
		for b.Loop() {
			b.StopTimer()
			st, err := sqlstore.Create(context.Background(), url())
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := st.Load(context.Background(), bytes.NewReader(input)); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(benchMachines())*float64(b.N)/b.Elapsed().Seconds(), "machines/s")
	})
}

// benchFilters are the README's four benchmark filters and selective ones.
var benchFilters = []struct{ name, query string }{
	{"riskHigh", "$filter=riskScore eq 'High'"},
	{"healthAndGroup", "$filter=healthStatus ne 'Active' and rbacGroupId eq 140"},
	{"startsOrTag", "$filter=startswith(computerDnsName,'mymachine') or machineTags/any(t: t eq 'test tag 1')"},
	{"compound", "$filter=lastSeen gt 2018-08-01T00:00:00Z and (osPlatform eq 'Windows10' or osPlatform eq 'Windows11') and not (riskScore in ('Low','None'))"},
	{"idEq", "$filter=id eq 'no-such-id'"},
	{"dnsStartswith", "$filter=startswith(computerDnsName,'desktop-2w')"},
	{"top10", "$top=10"},
	{"all", ""},
}

// BenchmarkQuery runs each filter over the fleet in memory
// (odatafilter.Query over its NDJSON, as query FILE does) and over the
// store in each dialect, writing NDJSON to io.Discard: compare the
// sub-benchmarks of one run.
func BenchmarkQuery(b *testing.B) {
	input := benchFleet(b)
	progs := make([]*eval.Program, len(benchFilters))
	for i, f := range benchFilters {
		p, err := eval.Compile(f.query)
		if err != nil {
			b.Fatal(err)
		}
		progs[i] = p
	}
	b.Run("memory", func(b *testing.B) {
		for i, f := range benchFilters {
			b.Run(f.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := odatafilter.Query(context.Background(), progs[i], bytes.NewReader(input), io.Discard, odatafilter.Options{NDJSON: true}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
	benchDialects(b, func(b *testing.B, url func() string) {
		st, err := sqlstore.Create(context.Background(), url())
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		if _, err := st.Load(context.Background(), bytes.NewReader(input)); err != nil {
			b.Fatal(err)
		}
		for i, f := range benchFilters {
			b.Run(f.name, func(b *testing.B) {
				for b.Loop() {
					for _, err := range st.Query(context.Background(), progs[i], sqlstore.QueryOptions{}) {
						if err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	})
}

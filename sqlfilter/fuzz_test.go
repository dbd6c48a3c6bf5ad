package sqlfilter_test

import (
	"context"
	"testing"

	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// FuzzSQLite: a fuzzed filter over a fixed fleet (the hostile corpus's
// machines and 30 generated ones) in SQLite gives eval's answers, tri-state
// and ids, with indexes and without; or the checker (or eval) rejects it,
// for both. Its seeds are the corpus's filters and the sargable forms;
// .ci/run fuzzes it for 15 s:
//
//	go test ./sqlfilter -run XXX -fuzz FuzzSQLite -fuzztime 15s
func FuzzSQLite(f *testing.F) {
	ms := append(hostileFleet(), genFleet(1, 30)...)
	fleet := loadFleet(f, sqlfilter.SQLite, ms)
	for i, s := range hostileFilters() {
		if i%7 == 0 {
			f.Add(s)
		}
	}
	for _, s := range sargable {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := checkFilter(schema.Machines, s)
		if err != nil {
			return // rejected, for eval as for SQL
		}
		if msg := fleet.disagreement(context.Background(), c, true); msg != "" {
			t.Errorf("%s\n  filter: %q", msg, s)
		}
	})
}

package sqlfilter_test

import (
	"context"
	"os"
	"testing"

	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

func TestDebug(t *testing.T) {
	s := os.Getenv("F")
	if s == "" {
		t.Skip("no F")
	}
	c, err := checkFilter(schema.Machines, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dialects {
		tr, _ := sqlfilter.Translate(c, d)
		a := sqlfilter.NewArgs(d)
		t.Logf("%s: %s %v exact=%v", d, tr.Where(a, clock), a.Values(), tr.Exact())
		for i := range 4 {
			f := loadFleet(t, d, genFleet(seed()+int64(i), fleetSize))
			if msg := f.disagreement(context.Background(), c, true); msg != "" {
				t.Errorf("%s", msg)
			}
		}
	}
}

package sqlfilter_test

import (
	"context"
	"github.com/leanovate/gopter"
	"github.com/odatafilter/odatafilter/fuzz"
	"os"
	"strings"
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

func TestDebugResidual(t *testing.T) {
	if os.Getenv("R") == "" {
		t.Skip("no R")
	}
	counts := map[string]int{}
	examples := map[string]string{}
	p := gopter.DefaultGenParameters()
	g := fuzz.GenFilter(3)
	for range 5000 {
		f := g(p).Result.(string)
		c, err := checkFilter(schema.Machines, f)
		if err != nil {
			continue
		}
		tr, _ := sqlfilter.Translate(c, sqlfilter.SQLite)
		for _, r := range tr.Residual() {
			key := r
			if i := strings.IndexAny(key, "( "); i > 0 {
				key = key[:i]
			}
			counts[key]++
			if len(r) < len(examples[key]) || examples[key] == "" {
				examples[key] = r
			}
		}
	}
	for k, n := range counts {
		t.Logf("%5d %-20s %s", n, k, examples[k])
	}
}

package fuzz

import (
	"fmt"
	"math/rand"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// TestSurvey is not a property: it runs many generated filters, keeps going
// past failures, shrinks each disagreement between eval and the reference
// and prints the distinct minimal ones. It is for people hunting bugs:
//
//	ODATAFILTER_SURVEY=5000 go test ./fuzz -run TestSurvey -v
func TestSurvey(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ODATAFILTER_SURVEY"))
	if n <= 0 {
		t.Skip("set ODATAFILTER_SURVEY=N to survey N generated filters")
	}
	r := rand.New(rand.NewSource(seed()))
	found := map[string]string{}
	var filters []string
	for i := 0; i < n; i++ {
		f := newExprGen(r).filter(filterDepth)
		filters = append(filters, f)
		if c, err := checkText(f); err == nil {
			filters = append(filters, probes(c, r, 3)...)
		}
	}
	for _, f := range filters {
		ms := randomBatch(r, batchSize)
		c, err := checkText(f)
		if err != nil {
			continue // a probe that uses a range variable
		}
		p, err := eval.New(c, eval.WithClock(clock))
		if err != nil {
			// one finding per message (offsets removed), the shortest filter
			class := func(err error) string { return regexp.MustCompile(`offset \d+: `).ReplaceAllString(err.Error(), "") }
			key := "eval.New: " + class(err)
			mf, _ := minimize(f, ms[0], func(s string, _ *schema.Machine) bool {
				c, err2 := checkText(s)
				if err2 != nil {
					return false
				}
				_, err2 = eval.New(c, eval.WithClock(clock))
				return err2 != nil && class(err2) == class(err)
			})
			if old, ok := found[key]; !ok || len(mf) < len(old) {
				found[key] = mf
			}
			continue
		}
		for j := range ms {
			if msg := disagreement(c, p, &ms[j]); msg != "" {
				mf, mm := minimize(f, ms[j], disagrees)
				c2, _ := checkText(mf)
				p2, _ := eval.New(c2, eval.WithClock(clock))
				found["disagree: "+mf] = fmt.Sprintf("%s on %s", disagreement(c2, p2, &mm), machineJSON(&mm))
				break
			}
		}
	}
	for i := 0; i < n/4; i++ {
		q := randomQuery(r, filterDepth)
		ms := randomBatch(r, batchSize)
		pq, err := parser.ParseQuery(q)
		if err != nil {
			continue
		}
		c, err := schema.Check(pq)
		if err != nil {
			continue
		}
		p, err := eval.Compile(q, eval.WithClock(clock))
		if err != nil {
			continue // the filters' eval.New failures are listed above
		}
		if !sameMachines(p.Apply(ms), ApplyReference(c, TestClock, ms)) {
			key := "query: " + strings.Join(aliasKinds(pq), ",")
			if old, ok := found[key]; !ok || len(q) < len(old) {
				found[key] = q
			}
		}
	}
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%s\n    %s", k, found[k])
	}
	t.Logf("%d distinct findings in %d filters", len(keys), n)
}

// aliasKinds classifies a query by what its aliases hold, to group the
// survey's query findings.
func aliasKinds(q *ast.Query) []string {
	kinds := []string{"filter"}
	for _, a := range q.Aliases {
		kinds = append(kinds, fmt.Sprintf("%T", a.Value))
	}
	return kinds
}

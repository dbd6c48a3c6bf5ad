package fuzz

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/leanovate/gopter"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// The property tests run a fixed number of cases from a fixed seed, so CI is
// reproducible; both can be raised or changed:
//
//	go test ./fuzz -fuzz.cases 20000 -fuzz.seed 7
//	ODATAFILTER_PROPERTY_CASES=20000 ODATAFILTER_PROPERTY_SEED=7 go test ./fuzz
//
// -fuzz.cases (or the variable) is the number of cases of the largest
// properties; the others scale with it.
var (
	flagCases = flag.Int("fuzz.cases", 0, "cases of the eval-versus-reference property (default 5000, the others in proportion; env ODATAFILTER_PROPERTY_CASES)")
	flagSeed  = flag.Int64("fuzz.seed", 0, "seed of the property tests (default fixed; env ODATAFILTER_PROPERTY_SEED)")
)

const (
	defaultCases = 5000 // generated filters of the eval-versus-reference property
	otherCases   = 2000 // cases of each other property
	defaultSeed  = 20240615
	batchSize    = 50 // machines per generated filter
	filterDepth  = 5
)

// cases returns the number of cases of a property whose default is def;
// -fuzz.cases N scales every default by N/defaultCases.
func cases(def int) int {
	n := *flagCases
	if n == 0 {
		if v, err := strconv.Atoi(os.Getenv("ODATAFILTER_PROPERTY_CASES")); err == nil && v > 0 {
			n = v
		}
	}
	if n == 0 {
		return def
	}
	return max(1, def*n/defaultCases)
}

func seed() int64 {
	if *flagSeed != 0 {
		return *flagSeed
	}
	if v, err := strconv.ParseInt(os.Getenv("ODATAFILTER_PROPERTY_SEED"), 10, 64); err == nil && v != 0 {
		return v
	}
	return defaultSeed
}

// parameters returns gopter parameters for n cases from the run's seed, on
// one worker (more would share the RNG and lose reproducibility).
func parameters(n int) *gopter.TestParameters {
	p := gopter.DefaultTestParametersWithSeed(seed())
	p.MinSuccessfulTests = n
	p.Workers = 1
	return p
}

// run runs the properties and prints how to reproduce a failure.
func run(t *testing.T, ps *gopter.Properties, n int) {
	t.Helper()
	start := time.Now()
	ps.TestingRun(t)
	if !t.Failed() {
		t.Logf("%d cases in %v (seed %d)", n, time.Since(start).Round(time.Millisecond), seed())
	} else {
		more := ""
		if n := *flagCases; n != 0 {
			more = fmt.Sprintf(" -fuzz.cases %d", n)
		}
		t.Logf("reproduce with: go test ./fuzz -run '^%s$' -fuzz.seed %d%s", t.Name(), seed(), more)
	}
}

func clock() time.Time { return TestClock }

// checkText parses and checks a bare filter.
func checkText(s string) (*schema.Checked, error) {
	e, err := parser.ParseFilter(s)
	if err != nil {
		return nil, err
	}
	return schema.CheckFilter(e)
}

// machineJSON renders m for a report.
func machineJSON(m *schema.Machine) string {
	b, err := m.MarshalJSON()
	if err != nil {
		return fmt.Sprintf("%+v (MarshalJSON: %v)", *m, err)
	}
	return string(b)
}

func showResult(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(v)
}

// disagreement describes a filter and machine on which eval and the
// reference differ, or "" when they agree. It also fails on a panic in
// either, recovered and described.
func disagreement(c *schema.Checked, p *eval.Program, m *schema.Machine) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("panic: %v\n  filter: %s", r, ast.Format(c.Query.Filter))
		}
	}()
	want := Eval(c, TestClock, m)
	got := p.Match(m)
	if got == (want == true) {
		return ""
	}
	return fmt.Sprintf("eval Match = %v, reference = %s", got, showResult(want))
}

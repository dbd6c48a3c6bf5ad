package eval_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// The attacks of issue 11, as filters.

// nestedLambdas is machineTags/any(t0: machineTags/any(t1: ... t0 eq 'x')),
// depth lambdas deep: its work is len(machineTags)^depth per record.
func nestedLambdas(depth int) string {
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, "machineTags/any(t%d: ", i)
	}
	b.WriteString("t0 eq 'x'")
	b.WriteString(strings.Repeat(")", depth))
	return b.String()
}

// computedPattern makes matchesPattern compile a pattern computed from the
// record: before, once per record.
const computedPattern = "matchesPattern(computerDnsName,concat(computerDnsName,'([a-z]{0,100}[0-9]{0,100}){1,5}'))"

// hugePattern is under 4 KB and compiles to more than half a million
// instructions.
var hugePattern = "matchesPattern(computerDnsName,'" + strings.Repeat("[a-z]{0,1000}", 300) + "')"

func taggedMachines(n, tags int) []schema.Machine {
	ms := make([]schema.Machine, n)
	for i := range ms {
		ts := make([]string, tags)
		for j := range ts {
			ts[j] = fmt.Sprintf("tag%d", j)
		}
		ms[i] = schema.Machine{
			ID:              schema.StringValue(fmt.Sprintf("m%d", i)),
			ComputerDNSName: schema.StringValue(fmt.Sprintf("host%d.contoso.com", i)),
			MachineTags:     ts,
		}
	}
	return ms
}

func codeOf(t *testing.T, err error) (ast.Code, ast.Span) {
	t.Helper()
	var ds ast.Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 {
		t.Fatalf("error %v is not diagnostics", err)
	}
	return ds[0].Code, ds[0].Span
}

func TestDeepLambdasAreRejected(t *testing.T) {
	depth := parser.DefaultLimits.MaxLambdaDepth
	if _, err := eval.CompileFilter(nestedLambdas(depth)); err != nil {
		t.Fatalf("depth %d (the limit): %v", depth, err)
	}
	f := nestedLambdas(depth + 1)
	_, err := eval.CompileFilter(f)
	code, span := codeOf(t, err)
	innermost := strings.LastIndex(f, "machineTags/any(")
	if code != ast.CodeTooDeep || span.Start != innermost {
		t.Errorf("depth %d: %s at %v, want too_deep at the innermost lambda (%d)", depth+1, code, span, innermost)
	}
	// Through an alias, the lambda counts where it is used.
	q := "$filter=machineTags/any(a: machineTags/any(b: @p))&@p=machineTags/any(c: machineTags/any(d: d eq a))"
	if _, err := eval.Compile(q); err == nil {
		t.Errorf("%s: compiled; want too_deep", q)
	} else if code, _ := codeOf(t, err); code != ast.CodeTooDeep {
		t.Errorf("%s: %s, want too_deep", q, code)
	}
	// The limit is the caller's to raise.
	if _, err := eval.CompileFilter(nestedLambdas(12), eval.WithLimits(parser.Limits{MaxLambdaDepth: 12})); err != nil {
		t.Errorf("depth 12 with MaxLambdaDepth 12: %v", err)
	}
}

func TestHugePatternsAreRejected(t *testing.T) {
	for _, f := range []string{
		hugePattern,
		// folded from constants: the planner's check
		"matchesPattern(computerDnsName,concat('[a-z]{0,1000}','" + strings.Repeat("[0-9]{0,1000}", 10) + "'))",
		// together: each fits, all of them do not
		strings.Repeat("matchesPattern(id,'[a-z]{0,1000}') or ", 5) + "true",
	} {
		_, err := eval.CompileFilter(f)
		if code, _ := codeOf(t, err); code != ast.CodeTooComplex {
			t.Errorf("%.60s...: %s, want too_complex", f, code)
		}
	}
	q := "$filter=matchesPattern(id,@p)&@p='" + strings.Repeat("[a-z]{0,1000}", 20) + "'"
	_, err := eval.Compile(q)
	code, span := codeOf(t, err)
	if code != ast.CodeTooComplex || span.Start != strings.Index(q, "@p='")+3 {
		t.Errorf("alias: %s at %v, want too_complex at the alias's value", code, span)
	}
	if _, err := eval.CompileFilter("matchesPattern(id,'^[0-9a-f]{40}$')"); err != nil {
		t.Errorf("an ordinary pattern: %v", err)
	}
}

func TestBudgetCutsOffARecord(t *testing.T) {
	// 300 tags, three lambdas deep: 27 million steps for the one record.
	ms := taggedMachines(1, 300)
	p, err := eval.CompileFilter(nestedLambdas(3))
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.MatchContext(context.Background(), &ms[0])
	var be *eval.BudgetError
	if !errors.As(err, &be) || be.Steps != eval.DefaultMaxSteps {
		t.Fatalf("MatchContext: %v, want a BudgetError of %d steps", err, eval.DefaultMaxSteps)
	}
	if _, err := p.ApplyContext(context.Background(), ms); !errors.As(err, &be) {
		t.Errorf("ApplyContext: %v, want a BudgetError", err)
	}
	// Raised, the same record is evaluated to the end.
	p, _ = eval.CompileFilter(nestedLambdas(3), eval.WithMaxSteps(100_000_000))
	if ok, err := p.MatchContext(context.Background(), &ms[0]); ok || err != nil {
		t.Errorf("with a larger budget: %v, %v; want false, nil", ok, err)
	}
}

func TestContextIsObservedInsideARecord(t *testing.T) {
	// One record whose evaluation takes about 3 * 10^9 steps, with no
	// budget: only the context can stop it.
	ms := taggedMachines(1, 1500)
	p, err := eval.CompileFilter(nestedLambdas(3), eval.WithMaxSteps(-1))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() {
		_, err := p.MatchContext(ctx, &ms[0])
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("MatchContext: %v, want context.Canceled", err)
		}
	case <-time.After(20 * time.Second): // the evaluation would take about 30 s
		t.Fatal("MatchContext did not stop when its context was canceled")
	}
	for m, err := range p.AllContext(ctx, func(yield func(*schema.Machine) bool) { yield(&ms[0]) }) {
		if m != nil || !errors.Is(err, context.Canceled) {
			t.Errorf("AllContext after cancel: %v, %v", m, err)
		}
	}
}

func TestComputedPatternIsCutOff(t *testing.T) {
	ms := taggedMachines(300, 2)
	p, err := eval.CompileFilter(computedPattern)
	if err != nil {
		t.Fatal(err)
	}
	// Each name followed by nothing matches the pattern made of it.
	got, err := p.ApplyContext(context.Background(), ms)
	if err != nil || len(got) != len(ms) {
		t.Errorf("ApplyContext: %d records, %v; want %d, nil", len(got), err, len(ms))
	}
	// A pattern computed past the limit is null, as an invalid one is.
	p, _ = eval.CompileFilter("matchesPattern(id,concat(id,'" + strings.Repeat("[a-z]{0,1000}", 20) + "'))")
	if got := p.Apply(ms); len(got) != 0 {
		t.Errorf("a computed pattern over the limit matched %d records", len(got))
	}
	// The same computed pattern matches as a constant one does.
	p, _ = eval.CompileFilter("matchesPattern(id,concat('^m','1$'))")
	q, _ := eval.CompileFilter("matchesPattern(id,concat(substring(id,0,1),'1$'))")
	if a, b := len(p.Apply(ms)), len(q.Apply(ms)); a != 1 || b != 1 {
		t.Errorf("constant pattern: %d records, computed: %d; want 1 and 1", a, b)
	}
}

func TestContextMethodsAgreeWithMatch(t *testing.T) {
	ms := sample(t)
	for _, f := range []string{"riskScore eq 'High'", "machineTags/any(t: t eq 'a')", "not (rbacGroupId eq 140)",
		"machineTags/any(t: machineTags/any(u: u eq t))", "lastSeen lt now()", "matchesPattern(computerDnsName,'^my')"} {
		p, err := eval.CompileFilter(f, eval.WithClock(func() time.Time { return fixedNow }))
		if err != nil {
			t.Fatal(f, err)
		}
		want := p.Apply(ms)
		got, err := p.ApplyContext(context.Background(), ms)
		if err != nil || len(got) != len(want) {
			t.Errorf("%s: ApplyContext %d records, %v; Apply %d", f, len(got), err, len(want))
		}
		for i := range ms {
			ok, err := p.MatchContext(context.Background(), &ms[i])
			if err != nil || ok != p.Match(&ms[i]) {
				t.Errorf("%s, record %d: MatchContext %v, %v; Match %v", f, i, ok, err, p.Match(&ms[i]))
			}
		}
	}
}

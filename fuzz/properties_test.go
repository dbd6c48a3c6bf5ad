package fuzz

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// TestPropertyCheckerAccepts: the parser and the checker accept every
// generated filter and query string. It keeps the generators honest: a
// generator that drifted from the language would make the other
// properties vacuous.
func TestPropertyCheckerAccepts(t *testing.T) {
	t.Parallel()
	n := cases(otherCases)
	ps := gopter.NewProperties(parameters(n))
	ps.Property("filters check", prop.ForAll(func(f string) string {
		if _, err := checkText(f); err != nil {
			return fmt.Sprintf("rejected: %v", err)
		}
		return ""
	}, GenFilter(filterDepth)))
	ps.Property("queries check", prop.ForAll(func(q string) string {
		pq, err := parser.ParseQuery(q)
		if err != nil {
			return fmt.Sprintf("parse: %v", err)
		}
		if _, err := schema.Check(pq); err != nil {
			return fmt.Sprintf("check: %v", err)
		}
		return ""
	}, GenQuery()))
	run(t, ps, 2*n)
}

// TestPropertyPrintParse: printing a parsed filter (ast.Format) and parsing
// the text again gives the same tree (ast.Debug), and printing is a fixed
// point. Generated filters carry redundant parentheses, mixed-case keywords
// and spacing that the printer normalises.
func TestPropertyPrintParse(t *testing.T) {
	t.Parallel()
	n := cases(otherCases)
	ps := gopter.NewProperties(parameters(n))
	ps.Property("format re-parses to the same tree", prop.ForAll(func(f string) string {
		return roundTrip(f)
	}, GenFilter(filterDepth)))
	run(t, ps, n)
}

// roundTrip checks print-then-parse on a filter that parses; "" when it
// holds or the filter does not parse.
func roundTrip(f string) string {
	e, err := parser.ParseFilter(f)
	if err != nil {
		return ""
	}
	text := ast.Format(e)
	e2, err := parser.ParseFilter(text)
	if err != nil {
		return fmt.Sprintf("canonical form %q does not parse: %v", text, err)
	}
	if a, b := ast.Debug(e), ast.Debug(e2); a != b {
		return fmt.Sprintf("canonical form %q re-parses differently:\n  %s\n  %s", text, a, b)
	}
	if again := ast.Format(e2); again != text {
		return fmt.Sprintf("format is not a fixed point: %q then %q", text, again)
	}
	return ""
}

// TestPropertyEvalMatchesReference: eval's Match agrees with the reference
// on every generated filter and every machine of a generated batch, with
// the same fixed clock; Apply without $top and $skip keeps exactly the
// machines the reference keeps. A failure names the smallest filter and
// record found by shrinking the generated ones.
func TestPropertyEvalMatchesReference(t *testing.T) {
	t.Parallel()
	n := cases(defaultCases)
	ps := gopter.NewProperties(parameters(n))
	ps.Property("Match equals the reference", prop.ForAll(func(f string, ms Batch) string {
		c, err := checkText(f)
		if err != nil {
			return fmt.Sprintf("rejected: %v", err)
		}
		p, err := eval.New(c, eval.WithClock(clock))
		if err != nil {
			return fmt.Sprintf("eval.New: %v", err)
		}
		for i := range ms {
			if msg := disagreement(c, p, &ms[i]); msg != "" {
				return report(f, ms[i], msg)
			}
		}
		if got, want := p.Apply(ms), ApplyReference(c, TestClock, ms); !sameMachines(got, want) {
			return fmt.Sprintf("Apply keeps %d machines, the reference %d\n  filter: %s", len(got), len(want), f)
		}
		// Match sees only true or not true. Probing a few sub-expressions
		// (S and not S tell true, false and null apart; S eq null finds a
		// wrong null inside) checks the values that the whole filter hides.
		r := rand.New(rand.NewSource(int64(len(f))))
		for _, probe := range probes(c, r, 3) {
			pc, err := checkText(probe)
			if err != nil {
				continue // the sub-expression uses a range variable
			}
			pp, err := eval.New(pc, eval.WithClock(clock))
			if err != nil {
				return fmt.Sprintf("eval.New(%s): %v", probe, err)
			}
			for i := range ms {
				if msg := disagreement(pc, pp, &ms[i]); msg != "" {
					return report(probe, ms[i], msg+" (a probe of "+f+")")
				}
			}
		}
		return ""
	}, GenFilter(filterDepth), GenMachines(batchSize)))
	run(t, ps, n)
}

// probes returns up to n filters made of sub-expressions of c's filter:
// a Boolean S gives S and not (S), any other single value S gives
// (S) eq null.
func probes(c *schema.Checked, r *rand.Rand, n int) []string {
	var subs []ast.Expr
	ast.Inspect(c.Query.Filter, func(x ast.Node) bool {
		if e, ok := x.(ast.Expr); ok && e != c.Query.Filter {
			if t := c.Types[e]; t != nil && !t.IsCollection() && t != schema.TypeEntity && t != schema.TypeNull {
				subs = append(subs, e)
			}
		}
		return true
	})
	var out []string
	for ; n > 0 && len(subs) > 0; n-- {
		i := r.Intn(len(subs))
		e := subs[i]
		subs = append(subs[:i], subs[i+1:]...)
		s := ast.Format(e)
		if c.Types[e] == schema.TypeBoolean {
			out = append(out, s, "not ("+s+")")
		} else {
			out = append(out, "("+s+") eq null")
		}
	}
	return out
}

// report describes a disagreement with the generated filter and machine
// and with the smallest pair shrinking finds.
func report(f string, m schema.Machine, msg string) string {
	mf, mm := minimize(f, m, disagrees)
	c, err := checkText(mf)
	small := msg
	if err == nil {
		if p, err := eval.New(c, eval.WithClock(clock)); err == nil {
			small = disagreement(c, p, &mm)
		}
	}
	return fmt.Sprintf("%s\n  filter:  %s\n  machine: %s\nminimal:  %s\n  filter:  %s\n  machine: %s",
		msg, f, machineJSON(&m), small, mf, machineJSON(&mm))
}

// TestPropertyApplyMatchesReference: for generated query strings ($filter,
// $top, $skip, aliases, in every encoding), Apply keeps the same machines
// in the same order as the reference's filter-skip-top, and All yields
// what Apply returns.
func TestPropertyApplyMatchesReference(t *testing.T) {
	t.Parallel()
	n := cases(otherCases)
	ps := gopter.NewProperties(parameters(n))
	ps.Property("Apply equals filter, skip, top", prop.ForAll(func(q string, ms Batch) string {
		p, err := eval.Compile(q, eval.WithClock(clock))
		if err != nil {
			return fmt.Sprintf("eval.Compile(%q): %v", q, err)
		}
		pq, err := parser.ParseQuery(q)
		if err != nil {
			return fmt.Sprintf("parse: %v", err)
		}
		c, err := schema.Check(pq)
		if err != nil {
			return fmt.Sprintf("check: %v", err)
		}
		got, want := p.Apply(ms), ApplyReference(c, TestClock, ms)
		if !sameMachines(got, want) {
			return fmt.Sprintf("query %q: Apply keeps %d machines, the reference %d (top %v/%d, skip %v/%d)",
				q, len(got), len(want), pq.HasTop, pq.Top, pq.HasSkip, pq.Skip)
		}
		var all []schema.Machine
		for m := range p.All(func(yield func(*schema.Machine) bool) {
			for i := range ms {
				if !yield(&ms[i]) {
					return
				}
			}
		}) {
			all = append(all, *m)
		}
		if !sameMachines(all, got) {
			return fmt.Sprintf("query %q: All yields %d machines, Apply returns %d", q, len(all), len(got))
		}
		return ""
	}, GenQuery(), GenMachines(batchSize)))
	run(t, ps, n)
}

// TestPropertyNothingPanics: parsing, checking, compiling and matching
// generated filters and query strings, and random mutations of them, never
// panics; neither does the reference on what the checker accepts. Mutated
// text that still parses also passes print-then-parse.
func TestPropertyNothingPanics(t *testing.T) {
	t.Parallel()
	n := cases(otherCases)
	ps := gopter.NewProperties(parameters(n))
	machines := randomBatch(rand.New(rand.NewSource(seed())), 8)
	ps.Property("no panics on mutated filters", prop.ForAll(func(f string, mseed int64) string {
		r := rand.New(rand.NewSource(mseed))
		for _, s := range []string{f, mutate(r, f), mutate(r, f), mutate(r, mutate(r, f))} {
			if msg := noPanic(s, false, machines); msg != "" {
				return msg
			}
			if msg := roundTrip(s); msg != "" {
				return msg
			}
		}
		return ""
	}, GenFilter(filterDepth+1), gen.Int64()))
	ps.Property("no panics on mutated queries", prop.ForAll(func(q string, mseed int64) string {
		r := rand.New(rand.NewSource(mseed))
		for _, s := range []string{q, mutate(r, q), mutate(r, mutate(r, q))} {
			if msg := noPanic(s, true, machines); msg != "" {
				return msg
			}
		}
		return ""
	}, GenQuery(), gen.Int64()))
	run(t, ps, 2*n)
}

func randomBatch(r *rand.Rand, n int) Batch {
	b := make(Batch, n)
	for i := range b {
		b[i] = randomMachine(r)
	}
	return b
}

// noPanic runs every stage on s (a query string when query is set) and
// describes a panic, "" when there is none.
func noPanic(s string, query bool, ms Batch) (msg string) {
	stage := "parse"
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("panic in %s: %v\n  input: %q", stage, r, s)
		}
	}()
	var q *ast.Query
	if query {
		pq, err := parser.ParseQuery(s)
		if err != nil {
			return ""
		}
		q = pq
	} else {
		e, err := parser.ParseFilter(s)
		if err != nil {
			return ""
		}
		q = &ast.Query{Filter: e}
	}
	stage = "check"
	c, err := schema.Check(q)
	if err != nil {
		return ""
	}
	stage = "eval.New"
	p, err := eval.New(c, eval.WithClock(clock))
	if err != nil {
		return fmt.Sprintf("eval.New rejects a checked query: %v\n  input: %q", err, s)
	}
	stage = "Match"
	for i := range ms {
		p.Match(&ms[i])
	}
	stage = "Apply"
	p.Apply(ms)
	stage = "reference"
	for i := range ms {
		Eval(c, TestClock, &ms[i])
	}
	return ""
}

// sameMachines reports whether a and b hold equal machines in the same
// order; nil and empty are the same.
func sameMachines(a, b []schema.Machine) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

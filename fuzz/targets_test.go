package fuzz

import (
	"errors"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// The go test -fuzz targets, one per public entry point: a raw query
// (parser.ParseQuery, eval.Compile), a bare filter (parser.ParseFilter,
// eval.CompileFilter), and a filter with a record as JSON. Each checks the
// invariants in invariants below. Their seeds are the files under
// testdata/fuzz/FuzzX/; a crasher the fuzzer finds lands there too and
// stays as a regression seed. See README.md.

var fuzzNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// maxDuration bounds one input's parse, check, plan and evaluation, or its
// diagnostics and their rendering: a hang detector for pathological
// inputs, far above the microseconds they take.
const maxDuration = 2 * time.Second

// fuzzRecords are the records every checked filter is evaluated on.
var fuzzRecords = func() []schema.Machine {
	var ms []schema.Machine
	for _, js := range []string{
		`{"id":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07","computerDnsName":"mymachine1.contoso.com","lastSeen":"2018-08-02T14:55:03.7791856Z","osPlatform":"Windows10","lastIpAddress":"172.17.230.209","healthStatus":"Active","rbacGroupId":140,"riskScore":"High","machineTags":["test tag 1","ExampleTag"]}`,
		`{"id":"7292e4b8cb74ff1cc3d8a495eb29dc8858b732f7","computerDnsName":"Straße-東京","lastSeen":"2024-12-31T23:30:00-02:00","osPlatform":"Linux","healthStatus":"Inactive","rbacGroupId":"-9223372036854775808","riskScore":"None","machineTags":[]}`,
		`{}`,
	} {
		var m schema.Machine
		if err := m.UnmarshalJSON([]byte(js)); err != nil {
			panic(err)
		}
		ms = append(ms, m)
	}
	return ms
}()

func FuzzQuery(f *testing.F) {
	f.Add("$filter=riskScore+eq+'High'&$top=100")
	f.Fuzz(func(t *testing.T, raw string) {
		start := time.Now()
		q, err := parser.ParseQuery(raw)
		if err != nil {
			checkDiagnostics(t, raw, err)
			checkTime(t, raw, start)
			return
		}
		checkSpans(t, raw, q.Filter)
		for _, a := range q.Aliases {
			checkSpans(t, raw, a.Value)
		}
		checkReprint(t, q.Filter)
		checked, err := schema.Check(q)
		if err != nil {
			checkDiagnostics(t, raw, err)
			checkTime(t, raw, start)
			return
		}
		checkEval(t, checked, fuzzRecords)
		checkTime(t, raw, start)
	})
}

func FuzzFilter(f *testing.F) {
	f.Add("riskScore eq 'High'")
	f.Fuzz(func(t *testing.T, expr string) {
		start := time.Now()
		e, err := parser.ParseFilter(expr)
		if err != nil {
			checkDiagnostics(t, expr, err)
			checkTime(t, expr, start)
			return
		}
		checkSpans(t, expr, e)
		checkReprint(t, e)
		checked, err := schema.CheckFilter(e)
		if err != nil {
			checkDiagnostics(t, expr, err)
			checkTime(t, expr, start)
			return
		}
		checkEval(t, checked, fuzzRecords)
		checkTime(t, expr, start)
	})
}

func FuzzFilterRecord(f *testing.F) {
	f.Add("machineTags/any(t: t eq 'x') or rbacGroupId gt 1", []byte(`{"machineTags":["x"],"rbacGroupId":"2"}`))
	f.Fuzz(func(t *testing.T, expr string, record []byte) {
		var m schema.Machine
		if err := m.UnmarshalJSON(record); err != nil {
			var fe *schema.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("decode error %T is not a *schema.FieldError: %v", err, err)
			}
			return
		}
		start := time.Now()
		e, err := parser.ParseFilter(expr)
		if err != nil {
			return
		}
		checked, err := schema.CheckFilter(e)
		if err != nil {
			return
		}
		checkEval(t, checked, []schema.Machine{m})
		checkTime(t, expr, start)
	})
}

// checkDiagnostics: an error is ast.Diagnostics, not empty, each with a
// code and a span inside the input.
func checkDiagnostics(t *testing.T, src string, err error) {
	t.Helper()
	var ds ast.Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 {
		t.Fatalf("error %T is not non-empty ast.Diagnostics: %v", err, err)
	}
	for _, d := range ds {
		if d.Code == "" || d.Message == "" {
			t.Errorf("diagnostic without code or message: %+v", d)
		}
		if d.Span.Start < 0 || d.Span.Start > d.Span.End || d.Span.End > len(src) {
			t.Errorf("diagnostic span %v outside the input of %d bytes: %s", d.Span, len(src), d.Message)
		}
	}
	_ = ds.Render(src) // must not panic
}

// checkSpans: every node's span lies inside the input.
func checkSpans(t *testing.T, src string, e ast.Expr) {
	t.Helper()
	if e == nil {
		return
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if s := n.Span(); s.Start < 0 || s.Start > s.End || s.End > len(src) {
			t.Errorf("%T span %v outside the input of %d bytes", n, s, len(src))
		}
		return true
	})
}

// checkReprint: the canonical form parses back to the same tree.
func checkReprint(t *testing.T, e ast.Expr) {
	t.Helper()
	if e == nil {
		return
	}
	text := ast.Format(e)
	e2, err := (&parser.Parser{Limits: parser.Limits{MaxLength: 1 << 30}}).ParseFilter(text)
	if err != nil {
		t.Fatalf("canonical form %q does not parse: %v", text, err)
	}
	if a, b := ast.Debug(e), ast.Debug(e2); a != b {
		t.Fatalf("canonical form %q parses to another tree:\n%s\n%s", text, a, b)
	}
}

// checkEval: the evaluator agrees with the reference on every record.
func checkEval(t *testing.T, c *schema.Checked, ms []schema.Machine) {
	t.Helper()
	p, err := eval.New(c, eval.WithClock(func() time.Time { return fuzzNow }))
	var ds ast.Diagnostics
	if errors.As(err, &ds) && len(ds) == 1 && ds[0].Code == ast.CodeTooComplex {
		return // a pattern folded from constants past the limit: the planner's check
	}
	if err != nil {
		t.Fatalf("the checker accepted %q but the planner refused: %v", ast.Format(c.Query.Filter), err)
	}
	for i := range ms {
		got, want := p.Match(&ms[i]), Keep(c, fuzzNow, &ms[i])
		if got != want {
			t.Fatalf("%q on record %d: eval %v, reference %v", ast.Format(c.Query.Filter), i, got, want)
		}
	}
}

func checkTime(t *testing.T, src string, start time.Time) {
	t.Helper()
	if d := time.Since(start); d > maxDuration {
		t.Fatalf("%d-byte input took %v", len(src), d)
	}
}

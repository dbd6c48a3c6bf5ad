package parser_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// treeCase is one line of a tree table: a $filter expression and its
// ast.Debug form (every operator parenthesised, literals with their kind).
type treeCase struct{ in, want string }

// runTrees parses each input and compares its Debug form. Each case also
// checks the invariants every successful parse keeps: every span lies inside
// the input, and the canonical form (ast.Format) re-parses to the same tree.
func runTrees(t *testing.T, cases []treeCase) {
	t.Helper()
	for _, c := range cases {
		e, err := parser.ParseFilter(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := ast.Debug(e); got != c.want {
			t.Errorf("%q\n got: %s\nwant: %s", c.in, got, c.want)
		}
		checkSpans(t, c.in, e)
		checkRoundTrip(t, c.in, e)
	}
}

// checkRoundTrip checks that the canonical form of e parses to the same tree.
func checkRoundTrip(t *testing.T, in string, e ast.Expr) {
	t.Helper()
	f := ast.Format(e)
	e2, err := parser.ParseFilter(f)
	if err != nil {
		t.Errorf("%q: its canonical form %q does not parse: %v", in, f, err)
		return
	}
	if got, want := ast.Debug(e2), ast.Debug(e); got != want {
		t.Errorf("%q: its canonical form %q parses to\n%s, not\n%s", in, f, got, want)
	}
}

// checkSpans checks that every node of e spans a part of the input.
func checkSpans(t *testing.T, in string, e ast.Expr) {
	t.Helper()
	ast.Inspect(e, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if s := n.Span(); s.Start < 0 || s.End < s.Start || s.End > len(in) {
			t.Errorf("%q: span %v of %s is outside the input", in, s, ast.Debug(n.(ast.Expr)))
		}
		return true
	})
}

// checkDiagSpans checks that every diagnostic of err spans a part of the
// input, and returns the diagnostics.
func checkDiagSpans(t *testing.T, in string, err error) ast.Diagnostics {
	t.Helper()
	var ds ast.Diagnostics
	if !errors.As(err, &ds) {
		t.Errorf("%q: error %v (%T) is not ast.Diagnostics", in, err, err)
		return nil
	}
	if len(ds) == 0 {
		t.Errorf("%q: empty diagnostics", in)
	}
	for _, d := range ds {
		if d.Span.Start < 0 || d.Span.End < d.Span.Start || d.Span.End > len(in) {
			t.Errorf("%q: diagnostic span %v is outside the input: %s", in, d.Span, d.Message)
		}
		if d.Code == "" || d.Message == "" {
			t.Errorf("%q: diagnostic without code or message: %+v", in, d)
		}
	}
	return ds
}

func TestLiteralKinds(t *testing.T) {
	runTrees(t, []treeCase{
		{"null", "null(null)"},
		{"a eq null", "(a eq null(null))"},
		{"true", "Edm.Boolean(true)"},
		{"FALSE", "Edm.Boolean(FALSE)"},
		{"42", "Edm.Int64(42)"},
		{"-42", "Edm.Int64(-42)"},
		{"+42", "Edm.Int64(+42)"},
		{"9223372036854775808", "Edm.Int64(9223372036854775808)"}, // out of range: a Problem, not a syntax error
		{"1.5", "Edm.Decimal(1.5)"},
		{"-0.5", "Edm.Decimal(-0.5)"},
		{"1e5", "Edm.Double(1e5)"},
		{"1E+5", "Edm.Double(1E+5)"},
		{"1.5e-3", "Edm.Double(1.5e-3)"},
		{"INF", "Edm.Double(INF)"},
		{"-INF", "Edm.Double(-INF)"},
		{"NaN", "Edm.Double(NaN)"},
		{"'O''Neil'", "Edm.String('O''Neil')"},
		{"''", "Edm.String('')"},
		{"2012-12-03", "Edm.Date(2012-12-03)"},
		{"2012-02-30", "Edm.Date(2012-02-30)"},
		{"2012-12-03T07:16:23Z", "Edm.DateTimeOffset(2012-12-03T07:16:23Z)"},
		{"2012-12-03T07:16:23.123456789012+01:00", "Edm.DateTimeOffset(2012-12-03T07:16:23.123456789012+01:00)"},
		{"2018-08-01Z", "Edm.DateTimeOffset(2018-08-01Z)"},
		{"13:52", "Edm.TimeOfDay(13:52)"},
		{"13:52:01.5", "Edm.TimeOfDay(13:52:01.5)"},
		{"duration'P1DT2H'", "Edm.Duration(duration'P1DT2H')"},
		{"DURATION'-PT1.5S'", "Edm.Duration(DURATION'-PT1.5S')"},
		{"'P1D'", "Edm.String('P1D')"},
		{"01234567-89ab-cdef-0123-456789abcdef", "Edm.Guid(01234567-89ab-cdef-0123-456789abcdef)"},
		{"ABCDEF01-2345-6789-ABCD-EF0123456789", "Edm.Guid(ABCDEF01-2345-6789-ABCD-EF0123456789)"},
		{"Ns.Color'Red'", "enum(Ns.Color'Red')"},
		{"Ns.Pattern'Red,Blue'", "enum(Ns.Pattern'Red,Blue')"},
		{"binary'AQID'", "Edm.Binary(binary'AQID')"},
		{"binary'A'", "Edm.Binary(binary'A')"}, // bad base64: a Problem for the checker
		{"geography'SRID=0;Point(142.1 64.1)'", "Edm.Geography(geography'SRID=0;Point(142.1 64.1)')"},
		{"geometry'SRID=0;Polygon((0 0,1 1,0 0))'", "Edm.Geometry(geometry'SRID=0;Polygon((0 0,1 1,0 0))')"},
		{`["a",1,null]`, `[Edm.String("a"),Edm.Int64(1),null(null)]`},
		{`[]`, `[]`},
		{`{"k":"v","n":[1,{"x":true}]}`, `{"k":Edm.String("v"),"n":[Edm.Int64(1),{"x":Edm.Boolean(true)}]}`},
		{`{}`, `{}`},
		{`{"a\"b":1} eq x`, `({"a\"b":Edm.Int64(1)} eq x)`},
		{"@p", "@p"},
		{"@p eq 1", "(@p eq Edm.Int64(1))"},
	})
}

// TestRoundTripAtDepthLimit: a filter nested as deep as the parser takes
// prints back to text it takes too: the printer adds no parentheses the
// input did not need (FuzzFilter found a name spelled like an operator,
// bare at the end, printed as "(ne)", one level too deep).
func TestRoundTripAtDepthLimit(t *testing.T) {
	deep := strings.Repeat("not ", parser.DefaultLimits.MaxDepth-1)
	for _, in := range []string{
		deep + "not ne",
		deep + "not not",
		deep + "a eq eq",
		deep + "case(a eq 10 :20)",
		deep + "case(a eq 10 :20,true:eq)",
	} {
		e, err := parser.ParseFilter(in)
		if err != nil {
			t.Errorf("%.20s...%s: %v", in, in[len(deep):], err)
			continue
		}
		out := ast.Format(e)
		if e2, err := parser.ParseFilter(out); err != nil || ast.Debug(e2) != ast.Debug(e) {
			t.Errorf("%.20s...%s prints as ...%s, which parses to %v (%v)", in, in[len(deep):], out[len(deep):], ast.Debug(e2), err)
		}
	}
}

// Trees the printer must print with care to print them back: names
// spelled like operators, and a case condition ending in digits before a
// value starting with digits (10:20 would lex as a time of day).
func TestRoundTripAwkward(t *testing.T) {
	inputs := []string{"(not) eq 1", "a eq (eq) eq 1", "(AND) or (Not)", "case((13:52):10)", "case((a eq 10):20,true:0)"}
	// A property named like each operator, in every position a name
	// takes: FuzzFilter found "0 in in" printing as a list.
	words := []string{"not", "and", "or", "eq", "ne", "gt", "ge", "lt", "le", "has", "in", "add", "sub", "mul", "div", "divby", "mod", "In", "NOT"}
	templates := []string{
		"(%s) eq 1", "1 eq (%s)", "0 in %s", "0 in (%s)", "0 in ((%s))", "not (%s)", "- (%s)", "(%s) in (1,2)",
		"concat((%s),'x') eq 'y'", "a/%s eq 1", "(%s)/any(t:t eq 1)", "a/any(t:(%s))", "[(%s)] eq a",
		"case((%s):1,true:2) eq 1", "1 add (%s) mul (%s)", "(%s) and (%s) or (%s)", "$it/%s eq 1",
	}
	for _, w := range words {
		for _, tmpl := range templates {
			inputs = append(inputs, strings.ReplaceAll(tmpl, "%s", w))
		}
	}
	parsed := 0
	for _, in := range inputs {
		e, err := parser.ParseFilter(in)
		if err != nil {
			continue // not every template suits every word ("0 in not")
		}
		parsed++
		out := ast.Format(e)
		e2, err := parser.ParseFilter(out)
		if err != nil || ast.Debug(e2) != ast.Debug(e) {
			t.Errorf("%q prints as %q, which parses to %v (%v)", in, out, ast.Debug(e2), err)
		}
	}
	if parsed < len(inputs)*9/10 {
		t.Errorf("only %d of %d inputs parse", parsed, len(inputs))
	}
}

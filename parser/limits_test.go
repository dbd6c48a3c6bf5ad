package parser_test

import (
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// TestLimits checks each limit, with small custom limits and with the
// defaults, and that input just within a limit parses.
func TestLimits(t *testing.T) {
	length := &parser.Parser{Limits: parser.Limits{MaxLength: 40}}
	depth := &parser.Parser{Limits: parser.Limits{MaxDepth: 3}}
	nodes := &parser.Parser{Limits: parser.Limits{MaxNodes: 7}}
	list := &parser.Parser{Limits: parser.Limits{MaxInList: 3}}
	dflt := &parser.Parser{}
	deep := strings.Repeat("(", 101) + "a" + strings.Repeat(")", 101)
	cases := []struct {
		name string
		p    *parser.Parser
		in   string
		code ast.Code // "" when the input must parse
		span ast.Span
	}{
		{"length within", length, "a eq '" + strings.Repeat("x", 33) + "'", "", sp(0, 0)},
		{"length", length, "a eq '" + strings.Repeat("x", 34) + "'", ast.CodeTooLong, sp(40, 41)},
		{"length default", dflt, "a eq '" + strings.Repeat("x", 65530) + "'", ast.CodeTooLong, sp(65536, 65537)},

		{"depth within", depth, "(((a)))", "", sp(0, 0)},
		{"depth parens", depth, "((((a))))", ast.CodeTooDeep, sp(3, 4)},
		{"depth brackets", depth, "[[[[1]]]] eq a", ast.CodeTooDeep, sp(3, 4)},
		{"depth calls", depth, "f(g(h(i(1))))", ast.CodeTooDeep, sp(7, 8)},
		{"depth lambdas", depth, "a/any(b:b/any(c:c/any(d:d/any(e:e))))", ast.CodeTooDeep, sp(29, 30)},
		{"depth not", depth, "not not not not a", ast.CodeTooDeep, sp(12, 15)},
		{"depth minus", depth, "- - - -a", ast.CodeTooDeep, sp(6, 7)},
		{"depth mixed", depth, "not (-(a))", ast.CodeTooDeep, sp(6, 7)},
		{"depth unary closed by operators", depth, "not a and not b and not c and not d and not e", "", sp(0, 0)},
		{"depth default within", dflt, deep[1 : len(deep)-1], "", sp(0, 0)},
		{"depth default", dflt, deep, ast.CodeTooDeep, sp(100, 101)},

		{"nodes within", nodes, "a eq 1 and b eq 2", "", sp(0, 0)},
		{"nodes", nodes, "a eq 1 and b eq 2 or c", ast.CodeTooManyNodes, sp(18, 20)},
		{"nodes default", dflt, strings.Repeat("a or ", 5000) + "a", ast.CodeTooManyNodes, sp(25000, 25001)},

		{"list within", list, "a in (1,2,3)", "", sp(0, 0)},
		{"list", list, "a in (1,2,3,4)", ast.CodeListTooLong, sp(5, 12)},
		{"list json", list, "a in [1,2,3,4]", ast.CodeListTooLong, sp(5, 12)},
		{"list default within", dflt, "a in (" + strings.Repeat("1,", 999) + "1)", "", sp(0, 0)},
		{"list default", dflt, "a in (" + strings.Repeat("1,", 1000) + "1)", ast.CodeListTooLong, sp(5, 2006)},
	}
	for _, c := range cases {
		e, err := c.p.ParseFilter(c.in)
		if c.code == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			} else {
				checkSpans(t, c.in, e)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: want %s, got %s", c.name, c.code, ast.Debug(e))
			continue
		}
		ds := checkDiagSpans(t, c.in, err)
		if len(ds) > 0 && (ds[0].Code != c.code || ds[0].Span != c.span) {
			t.Errorf("%s: got %s at %v, want %s at %v: %s", c.name, ds[0].Code, ds[0].Span, c.code, c.span, ds[0].Message)
		}
	}
}

// TestQueryLimits checks the limits through ParseQuery: the length of the
// raw query, $top, and the expression limits with spans in the raw text.
func TestQueryLimits(t *testing.T) {
	small := &parser.Parser{Limits: parser.Limits{MaxLength: 30, MaxDepth: 2, MaxTop: 50}}
	cases := []struct {
		p    *parser.Parser
		raw  string
		code ast.Code
		span ast.Span
	}{
		{small, "$top=50", "", sp(0, 0)},
		{small, "$top=51", ast.CodeTopTooLarge, sp(5, 7)},
		{small, "$filter=a eq '" + strings.Repeat("x", 16) + "'", ast.CodeTooLong, sp(30, 31)},
		{small, "$filter=((a))", "", sp(0, 0)},
		{small, "$filter=(((a)))", ast.CodeTooDeep, sp(10, 11)},
		{small, "$filter=%28%28%28a%29%29%29", ast.CodeTooDeep, sp(14, 17)},
		{&parser.Parser{}, "$top=1&$filter=" + strings.Repeat("(", 65521), ast.CodeTooDeep, sp(115, 116)},
		{&parser.Parser{}, "$filter=" + strings.Repeat("(", 65529), ast.CodeTooLong, sp(65536, 65537)},
	}
	for _, c := range cases {
		q, err := c.p.ParseQuery(c.raw)
		name := c.raw[:min(len(c.raw), 40)]
		if c.code == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: want %s, got %s", name, c.code, summary(q))
			continue
		}
		ds := checkDiagSpans(t, c.raw, err)
		if len(ds) > 0 && (ds[0].Code != c.code || ds[0].Span != c.span) {
			t.Errorf("%s: got %s at %v, want %s at %v: %s", name, ds[0].Code, ds[0].Span, c.code, c.span, ds[0].Message)
		}
	}
}

// TestMegabyte feeds a megabyte of "(", of "not " and of "-": with the
// default limits the length check refuses it; with MaxLength raised the depth
// check must, at the 101st level, without lexing the rest or recursing. The
// elapsed time is logged, not asserted (no timed assertions in this
// project); a regression shows as a slow test and in the log.
func TestMegabyte(t *testing.T) {
	big := &parser.Parser{Limits: parser.Limits{MaxLength: 2 << 20}}
	for _, unit := range []string{"(", "not ", "-"} {
		in := strings.Repeat(unit, (1<<20)/len(unit))
		for _, c := range []struct {
			name string
			p    *parser.Parser
			code ast.Code
		}{
			{"default limits", &parser.Parser{}, ast.CodeTooLong},
			{"MaxLength 2 MiB", big, ast.CodeTooDeep},
		} {
			start := time.Now()
			_, err := c.p.ParseFilter(in)
			elapsed := time.Since(start)
			ds := checkDiagSpans(t, in, err)
			if len(ds) != 1 || ds[0].Code != c.code {
				t.Errorf("a megabyte of %q, %s: got %v, want one %s", unit, c.name, err, c.code)
				continue
			}
			t.Logf("a megabyte of %q, %s: %s at %v in %v", unit, c.name, ds[0].Code, ds[0].Span, elapsed)
		}
	}
}

// TestNoBacktracking feeds nesting 99 deep, of each kind, that fails at its
// very end. The grammar tries each alternative at most once per position;
// one tried twice (say "(" both as a parenthesised expression and as the
// operand of a prefix operator) would make such input take 2^99 steps, and
// this test would not finish. The elapsed time is logged, not asserted.
func TestNoBacktracking(t *testing.T) {
	for _, unit := range []string{"(", "[", "f(", "not (", "- (", "a/any(x:", "(a,", "[1,", `{"a":`, "cast(a,"} {
		in := strings.Repeat(unit, 99) + ","
		start := time.Now()
		_, err := parser.ParseFilter(in)
		elapsed := time.Since(start)
		ds := checkDiagSpans(t, in, err)
		if len(ds) == 0 || ds[0].Code != ast.CodeSyntax && ds[0].Code != ast.CodeTooDeep {
			t.Errorf("99 of %q then a comma: got %v, want a syntax error", unit, err)
			continue
		}
		t.Logf("99 of %q then a comma: %s at %v in %v", unit, ds[0].Code, ds[0].Span, elapsed)
	}
}

// TestManyErrors: a query with thousands of independent errors reports
// ast.MaxDiagnostics of them, the last counting the rest, so rendering it
// (which shows the source line around each error) stays a page long
// whatever the input's length.
func TestManyErrors(t *testing.T) {
	in := "$top=1" + strings.Repeat("&", 4000)
	_, err := parser.ParseQuery(in)
	ds := checkDiagSpans(t, in, err)
	if len(ds) != ast.MaxDiagnostics || ds[len(ds)-1].Code != ast.CodeTooManyErrors {
		t.Errorf("%d diagnostics, the last %s; want %d, the last too_many_errors", len(ds), ds[len(ds)-1].Code, ast.MaxDiagnostics)
	}
	if lines := strings.Count(ds.Render(in), "\n"); lines > 3*ast.MaxDiagnostics {
		t.Errorf("the rendering has %d lines", lines)
	}
}

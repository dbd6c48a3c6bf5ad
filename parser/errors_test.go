package parser_test

import (
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// errCase is one line of an error table: the input, the code and span of
// the first diagnostic.
type errCase struct {
	in   string
	code ast.Code
	span ast.Span
}

func sp(start, end int) ast.Span { return ast.Span{Start: start, End: end} }

// TestSyntaxErrors checks the code and span of syntax errors, from the
// lexer, the grammar and the lowering.
func TestSyntaxErrors(t *testing.T) {
	runErrors(t, []errCase{
		// Lexical errors, positioned by the lexer.
		{"a eq 'x", ast.CodeSyntax, sp(5, 7)},
		{"a eq 1.", ast.CodeSyntax, sp(5, 7)},
		{".5", ast.CodeSyntax, sp(0, 1)},
		{"a eq 1L", ast.CodeSyntax, sp(6, 7)},
		{"a eq 2012-13-01", ast.CodeSyntax, sp(10, 12)},
		{"a eq 24:00", ast.CodeSyntax, sp(5, 7)},
		{"a eq +INF", ast.CodeSyntax, sp(5, 6)},
		{"a eq 2012-12-03T07:16:23+0100", ast.CodeSyntax, sp(24, 25)},
		{"$IT eq 1", ast.CodeSyntax, sp(0, 3)},
		{"a eq *", ast.CodeSyntax, sp(5, 6)},

		// Whitespace the ABNF does not allow.
		{" a", ast.CodeSyntax, sp(0, 1)},
		{"a  ", ast.CodeSyntax, sp(1, 3)},
		{"a eq 'x'and b", ast.CodeSyntax, sp(8, 11)},
		{"a eq(1)", ast.CodeSyntax, sp(2, 4)},
		{"not(a)", ast.CodeSyntax, sp(0, 3)},
		{"and(a)", ast.CodeSyntax, sp(0, 3)},

		// Incomplete or extra input.
		{"", ast.CodeSyntax, sp(0, 0)},
		{"a eq", ast.CodeSyntax, sp(2, 4)},
		{"a or", ast.CodeSyntax, sp(2, 4)},
		{"a mul", ast.CodeSyntax, sp(2, 5)},
		{"-", ast.CodeSyntax, sp(1, 1)},
		{"(a eq b", ast.CodeSyntax, sp(7, 7)},
		{"a eq b)", ast.CodeSyntax, sp(6, 7)},
		{"a eq b c", ast.CodeSyntax, sp(7, 8)},
		{"a/b/", ast.CodeSyntax, sp(4, 4)},
		{"/a", ast.CodeSyntax, sp(0, 1)},
		{"a//b", ast.CodeSyntax, sp(2, 3)},
		{"a in b,c", ast.CodeSyntax, sp(6, 7)},
		{"a in not b", ast.CodeSyntax, sp(5, 8)},
		{"a has -b", ast.CodeSyntax, sp(6, 7)},
		{"(a in not b)", ast.CodeSyntax, sp(6, 9)},
		{"f(x in - y)", ast.CodeSyntax, sp(7, 8)},
		{"a = 1", ast.CodeSyntax, sp(2, 3)},
		{"'x'(1)", ast.CodeSyntax, sp(3, 4)},
		{"[1,", ast.CodeSyntax, sp(2, 3)},
		{`{"a":1,"b"}`, ast.CodeSyntax, sp(10, 11)},
		{"{a:1}", ast.CodeSyntax, sp(1, 2)},

		// Parentheses and lists.
		{"()", ast.CodeSyntax, sp(0, 2)},
		{"(a,b)", ast.CodeSyntax, sp(0, 5)},
		{"a eq (1,2)", ast.CodeSyntax, sp(5, 10)},
		{"a in (b,c)", ast.CodeSyntax, sp(6, 7)},
		{"a in (1,b)", ast.CodeSyntax, sp(8, 9)},
		{`"x" eq a`, ast.CodeSyntax, sp(0, 3)},
		{`a in ("x")`, ast.CodeSyntax, sp(6, 9)},
		{`["a\x"]`, ast.CodeSyntax, sp(1, 6)},
		{`{"a\x":1}`, ast.CodeSyntax, sp(1, 6)},

		// Literals the lexer lets through but that are malformed.
		{"a eq duration'P1Y'", ast.CodeSyntax, sp(5, 18)},
		{"a eq duration'PT.5S'", ast.CodeSyntax, sp(5, 20)},
		{"a eq duration'PT5.S'", ast.CodeSyntax, sp(5, 20)},
		{"a eq geography'x'", ast.CodeSyntax, sp(5, 17)},
		{"a eq geometry'SRID=0;Point(1 2'", ast.CodeSyntax, sp(5, 31)},

		// Lambdas: all() needs a predicate; a variable is a plain name.
		{"a/all()", ast.CodeSyntax, sp(0, 7)},
		{"a/all(t)", ast.CodeSyntax, sp(0, 8)},
		{"a/any(t)", ast.CodeSyntax, sp(0, 8)},
		{"a/any(1:true)", ast.CodeSyntax, sp(0, 13)},
		{"a/any($it:true)", ast.CodeSyntax, sp(0, 15)},
		{"a/any(Ns.t:true)", ast.CodeSyntax, sp(0, 16)},
		{"a/any(t:a,b)", ast.CodeSyntax, sp(0, 12)},
		{"any(t:t)", ast.CodeSyntax, sp(0, 3)},
		{"all()", ast.CodeSyntax, sp(0, 3)},

		// Arity of canonical functions.
		{"contains(a)", ast.CodeSyntax, sp(0, 11)},
		{"contains(a,'x','y')", ast.CodeSyntax, sp(0, 19)},
		{"startswith()", ast.CodeSyntax, sp(0, 12)},
		{"length(a,b)", ast.CodeSyntax, sp(0, 11)},
		{"substring(a)", ast.CodeSyntax, sp(0, 12)},
		{"substring(a,1,2,3)", ast.CodeSyntax, sp(0, 18)},
		{"a lt now(1)", ast.CodeSyntax, sp(5, 11)},
		{"year()", ast.CodeSyntax, sp(0, 6)},
		{"cast()", ast.CodeSyntax, sp(0, 6)},
		{"isof(a,b,c)", ast.CodeSyntax, sp(0, 11)},
		{"geo.distance(a)", ast.CodeSyntax, sp(0, 15)},
		{"contains(a,b=1)", ast.CodeSyntax, sp(12, 13)},

		// cast, isof and case.
		{"cast(a,'x')", ast.CodeSyntax, sp(7, 10)},
		{"cast(a,b/c)", ast.CodeSyntax, sp(7, 10)},
		{"isof(a,$it)", ast.CodeSyntax, sp(7, 10)},
		{"case()", ast.CodeSyntax, sp(0, 6)},
		{"case(a)", ast.CodeSyntax, sp(0, 7)},
		{"case(a:1,b)", ast.CodeSyntax, sp(0, 11)},

		// $-names and paths.
		{"$count", ast.CodeSyntax, sp(0, 6)},
		{"$count gt 1", ast.CodeSyntax, sp(0, 6)},
		{"a/$it", ast.CodeSyntax, sp(2, 5)},
		{"a/$root", ast.CodeSyntax, sp(2, 7)},
		{"$it(1)", ast.CodeSyntax, sp(0, 3)},
		{"a/$filter", ast.CodeSyntax, sp(2, 9)},
		{"a/$filter(x,y)", ast.CodeSyntax, sp(0, 14)},
		{"$filter(x)", ast.CodeSyntax, sp(0, 10)},
		{"a/$count(x)", ast.CodeSyntax, sp(2, 11)},
		{"a/$count($top=1)", ast.CodeSyntax, sp(9, 13)},
		{"a/$count($filter=a,$filter=b)", ast.CodeSyntax, sp(19, 26)},
		{"Ns.Type eq 1", ast.CodeSyntax, sp(0, 7)},

		// Arguments of other functions.
		{"Ns.Fn(p=1,2)", ast.CodeSyntax, sp(0, 12)},
		{"Ns.Fn(1,p=2)", ast.CodeSyntax, sp(0, 12)},
		{"Ns.Fn(a.b=1)", ast.CodeSyntax, sp(0, 12)},
		{"f(a:1)", ast.CodeSyntax, sp(0, 6)},
	})
}

func runErrors(t *testing.T, cases []errCase) {
	t.Helper()
	for _, c := range cases {
		e, err := parser.ParseFilter(c.in)
		if err == nil {
			t.Errorf("%q: want %s at %v, got %s", c.in, c.code, c.span, ast.Debug(e))
			continue
		}
		if e != nil {
			t.Errorf("%q: an error and a tree %s", c.in, ast.Debug(e))
		}
		ds := checkDiagSpans(t, c.in, err)
		if len(ds) == 0 {
			continue
		}
		if d := ds[0]; d.Code != c.code || d.Span != c.span {
			t.Errorf("%q: got %s at %v, want %s at %v: %s", c.in, d.Code, d.Span, c.code, c.span, d.Message)
		}
	}
}

// TestSeveralErrors checks that lowering goes on after an error, so that one
// parse reports every problem it can.
func TestSeveralErrors(t *testing.T) {
	in := "contains(a) and now(1) or Tags/all()"
	_, err := parser.ParseFilter(in)
	ds := checkDiagSpans(t, in, err)
	want := []ast.Span{sp(0, 11), sp(16, 22), sp(26, 36)}
	if len(ds) != len(want) {
		t.Fatalf("got %d diagnostics, want %d: %v", len(ds), len(want), err)
	}
	for i, d := range ds {
		if d.Span != want[i] {
			t.Errorf("diagnostic %d at %v, want %v: %s", i, d.Span, want[i], d.Message)
		}
	}
}

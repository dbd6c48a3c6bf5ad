package lexer_test

import (
	"testing"

	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/lexer"
)

// TestOperators covers the whitespace rules of the package doc: a binary
// operator needs whitespace on both sides, not needs it after.
func TestOperators(t *testing.T) {
	runLexCases(t, []lexCase{
		{"a eq b", "Ident(a) EqOp(eq) Ident(b)"},
		{"a ne b", "Ident(a) EqOp(ne) Ident(b)"},
		{"a gt b", "Ident(a) RelOp(gt) Ident(b)"},
		{"a ge b", "Ident(a) RelOp(ge) Ident(b)"},
		{"a lt b", "Ident(a) RelOp(lt) Ident(b)"},
		{"a le b", "Ident(a) RelOp(le) Ident(b)"},
		{"a has b", "Ident(a) HasOp(has) Ident(b)"},
		{"a in b", "Ident(a) InOp(in) Ident(b)"},
		{"a and b", "Ident(a) AndOp(and) Ident(b)"},
		{"a or b", "Ident(a) OrOp(or) Ident(b)"},
		{"a add b", "Ident(a) AddOp(add) Ident(b)"},
		{"a sub b", "Ident(a) AddOp(sub) Ident(b)"},
		{"a mul b", "Ident(a) MulOp(mul) Ident(b)"},
		{"a div b", "Ident(a) MulOp(div) Ident(b)"},
		{"a divby b", "Ident(a) MulOp(divby) Ident(b)"},
		{"a mod b", "Ident(a) MulOp(mod) Ident(b)"},

		// Any case; the token value is lower case.
		{"a EQ b", "Ident(a) EqOp(eq) Ident(b)"},
		{"a Eq b", "Ident(a) EqOp(eq) Ident(b)"},
		{"a AND b OR c", "Ident(a) AndOp(and) Ident(b) OrOp(or) Ident(c)"},
		{"a DivBy b", "Ident(a) MulOp(divby) Ident(b)"},

		// Whitespace is spaces and tabs, any amount.
		{"a  eq\tb", "Ident(a) EqOp(eq) Ident(b)"},
		{"a\t\teq  \t b", "Ident(a) EqOp(eq) Ident(b)"},

		// Without whitespace on both sides an operator word is a name (or a
		// function name before "(").
		{"a eq(b)", "Ident(a) Func(eq) Punct(() Ident(b) Punct())"},
		{"a eq'x'", "Ident(a) Ident(eq) String('x')"},
		{"'x'eq 'y'", "String('x') Ident(eq) String('y')"},
		{"a eq 'x'and b", "Ident(a) EqOp(eq) String('x') Ident(and) Ident(b)"},
		{"(a)eq b", "Punct(() Ident(a) Punct()) Ident(eq) Ident(b)"},
		{"a eq", "Ident(a) Ident(eq)"},
		{"eq a", "Ident(eq) Ident(a)"},
		{"a eq eq", "Ident(a) EqOp(eq) Ident(eq)"},
		{"a/eq", "Ident(a) Punct(/) Ident(eq)"},
		{"equal", "Ident(equal)"},
		{"a andb", "Ident(a) Ident(andb)"},
		{"Price sub-1", "Ident(Price) Ident(sub) Number(-1)"},
		{"Price sub -1", "Ident(Price) AddOp(sub) Number(-1)"},

		// not is an operator only before whitespace; what precedes it does
		// not matter.
		{"not a", "Not(not) Ident(a)"},
		{"NOT a", "Not(not) Ident(a)"},
		{"Not\ta", "Not(not) Ident(a)"},
		{"(not a)", "Punct(() Not(not) Ident(a) Punct())"},
		{"not not a", "Not(not) Not(not) Ident(a)"},
		{"not(a)", "Func(not) Punct(() Ident(a) Punct())"},
		{"not", "Ident(not)"},
		{"nota", "Ident(nota)"},
		{"a eq not", "Ident(a) EqOp(eq) Ident(not)"},

		// Minus: a sign when a digit or INF follows, otherwise unary minus.
		{"-a", "Minus(-) Ident(a)"},
		{"- a", "Minus(-) Ident(a)"},
		{"- 1", "Minus(-) Number(1)"},
		{"-(a)", "Minus(-) Punct(() Ident(a) Punct())"},
		{"--1", "Minus(-) Number(-1)"},
		{"- -a", "Minus(-) Minus(-) Ident(a)"},
		{"a-1", "Ident(a) Number(-1)"},
		{"a-b", "Ident(a) Minus(-) Ident(b)"},
		{"-'x'", "Minus(-) String('x')"},
	})
}

// TestNames covers names, functions, $-names, aliases and punctuation.
func TestNames(t *testing.T) {
	runLexCases(t, []lexCase{
		{"a", "Ident(a)"},
		{"_a1", "Ident(_a1)"},
		{"a/b/c", "Ident(a) Punct(/) Ident(b) Punct(/) Ident(c)"},
		{"Ns.Type", "Ident(Ns.Type)"},
		{"a.b.c/d", "Ident(a.b.c) Punct(/) Ident(d)"},
		{"ä eq 1", "Ident(ä) EqOp(eq) Number(1)"},
		{"Straße", "Ident(Straße)"},

		// A name directly before "(" is a function; with a space it is not.
		{"contains(a,'x')", "Func(contains) Punct(() Ident(a) Punct(,) String('x') Punct())"},
		{"contains (a)", "Ident(contains) Punct(() Ident(a) Punct())"},
		{"CONTAINS(", "Func(CONTAINS) Punct(()"},
		{"Ns.Fn(p=1)", "Func(Ns.Fn) Punct(() Ident(p) Punct(=) Number(1) Punct())"},
		{"geo.distance(", "Func(geo.distance) Punct(()"},
		{"a/any(t:t)", "Ident(a) Punct(/) Func(any) Punct(() Ident(t) Punct(:) Ident(t) Punct())"},
		{"null(", "Func(null) Punct(()"},

		// $it, $root and $this are case-sensitive; $count and $filter are
		// not, and their value is lower case.
		{"$it", "Ident($it)"},
		{"$root/a", "Ident($root) Punct(/) Ident(a)"},
		{"$this", "Ident($this)"},
		{"$count", "Ident($count)"},
		{"$COUNT", "Ident($count)"},
		{"$Count(", "Func($count) Punct(()"},
		{"$filter(", "Func($filter) Punct(()"},
		{"$FILTER", "Ident($filter)"},
		{"$it(", "Func($it) Punct(()"},

		// Aliases and annotations.
		{"@p", "At(@p)"},
		{"@p1 eq 1", "At(@p1) EqOp(eq) Number(1)"},
		{"@Ns.Term", "At(@Ns.Term)"},
		{"@Ns.Term#Q", "At(@Ns.Term#Q)"},
		{"a/@Core.Messages", "Ident(a) Punct(/) At(@Core.Messages)"},

		{"()[]{},:/=;", "Punct(() Punct()) Punct([) Punct(]) Punct({) Punct(}) Punct(,) Punct(:) Punct(/) Punct(=) Punct(;)"},
		{"", ""},
		{"  ", ""},
	})
}

// TestOffsets checks byte offsets, including after multi-byte characters.
func TestOffsets(t *testing.T) {
	toks, err := lexer.Tokenize("ä eq 'ö' and\tx/any(t:t)")
	if err != nil {
		t.Fatal(err)
	}
	want := []int{0, 3, 6, 11, 15, 16, 17, 20, 21, 22, 23, 24, 25}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, tk := range toks {
		if tk.Pos.Offset != want[i] {
			t.Errorf("token %d %q at %d, want %d", i, tk.Value, tk.Pos.Offset, want[i])
		}
	}
}

// TestDefinition checks the participle side: symbols and LexString.
func TestDefinition(t *testing.T) {
	var d plexer.Definition = lexer.Definition{}
	syms := d.Symbols()
	for _, name := range []string{"EOF", "Ident", "Func", "At", "Punct", "Not", "Minus", "String", "Number", "Enum", "Geometry"} {
		if _, ok := syms[name]; !ok {
			t.Errorf("Symbols lacks %s", name)
		}
	}
	for name, tt := range syms {
		if got := lexer.TypeName(tt); got != name {
			t.Errorf("TypeName(%d) = %s, want %s", tt, got, name)
		}
	}
	if got := lexer.TypeName(999); got != "TokenType(999)" {
		t.Errorf("TypeName(999) = %s", got)
	}
	lx, err := lexer.Definition{}.LexString("f", "a eq 1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		tk, err := lx.Next()
		if err != nil {
			t.Fatal(err)
		}
		if tk.EOF() {
			break
		}
		got = append(got, tk.Value)
	}
	if len(got) != 3 || got[1] != "eq" {
		t.Errorf("LexString tokens %q", got)
	}
	if !lexer.IsLiteral(lexer.Guid) || lexer.IsLiteral(lexer.Ident) || !lexer.IsOperator(lexer.InOp) || lexer.IsOperator(lexer.Not) {
		t.Error("IsLiteral/IsOperator disagree with the token table")
	}
	if !lexer.IsOperatorWord("DivBy") || !lexer.IsOperatorWord("not") || lexer.IsOperatorWord("any") {
		t.Error("IsOperatorWord")
	}
}

package ast

import "testing"

func TestFormat(t *testing.T) {
	tags := path("machineTags")
	tests := []struct {
		name string
		expr Expr
		want string
	}{
		{"nil", nil, ""},
		{"member path", path("a/b/$count"), "a/b/$count"},
		{"string literal verbatim", bin(path("name"), OpEq, str("'O''Neil'")), "name eq 'O''Neil'"},
		{"other literals verbatim", bin(bin(path("d"), OpAdd, lit(LitDuration, "duration'P1D'")), OpGt,
			lit(LitDateTimeOffset, "2018-08-01Z")), "d add duration'P1D' gt 2018-08-01Z"},
		{"enum literal", bin(path("p"), OpHas, lit(LitEnum, "Sales.Pattern'Yellow'")), "p has Sales.Pattern'Yellow'"},
		{"null", bin(path("a"), OpEq, lit(LitNull, "null")), "a eq null"},
		{"in list", bin(path("a"), OpIn, &ListExpr{Elems: []Expr{str("'x'"), str("'y'")}}), "a in ('x','y')"},
		{"in json array", bin(path("a"), OpIn, &ListExpr{JSON: true, Elems: []Expr{lit(LitString, `"x"`), num("1")}}),
			`a in ["x",1]`},
		{"empty list", &ListExpr{}, "()"},
		{"any", &LambdaExpr{X: tags, Kind: Any, Var: "t", Predicate: bin(path("t"), OpEq, str("'x'"))},
			"machineTags/any(t:t eq 'x')"},
		{"any without predicate", &LambdaExpr{X: tags, Kind: Any}, "machineTags/any()"},
		{"all nested path", &LambdaExpr{X: path("a/b"), Kind: All, Var: "x", Predicate: path("x/c")}, "a/b/all(x:x/c)"},
		{"count", bin(&CountExpr{X: tags}, OpGt, num("0")), "machineTags/$count gt 0"},
		{"count filter", &CountExpr{X: tags, Filter: bin(path("$it"), OpNe, str("'x'"))},
			"machineTags/$count($filter=$it ne 'x')"},
		{"filter segment", &CountExpr{X: &FilterSegmentExpr{X: tags, Predicate: call("startswith", path("$it"), str("'a'"))}},
			"machineTags/$filter(startswith($it,'a'))/$count"},
		{"canonical call lower-cased", call("ToLower", path("a")), "tolower(a)"},
		{"matchesPattern as 4.01 spells it", call("MATCHESPATTERN", path("a"), str("'^x'")), "matchesPattern(a,'^x')"},
		{"matchesPattern from its lower-case key", call("matchespattern", path("a"), str("'^x'")), "matchesPattern(a,'^x')"},
		{"call args", call("substring", path("a"), num("1"), num("2")), "substring(a,1,2)"},
		{"call without args", call("now"), "now()"},
		{"bound call", &CallExpr{X: path("a"), Name: "NS.Fn", Args: []Expr{num("1")}}, "a/NS.Fn(1)"},
		{"named args", &CallExpr{Name: "NS.Fn", Named: []NamedArg{{Name: "p", Value: num("1")}, {Name: "q", Value: &AliasExpr{Name: "w"}}}},
			"NS.Fn(p=1,q=@w)"},
		{"key predicate", &MemberExpr{X: &CallExpr{Name: "Items", Args: []Expr{num("1")}}, Name: "Name"}, "Items(1)/Name"},
		{"cast", call("cast", path("a"), &TypeExpr{Name: "Edm.String"}), "cast(a,Edm.String)"},
		{"isof collection", call("isof", &TypeExpr{Name: "Edm.String", Collection: true}), "isof(Collection(Edm.String))"},
		{"case", &CaseExpr{Clauses: []CaseClause{{Cond: bin(path("x"), OpGt, num("1")), Value: str("'a'")},
			{Cond: lit(LitBoolean, "true"), Value: str("'b'")}}}, "case(x gt 1:'a',true:'b')"},
		{"object", &ObjectExpr{Members: []ObjectMember{{Name: "a", Value: num("1")}, {Name: "q\"\\\n\x01é", Value: lit(LitNull, "null")}}},
			`{"a":1,"q\"\\\n\u0001é":null}`},
		{"alias", bin(path("a"), OpEq, &AliasExpr{Name: "p"}), "a eq @p"},
		{"grouped path operand", &MemberExpr{X: bin(path("a"), OpAdd, num("1")), Name: "b"}, "(a add 1)/b"},
		{"args need no parens", call("concat", bin(path("a"), OpOr, path("b")), path("c")), "concat(a or b,c)"},
		// Unary operators.
		{"not", not(path("a")), "not a"},
		{"not not", not(not(path("a"))), "not not a"},
		{"not binary", not(bin(path("a"), OpAnd, path("b"))), "not (a and b)"},
		{"not in binds looser", not(bin(path("a"), OpIn, path("b"))), "not a in b"},
		{"not as left of in", bin(not(path("a")), OpIn, path("b")), "(not a) in b"},
		{"not as left of and", bin(not(path("a")), OpAnd, path("b")), "not a and b"},
		{"not as right of has", bin(path("a"), OpHas, not(path("b"))), "a has (not b)"},
		{"neg member", neg(path("a")), "-a"},
		{"neg binds tighter than mul", bin(neg(path("a")), OpMul, path("b")), "-a mul b"},
		{"neg of mul", neg(bin(path("a"), OpMul, path("b"))), "-(a mul b)"},
		{"sub neg", bin(path("a"), OpSub, neg(path("b"))), "a sub -b"},
		// The minus-digit rule: "-1" is a literal, "- 1" negates the literal 1.
		{"neg int", neg(num("1")), "- 1"},
		{"neg negative literal", neg(num("-1")), "--1"},
		{"neg neg int", neg(neg(num("1"))), "-- 1"},
		{"neg INF", neg(lit(LitDouble, "INF")), "- INF"},
		{"neg NaN", neg(lit(LitDouble, "NaN")), "- NaN"},
		{"neg -INF literal", neg(lit(LitDouble, "-INF")), "--INF"},
		{"neg date", neg(lit(LitDate, "2018-08-01")), "- 2018-08-01"},
		{"neg guid", neg(lit(LitGuid, "01234567-89ab-cdef-0123-456789abcdef")), "- 01234567-89ab-cdef-0123-456789abcdef"},
		{"neg name like INF", neg(path("INFO/x")), "- INFO/x"},
		{"neg name", neg(path("info2")), "- info2"},
		{"neg string", neg(str("'1'")), "-'1'"},
		{"neg has starting with digit", neg(bin(num("1"), OpHas, path("b"))), "- 1 has b"},
		{"neg grouped", neg(bin(num("1"), OpAdd, path("b"))), "-(1 add b)"},
		{"neg in right operand", bin(path("a"), OpAdd, neg(num("2"))), "a add - 2"},
		{"neg as left of in", bin(neg(num("1")), OpIn, path("b")), "(- 1) in b"},
		{"not literal", not(num("1")), "not 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(tt.expr); got != tt.want {
				t.Errorf("Format(%s)\n got: %s\nwant: %s", Debug(tt.expr), got, tt.want)
			}
		})
	}
}

// levels holds one operator for each binary precedence level, loosest first.
var levels = []BinaryOp{OpOr, OpAnd, OpEq, OpLt, OpAdd, OpMul, OpHas}

// TestFormatPrecedence checks every pair of precedence levels, an operator
// expression as the left and as the right operand of another.
func TestFormatPrecedence(t *testing.T) {
	// want[i][j] is the expected pair (left, right) for outer levels[i] and
	// inner levels[j]; "P" marks an operand that needs parentheses.
	want := [][]string{
		//       or    and   eq    lt    add   mul   has
		/*or*/ {"-P", "--", "--", "--", "--", "--", "--"},
		/*and*/ {"PP", "-P", "--", "--", "--", "--", "--"},
		/*eq*/ {"PP", "PP", "-P", "--", "--", "--", "--"},
		/*lt*/ {"PP", "PP", "PP", "-P", "--", "--", "--"},
		/*add*/ {"PP", "PP", "PP", "PP", "-P", "--", "--"},
		/*mul*/ {"PP", "PP", "PP", "PP", "PP", "-P", "--"},
		/*has*/ {"PP", "PP", "PP", "PP", "PP", "PP", "-P"},
	}
	wrap := func(s string, paren byte) string {
		if paren == 'P' {
			return "(" + s + ")"
		}
		return s
	}
	for i, outer := range levels {
		for j, inner := range levels {
			in := "a " + inner.String() + " b"
			left := bin(bin(path("a"), inner, path("b")), outer, path("c"))
			wantLeft := wrap(in, want[i][j][0]) + " " + outer.String() + " c"
			if got := Format(left); got != wantLeft {
				t.Errorf("Format(%s) = %s, want %s", Debug(left), got, wantLeft)
			}
			right := bin(path("c"), outer, bin(path("a"), inner, path("b")))
			wantRight := "c " + outer.String() + " " + wrap(in, want[i][j][1])
			if got := Format(right); got != wantRight {
				t.Errorf("Format(%s) = %s, want %s", Debug(right), got, wantRight)
			}
		}
	}
	// Operators sharing a level associate to the left.
	for _, ops := range [][2]BinaryOp{{OpEq, OpNe}, {OpGt, OpLe}, {OpAdd, OpSub}, {OpMul, OpDivBy}, {OpDiv, OpMod}, {OpHas, OpIn}} {
		l := bin(bin(path("a"), ops[0], path("b")), ops[1], path("c"))
		r := bin(path("a"), ops[0], bin(path("b"), ops[1], path("c")))
		wantL := "a " + ops[0].String() + " b " + ops[1].String() + " c"
		wantR := "a " + ops[0].String() + " (b " + ops[1].String() + " c)"
		if got := Format(l); got != wantL {
			t.Errorf("Format(%s) = %s, want %s", Debug(l), got, wantL)
		}
		if got := Format(r); got != wantR {
			t.Errorf("Format(%s) = %s, want %s", Debug(r), got, wantR)
		}
	}
	// A unary operand: not and - sit between mul and has.
	for _, u := range []func(Expr) *UnaryExpr{not, neg} {
		for i, outer := range levels {
			op := u(path("a")).Op.String()
			if op == "not" {
				op += " "
			}
			wantLeft, wantRight := op+"a "+outer.String()+" c", "c "+outer.String()+" "+op+"a"
			if i == len(levels)-1 {
				wantLeft, wantRight = "("+op+"a) has c", "c has ("+op+"a)"
			}
			if got := Format(bin(u(path("a")), outer, path("c"))); got != wantLeft {
				t.Errorf("unary left of %s: got %s, want %s", outer, got, wantLeft)
			}
			if got := Format(bin(path("c"), outer, u(path("a")))); got != wantRight {
				t.Errorf("unary right of %s: got %s, want %s", outer, got, wantRight)
			}
		}
	}
}

func TestFormatQuery(t *testing.T) {
	filter := bin(path("riskScore"), OpEq, str("'High'"))
	tests := []struct {
		name string
		q    *Query
		want string
	}{
		{"nil", nil, ""},
		{"empty", &Query{}, ""},
		{"filter", &Query{Filter: filter}, "$filter=riskScore eq 'High'"},
		{"all", &Query{Filter: filter, HasTop: true, Top: 10, HasSkip: true, Skip: 0},
			"$filter=riskScore eq 'High'&$top=10&$skip=0"},
		{"skip only", &Query{HasSkip: true, Skip: 5}, "$skip=5"},
		{"top and alias", &Query{HasTop: true, Top: 1, Aliases: []Alias{{Name: "p", Value: str("'a&b'")}, {Name: "q", Value: num("2")}}},
			"$top=1&@p='a&b'&@q=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatQuery(tt.q); got != tt.want {
				t.Errorf("FormatQuery\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

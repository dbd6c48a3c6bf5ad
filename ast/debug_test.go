package ast

import "testing"

func TestDebug(t *testing.T) {
	tests := []struct {
		name string
		expr Expr
		want string
	}{
		{"nil", nil, "<nil>"},
		{"explicit parens", bin(bin(path("a"), OpEq, num("1")), OpAnd, not(bin(path("b"), OpLt, num("2")))),
			"((a eq Edm.Int64(1)) and (not (b lt Edm.Int64(2))))"},
		{"left assoc shown", bin(bin(path("a"), OpSub, path("b")), OpSub, path("c")), "((a sub b) sub c)"},
		{"neg", neg(num("1")), "(-Edm.Int64(1))"},
		{"neg literal", lit(LitDouble, "-INF"), "Edm.Double(-INF)"},
		{"literal kinds", &ListExpr{Elems: []Expr{lit(LitNull, "null"), str("'x'"), lit(LitBoolean, "true"),
			lit(LitEnum, "NS.Color'Red'"), lit(LitDateTimeOffset, "2018-08-01Z")}},
			"(null(null),Edm.String('x'),Edm.Boolean(true),enum(NS.Color'Red'),Edm.DateTimeOffset(2018-08-01Z))"},
		{"path", path("a/b/$it"), "a/b/$it"},
		{"lambda", &LambdaExpr{X: path("a"), Kind: Any, Var: "t", Predicate: bin(path("t"), OpEq, str("'x'"))},
			"a/any(t:(t eq Edm.String('x')))"},
		{"lambda empty", &LambdaExpr{X: path("a"), Kind: All}, "a/all()"},
		{"count", &CountExpr{X: path("a"), Filter: path("$it")}, "a/$count($filter=$it)"},
		{"filter segment", &FilterSegmentExpr{X: path("a"), Predicate: path("$it")}, "a/$filter($it)"},
		{"call and type", call("cast", path("a"), &TypeExpr{Name: "Edm.Int32"}), "cast(a,<Edm.Int32>)"},
		{"collection type", &TypeExpr{Name: "NS.T", Collection: true}, "<Collection(NS.T)>"},
		{"bound call", &CallExpr{X: path("a"), Name: "NS.Fn", Args: []Expr{num("1")}, Named: []NamedArg{{Name: "p", Value: &AliasExpr{Name: "v"}}}},
			"a/NS.Fn(Edm.Int64(1),p=@v)"},
		{"case", &CaseExpr{Clauses: []CaseClause{{Cond: path("x"), Value: num("1")}}}, "case(x:Edm.Int64(1))"},
		{"json list and object", &ListExpr{JSON: true, Elems: []Expr{&ObjectExpr{Members: []ObjectMember{{Name: `k"`, Value: num("1")}}}}},
			`[{"k\"":Edm.Int64(1)}]`},
		{"grouped path", &MemberExpr{X: bin(path("a"), OpAdd, num("1")), Name: "b"}, "(a add Edm.Int64(1))/b"},
		{"nil child", &BinaryExpr{Op: OpEq, X: path("a")}, "(a eq <nil>)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Debug(tt.expr); got != tt.want {
				t.Errorf("Debug\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestDebugAnnotated(t *testing.T) {
	// riskScore eq 'High' and tags/any(t:t eq 'x'), with real spans.
	src := "riskScore eq 'High' and tags/any(t:t eq 'x')"
	eq := &BinaryExpr{Op: OpEq, Loc: Span{0, 19},
		X: &MemberExpr{Name: "riskScore", Loc: Span{0, 9}},
		Y: &Literal{Kind: LitString, Raw: "'High'", Loc: Span{13, 19}}}
	tags := &MemberExpr{Name: "tags", Loc: Span{24, 28}}
	lambda := &LambdaExpr{X: tags, Kind: Any, Var: "t", Loc: Span{24, 44},
		Predicate: &BinaryExpr{Op: OpEq, Loc: Span{35, 43},
			X: &MemberExpr{Name: "t", Loc: Span{35, 36}},
			Y: &Literal{Kind: LitString, Raw: "'x'", Loc: Span{40, 43}}}}
	e := &BinaryExpr{Op: OpAnd, X: eq, Y: lambda, Loc: Span{0, len(src)}}

	want := "((riskScore~0:9 eq Edm.String('High')~13:19)~0:19 and " +
		"tags~24:28/any(t:(t~35:36 eq Edm.String('x')~40:43)~35:43)~24:44)~0:44"
	if got := DebugAnnotated(e, SpanNote); got != want {
		t.Errorf("DebugAnnotated(SpanNote)\n got: %s\nwant: %s", got, want)
	}
	onlyLiterals := func(e Expr) string {
		if l, ok := e.(*Literal); ok {
			return l.Kind.String()
		}
		return ""
	}
	want = "((riskScore eq Edm.String('High')~Edm.String) and tags/any(t:(t eq Edm.String('x')~Edm.String)))"
	if got := DebugAnnotated(e, onlyLiterals); got != want {
		t.Errorf("DebugAnnotated(onlyLiterals)\n got: %s\nwant: %s", got, want)
	}
	if got := SpanNote(nil); got != "" {
		t.Errorf("SpanNote(nil) = %q", got)
	}
}

package parser_test

import (
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// TestPaths covers member paths, /$count, $it/$root/$this, lambdas, type
// casts and annotations.
func TestPaths(t *testing.T) {
	runTrees(t, []treeCase{
		{"a", "a"},
		{"a/b/c", "a/b/c"},
		{"Address/City eq 'x'", "(Address/City eq Edm.String('x'))"},
		{"a/Ns.Type/b", "a/Ns.Type/b"},
		{"a/@Core.Messages", "a/@Core.Messages"},
		{"@p/a", "@p/a"},
		{"$it", "$it"},
		{"$it/a eq 1", "($it/a eq Edm.Int64(1))"},
		{"$root/a/b", "$root/a/b"},
		{"$this eq 1", "($this eq Edm.Int64(1))"},
		{"ä eq 1", "(ä eq Edm.Int64(1))"},
		{"eq eq 1", "(eq eq Edm.Int64(1))"}, // a property may be named like an operator

		// /$count, optionally with a $filter ($ optional, any case).
		{"Tags/$count", "Tags/$count"},
		{"Tags/$COUNT gt 1", "(Tags/$count gt Edm.Int64(1))"},
		{"Tags/$count()", "Tags/$count"},
		{"Tags/$count($filter=$it eq 'x') gt 0", "(Tags/$count($filter=($it eq Edm.String('x'))) gt Edm.Int64(0))"},
		{"Tags/$count(filter=$it eq 'x')", "Tags/$count($filter=($it eq Edm.String('x')))"},
		{"Tags/$count($FILTER=$this ne 'x')", "Tags/$count($filter=($this ne Edm.String('x')))"},
		{"Tags/$filter($it eq 'x')/$count", "Tags/$filter(($it eq Edm.String('x')))/$count"},

		// Lambdas with range variables, nested; any() without a predicate.
		{"Tags/any(t: t eq 'x')", "Tags/any(t:(t eq Edm.String('x')))"},
		{"Tags/any(t:t eq 'x')", "Tags/any(t:(t eq Edm.String('x')))"},
		{"Tags/ANY( t : t eq 'x' )", "Tags/any(t:(t eq Edm.String('x')))"},
		{"Tags/all(t: not (t eq 'x'))", "Tags/all(t:(not (t eq Edm.String('x'))))"},
		{"Tags/any()", "Tags/any()"},
		{"a/b/any()", "a/b/any()"},
		{"Items/any(i: i/Tags/all(t: t ne i/Name))", "Items/any(i:i/Tags/all(t:(t ne i/Name)))"},
		{"Tags/any(t: t eq $root/a)", "Tags/any(t:(t eq $root/a))"},
		{"not Tags/any(t: t eq 'x') and b", "((not Tags/any(t:(t eq Edm.String('x')))) and b)"},
		{"machineTags/any(t: t eq 'test tag 1')", "machineTags/any(t:(t eq Edm.String('test tag 1')))"},
	})
}

// TestFunctions covers canonical functions (any case, fixed arity),
// cast/isof with type names, case(), and other function calls.
func TestFunctions(t *testing.T) {
	runTrees(t, []treeCase{
		{"contains(a,'x')", "contains(a,Edm.String('x'))"},
		{"CONTAINS(a, 'x')", "contains(a,Edm.String('x'))"},
		{"startswith(computerDnsName,'mymachine')", "startswith(computerDnsName,Edm.String('mymachine'))"},
		{"endswith(a,'x') eq true", "(endswith(a,Edm.String('x')) eq Edm.Boolean(true))"},
		{"length(a) gt 3", "(length(a) gt Edm.Int64(3))"},
		{"indexof(a,'x') eq 1", "(indexof(a,Edm.String('x')) eq Edm.Int64(1))"},
		{"substring(a,1)", "substring(a,Edm.Int64(1))"},
		{"substring(a,1,2)", "substring(a,Edm.Int64(1),Edm.Int64(2))"},
		{"tolower(toupper(trim(a)))", "tolower(toupper(trim(a)))"},
		{"concat(concat(a,', '),b)", "concat(concat(a,Edm.String(', ')),b)"},
		{"matchesPattern(a,'^x')", "matchespattern(a,Edm.String('^x'))"},
		{"hassubset(a,[1,2])", "hassubset(a,[Edm.Int64(1),Edm.Int64(2)])"},
		{"year(lastSeen) eq 2024", "(year(lastSeen) eq Edm.Int64(2024))"},
		{"month(a) add day(a) add hour(a) add minute(a) add second(a)",
			"((((month(a) add day(a)) add hour(a)) add minute(a)) add second(a))"},
		{"fractionalseconds(a) lt 0.5", "(fractionalseconds(a) lt Edm.Decimal(0.5))"},
		{"date(a) eq 2012-12-03", "(date(a) eq Edm.Date(2012-12-03))"},
		{"time(a) le 13:52", "(time(a) le Edm.TimeOfDay(13:52))"},
		{"totaloffsetminutes(a)", "totaloffsetminutes(a)"},
		{"totalseconds(duration'PT1M')", "totalseconds(Edm.Duration(duration'PT1M'))"},
		{"a lt now()", "(a lt now())"},
		{"mindatetime() lt maxdatetime()", "(mindatetime() lt maxdatetime())"},
		{"round(a) add floor(a) add ceiling(a)", "((round(a) add floor(a)) add ceiling(a))"},
		{"geo.distance(a,b) lt 1", "(geo.distance(a,b) lt Edm.Int64(1))"},
		{"geo.length(a)", "geo.length(a)"},
		{"geo.intersects(a,geography'SRID=0;Point(1 2)')", "geo.intersects(a,Edm.Geography(geography'SRID=0;Point(1 2)'))"},

		{"cast(a,Edm.String)", "cast(a,<Edm.String>)"},
		{"cast(Edm.Int32)", "cast(<Edm.Int32>)"},
		{"cast(a,Ns.Type)/b", "cast(a,<Ns.Type>)/b"},
		{"isof(a,Edm.Int64)", "isof(a,<Edm.Int64>)"},
		{"isof(Ns.Type)", "isof(<Ns.Type>)"},
		{"isof(a,Collection(Edm.String))", "isof(a,<Collection(Edm.String)>)"},
		{"cast(a, Collection(Ns.T))", "cast(a,<Collection(Ns.T)>)"},
		{"not isof(a,Edm.String)", "(not isof(a,<Edm.String>))"},

		{"case(a gt 0:1,true:0)", "case((a gt Edm.Int64(0)):Edm.Int64(1),Edm.Boolean(true):Edm.Int64(0))"},
		{"case(a:'x')", "case(a:Edm.String('x'))"},
		{"case(a eq 10:1,true:0)", "case((a eq Edm.Int64(10)):Edm.Int64(1),Edm.Boolean(true):Edm.Int64(0))"},
		{"case(a eq 13:52:'x')", "case((a eq Edm.TimeOfDay(13:52)):Edm.String('x'))"},

		// Not canonical: bound functions, named parameters, key predicates.
		{"Ns.Fn(p=1)", "Ns.Fn(p=Edm.Int64(1))"},
		{"a/Ns.Fn(p=1,q='x')", "a/Ns.Fn(p=Edm.Int64(1),q=Edm.String('x'))"},
		{"a/Ns.Fn()", "a/Ns.Fn()"},
		{"Items(1)/Name", "Items(Edm.Int64(1))/Name"},
		{"a/now()", "a/now()"},
		{"now()/a", "now()/a"},
	})
}

// TestIn covers in with a list, an empty list, a collection expression and
// a JSON array, and the other JSON values.
func TestIn(t *testing.T) {
	runTrees(t, []treeCase{
		{"a in ('x','y')", "(a in (Edm.String('x'),Edm.String('y')))"},
		{"a in ('x')", "(a in (Edm.String('x')))"},
		{"a in ()", "(a in ())"},
		{"a in (1, 2 ,3)", "(a in (Edm.Int64(1),Edm.Int64(2),Edm.Int64(3)))"},
		{"a in (@p,'x')", "(a in (@p,Edm.String('x')))"},
		{"riskScore in ('Low','None')", "(riskScore in (Edm.String('Low'),Edm.String('None')))"},
		{"a in Tags", "(a in Tags)"},
		{"a in b/Tags", "(a in b/Tags)"},
		{"a in (Tags)", "(a in Tags)"}, // ABNF: no literal, so no list but a parenExpr
		{"a in ((Tags))", "(a in Tags)"},
		// Lists of literals only are matched inline (LitList); the rest,
		// and the "(" of a call, take the general path.
		{"a in (1,-2)", "(a in (Edm.Int64(1),Edm.Int64(-2)))"},
		{"a in (1,@p)", "(a in (Edm.Int64(1),@p))"},
		{"a in ('x') and b in ()", "((a in (Edm.String('x'))) and (b in ()))"},
		{"(1) add 2 eq a", "((Edm.Int64(1) add Edm.Int64(2)) eq a)"},
		{"- (1) eq a", "((-Edm.Int64(1)) eq a)"},
		{"not ('x' eq a)", "(not (Edm.String('x') eq a))"},
		{"concat('a','b') in ('ab')", "(concat(Edm.String('a'),Edm.String('b')) in (Edm.String('ab')))"},
		{"t/any(x:x in ('a','b'))", "t/any(x:(x in (Edm.String('a'),Edm.String('b'))))"},
		{"0 in (in)", "(Edm.Int64(0) in in)"}, // a property named in; Format writes it so
		{"a in (1 add 2)", "(a in (Edm.Int64(1) add Edm.Int64(2)))"},
		{"a in @list", "(a in @list)"},
		{`a in ["x","y"]`, `(a in [Edm.String("x"),Edm.String("y")])`},
		{`a in ['x',b]`, `(a in [Edm.String('x'),b])`},
		{`a in []`, `(a in [])`},
		{"'x' in Tags and b", "((Edm.String('x') in Tags) and b)"},
		{"not (riskScore in ('Low','None'))", "(not (riskScore in (Edm.String('Low'),Edm.String('None'))))"},
		{`[1,[2,3]] eq a`, `([Edm.Int64(1),[Edm.Int64(2),Edm.Int64(3)]] eq a)`},
	})
}

// TestSpans pins the spans of some nodes, noted as start:end after each one.
func TestSpans(t *testing.T) {
	cases := []treeCase{
		{"a eq 'x'", "(a~0:1 eq Edm.String('x')~5:8)~0:8"},
		{"not a", "(not a~4:5)~0:5"},
		{"-a", "(-a~1:2)~0:2"},
		{"(a)", "a~1:2"},
		{"a/b", "a~0:1/b~0:3"},
		{"T/any(t:t)", "T~0:1/any(t:t~8:9)~0:10"},
		{"T/$count", "T~0:1/$count~0:8"},
		{"f(a, 1)", "f(a~2:3,Edm.Int64(1)~5:6)~0:7"},
		{"cast(a,Collection(E))", "cast(a~5:6,<Collection(E)>~7:20)~0:21"},
		{"a in ('x')", "(a~0:1 in (Edm.String('x')~6:9)~5:10)~0:10"},
		{"ä eq 'ö'", "(ä~0:2 eq Edm.String('ö')~6:10)~0:10"},
	}
	for _, c := range cases {
		e, err := parser.ParseFilter(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := ast.DebugAnnotated(e, ast.SpanNote); got != c.want {
			t.Errorf("%q\n got: %s\nwant: %s", c.in, got, c.want)
		}
	}
}

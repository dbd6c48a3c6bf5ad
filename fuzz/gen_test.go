package fuzz

import (
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// TestGeneratorCoverage: a thousand generated filters and query strings
// use every operator, canonical function, literal kind, lambda form and
// special form the checker admits, so that the properties exercise them
// all.
func TestGeneratorCoverage(t *testing.T) {
	r := rand.New(rand.NewSource(seed()))
	seen := map[string]bool{}
	note := func(e ast.Node) bool {
		switch e := e.(type) {
		case *ast.BinaryExpr:
			seen["op "+e.Op.String()] = true
		case *ast.UnaryExpr:
			seen["op "+e.Op.String()] = true
		case *ast.CallExpr:
			seen["fn "+e.Name] = true
			if e.Name == "substring" {
				seen["fn substring/"+string(rune('0'+len(e.Args)))] = true
			}
		case *ast.Literal:
			seen["lit "+e.Kind.String()] = true
			switch {
			case e.Raw == "INF" || e.Raw == "-INF" || e.Raw == "NaN":
				seen["lit "+e.Raw] = true
			case e.Kind == ast.LitDateTimeOffset && !strings.ContainsAny(e.Raw, "Tt"):
				seen["lit 2018-08-01Z form"] = true
			case e.Kind == ast.LitString && strings.Contains(e.Raw, "''"):
				seen["lit string with ''"] = true
			}
		case *ast.LambdaExpr:
			if e.Predicate == nil {
				seen["lambda any()"] = true
			} else {
				seen["lambda "+e.Kind.String()] = true
				var inner *ast.LambdaExpr
				ast.Inspect(e.Predicate, func(n ast.Node) bool {
					if l, ok := n.(*ast.LambdaExpr); ok && l.Var == e.Var {
						inner = l
					}
					return inner == nil
				})
				if inner != nil {
					seen["lambda shadowing"] = true
				}
			}
		case *ast.CountExpr:
			seen["$count"] = true
		case *ast.CaseExpr:
			seen["case"] = true
		case *ast.ListExpr:
			if e.JSON {
				seen["list [json]"] = true
			} else {
				seen["list (in)"] = true
			}
			if len(e.Elems) == 0 {
				seen["list empty"] = true
			}
		case *ast.AliasExpr:
			seen["alias"] = true
		case *ast.MemberExpr:
			if e.X != nil {
				if x, ok := e.X.(*ast.MemberExpr); ok && x.Name == "$it" {
					seen["$it/field"] = true
				}
			}
		}
		return true
	}
	for range 1000 {
		e, err := parser.ParseFilter(newExprGen(r).filter(filterDepth))
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(e, note)
		q, err := parser.ParseQuery(randomQuery(r, 4))
		if err != nil {
			t.Fatal(err)
		}
		if q.Filter != nil {
			ast.Inspect(q.Filter, note)
		}
		for _, a := range q.Aliases {
			ast.Inspect(a.Value, note)
		}
	}
	var want []string
	for op := ast.OpEq; op <= ast.OpMod; op++ {
		if op != ast.OpHas { // no Machine enum is a flags enum: has is a checker error
			want = append(want, "op "+op.String())
		}
	}
	want = append(want, "op -", "op not", "fn substring/2", "fn substring/3",
		"lit INF", "lit -INF", "lit NaN", "lit 2018-08-01Z form", "lit string with ''",
		"lambda any", "lambda all", "lambda any()", "lambda shadowing", "$count", "case",
		"list [json]", "list (in)", "list empty", "alias", "$it/field")
	for _, k := range []ast.LitKind{ast.LitNull, ast.LitBoolean, ast.LitInt, ast.LitDecimal, ast.LitDouble,
		ast.LitString, ast.LitDate, ast.LitDateTimeOffset, ast.LitTimeOfDay, ast.LitDuration, ast.LitGuid, ast.LitEnum} {
		want = append(want, "lit "+k.String())
	}
	fns := canonicalFunctions()
	if len(fns) < 30 {
		t.Fatalf("the checker admits only %v: the probes are out of date", fns)
	}
	for _, fn := range fns {
		want = append(want, "fn "+fn)
	}
	var missing []string
	for _, w := range want {
		if !seen[w] {
			missing = append(missing, w)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the generators never produce: %s", strings.Join(missing, ", "))
	}
}

// canonicalFunctions lists the functions the checker admits on the Machine
// model, found by asking it: each name is tried with arguments of the right
// shape.
func canonicalFunctions() []string {
	probes := map[string]string{
		"contains": "contains(id,'a')", "startswith": "startswith(id,'a')", "endswith": "endswith(id,'a')",
		"indexof": "indexof(id,'a') eq 1", "length": "length(id) eq 1", "substring": "substring(id,1) eq 'a'",
		"tolower": "tolower(id) eq 'a'", "toupper": "toupper(id) eq 'a'", "trim": "trim(id) eq 'a'",
		"concat": "concat(id,'a') eq 'a'", "matchespattern": "matchespattern(id,'a')",
		"year": "year(lastSeen) eq 1", "month": "month(lastSeen) eq 1", "day": "day(lastSeen) eq 1",
		"hour": "hour(lastSeen) eq 1", "minute": "minute(lastSeen) eq 1", "second": "second(lastSeen) eq 1",
		"fractionalseconds": "fractionalseconds(lastSeen) eq 0.5", "totalseconds": "totalseconds(duration'P1D') eq 1",
		"date": "date(lastSeen) eq 2020-01-01", "time": "time(lastSeen) eq 10:00",
		"totaloffsetminutes": "totaloffsetminutes(lastSeen) eq 0", "now": "now() eq lastSeen",
		"mindatetime": "mindatetime() eq lastSeen", "maxdatetime": "maxdatetime() eq lastSeen",
		"round": "round(1.5) eq 2", "floor": "floor(1.5) eq 1", "ceiling": "ceiling(1.5) eq 2",
		"cast": "cast(1,Edm.Double) eq 1", "isof": "isof(id,Edm.String)",
		"hassubset": "hassubset(machineTags,['a'])", "hassubsequence": "hassubsequence(machineTags,['a'])",
		"geo.distance": "geo.distance(id,id) eq 1", "geo.length": "geo.length(id) eq 1", "geo.intersects": "geo.intersects(id,id)",
	}
	var out []string
	for name, f := range probes {
		e, err := parser.ParseFilter(f)
		if err != nil {
			continue
		}
		if _, err := schema.CheckFilter(e); err == nil {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

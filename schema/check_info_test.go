package schema

import (
	"reflect"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// allCheckCases returns every source of the checker tables.
func allCheckCases() []string {
	var srcs []string
	for _, table := range [][]checkCase{nameCases, opCases, enumCases, collectionCases, aliasCases, literalCases, callCases} {
		for _, tc := range table {
			srcs = append(srcs, tc.src)
		}
	}
	return srcs
}

// Check must not mutate the tree: after checking a parse against both
// models it is deeply equal to a second, unchecked parse of the same text.
func TestCheckDoesNotMutate(t *testing.T) {
	for _, src := range allCheckCases() {
		q, pristine := parse(t, src), parse(t, src)
		before := ast.DebugAnnotated(q.Filter, ast.SpanNote)
		Machines.Check(q)
		Machines2021.Check(q)
		if after := ast.DebugAnnotated(q.Filter, ast.SpanNote); after != before {
			t.Errorf("%s: Check changed the tree\nbefore: %s\n after: %s", src, before, after)
		}
		if !reflect.DeepEqual(q, pristine) && !strings.Contains(src, "NaN") { // NaN is not DeepEqual to itself
			t.Errorf("%s: Check changed the query", src)
		}
	}
}

// Several independent errors are reported at once, in source order.
func TestCheckReportsEveryError(t *testing.T) {
	runCheckCases(t, Machines, []checkCase{
		{"riskScor eq 'x' and osBuild eq 1 and healthStatus gt 'Active'", "unknown_field@0:8 not_filterable@20:27 type_mismatch@50:52", ""},
		{"foo eq 1 or bar eq 2 or baz eq 3", "unknown_field@0:3 unknown_field@12:15 unknown_field@24:27", ""},
		{"'Hgh' eq riskScore and 'Lw' eq riskScore", "unknown_enum_member@0:5 unknown_enum_member@23:27", ""},
		{"hassubset([foo], bar)", "unknown_field@11:14 unknown_field@17:20", ""}, // the second argument is checked first
		{"hassubset(computerDnsName, [foo])", "type_mismatch@10:25 unknown_field@28:31", ""},
		{"machineTags in ['a', foo]", "type_mismatch@0:11 unknown_field@21:24", ""},
		{"not riskScor and rbacGroupId add 'x' eq 1 and lastSeen gt 2018-02-30", "unknown_field@4:12 type_mismatch@29:32 bad_literal@58:68", ""},
	})
}

// The info maps: which field each name resolved to, which lambda binds
// each variable, the alias values, and the enum members.
func TestCheckedInfo(t *testing.T) {
	const src = "$filter=riskScore ge @min and machineTags/any(t: machineTags/all(t: startswith(t, 'prod'))) and rbacGroupId in (140, 141)&@min='Medium'"
	q := parse(t, src)
	c, err := Check(q)
	if err != nil {
		t.Fatal(err)
	}
	if c.Model != Machines || c.Query != q || c.Filter() != q.Filter {
		t.Errorf("Checked does not refer to its model and query")
	}
	var names []string
	for _, f := range c.FieldsRead() {
		names = append(names, f.Name)
	}
	if want := []string{"rbacGroupId", "riskScore", "machineTags"}; !reflect.DeepEqual(names, want) {
		t.Errorf("FieldsRead = %v, want %v (model order, each once)", names, want)
	}

	var outer, inner *ast.LambdaExpr
	var alias *ast.AliasExpr
	ast.Inspect(q.Filter, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.LambdaExpr:
			if outer == nil {
				outer = n
			} else {
				inner = n
			}
		case *ast.AliasExpr:
			alias = n
		}
		return true
	})
	tRef := nodeAt(src, q, "t").(*ast.MemberExpr)
	if c.Vars[tRef] != inner || inner == nil || inner == outer {
		t.Errorf("t is bound to %v, want the inner lambda (it shadows the outer t)", c.Vars[tRef])
	}
	if len(c.Vars) != 1 {
		t.Errorf("Vars has %d entries, want 1", len(c.Vars))
	}
	val, _ := q.Alias("min")
	if c.Aliases[alias] != val {
		t.Errorf("Aliases[@min] = %v, want the value of @min", c.Aliases[alias])
	}
	if lit := val.(*ast.Literal); c.Members[lit] != 4 {
		t.Errorf("Members['Medium'] = %d, want 4", c.Members[lit])
	}
	if f, _ := Machines.Lookup("riskScore"); c.Types[alias] != f.Type {
		t.Errorf("Types[@min] = %v, want the type of riskScore", c.Types[alias])
	}
}

// Suggestions: the nearest field, range variable, member, function or type.
func TestCheckSuggestions(t *testing.T) {
	tests := []struct{ src, code, suggestion string }{
		{"riskScor eq 'High'", "unknown_field", "riskScore"},
		{"RISKSCOR eq 'High'", "unknown_field", "riskScore"},
		{"computerDnsNam eq 'x'", "unknown_field", "computerDnsName"},
		{"lastseem gt 2018-08-01Z", "unknown_field", "lastSeen"},
		{"foo eq 1", "unknown_field", ""},
		{"machineTags/any(tag: tga eq 'x')", "unknown_field", "tag"},
		{"riskScore eq 'Hgh'", "unknown_enum_member", "'High'"},
		{"healthStatus eq 'Actve'", "unknown_enum_member", "'Active'"},
		{"riskScore in ('Low','Nope')", "unknown_enum_member", "'None'"},
		{"riskScore eq 'Critical'", "unknown_enum_member", ""},
		{"riskScore eq Microsoft.WindowsDefenderATP.Api.RiskScor'High'", "unknown_type", "Microsoft.WindowsDefenderATP.Api.RiskScore"},
		{"startwith(computerDnsName, 'x')", "unknown_function", "startswith"},
		// matchesPattern as OData 4.01 spells it; other languages' names.
		{"matchPattern(computerDnsName, 'x')", "unknown_function", "matchesPattern"},
		{"matchespatern(computerDnsName, 'x')", "unknown_function", "matchesPattern"},
		{"matches(computerDnsName, 'x')", "unknown_function", "matchesPattern"},
		{"REGEX(computerDnsName, 'x')", "unknown_function", "matchesPattern"},
		{"upper(computerDnsName) eq 'X'", "unknown_function", "toupper"},
		{"len(computerDnsName) eq 1", "unknown_function", "length"},
		{"Model.Fn()", "unknown_function", ""},
		{"cast(rbacGroupId, Edm.Strin) eq '1'", "unknown_type", "Edm.String"},
	}
	for _, tt := range tests {
		_, err := Check(parse(t, tt.src))
		ds := diagnostics(t, err)
		if len(ds) != 1 || string(ds[0].Code) != tt.code || ds[0].Suggestion != tt.suggestion {
			t.Errorf("%s: want %s suggesting %q, got%s", tt.src, tt.code, tt.suggestion, explain(tt.src, ds))
		}
	}
}

// A suggestion replaces the text under its span: applying it gives a
// filter that checks.
func TestSuggestionsFix(t *testing.T) {
	for _, src := range []string{
		"riskScor eq 'High'",
		"riskScore eq 'Hgh'",
		"riskScore eq Microsoft.WindowsDefenderATP.Api.RiskScore'Hgh'",
		"riskScore eq Microsoft.WindowsDefenderATP.Api.RiskScor'High'",
		"startwith(computerDnsName, 'x')",
		"cast(riskScore, Edm.Strin) eq 'High'",
		"machineTags/any(tag: tga eq 'x')",
	} {
		_, err := Check(parse(t, src))
		ds := diagnostics(t, err)
		if len(ds) != 1 || ds[0].Suggestion == "" {
			t.Errorf("%s: want one diagnostic with a suggestion, got%s", src, explain(src, ds))
			continue
		}
		fixed := src[:ds[0].Span.Start] + ds[0].Suggestion + src[ds[0].Span.End:]
		if _, err := Check(parse(t, fixed)); err != nil {
			t.Errorf("%s: the suggested %s does not check: %v", src, fixed, err)
		}
	}
}

func TestCheckFilterAndEmptyQuery(t *testing.T) {
	e, err := parser.ParseFilter("riskScore eq 'High'")
	if err != nil {
		t.Fatal(err)
	}
	c, err := CheckFilter(e)
	if err != nil || c.Filter() != e || c.Types[e] != TypeBoolean {
		t.Errorf("CheckFilter = %v, %v", c, err)
	}
	if _, err := Machines2021.CheckFilter(e); err != nil {
		t.Errorf("Machines2021.CheckFilter: %v", err)
	}

	q, err := parser.ParseQuery("$top=10")
	if err != nil {
		t.Fatal(err)
	}
	c, err = Check(q)
	if err != nil || c.Filter() != nil || len(c.Types) != 0 || len(c.FieldsRead()) != 0 {
		t.Errorf("Check without $filter = %+v, %v", c, err)
	}

	_, err = CheckFilter(&ast.MemberExpr{Name: "rbacGroupId", NameSpan: ast.Span{End: 11}, Loc: ast.Span{End: 11}})
	if ds := diagnostics(t, err); codesAndSpans(ds) != "type_mismatch@0:11" {
		t.Errorf("a filter that is not Boolean: got%s", explain("rbacGroupId", ds))
	}
}

package schema

import (
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// TestCustomOptionNamedAfterProperty: a custom option named after a
// Machine property (riskScore=High) would be ignored and the filter lost;
// it is a bad_option with the $filter to write, for either model.
func TestCustomOptionNamedAfterProperty(t *testing.T) {
	cases := []struct {
		raw        string
		model      *Model
		span       ast.Span
		msg        string // a part of the message
		suggestion string
	}{
		{"riskScore=High", Machines, ast.Span{End: 14}, "riskScore=High is not a filter", "$filter=riskScore eq 'High'"},
		{"RISKSCORE='High'", Machines, ast.Span{End: 16}, "write $filter=riskScore eq 'High'", "$filter=riskScore eq 'High'"},
		{"$top=1&computerDnsName=o'hara", Machines, ast.Span{Start: 7, End: 29}, "", "$filter=computerDnsName eq 'o''hara'"},
		{"computerDnsName=a%20b", Machines, ast.Span{End: 21}, "", "$filter=computerDnsName eq 'a b'"},
		{"rbacGroupId=140", Machines, ast.Span{End: 15}, "", "$filter=rbacGroupId eq 140"},
		{"machineTags=vip", Machines2021, ast.Span{End: 15}, "", "$filter=machineTags/any(t: t eq 'vip')"},
		{"riskScore=", Machines, ast.Span{End: 10}, "write $filter=riskScore eq VALUE", ""},
		{"riskScore", Machines, ast.Span{End: 9}, "write $filter=riskScore eq VALUE", ""},
		{"exposureLevel=Low", Machines, ast.Span{End: 17}, "exposureLevel is filterable in the 2021 model", ""},
		{"exposureLevel=Low", Machines2021, ast.Span{End: 17}, "", "$filter=exposureLevel eq 'Low'"},
		{"osVersion=10", Machines2021, ast.Span{End: 12}, "osVersion cannot be filtered on", ""},
		{"ipAddresses=1.2.3.4", Machines2021, ast.Span{End: 19}, "cannot be filtered on", ""},
	}
	for _, c := range cases {
		q, err := parser.ParseQuery(c.raw)
		if err != nil {
			t.Fatalf("%q: %v", c.raw, err)
		}
		_, err = c.model.Check(q)
		ds, _ := err.(ast.Diagnostics)
		if len(ds) != 1 {
			t.Errorf("%q: %v, want one diagnostic", c.raw, err)
			continue
		}
		d := ds[0]
		if d.Code != ast.CodeBadOption || d.Span != c.span || !strings.Contains(d.Message, c.msg) || d.Suggestion != c.suggestion {
			t.Errorf("%q: %s at %v %q, suggestion %q; want bad_option at %v containing %q, suggestion %q",
				c.raw, d.Code, d.Span, d.Message, d.Suggestion, c.span, c.msg, c.suggestion)
		}
	}
	// Other custom options stay ignored, beside a filter.
	q, err := parser.ParseQuery("api-version=2&x-riskScore=High&riskScores=1&$filter=riskScore eq 'High'")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Machines.Check(q); err != nil {
		t.Errorf("custom options not named after a property: %v", err)
	}
}

// TestCustomOptionSuggestionsFix: each suggestion, put in place of its
// span, gives a query that checks.
func TestCustomOptionSuggestionsFix(t *testing.T) {
	for _, raw := range []string{"riskScore=High", "$top=1&computerDnsName=o'hara", "rbacGroupId=140", "machineTags=vip", "healthStatus=Active"} {
		q, _ := parser.ParseQuery(raw)
		_, err := Machines.Check(q)
		ds, _ := err.(ast.Diagnostics)
		if len(ds) != 1 || ds[0].Suggestion == "" {
			t.Errorf("%q: %v, want one diagnostic with a suggestion", raw, err)
			continue
		}
		fixed := raw[:ds[0].Span.Start] + ds[0].Suggestion + raw[ds[0].Span.End:]
		q, err = parser.ParseQuery(fixed)
		if err == nil {
			_, err = Machines.Check(q)
		}
		if err != nil || q.Filter == nil {
			t.Errorf("%q fixed as %q: %v", raw, fixed, err)
		}
	}
}

package parser_test

import (
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// TestHints: common mistakes in the filter language get a message that
// says what to write, and the replacement of the text under the span as
// the suggestion (empty when there is no single replacement).
func TestHints(t *testing.T) {
	cases := []struct {
		src        string
		span       ast.Span
		suggestion string
		msg        string
	}{
		// Operators of other languages.
		{"riskScore == 'High'", sp(10, 12), "eq", "OData has no == operator: write eq"},
		{"riskScore=='High'", sp(9, 11), " eq ", "OData has no == operator"},
		{"riskScore = 'High'", sp(10, 11), "eq", "OData has no = operator: compare with eq"},
		{"riskScore != 'High'", sp(10, 12), "ne", "OData has no != operator: write ne"},
		{"riskScore <> 'High'", sp(10, 12), "ne", "OData has no <> operator: write ne"},
		{"rbacGroupId < 5", sp(12, 13), "lt", "OData has no < operator: write lt"},
		{"rbacGroupId > 5", sp(12, 13), "gt", "write gt"},
		{"rbacGroupId <= 5", sp(12, 14), "le", "write le"},
		{"rbacGroupId >= 5", sp(12, 14), "ge", "write ge"},
		{"rbacGroupId>=5", sp(11, 13), " ge ", "write ge"},
		{"riskScore eq 'High' && rbacGroupId eq 1", sp(20, 22), "and", "OData has no && operator: write and"},
		{"riskScore eq 'High' || rbacGroupId eq 1", sp(20, 22), "or", "OData has no || operator: write or"},
		{"riskScore eq 'High' & rbacGroupId eq 1", sp(20, 21), "and", "write and"},
		{"!(riskScore eq 'High')", sp(0, 1), "not ", "OData has no ! operator: write not, followed by a space"},
		{"a and !b", sp(6, 7), "not ", "write not"},

		// Misspelt operators and other languages' words.
		{"riskScore eqq 'High'", sp(10, 13), "eq", `unexpected "eqq": it is not an OData operator`},
		{"riskScore Eqq 'High'", sp(10, 13), "eq", "not an OData operator"},
		{"riskScore equals 'High'", sp(10, 16), "eq", "not an OData operator"},
		{"rbacGroupId gte 5", sp(12, 15), "ge", "not an OData operator"},
		{"rbacGroupId lte 5", sp(12, 15), "le", "not an OData operator"},
		{"rbacGroupId neq 5", sp(12, 15), "ne", "not an OData operator"},
		{"a eq 1 andd b", sp(7, 11), "and", "not an OData operator"},
		{"a eq 1 orr b", sp(7, 10), "or", "not an OData operator"},
		{"(a eq 1) adn b", sp(9, 12), "and", "not an OData operator"},
		{"rbacGroupId divv 2 eq 1", sp(12, 16), "div", "not an OData operator"},
		{"machineTags/any(t t eq 'x')", sp(18, 19), "", "unexpected"}, // one letter: no guess

		// Other languages' lambdas and strings.
		{"machineTags/any(t => t eq 'x')", sp(18, 20), ":", "OData writes a lambda with a colon"},
		{`riskScore eq "High"`, sp(13, 19), "'High'", "OData strings use single quotes"},
		{`computerDnsName eq "it's"`, sp(19, 25), "'it''s'", "OData strings use single quotes"},

		// Functions written as infix operators, and SQL's like.
		{"computerDnsName contains 'x'", sp(0, 28), "contains(computerDnsName,'x')", "contains is a function, not an operator: write contains(computerDnsName,'x')"},
		{"computerDnsName startsWith 'desk'", sp(0, 33), "startswith(computerDnsName,'desk')", "startswith is a function"},
		{"computerDnsName endswith '.com' and a", sp(0, 31), "endswith(computerDnsName,'.com')", "endswith is a function"},
		{"ipAddresses/ipAddress contains '10.'", sp(0, 36), "contains(ipAddresses/ipAddress,'10.')", "contains is a function"},
		{"tolower(computerDnsName) contains 'x'", sp(25, 33), "", "contains is a function, not an operator: write contains(a,b)"},
		{"computerDnsName like 'desk%'", sp(0, 28), "startswith(computerDnsName,'desk')", "OData has no like operator"},
		{"computerDnsName matchespattern '^d'", sp(0, 35), "matchesPattern(computerDnsName,'^d')", "matchesPattern is a function, not an operator"},
		{"computerDnsName matches '^d'", sp(0, 28), "matchesPattern(computerDnsName,'^d')", "OData has no matches operator: write matchesPattern(computerDnsName,'^d')"},
		{"computerDnsName startwith 'd'", sp(0, 29), "startswith(computerDnsName,'d')", "OData has no startwith operator"},
		{"computerDnsName like '%desk%'", sp(0, 29), "contains(computerDnsName,'desk')", "OData has no like operator"},
		{"computerDnsName like '%.com'", sp(0, 28), "endswith(computerDnsName,'.com')", "OData has no like operator"},
		{"computerDnsName like 'desk'", sp(0, 27), "computerDnsName eq 'desk'", "OData has no like operator"},
		{"computerDnsName like 'a%b'", sp(16, 20), "", "OData has no like operator"},
		{"computerDnsName like ''", sp(0, 23), "computerDnsName eq ''", "OData has no like operator"},
		{"computerDnsName like '%'", sp(0, 24), "startswith(computerDnsName,'')", "OData has no like operator"},

		// Names in an in list that lost their quotes.
		{"riskScore in (High, 'Low')", sp(14, 18), "'High'", "a string or an enum member is written in quotes"},
		{"riskScore in ('Low', Medium)", sp(21, 27), "'Medium'", "written in quotes"},
		{"riskScore in (tolower(x), 'Low')", sp(14, 24), "", "use a JSON array [...] for expressions"},

		// A query string, or a filter with query options, given bare.
		{"$filter=riskScore eq 'High'&$top=2", sp(0, 8), "", "$filter= starts a query string, not a bare $filter expression"},
		{"?top=2", sp(0, 5), "", "?top= starts a query string"},
		{"%24filter=a eq 1", sp(0, 10), "", "%24filter= starts a query string"},
		{"riskScore eq 'High'&$top=2", sp(19, 20), "", "a '&' separates the options of a query string"},

		// A filter encoded as a query-string value, given bare.
		{"riskScore+eq+'High'", sp(0, 19), "riskScore eq 'High'", "a '+' stands for a space only in a query string"},
		{"riskScore+eq+%27High%27", sp(0, 23), "riskScore eq 'High'", "this looks like a query-string value"},
		{"healthStatus+ne+'Active'+and+rbacGroupId+eq+140", sp(0, 47), "healthStatus ne 'Active' and rbacGroupId eq 140", "a '+' stands for a space"},
	}
	for _, c := range cases {
		_, err := parser.ParseFilter(c.src)
		ds := checkDiagSpans(t, c.src, err)
		if len(ds) != 1 {
			t.Errorf("%q: %d diagnostics, want 1: %v", c.src, len(ds), err)
			continue
		}
		d := ds[0]
		if d.Code != ast.CodeSyntax || d.Span != c.span || d.Suggestion != c.suggestion || !strings.Contains(d.Message, c.msg) {
			t.Errorf("%q:\n got %s at %v, suggestion %q: %s\nwant syntax at %v, suggestion %q: ...%s...",
				c.src, d.Code, d.Span, d.Suggestion, d.Message, c.span, c.suggestion, c.msg)
		}
		// The suggestion, in place of the span, makes a filter that parses.
		if c.suggestion != "" {
			fixed := c.src[:d.Span.Start] + c.suggestion + c.src[d.Span.End:]
			if _, err := parser.ParseFilter(fixed); err != nil {
				t.Errorf("%q: the suggestion gives %q, which does not parse: %v", c.src, fixed, err)
			}
		}
	}
}

// TestHintsInQueryStrings: in a query string the hints point into the raw
// text, and a plus that reaches the lexer was written %2B: there is no
// "query-string value" hint.
func TestHintsInQueryStrings(t *testing.T) {
	cases := []struct {
		raw        string
		span       ast.Span
		suggestion string
		msg        string
	}{
		{"$filter=riskScore+eqq+'High'", sp(18, 21), "eq", "not an OData operator"},
		{"$filter=rbacGroupId%20%3E%3D%205", sp(22, 28), "ge", "OData has no >= operator"},
		{"$filter=computerDnsName+contains+'x'", sp(8, 36), "contains(computerDnsName,'x')", "contains is a function"},
		{"$filter=a+eq+%2B'x'", sp(13, 16), "", "unexpected '+': only a number may carry a plus sign"},
	}
	for _, c := range cases {
		_, err := parser.ParseQuery(c.raw)
		ds := checkDiagSpans(t, c.raw, err)
		if len(ds) != 1 {
			t.Errorf("%q: %d diagnostics, want 1: %v", c.raw, len(ds), err)
			continue
		}
		d := ds[0]
		if d.Span != c.span || d.Suggestion != c.suggestion || !strings.Contains(d.Message, c.msg) {
			t.Errorf("%q:\n got %v, suggestion %q: %s\nwant %v, suggestion %q: ...%s...", c.raw, d.Span, d.Suggestion, d.Message, c.span, c.suggestion, c.msg)
		}
	}
}

package parser_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// summary renders what a query holds: "filter=<Debug> top=N skip=N
// @alias=<Debug> custom:name=value", each part only when present.
func summary(q *ast.Query) string {
	var parts []string
	if q.Filter != nil {
		parts = append(parts, "filter="+ast.Debug(q.Filter))
	}
	if q.HasTop {
		parts = append(parts, "top="+strconv.FormatInt(q.Top, 10))
	}
	if q.HasSkip {
		parts = append(parts, "skip="+strconv.FormatInt(q.Skip, 10))
	}
	for _, a := range q.Aliases {
		parts = append(parts, "@"+a.Name+"="+ast.Debug(a.Value))
	}
	for _, c := range q.Custom {
		eq := ""
		if c.HasValue {
			eq = "="
		}
		parts = append(parts, "custom:"+c.Name+eq+c.Value)
	}
	return strings.Join(parts, " ")
}

// TestQuery covers option splitting and decoding (DESIGN §2).
func TestQuery(t *testing.T) {
	cases := []struct{ raw, want string }{
		{"", ""},
		{"?", ""},
		{"$filter=a eq 1", "filter=(a eq Edm.Int64(1))"},
		{"?$filter=a eq 1", "filter=(a eq Edm.Int64(1))"},
		{"$filter=a eq 1&$top=10&$skip=5", "filter=(a eq Edm.Int64(1)) top=10 skip=5"},
		{"$skip=5&$top=10", "top=10 skip=5"},

		// "+" is a space; %XX is decoded once; %2B is a plus.
		{"$filter=riskScore+eq+'High'", "filter=(riskScore eq Edm.String('High'))"},
		{"$filter=a%20eq%20%27x%27", "filter=(a eq Edm.String('x'))"},
		{"$filter=a+eq+'x%2By'", "filter=(a eq Edm.String('x+y'))"},
		{"$filter=a eq '%2520'", "filter=(a eq Edm.String('%20'))"},
		{"$filter=a eq '%25'", "filter=(a eq Edm.String('%'))"},
		{"$filter=a eq %27%27%27%27", "filter=(a eq Edm.String(''''))"},
		{"$filter=%C3%A4 eq 1", "filter=(ä eq Edm.Int64(1))"},
		{"$filter=a sub %2B1 eq 0", "filter=((a sub Edm.Int64(+1)) eq Edm.Int64(0))"},
		{"$top=%31%30", "top=10"},
		{"%24filter=a eq 1", "filter=(a eq Edm.Int64(1))"},

		// Names in any case, "$" optional.
		{"$FILTER=a eq 1&TOP=5", "filter=(a eq Edm.Int64(1)) top=5"},
		{"filter=a&Skip=3", "filter=a skip=3"},
		{"$Top=1", "top=1"},

		// $top up to 10,000; $skip any non-negative Int64.
		{"$top=0&$skip=0", "top=0 skip=0"},
		{"$top=10000", "top=10000"},
		{"$top=007", "top=7"},
		{"$skip=9223372036854775807", "skip=9223372036854775807"},

		// Custom options (no "$", not a system option) are ignored but
		// kept, decoded, in Query.Custom; a value that would not decode is
		// kept as written.
		{"custom=1&$top=1", "top=1 custom:custom=1"},
		{"x=%zz&$top=1", "top=1 custom:x=%zz"},
		{"api-version=2.0&x-filter=a+b%21", "custom:api-version=2.0 custom:x-filter=a b!"},
		{"top2=1&filter_=2&x.skip=3&t=4", "custom:top2=1 custom:filter_=2 custom:x.skip=3 custom:t=4"},

		// A custom option name may hold any character but whitespace,
		// quotes and parentheses.
		{"x-ms.id_2~3:4[5]=1&$top=1", "top=1 custom:x-ms.id_2~3:4[5]=1"},
		{"debug&$top=1", "top=1 custom:debug"},

		// A URL or a path is read for its query part (one without a "?"
		// is an error, in TestQueryErrors).
		{"https://api.securitycenter.microsoft.com/api/machines?$filter=riskScore+eq+'High'&$top=2",
			"filter=(riskScore eq Edm.String('High')) top=2"},
		{"/api/machines?$filter=a eq 1", "filter=(a eq Edm.Int64(1))"},
		{"machines?$filter=a eq 1", "filter=(a eq Edm.Int64(1))"},
		{"HTTP://localhost:8080/api/machines?$top=3", "top=3"},
		{"machines?", ""},
		{"/api/machines/?$top=1", "top=1"},
		{"$filter=a eq '?'&$top=1", "filter=(a eq Edm.String('?')) top=1"},
		{"$filter=contains(a,'x?y=1')", "filter=contains(a,Edm.String('x?y=1'))"},

		// Parameter aliases are expressions.
		{"@p=1&$filter=a eq @p", "filter=(a eq @p) @p=Edm.Int64(1)"},
		{"$filter=a in @l&@l=['x','y']", "filter=(a in @l) @l=[Edm.String('x'),Edm.String('y')]"},
		{"$filter=a eq @p&@p=@q&@q=1", "filter=(a eq @p) @p=@q @q=Edm.Int64(1)"},
	}
	for _, c := range cases {
		q, err := parser.ParseQuery(c.raw)
		if err != nil {
			t.Errorf("%q: %v", c.raw, err)
			continue
		}
		if got := summary(q); got != c.want {
			t.Errorf("%q\n got: %s\nwant: %s", c.raw, got, c.want)
		}
		if q.Text != c.raw {
			t.Errorf("%q: Text %q", c.raw, q.Text)
		}
		checkSpans(t, c.raw, q.Filter)
		for _, a := range q.Aliases {
			checkSpans(t, c.raw, a.Value)
		}
	}
}

// TestQueryErrors checks the code and span (into the raw query) of the first
// diagnostic.
func TestQueryErrors(t *testing.T) {
	cases := []struct {
		raw  string
		code ast.Code
		span ast.Span
	}{
		// Repeated options: $filter and filter are the same option.
		{"filter=a eq 1&$filter=b eq 2", ast.CodeBadOption, sp(14, 21)},
		{"$Filter=a&FILTER=b", ast.CodeBadOption, sp(10, 16)},
		{"$top=1&$skip=2&$top=3", ast.CodeBadOption, sp(15, 19)},
		{"$filter=a eq 'x'&$filter=", ast.CodeBadOption, sp(17, 24)},

		// Empty values and empty options.
		{"$filter=", ast.CodeBadOption, sp(0, 8)},
		{"$filter", ast.CodeBadOption, sp(0, 7)},
		{"$top=", ast.CodeBadOption, sp(0, 5)},
		{"$skip", ast.CodeBadOption, sp(0, 5)},
		{"$top=1&&$skip=1", ast.CodeBadOption, sp(6, 7)},
		{"&$top=1", ast.CodeBadOption, sp(0, 1)},

		// Unknown and unsupported options name the option.
		{"$bogus=1", ast.CodeBadOption, sp(0, 6)},
		{"$=1", ast.CodeBadOption, sp(0, 1)},
		{"$orderby=a", ast.CodeBadOption, sp(0, 8)},
		{"$top=1&$select=a", ast.CodeBadOption, sp(7, 14)},
		{"$count=true", ast.CodeBadOption, sp(0, 6)},
		{"$SearCH=x", ast.CodeBadOption, sp(0, 7)},
		{"$expand=x", ast.CodeBadOption, sp(0, 7)},
		{"format=json", ast.CodeBadOption, sp(0, 6)},

		// Text that is not an option is an error, not an ignored custom
		// option: an empty name (a shell expanded $filter) and a name that
		// holds whitespace, quotes or parentheses (a bare filter).
		{"=riskScore+eq+'High'&=2", ast.CodeBadOption, sp(0, 20)},
		{"$top=1&=2", ast.CodeBadOption, sp(7, 9)},
		{"=", ast.CodeBadOption, sp(0, 1)},
		{"riskScore eq 'High'", ast.CodeBadOption, sp(0, 19)},
		{"riskScore+eq+'High'", ast.CodeBadOption, sp(0, 19)},
		{"riskScore%20eq%20%27High%27", ast.CodeBadOption, sp(0, 27)},
		{"contains(computerDnsName,'x')", ast.CodeBadOption, sp(0, 29)},
		{"computerDnsName eq 'a=b'", ast.CodeBadOption, sp(0, 24)},
		{"$top=1&isAadJoined eq true", ast.CodeBadOption, sp(7, 26)},
		{"x\tname=1", ast.CodeBadOption, sp(0, 8)},
		{"https://host/api/machines?riskScore eq 'High'", ast.CodeBadOption, sp(26, 45)},
		{"/api/machines?=riskScore+eq+'High'", ast.CodeBadOption, sp(14, 34)},

		// A misspelt system option is not a custom option: it would lose
		// the filter (or the page) it holds.
		{"fitler=riskScore eq 'High'", ast.CodeBadOption, sp(0, 6)},
		{"$top=1&fliter=a", ast.CodeBadOption, sp(7, 13)},
		{"tpo=3", ast.CodeBadOption, sp(0, 3)},
		{"skp=2", ast.CodeBadOption, sp(0, 3)},
		{"FLTR=a", ast.CodeBadOption, sp(0, 4)},
		{"filterx=1", ast.CodeBadOption, sp(0, 7)},
		{"$fitler=a", ast.CodeBadOption, sp(0, 7)},
		{"ordrby=a", ast.CodeBadOption, sp(0, 6)},
		{"api-version=2&%66itler=a", ast.CodeBadOption, sp(14, 22)},

		// A file name given where a query string goes: ignored as a
		// custom option, it would match every machine.
		{"machines.json", ast.CodeBadOption, sp(0, 13)},
		{"$top=1&C:\\data\\filter", ast.CodeBadOption, sp(7, 21)},

		// A URL or a path with no query part would match every machine; a
		// machine's own URL is no collection.
		{"https://api.securitycenter.microsoft.com/api/machines", ast.CodeBadOption, sp(0, 53)},
		{"/api/machines", ast.CodeBadOption, sp(0, 13)},
		{"api/machines", ast.CodeBadOption, sp(0, 12)},
		{"/api/machines/abc", ast.CodeBadOption, sp(0, 17)},
		{"/api/machines/abc?$filter=riskScore eq 'High'", ast.CodeBadOption, sp(0, 17)},
		{"https://h/api/Machines/1e5b?$top=1", ast.CodeBadOption, sp(0, 27)},
		{"machines/abc?x=1", ast.CodeBadOption, sp(0, 12)},

		// $top and $skip values.
		{"$top=10001", ast.CodeTopTooLarge, sp(5, 10)},
		{"$top=99999999999999999999", ast.CodeTopTooLarge, sp(5, 25)},
		{"$top=-1", ast.CodeBadOption, sp(5, 7)},
		{"$top=abc", ast.CodeBadOption, sp(5, 8)},
		{"$top=1e3", ast.CodeBadOption, sp(5, 8)},
		{"$top=+1", ast.CodeBadOption, sp(5, 7)}, // "+" is a space
		{"$top=%2B1", ast.CodeBadOption, sp(5, 9)},
		{"$skip=-0", ast.CodeBadOption, sp(6, 8)},
		{"$skip=1.5", ast.CodeBadOption, sp(6, 9)},
		{"$skip=9223372036854775808", ast.CodeBadOption, sp(6, 25)},

		// Bad escapes.
		{"$filter=a eq %zz", ast.CodeBadEscape, sp(13, 16)},
		{"$filter=a eq %2", ast.CodeBadEscape, sp(13, 15)},
		{"$filter=a eq %", ast.CodeBadEscape, sp(13, 14)},
		{"%zz=1", ast.CodeBadEscape, sp(0, 3)},
		{"$filter=a eq %FF", ast.CodeBadEscape, sp(13, 16)},
		{"@p=a%zz", ast.CodeBadEscape, sp(4, 7)},

		// Aliases.
		{"@1=2", ast.CodeBadOption, sp(0, 2)},
		{"@p", ast.CodeBadOption, sp(0, 2)},
		{"@p=", ast.CodeBadOption, sp(0, 2)},
		{"@p=1&@p=1", ast.CodeBadOption, sp(5, 7)},
		{"$filter=a eq 1&@p=contains(a)", ast.CodeSyntax, sp(18, 29)},

		// Filter errors land on the raw text, after decoding.
		{"$filter=Name%20eq%20'x'%20and%20bogus(", ast.CodeSyntax, sp(38, 38)},
		{"$filter=Name%20eq%20'x'%20and%20contains(a)", ast.CodeSyntax, sp(32, 43)},
		{"$filter=a+eq+%27x", ast.CodeSyntax, sp(13, 17)},
		{"$filter=%C3%A4%20eq%20%27x", ast.CodeSyntax, sp(22, 26)},
		{"$filter=+a eq 1", ast.CodeSyntax, sp(8, 9)},
		{"$filter=%20a eq 1", ast.CodeSyntax, sp(8, 11)},
		{"$filter=a eq 1+", ast.CodeSyntax, sp(14, 15)},
		{"$top=1&$filter=a eq 'x'and b", ast.CodeSyntax, sp(23, 26)},
	}
	for _, c := range cases {
		q, err := parser.ParseQuery(c.raw)
		if err == nil {
			t.Errorf("%q: want %s at %v, got %s", c.raw, c.code, c.span, summary(q))
			continue
		}
		ds := checkDiagSpans(t, c.raw, err)
		if len(ds) > 0 && (ds[0].Code != c.code || ds[0].Span != c.span) {
			t.Errorf("%q: got %s at %v, want %s at %v: %s", c.raw, ds[0].Code, ds[0].Span, c.code, c.span, ds[0].Message)
		}
	}
}

// TestQuerySpans checks that spans index the raw, still encoded text.
func TestQuerySpans(t *testing.T) {
	raw := "$top=5&$filter=a%20eq%20%27%C3%B6%27+and+b&$skip=1"
	q, err := parser.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	const want = "((a~15:16 eq Edm.String('ö')~24:36)~15:36 and b~41:42)~15:42"
	if got := ast.DebugAnnotated(q.Filter, ast.SpanNote); got != want {
		t.Errorf("spans\n got: %s\nwant: %s", got, want)
	}
	if q.FilterSpan != sp(15, 42) || q.TopSpan != sp(5, 6) || q.SkipSpan != sp(49, 50) {
		t.Errorf("FilterSpan %v TopSpan %v SkipSpan %v", q.FilterSpan, q.TopSpan, q.SkipSpan)
	}
	if got := raw[q.FilterSpan.Start:q.FilterSpan.End]; got != "a%20eq%20%27%C3%B6%27+and+b" {
		t.Errorf("FilterSpan covers %q", got)
	}
}

// TestQueryNotAnOption checks the messages and suggestions of text that is
// not a query option: the hint says what happened and what to write.
func TestQueryNotAnOption(t *testing.T) {
	cases := []struct {
		raw, msg, suggestion string
		n                    int // diagnostics
	}{
		{"=riskScore+eq+'High'&=2", "did the shell expand $filter? quote the query with single quotes", "", 2},
		{"riskScore eq 'High'", "this looks like a bare $filter expression, not a query string", "$filter=riskScore eq 'High'", 1},
		{"riskScore+eq+'High'&$top=2", "this looks like a bare $filter expression", "$filter=riskScore+eq+'High'", 1},
		{"fitler=riskScore eq 'High'", "unknown query option fitler: did you mean $filter?", "$filter", 1},
		{"$top=2&tpo=3", "did you mean $top?", "$top", 1},
		{"skp=2", "did you mean $skip?", "$skip", 1},
		{"$fltr=a", "unknown system query option $fltr: did you mean $filter?", "$filter", 1},
		{"https://h/api/machines", "has no query part", "", 1},
		{"/api/machines/1e5b?$top=1", "(to find this machine, write $filter=id eq '1e5b')", "/api/machines", 1},
	}
	for _, c := range cases {
		_, err := parser.ParseQuery(c.raw)
		ds := checkDiagSpans(t, c.raw, err)
		if len(ds) != c.n {
			t.Errorf("%q: %d diagnostics, want %d: %v", c.raw, len(ds), c.n, err)
			continue
		}
		if !strings.Contains(ds[0].Message, c.msg) || ds[0].Suggestion != c.suggestion {
			t.Errorf("%q: message %q, suggestion %q; want one containing %q, suggestion %q",
				c.raw, ds[0].Message, ds[0].Suggestion, c.msg, c.suggestion)
		}
		for _, d := range ds[1:] {
			if strings.Contains(d.Message, "shell") {
				t.Errorf("%q: the shell hint is repeated: %q", c.raw, d.Message)
			}
		}
	}
}

// TestQueryOffset: where the options of a URL, a path or a query string
// begin; a bare filter never has a positive offset.
func TestQueryOffset(t *testing.T) {
	cases := []struct {
		raw  string
		want int
	}{
		{"$filter=a eq 1", 0},
		{"?$top=1", 1},
		{"machines?$top=1", 9},
		{"/api/machines?$top=1", 14},
		{"https://h/api/machines?$top=1&x=?", 23},
		{"https://h/api/machines", 22},
		{"/api/machines", 13},
		{"machines", 0},
		{"a eq '?'", 0},
		{"contains(a,'?')", 0},
		{"$filter=a eq '?'", 0},
		{"x&y?z", 0},
		{"", 0},
	}
	for _, c := range cases {
		if got := parser.QueryOffset(c.raw); got != c.want {
			t.Errorf("QueryOffset(%q) = %d, want %d", c.raw, got, c.want)
		}
	}
}

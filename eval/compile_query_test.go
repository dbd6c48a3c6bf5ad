package eval_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
)

// TestCompileNotAQueryString: text that is not a query string is an error
// from Compile, never a program that keeps every record; a URL or a path
// is read for its query part, with spans into the text as given.
func TestCompileNotAQueryString(t *testing.T) {
	for _, raw := range []string{
		"riskScore eq 'High'",
		"rbacGroupId ge 3",
		"=rbacGroupId+ge+3&=2", // a shell expanded $filter and $top
		"contains(computerDnsName,'x')",
		// A misspelt system option, or a custom option named after a
		// property, would be ignored (issue 9 follow-up).
		"fitler=rbacGroupId ge 3",
		"$top=2&tpo=3",
		"skp=2",
		"riskScore=High",
		"computerDnsName=x&api-version=2",
		// A URL with no query part, and one machine's URL.
		"https://api.securitycenter.microsoft.com/api/machines",
		"/api/machines/abc",
		"/api/machines/abc?$filter=rbacGroupId ge 3",
	} {
		p, err := eval.Compile(raw)
		var ds ast.Diagnostics
		if !errors.As(err, &ds) || ds[0].Code != ast.CodeBadOption {
			t.Errorf("Compile(%q) = %v, %v; want a bad_option error", raw, p, err)
		}
	}
	ms := numbered(10)
	for _, raw := range []string{
		"https://api.securitycenter.microsoft.com/api/machines?$filter=rbacGroupId+ge+3&$top=2",
		"/api/machines?$filter=rbacGroupId ge 3&$top=2",
		"machines?$filter=rbacGroupId ge 3&$top=2",
	} {
		p, err := eval.Compile(raw)
		if err != nil {
			t.Errorf("Compile(%q): %v", raw, err)
			continue
		}
		if got := ids(p.Apply(ms)); !slices.Equal(got, []int64{3, 4}) {
			t.Errorf("Compile(%q).Apply = %v, want [3 4]", raw, got)
		}
	}
	// Custom options stay ignored, and visible to an embedder.
	p, err := eval.Compile("api-version=2.0&x-trace=a%20b&$filter=rbacGroupId ge 8")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(p.Apply(ms)); !slices.Equal(got, []int64{8, 9}) {
		t.Errorf("with custom options: Apply = %v, want [8 9]", got)
	}
	if c := p.Checked().Query.Custom; len(c) != 2 || c[0].Name != "api-version" || c[1].Value != "a b" {
		t.Errorf("Custom = %+v, want api-version=2.0 and x-trace=a b", c)
	}
	_, err = eval.Compile("/api/machines?$filter=rbacGroupI+ge+3")
	var ds ast.Diagnostics
	if !errors.As(err, &ds) || ds[0].Code != ast.CodeUnknownField || ds[0].Span != (ast.Span{Start: 22, End: 32}) {
		t.Errorf("got %v, want unknown_field at 22:32", err)
	}
}

// TestCompileInvalidUTF8: a literal with a byte that is not UTF-8 could
// never equal a record's value (records decode it to U+FFFD); Compile and
// CompileFilter reject it, at the byte or at its escape.
func TestCompileInvalidUTF8(t *testing.T) {
	for _, c := range []struct {
		compile func(string, ...eval.Option) (*eval.Program, error)
		src     string
		code    ast.Code
		span    ast.Span
	}{
		{eval.CompileFilter, "computerDnsName eq 'a\xffb'", ast.CodeSyntax, ast.Span{Start: 21, End: 22}},
		{eval.Compile, "$filter=computerDnsName eq 'a\xffb'", ast.CodeSyntax, ast.Span{Start: 29, End: 30}},
		{eval.Compile, "$filter=computerDnsName eq 'a%FFb'", ast.CodeBadEscape, ast.Span{Start: 29, End: 32}},
	} {
		_, err := c.compile(c.src)
		var ds ast.Diagnostics
		if !errors.As(err, &ds) || ds[0].Code != c.code || ds[0].Span != c.span {
			t.Errorf("%q: %v; want %s at %v", c.src, err, c.code, c.span)
		}
	}
}

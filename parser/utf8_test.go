package parser_test

import (
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// TestInvalidUTF8: a filter must be UTF-8 text, string literals included,
// bare or in a query string, raw or percent-encoded. Raw bytes are syntax
// errors at the byte; escapes that decode to invalid UTF-8 are bad_escape
// at the escape.
func TestInvalidUTF8(t *testing.T) {
	filters := []struct {
		src  string
		span ast.Span
	}{
		{"computerDnsName eq 'a\xffb'", sp(21, 22)},
		{"computerDnsName eq '\xc3('", sp(20, 21)},
		{"computerDnsName eq \"\xfe\"", sp(20, 21)},
		{"computerDnsName\xff eq 'x'", sp(15, 16)},
		{"contains(computerDnsName,'\xe2\x82')", sp(26, 27)}, // a truncated sequence
	}
	for _, c := range filters {
		_, err := parser.ParseFilter(c.src)
		ds := checkDiagSpans(t, c.src, err)
		if len(ds) != 1 || ds[0].Code != ast.CodeSyntax || ds[0].Span != c.span {
			t.Errorf("ParseFilter(%q) = %v, want one syntax error at %v", c.src, err, c.span)
		}
	}
	queries := []struct {
		raw  string
		code ast.Code
		span ast.Span
	}{
		{"$filter=computerDnsName eq 'a\xffb'", ast.CodeSyntax, sp(29, 30)},
		{"$filter=computerDnsName+eq+'a\xffb'&$top=1", ast.CodeSyntax, sp(29, 30)},
		{"$filter=computerDnsName+eq+%27a\xffb%27", ast.CodeSyntax, sp(31, 32)},
		{"$filter=computerDnsName+eq+'a%FFb'", ast.CodeBadEscape, sp(29, 32)},
		{"$filter=computerDnsName+eq+'%C3%28'", ast.CodeBadEscape, sp(28, 31)},
		{"$filter=computerDnsName+eq+'%C3'", ast.CodeBadEscape, sp(28, 31)},
		{"@p='\xff'&$filter=computerDnsName eq @p", ast.CodeSyntax, sp(4, 5)},
		{"x\xff=1", ast.CodeSyntax, sp(1, 2)},
		{"x%FF=1", ast.CodeBadEscape, sp(1, 4)},
	}
	for _, c := range queries {
		_, err := parser.ParseQuery(c.raw)
		ds := checkDiagSpans(t, c.raw, err)
		if len(ds) != 1 || ds[0].Code != c.code || ds[0].Span != c.span {
			t.Errorf("ParseQuery(%q) = %v, want one %s at %v", c.raw, err, c.code, c.span)
		}
	}
}

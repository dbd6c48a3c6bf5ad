// Package check reads a query the way "odatafilter check" does, a bare
// $filter expression or a query string, holds it to a Machine model, and
// reports its canonical form or its diagnostics: as a Result, and as the
// JSON document that "odatafilter check --json" prints and the explorer's
// GET /api/check answers (package server). Both call Run, so the command
// and the page cannot drift apart.
//
// It is not the checker (schema.Model.Check is) nor a compiler (package
// eval is): it is the one place that decides how a QUERY typed by a person
// is read, and what is said back about it.
package check

import (
	"errors"
	"strings"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// How Run read a QUERY: the "kind" of the JSON document.
const (
	KindFilter = "filter" // a bare $filter expression, taken as typed
	KindQuery  = "query"  // a query string, percent-decoded
)

// Models are the Machine models a QUERY may be checked against, by the
// year of the documented list of filterable fields: "2018" (nine fields,
// schema.Machines) and "2021" (fourteen, schema.Machines2021).
var Models = map[string]*schema.Model{"2018": schema.Machines, "2021": schema.Machines2021}

// ModelName returns the name m has in Models, or "" for another model.
func ModelName(m *schema.Model) string {
	for name, mm := range Models {
		if mm == m {
			return name
		}
	}
	return ""
}

// Result is what Run found in a QUERY: how it read it, and the canonical
// form when it is valid or the diagnostics when it is not. Diagnostic spans
// index into Source, the text as given.
type Result struct {
	Source      string
	Kind        string // KindFilter or KindQuery
	Canonical   string // when valid; empty for a query string of custom options only
	Diagnostics ast.Diagnostics
}

// Valid reports whether the QUERY had no diagnostics.
func (r *Result) Valid() bool { return len(r.Diagnostics) == 0 }

// Run parses src as a query string or a bare filter, as IsQueryString
// decides, and checks it against model unless model is nil (syntax only).
// A bare filter is taken as typed; a query string is decoded as a URL's
// query is ('+' is a space, %XX escapes).
func Run(src string, model *schema.Model) *Result {
	r := &Result{Source: src, Kind: KindFilter}
	q, err := parse(src, r)
	if err == nil && model != nil {
		_, err = model.Check(q)
	}
	if err == nil {
		if r.Kind == KindQuery {
			r.Canonical = ast.FormatQuery(q)
		} else {
			r.Canonical = ast.Format(q.Filter)
		}
	}
	r.Diagnostics = Diagnostics(err, src)
	return r
}

// parse reads src as IsQueryString decides, recording the kind in r. A
// bare filter becomes a query with only a $filter.
func parse(src string, r *Result) (*ast.Query, error) {
	if IsQueryString(src) {
		r.Kind = KindQuery
		return parser.ParseQuery(src)
	}
	e, err := parser.ParseFilter(src)
	if err != nil {
		return nil, err
	}
	return &ast.Query{Text: src, Filter: e}, nil
}

// Diagnostics returns the diagnostics in err, nil when err is nil. The
// parser and the checker return nothing else, but an error of another type
// is still reported, spanning the whole of src, rather than lost.
func Diagnostics(err error, src string) ast.Diagnostics {
	if err == nil {
		return nil
	}
	var ds ast.Diagnostics
	if errors.As(err, &ds) && len(ds) > 0 {
		return ds
	}
	return ast.Diagnostics{{Span: ast.Span{End: len(src)}, Code: ast.CodeSyntax, Message: err.Error()}}
}

// IsQueryString reports whether QUERY is a query string rather than a bare
// $filter expression: it starts with "?" or "=", or with an option name
// followed by "=" ("$filter=", "top=", "@p=", "%24filter=", "api-version="),
// where a name is a non-empty run of ASCII letters, digits and
// "_ . - $ @ %"; or it is a URL or a path, with or without its query part
// ("https://api.securitycenter.microsoft.com/api/machines?$filter=...",
// "/api/machines?$filter=...", "machines?$filter=...": the text before the
// first "?" has no "=", "&", whitespace, quote or parenthesis), which
// parser.ParseQuery reads for its query part, as eval.Compile and
// "query --query" do.
//
// A leading "=" is what a shell leaves of "$filter=..." inside double
// quotes; reading it as a query string lets the parser say so.
//
// The rule never takes a valid filter for a query string: OData has no "="
// operator, and the only "=" a filter can hold outside a string literal is
// a named argument, as in f(p=1), which comes after a "("; a "?" can only
// stand inside a string literal, after a quote. A filter that merely
// starts with "$", such as "$it eq 1", stays a filter.
func IsQueryString(s string) bool {
	if strings.HasPrefix(s, "?") || strings.HasPrefix(s, "=") || parser.QueryOffset(s) > 0 {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			return i > 0 && !strings.HasPrefix(s[i:], "==") // "a==1" is a filter with another language's ==
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("_.-$@%", c) >= 0:
		default:
			return false
		}
	}
	return false
}

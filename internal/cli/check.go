package cli

import (
	"errors"
	"flag"
	"strings"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

var checkCommand = &command{
	name:    "check",
	usage:   "odatafilter check [--syntax-only] [--model 2018|2021] [--json] [--] QUERY | -f FILE",
	summary: "check a $filter expression or a query string; print its canonical form",
	help:    checkHelp,
	run:     runCheck,
}

// How check read QUERY; the "kind" of the --json document.
const (
	kindFilter = "filter" // a bare $filter expression, taken as typed
	kindQuery  = "query"  // a query string, percent-decoded
)

func runCheck(c *command, args []string, s streams) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	syntaxOnly := fs.Bool("syntax-only", false, "check the syntax only, without the Machine model")
	asJSON := fs.Bool("json", false, "print the result as JSON on stdout")
	modelName := fs.String("model", "2018", "the Machine model: 2018 (the documented nine filterable fields) or 2021 (fourteen)")
	var file string
	fs.StringVar(&file, "file", "", "read QUERY from this file ('-' for stdin)")
	fs.StringVar(&file, "f", "", "short for --file")
	pos, err := parseArgs(fs, args)
	fromFile := 0
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "f" || f.Name == "file" {
			fromFile++
		}
	})
	switch {
	case errors.Is(err, errHelp):
		return c.printHelp(s)
	case err != nil:
		return c.usageError(s, "%v%s", err, dashHint(err))
	case fromFile > 1:
		return c.usageError(s, "-f is --file: give it once")
	case fromFile == 1 && len(pos) > 0:
		return c.usageError(s, "QUERY comes from --file %s: give no QUERY argument (got %q)", file, pos[0])
	case fromFile == 0 && len(pos) == 0:
		return c.usageError(s, "missing QUERY (or -f FILE to read it from a file)")
	case len(pos) > 1:
		return c.usageError(s, "want one QUERY, got %d arguments (quote the query: it has spaces)", len(pos))
	}
	if fromFile == 1 {
		text, err := readQueryFile(file, s.stdin)
		if err != nil {
			return c.usageError(s, "--file: %v", err)
		}
		pos = []string{text}
	}
	model, ok := models[*modelName]
	if !ok {
		return c.usageError(s, "unknown model %q: use 2018 or 2021", *modelName)
	}
	if *syntaxOnly {
		model = nil
	}
	return check(pos[0], model).report(s, *asJSON)
}

// models are the Machine models check offers, by the year of the documented
// list of filterable fields.
var models = map[string]*schema.Model{"2018": schema.Machines, "2021": schema.Machines2021}

// dashHint explains "--" when an unknown flag looks like an expression
// that starts with a minus, such as "-1 eq x" or "-rbacGroupId lt 0".
func dashHint(err error) string {
	var uf *unknownFlagError
	if errors.As(err, &uf) && strings.ContainsAny(uf.arg, " 0123456789'(") {
		return " (a QUERY that starts with '-' goes after '--')"
	}
	return ""
}

// result is what check found in QUERY: how it read it, and the canonical
// form when it is valid or the diagnostics when it is not. Diagnostic spans
// index into src, the text as given.
type result struct {
	src       string
	kind      string
	canonical string
	diags     ast.Diagnostics
}

// check parses src as a query string or a bare filter, as isQueryString
// decides, and checks it against model unless model is nil (--syntax-only).
func check(src string, model *schema.Model) result {
	r := result{src: src, kind: kindFilter}
	q, err := parse(src, &r)
	if err == nil && model != nil {
		_, err = model.Check(q)
	}
	if err == nil {
		if r.kind == kindQuery {
			r.canonical = ast.FormatQuery(q)
		} else {
			r.canonical = ast.Format(q.Filter)
		}
	}
	r.diags = asDiagnostics(err, src)
	return r
}

// parse reads src as isQueryString decides, recording the kind in r. A
// bare filter becomes a query with only a $filter.
func parse(src string, r *result) (*ast.Query, error) {
	if isQueryString(src) {
		r.kind = kindQuery
		return parser.ParseQuery(src)
	}
	e, err := parser.ParseFilter(src)
	if err != nil {
		return nil, err
	}
	return &ast.Query{Text: src, Filter: e}, nil
}

// asDiagnostics returns the diagnostics in err. The parser returns nothing
// else, but an error of another type is still reported, spanning the whole
// input, rather than lost.
func asDiagnostics(err error, src string) ast.Diagnostics {
	if err == nil {
		return nil
	}
	var ds ast.Diagnostics
	if errors.As(err, &ds) && len(ds) > 0 {
		return ds
	}
	return ast.Diagnostics{{Span: ast.Span{End: len(src)}, Code: ast.CodeSyntax, Message: err.Error()}}
}

// isQueryString reports whether QUERY is a query string rather than a bare
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
func isQueryString(s string) bool {
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

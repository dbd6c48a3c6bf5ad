package schema

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// checkCase is one line of a checker table.
//
// src is a bare $filter expression, or a query string when it starts with
// "$filter=" (parsed by parser.ParseQuery, for parameter aliases and the
// Defender samples); spans index into src either way.
//
// want is "" when the filter is valid, and otherwise every diagnostic, in
// order, as "code@start:end", separated by spaces. Messages are not
// compared here: the golden files pin a few.
//
// info, for a valid filter, is what the checker must have learned, as
// entries separated by "; ", each naming a node by its source text (the
// first node, in source order, whose span covers exactly that text):
//
//	text: Type    the node's type, as Type.String writes it, "Ns." shortened
//	text -> name  a member expression resolved to the field with that JSON name
//	text -> $var  a member expression resolved to a lambda range variable
//	text #N       a literal read as the enum member of ordinal N
type checkCase struct {
	src  string
	want string
	info string
}

// ok marks a valid case in the tables, for readability.
const ok = ""

// parse parses src as checkCase describes.
func parse(t testing.TB, src string) *ast.Query {
	t.Helper()
	if strings.HasPrefix(src, "$filter=") {
		q, err := parser.ParseQuery(src)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", src, err)
		}
		return q
	}
	e, err := parser.ParseFilter(src)
	if err != nil {
		t.Fatalf("ParseFilter(%q): %v", src, err)
	}
	return &ast.Query{Text: src, Filter: e}
}

// diagnostics returns err's diagnostics; it fails the test when err is not
// ast.Diagnostics.
func diagnostics(t testing.TB, err error) ast.Diagnostics {
	t.Helper()
	if err == nil {
		return nil
	}
	var ds ast.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error %v (%T) is not ast.Diagnostics", err, err)
	}
	return ds
}

// codesAndSpans formats ds as checkCase.want does.
func codesAndSpans(ds ast.Diagnostics) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%s@%d:%d", d.Code, d.Span.Start, d.Span.End))
	}
	return strings.Join(parts, " ")
}

// explain lists ds with the text under each span and the message, for
// failure output.
func explain(src string, ds ast.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		under := ""
		if 0 <= d.Span.Start && d.Span.Start <= d.Span.End && d.Span.End <= len(src) {
			under = src[d.Span.Start:d.Span.End]
		}
		fmt.Fprintf(&b, "\n\t%s@%d:%d %q: %s", d.Code, d.Span.Start, d.Span.End, under, d.Message)
		if d.Suggestion != "" {
			fmt.Fprintf(&b, " (did you mean %s?)", d.Suggestion)
		}
	}
	return b.String()
}

// runCheckCases checks every case of a table against m, each as a subtest.
func runCheckCases(t *testing.T, m *Model, cases []checkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.src, func(t *testing.T) {
			q := parse(t, tc.src)
			c, err := m.Check(q)
			ds := diagnostics(t, err)
			if got := codesAndSpans(ds); got != tc.want {
				t.Fatalf("Check(%q)\n got: %s\nwant: %s%s", tc.src, got, tc.want, explain(tc.src, ds))
			}
			checkOrderAndUniqueness(t, ds)
			if err != nil {
				if c != nil {
					t.Errorf("Check returned both a result and an error")
				}
				return
			}
			if got := c.Types[q.Filter]; got != TypeBoolean && got != TypeNull {
				t.Errorf("the filter's type is %v, want Edm.Boolean", got)
			}
			checkInfo(t, tc.src, q, c, tc.info)
		})
	}
}

// checkInfo asserts the info entries of a case against c.
func checkInfo(t *testing.T, src string, q *ast.Query, c *Checked, info string) {
	t.Helper()
	if info == "" {
		return
	}
	for _, entry := range strings.Split(info, "; ") {
		var text, want string
		var kind byte
		switch {
		case strings.Contains(entry, " -> "):
			text, want, _ = strings.Cut(entry, " -> ")
			kind = '>'
		case strings.Contains(entry, ": "):
			i := strings.LastIndex(entry, ": ")
			text, want = entry[:i], entry[i+2:]
			kind = ':'
		case strings.Contains(entry, " #"):
			i := strings.LastIndex(entry, " #")
			text, want = entry[:i], entry[i+2:]
			kind = '#'
		default:
			t.Fatalf("bad info entry %q", entry)
		}
		n := nodeAt(src, q, text)
		if n == nil {
			t.Errorf("info %q: no node covers exactly %q", entry, text)
			continue
		}
		switch kind {
		case ':':
			if got := shortType(c.Types[n]); got != want {
				t.Errorf("type of %q = %s, want %s", text, got, want)
			}
		case '>':
			m, isMember := n.(*ast.MemberExpr)
			if !isMember {
				t.Errorf("info %q: %q is a %T, not a member expression", entry, text, n)
				continue
			}
			got := "unresolved"
			if f, ok := c.Fields[m]; ok {
				got = f.Name
			} else if l, ok := c.Vars[m]; ok {
				got = "$" + l.Var
			}
			if got != want {
				t.Errorf("%q resolves to %s, want %s", text, got, want)
			}
		case '#':
			lit, isLit := n.(*ast.Literal)
			if !isLit {
				t.Errorf("info %q: %q is a %T, not a literal", entry, text, n)
				continue
			}
			ord, found := c.Members[lit]
			if got := strconv.Itoa(int(ord)); !found || got != want {
				t.Errorf("member ordinal of %q = %s (recorded: %v), want %s", text, got, found, want)
			}
		}
	}
}

// nodeAt returns the first expression, in source order, of the filter or
// of an alias value whose span covers exactly text.
func nodeAt(src string, q *ast.Query, text string) ast.Expr {
	var found ast.Expr
	visit := func(n ast.Node) bool {
		e, isExpr := n.(ast.Expr)
		if found != nil || !isExpr {
			return found == nil
		}
		if sp := e.Span(); sp.Start >= 0 && sp.End <= len(src) && src[sp.Start:sp.End] == text {
			found = e
		}
		return found == nil
	}
	ast.Inspect(q.Filter, visit)
	for _, a := range q.Aliases {
		ast.Inspect(a.Value, visit)
	}
	return found
}

// shortType writes t without the model's namespace, for compact tables.
func shortType(t *Type) string {
	if t == nil {
		return "untyped"
	}
	return strings.ReplaceAll(t.String(), Namespace+".", "")
}

// checkOrderAndUniqueness asserts that ds are in source order, each once.
func checkOrderAndUniqueness(t *testing.T, ds ast.Diagnostics) {
	t.Helper()
	for i := 1; i < len(ds); i++ {
		if ds[i].Span.Start < ds[i-1].Span.Start {
			t.Errorf("diagnostic %d starts at %d, before diagnostic %d at %d", i, ds[i].Span.Start, i-1, ds[i-1].Span.Start)
		}
		for _, d := range ds[:i] {
			if *d == *ds[i] {
				t.Errorf("diagnostic reported twice: %s@%d:%d %s", d.Code, d.Span.Start, d.Span.End, d.Message)
			}
		}
	}
}

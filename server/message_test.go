package server

import (
	"errors"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
)

// TestQueryMessage: the 400 message names each problem with its position
// in the raw query (an empty span at the end is one offset), then shows
// at most maxCarets of them under the query.
func TestQueryMessage(t *testing.T) {
	at := func(start, end int, suggestion string) error {
		return ast.Diagnostics{{Span: ast.Span{Start: start, End: end}, Code: ast.CodeSyntax, Message: "m", Suggestion: suggestion}}
	}
	_, several := eval.Compile(strings.Repeat("$filter=a&", 7))
	for _, tc := range []struct {
		raw    string
		err    error
		first  string
		carets int
		prefix bool // first is the start of the first line, not all of it
	}{
		{"$filter=riskScore+eq", at(20, 20, ""), `Invalid OData URI query: m (at 20)`, 1, false},
		{"$top=x", at(5, 6, "1"), "Invalid OData URI query: m (at 5-6; did you mean `1`?)", 1, false},
		{"$filter=a+eq+'x", at(13, 15, "'x'"), `Invalid OData URI query: m (at 13-15; did you mean 'x'?)`, 1, false},
		{strings.Repeat("$filter=a&", 7), several, "Invalid OData URI query: ", maxCarets, true},
	} {
		msg := queryMessage(tc.raw, tc.err)
		lines := strings.Split(msg, "\n")
		if lines[0] != tc.first && !tc.prefix || !strings.HasPrefix(lines[0], tc.first) || len(lines) != 1+2*tc.carets {
			t.Errorf("%s: message\n%s\nwant a first line starting %q and %d carets", tc.raw, msg, tc.first, tc.carets)
		}
		for i := 1; i < len(lines); i += 2 {
			if lines[i] != " | "+tc.raw || !strings.HasPrefix(lines[i+1], " | ") || !strings.Contains(lines[i+1], "^") {
				t.Errorf("%s: lines %d-%d are not the query and a caret:\n%s\n%s", tc.raw, i, i+1, lines[i], lines[i+1])
			}
		}
	}
	if msg := queryMessage("x", errors.New("boom")); msg != "Invalid OData URI query: boom" {
		t.Errorf("a plain error: %q", msg)
	}
}

package server

import (
	"errors"
	"fmt"
	"strings"

	"github.com/odatafilter/odatafilter/ast"
)

// maxCarets is how many diagnostics a 400's message shows under the
// query with a caret; the first line names every one of them anyway.
const maxCarets = 5

// queryMessage is the message of the 400 for a raw query that does not
// compile: "Invalid OData URI query: " and each diagnostic's message with
// its position and suggestion,
//
//	unknown field riskScor; ... (at 8-16; did you mean `riskScore`?)
//
// joined by "; " on the first line; then, for the first maxCarets, the
// query and a caret under the span on two lines of their own, as the
// command prints them. Positions are byte offsets into raw, the query as
// the client sent it (escapes and all), end exclusive.
func queryMessage(raw string, err error) string {
	var ds ast.Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 {
		return "Invalid OData URI query: " + err.Error()
	}
	var b strings.Builder
	b.WriteString("Invalid OData URI query: ")
	for i, d := range ds {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(d.Message)
		if d.Span.End > d.Span.Start {
			fmt.Fprintf(&b, " (at %d-%d", d.Span.Start, d.Span.End)
		} else {
			fmt.Fprintf(&b, " (at %d", d.Span.Start)
		}
		if s := d.DidYouMean(); s != "" {
			b.WriteString("; " + s)
		}
		b.WriteString(")")
	}
	for _, d := range ds[:min(len(ds), maxCarets)] {
		b.WriteString("\n" + caret(d, raw))
	}
	return b.String()
}

// caret is the source line and the caret line of d.Render(src): what
// follows its first line (the message) up to its suggestion, without the
// final line feed.
func caret(d *ast.Diagnostic, src string) string {
	lines := strings.SplitN(d.Render(src), "\n", 4)
	if len(lines) < 3 {
		return ""
	}
	return lines[1] + "\n" + lines[2]
}

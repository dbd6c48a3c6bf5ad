package cli

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// queryOptions are the query flags as given.
type queryOptions struct {
	filter, top, skip, raw string
	set                    []string // the flags given, by name
}

func (o *queryOptions) has(name string) bool { return slices.Contains(o.set, name) }

// compile builds the program the flags describe: from --query, as
// eval.Compile reads a raw query string; or from --filter, --top and
// --skip, each taken as typed. It returns the program, or the rendered
// diagnostics of every problem, each with a caret in the text the user
// wrote: the query string, the filter, or the flag and its value.
func (o *queryOptions) compile(model *schema.Model) (*eval.Program, string) {
	// now() is one instant for the whole run, however many workers match
	// records and whenever they do.
	now := time.Now()
	clock := eval.WithClock(func() time.Time { return now })
	if o.has("query") {
		p, err := eval.Compile(o.raw, eval.WithModel(model), clock)
		if err != nil {
			return nil, asDiagnostics(err, o.raw).Render(o.raw)
		}
		return p, ""
	}
	// Every problem is reported: the filter's, and the flags'.
	q := &ast.Query{Text: o.filter}
	var filterErr error
	if o.has("filter") {
		q.Filter, filterErr = parser.ParseFilter(o.filter)
	}
	var flags strings.Builder
	q.Top, q.HasTop = countFlag(&flags, "top", o.top, o.has("top"))
	q.Skip, q.HasSkip = countFlag(&flags, "skip", o.skip, o.has("skip"))
	q.HasTop = q.HasTop && o.has("top")
	q.HasSkip = q.HasSkip && o.has("skip")
	var checked *schema.Checked
	if filterErr == nil {
		checked, filterErr = model.Check(q)
	}
	if filterErr != nil || flags.Len() > 0 {
		return nil, asDiagnostics(filterErr, o.filter).Render(o.filter) + flags.String()
	}
	p, err := eval.New(checked, clock)
	if err != nil {
		return nil, asDiagnostics(err, o.filter).Render(o.filter)
	}
	return p, ""
}

// countFlag reads the value of --top or --skip as the parser reads $top
// and $skip, with the same codes: digits only (bad_option), $top at most
// parser.DefaultLimits.MaxTop (top_too_large). A problem is rendered into
// out against "--NAME VALUE", with the caret under the value. A flag not
// given is 0 and fine.
func countFlag(out *strings.Builder, name, val string, given bool) (int64, bool) {
	if !given {
		return 0, true
	}
	src := "--" + name + " " + val
	span := ast.Span{Start: len(src) - len(val), End: len(src)}
	var ds ast.Diagnostics
	n, err := strconv.ParseInt(val, 10, 64)
	maxTop := parser.DefaultLimits.MaxTop
	switch {
	case val == "" || strings.TrimLeft(val, "0123456789") != "":
		ds.Add(span, ast.CodeBadOption, "--%s must be a non-negative integer, not %q", name, val)
	case name == "top" && (err != nil || n > maxTop):
		ds.Add(span, ast.CodeTopTooLarge, "--top %s is above %d, the largest page", val, maxTop)
	case errors.Is(err, strconv.ErrRange):
		ds.Add(span, ast.CodeBadOption, "--%s %s is beyond the range of Edm.Int64", name, val)
	}
	if len(ds) > 0 {
		out.WriteString(ds.Render(src))
		return 0, false
	}
	return n, true
}

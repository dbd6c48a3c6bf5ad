package cli

import (
	"errors"
	"fmt"
	"io"
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
	filterFile, rawFile    string    // --filter-file (-f) and --query-file
	given                  []string  // the flags given, by name
	trusted                bool      // --trusted: no limits on the work of a filter
	countOnly              bool      // --count: the program drops $top and $skip (checked all the same)
	now                    time.Time // what now() reads: set by compile, one instant for the whole run
}

// trustedLimits are the parser's limits with --trusted: the input limits
// stay, the limits on work (lambda nesting, regular-expression size) are
// lifted, as is the budget of each record (eval.WithMaxSteps(-1)).
var trustedLimits = parser.Limits{MaxLambdaDepth: 1 << 20, MaxPatternSize: 1 << 30}

// has reports whether the flag name was given; "filter" counts
// --filter-file and -f, "query" counts --query-file.
func (o *queryOptions) has(name string) bool {
	switch name {
	case "filter":
		return o.count("filter", "filter-file", "f") > 0
	case "query":
		return o.count("query", "query-file") > 0
	}
	return o.count(name) > 0
}

// count counts the flags of names given.
func (o *queryOptions) count(names ...string) int {
	n := 0
	for _, g := range o.given {
		if slices.Contains(names, g) {
			n++
		}
	}
	return n
}

// flagProblem returns what is wrong with the flags together (a usage
// error), or "".
func (o *queryOptions) flagProblem(pos []string) string {
	switch {
	case o.count("f", "filter-file") > 1:
		return "-f is --filter-file: give it once"
	case o.count("filter", "filter-file", "f") > 1:
		return "give the filter once: --filter EXPR, or --filter-file FILE"
	case o.count("query", "query-file") > 1:
		return "give the query once: --query RAW, or --query-file FILE"
	case o.has("query") && (o.has("filter") || o.has("top") || o.has("skip")):
		return "--query holds the whole query: put $filter, $top and $skip in it, or use --filter, --top and --skip without it"
	case (o.filterFile == "-" || o.rawFile == "-") && len(pos) == 1 && pos[0] == "-":
		return "standard input can hold the query or the machines, not both: give the machines as a FILE"
	}
	if msg := countFlag("top", o.top, o.has("top")); msg != "" {
		return msg
	}
	return countFlag("skip", o.skip, o.has("skip"))
}

// readFiles reads --filter-file and --query-file into the filter and the
// raw query. stdinTaken reports that one of them was standard input.
func (o *queryOptions) readFiles(stdin io.Reader) (stdinTaken bool, err error) {
	for _, f := range []struct {
		flag, path string
		dst        *string
	}{{"--filter-file", o.filterFile, &o.filter}, {"--query-file", o.rawFile, &o.raw}} {
		if f.path == "" {
			continue
		}
		if *f.dst, err = readQueryFile(f.path, stdin); err != nil {
			return false, fmt.Errorf("%s: %w", f.flag, err)
		}
		stdinTaken = stdinTaken || f.path == "-"
	}
	return stdinTaken, nil
}

// compile builds the program the flags describe: from --query, as
// eval.Compile reads a raw query string; or from --filter, --top and
// --skip, each taken as typed. It returns the program, or the rendered
// diagnostics of every problem, each with a caret in the text the user
// wrote: the query string or the filter. With --count the program has
// no $top or $skip (they are checked, then dropped), as OData's $count
// ignores them.
func (o *queryOptions) compile(model *schema.Model) (*eval.Program, string) {
	// now() is one instant for the whole run, however many workers match
	// records and whenever they do.
	o.now = time.Now()
	now := o.now
	clock := eval.WithClock(func() time.Time { return now })
	var lim parser.Limits
	steps := eval.WithMaxSteps(0)
	if o.trusted {
		lim, steps = trustedLimits, eval.WithMaxSteps(-1)
	}
	if o.has("query") {
		p, err := eval.Compile(o.raw, eval.WithModel(model), clock, eval.WithLimits(lim), steps)
		if err == nil && o.countOnly {
			c := *p.Checked()
			q := *c.Query
			q.Top, q.HasTop, q.Skip, q.HasSkip = 0, false, 0, false
			c.Query = &q
			p, err = eval.New(&c, clock, eval.WithLimits(lim), steps)
		}
		if err != nil {
			return nil, asDiagnostics(err, o.raw).Render(o.raw)
		}
		return p, ""
	}
	// The flags' values were checked by flagProblem.
	q := &ast.Query{Text: o.filter}
	var err error
	if o.has("filter") {
		if q.Filter, err = (&parser.Parser{Limits: lim}).ParseFilter(o.filter); err != nil {
			return nil, asDiagnostics(err, o.filter).Render(o.filter)
		}
	}
	if o.has("top") && !o.countOnly {
		q.Top, _ = strconv.ParseInt(o.top, 10, 64)
		q.HasTop = true
	}
	if o.has("skip") && !o.countOnly {
		q.Skip, _ = strconv.ParseInt(o.skip, 10, 64)
		q.HasSkip = true
	}
	checked, err := model.Check(q)
	if err == nil {
		var p *eval.Program
		if p, err = eval.New(checked, clock, eval.WithLimits(lim), steps); err == nil {
			return p, ""
		}
	}
	return nil, asDiagnostics(err, o.filter).Render(o.filter)
}

// countFlag checks the value of --top or --skip by the parser's rules for
// $top and $skip: digits only, within Edm.Int64, $top at most
// parser.DefaultLimits.MaxTop. It returns the problem, for a usage error,
// or "". A flag not given is fine.
func countFlag(name, val string, given bool) string {
	if !given {
		return ""
	}
	n, err := strconv.ParseInt(val, 10, 64)
	maxTop := parser.DefaultLimits.MaxTop
	switch {
	case val == "" || strings.TrimLeft(val, "0123456789") != "":
		return fmt.Sprintf("--%s must be a non-negative integer, not %q", name, val)
	case name == "top" && (err != nil || n > maxTop):
		return fmt.Sprintf("--top %s is above %d, the largest page", val, maxTop)
	case errors.Is(err, strconv.ErrRange):
		return fmt.Sprintf("--%s %s is beyond the range of Edm.Int64", name, val)
	}
	return ""
}

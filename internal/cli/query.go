package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/odatafilter/odatafilter"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/records"
)

var queryCommand = &command{
	name:    "query",
	usage:   "odatafilter query [--filter EXPR | -f FILE] [--top N] [--skip N] [--query RAW | --query-file FILE] [--model 2018|2021] [--ndjson | --count] [--trusted] [--] [FILE|- | --db URL [--explain]]",
	summary: "filter a list of machines (a file, stdin or the sample fleet)",
	help:    queryHelp,
	run:     runQuery,
}

func runQuery(c *command, args []string, s streams) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	var o queryOptions
	fs.StringVar(&o.filter, "filter", "", "a bare $filter expression")
	fs.StringVar(&o.filterFile, "filter-file", "", "read the --filter expression from this file ('-' for stdin)")
	fs.StringVar(&o.filterFile, "f", "", "short for --filter-file")
	fs.StringVar(&o.top, "top", "", "at most this many records")
	fs.StringVar(&o.skip, "skip", "", "skip this many matches first")
	fs.StringVar(&o.raw, "query", "", "a raw query string: $filter=...&$top=...&$skip=...")
	fs.StringVar(&o.rawFile, "query-file", "", "read the --query string from this file ('-' for stdin)")
	modelName := fs.String("model", "2018", "the Machine model: 2018 or 2021")
	ndjson := fs.Bool("ndjson", false, "print one record a line instead of a response document")
	fs.BoolVar(&o.countOnly, "count", false, "print only the number of matches (ignoring --top and --skip, as OData's $count)")
	fs.BoolVar(&o.trusted, "trusted", false, "lift the limits on a filter's work (lambda nesting, regular-expression size, work per record)")
	db := fs.String("db", "", "query the machines stored in this database (see load) instead of a FILE")
	explain := fs.Bool("explain", false, "with --db: print the SQL, its arguments and the residual instead of the machines")
	pos, err := parseArgs(fs, args)
	switch {
	case errors.Is(err, errHelp):
		return c.printHelp(s)
	case err != nil:
		return c.usageError(s, "%v", err)
	case o.countOnly && *ndjson:
		return c.usageError(s, "--count prints a number, not machines: give --count or --ndjson, not both")
	case o.countOnly && *explain:
		return c.usageError(s, "--explain prints the SQL instead of running it: give --count or --explain, not both")
	case len(pos) > 1:
		return c.usageError(s, "want at most one FILE, got %d arguments: %s", len(pos), extraArgsHint(pos))
	case *db != "" && len(pos) == 1:
		return c.usageError(s, "--db reads the machines from the database, so FILE %q would not be read: "+
			"load it first (odatafilter load --db URL FILE), or drop --db to query the file", pos[0])
	case *explain && *db == "":
		return c.usageError(s, "--explain shows the SQL of --db: give --db URL")
	case *db == "" && flagGiven(fs, "db"):
		return c.usageError(s, "--db is empty (an unset variable, as in --db \"$DB\"?): give the database URL, or drop --db to query a FILE")
	}
	fs.Visit(func(f *flag.Flag) { o.given = append(o.given, f.Name) })
	if msg := o.flagProblem(pos); msg != "" {
		return c.usageError(s, "%s", msg)
	}
	model, ok := models[*modelName]
	if !ok {
		return c.usageError(s, "unknown model %q: use 2018 or 2021", *modelName)
	}
	stdinTaken, err := o.readFiles(s.stdin)
	if err != nil {
		return c.usageError(s, "%v", err)
	}
	prog, diags := o.compile(model)
	if diags != "" {
		fmt.Fprint(s.stderr, diags)
		if h := dataFileHint("--filter", o.filter, "a file that holds the filter goes to --filter-file (-f)"); h != "" && o.filterFile == "" {
			fmt.Fprintf(s.stderr, "odatafilter query: %s\n", h)
		}
		return ExitInvalid
	}
	if *db != "" {
		return queryDB(c, s, prog, o.now, *db, dbOutput{explain: *explain, ndjson: *ndjson, count: o.countOnly})
	}
	in, name, note, err := openInput(pos, s, stdinTaken)
	if errors.Is(err, errNoSample) {
		return c.usageError(s, "%v", err)
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "odatafilter query: %v\n", err)
		return ExitInvalid
	}
	defer in.Close()
	if note != "" {
		fmt.Fprintf(s.stderr, "odatafilter query: %s\n", note)
	}
	var res odatafilter.Result
	if o.countOnly {
		res, err = odatafilter.Count(context.Background(), prog, readerOf(in))
	} else {
		res, err = odatafilter.Query(context.Background(), prog, readerOf(in), s.stdout, odatafilter.Options{NDJSON: *ndjson})
	}
	var re *records.Error
	switch {
	case errors.As(err, &re):
		hint := ""
		var be *eval.BudgetError
		if errors.As(err, &be) {
			hint = " (--trusted lifts the limit)"
		}
		fmt.Fprintf(s.stderr, "odatafilter query: %s: %v%s\n", name, err, hint)
		return ExitInvalid
	case err != nil:
		fmt.Fprintf(s.stderr, "odatafilter query: %v\n", err)
		return ExitInvalid
	}
	if o.countOnly {
		if _, err := fmt.Fprintln(s.stdout, res.Selected); err != nil {
			fmt.Fprintf(s.stderr, "odatafilter query: writing the output: %v\n", err)
			return ExitInvalid
		}
	}
	// A page's note is left out once --top is reached in it: its first
	// matches are the list's first too, and whether the reader had got
	// as far as an @odata.nextLink after the records would otherwise
	// decide whether the note comes.
	if top, ok := prog.Top(); ok && !o.countOnly && res.Selected >= top {
		res.NextLink = ""
	}
	if link := res.NextLink; link != "" {
		fmt.Fprintf(s.stderr, "odatafilter query: note: %s is one page of a longer list: it carries @odata.nextLink %s; "+
			"the machines of the next pages are not in it (fetch each page, following @odata.nextLink until there is none)\n", name, link)
	}
	return ExitOK
}

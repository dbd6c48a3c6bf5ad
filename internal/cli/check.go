package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/odatafilter/odatafilter/check"
)

var checkCommand = &command{
	name:    "check",
	usage:   "odatafilter check [--syntax-only] [--model 2018|2021] [--json] [--] QUERY | -f FILE",
	summary: "check a $filter expression or a query string; print its canonical form",
	help:    checkHelp,
	run:     runCheck,
}

func runCheck(c *command, args []string, s streams) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	syntaxOnly := fs.Bool("syntax-only", false, "check the syntax only, without the Machine model")
	asJSON := fs.Bool("json", false, "print the result as JSON on stdout")
	modelName := fs.String("model", "2018", "the Machine model: 2018 (the documented nine filterable fields) or 2021 (fourteen)")
	var file string
	fs.StringVar(&file, "file", "", "read QUERY from this file ('-' for stdin)")
	fs.StringVar(&file, "f", "", "short for --file")
	pos, err := parseArgs(fs, args)
	usageError := c.usageError
	if jsonAsked(args) {
		usageError = c.usageJSON
	}
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
		return usageError(s, "%v%s", err, dashHint(err))
	case fromFile > 1:
		return usageError(s, "-f is --file: give it once")
	case fromFile == 1 && len(pos) > 0:
		return usageError(s, "QUERY comes from --file %s: give no QUERY argument (got %q)", file, pos[0])
	case fromFile == 0 && len(pos) == 0:
		return usageError(s, "missing QUERY (or -f FILE to read it from a file)")
	case len(pos) > 1:
		return usageError(s, "want one QUERY, got %d arguments (quote the query: it has spaces)", len(pos))
	}
	if fromFile == 1 {
		text, err := readQueryFile(file, s.stdin)
		if err != nil {
			return usageError(s, "--file: %v", err)
		}
		pos = []string{text}
	}
	model, ok := models[*modelName]
	if !ok {
		return usageError(s, "unknown model %q: use 2018 or 2021", *modelName)
	}
	if *syntaxOnly {
		model = nil
	}
	code := report(check.Run(pos[0], model), s, *asJSON)
	if h := dataFileHint("QUERY", pos[0], "a file that holds the query goes to -f FILE"); h != "" && code != ExitOK && fromFile == 0 && !*asJSON {
		fmt.Fprintf(s.stderr, "odatafilter check: %s\n", h)
	}
	return code
}

// usageJSON is usageError for a check that asked for --json: the usage
// error as a check.UsageDocument on stdout (valid false, kind and code
// "usage"), nothing on stderr, exit 2, so that a script reading the JSON
// gets a document whatever went wrong.
func (c *command) usageJSON(s streams, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	s.stdout.Write(check.UsageDocument(msg, c.usageText(msg)).JSON()) // exit 2 even if it cannot be written
	return ExitUsage
}

// jsonAsked reports whether args ask for --json (-json, --json=true, ...)
// before any "--", whether or not the rest parses: a usage error found
// before the parser reached --json still answers in JSON.
func jsonAsked(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "json" {
			continue
		}
		if !hasValue {
			return true
		}
		if b, err := strconv.ParseBool(value); err == nil {
			return b
		}
	}
	return false
}

// models are the Machine models check and query offer, by the year of the
// documented list of filterable fields (check.Models).
var models = check.Models

// dashHint explains "--" when an unknown flag looks like an expression
// that starts with a minus, such as "-1 eq x" or "-rbacGroupId lt 0".
func dashHint(err error) string {
	var uf *unknownFlagError
	if errors.As(err, &uf) && strings.ContainsAny(uf.arg, " 0123456789'(") {
		return " (a QUERY that starts with '-' goes after '--')"
	}
	return ""
}

// isQueryString and asDiagnostics are package check's rules, which
// GET /api/check of serve shares.
var (
	isQueryString = check.IsQueryString
	asDiagnostics = check.Diagnostics
)

package cli

import (
	"fmt"
	"strings"
)

// mainHelp is what "odatafilter help" prints.
func mainHelp() string {
	var b strings.Builder
	b.WriteString(`odatafilter is an OData V4 $filter, $top and $skip engine for the machine
records of the Microsoft Defender for Endpoint machines API
(GET /api/machines): it checks queries, filters exported machine lists,
serves a local stand-in of the API and generates synthetic fleets.

Usage:
  odatafilter <command> [arguments]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	b.WriteString(`
Run 'odatafilter help <command>' for a command's flags and examples.

Exit codes: 0 success, 1 invalid query or data, 2 usage error.
`)
	return b.String()
}

// shortUsage is what a usage error at the top level prints on stderr.
func shortUsage() string {
	var b strings.Builder
	b.WriteString("usage: odatafilter <command> [arguments]\ncommands:")
	for _, c := range commands {
		b.WriteString(" " + c.name)
	}
	b.WriteString("\nRun 'odatafilter help' for details.\n")
	return b.String()
}

// fullHelp is what "odatafilter help NAME" prints.
func (c *command) fullHelp() string {
	return "usage: " + c.usage + "\n\n" + c.help
}

// printHelp prints the command's help on stdout, for "NAME --help".
func (c *command) printHelp(s streams) int {
	fmt.Fprint(s.stdout, c.fullHelp())
	return ExitOK
}

const checkHelp = `Check parses QUERY and prints its canonical form: operator keywords and
function names in lower case, one space around each operator, parentheses
only where precedence needs them. It does not contact Defender.

QUERY is either a bare $filter expression or a query string. It is read as
a query string when it starts with '?' or '=', or with an option name
followed by '=' ($filter=, top=, @p=, %24filter=), where a name is a run of
ASCII letters, digits and _ . - $ @ %; or when it is a URL or a path
(https://api.securitycenter.microsoft.com/api/machines?$filter=...,
/api/machines?$filter=..., machines?$filter=...: no '=', '&', space, quote
or parenthesis before the first '?'), whose query part is read, as
query --query reads it. Anything else is a bare expression. The rule never
misreads a filter: OData has no '=' operator, a named argument such as
f(p=1) comes after a '(', and a '?' only stands in a string literal;
"$it eq 1" stays a filter.

A bare expression is taken as typed: no percent-decoding, '+' is a plus.
A query string is decoded like a URL query: '+' is a space, %XX is decoded
once, options are separated by '&'. Option names are case-insensitive and
their '$' is optional; a repeated, empty, unknown or unsupported system
option is an error; custom options are ignored, but an option with no
name (a shell expanded "$filter" in double quotes: quote with single
quotes), a name with spaces, quotes or parentheses (a bare filter), a
misspelt system option (fitler=, tpo=: did you mean $filter?) and a name
of a Machine property (riskScore=High: write $filter=riskScore eq 'High')
are errors; so are a URL with no '?' (it would match every machine) and
one machine's URL (/api/machines/{id}: $filter applies to the
collection); $top is at most 10000.
Its canonical form lists $filter, $top, $skip, then aliases, undecoded.

QUERY may instead be read from a file with -f FILE (--file FILE; '-'
is standard input), for queries too awkward to quote, as jq -f reads its
program; the file's final line break and a UTF-8 byte order mark are
dropped (a UTF-16 file is named, with how to convert it). query's
--filter-file and --query-file do the same for its filter and query string.

Flags (before or after QUERY; '--' ends the flags, so a QUERY that starts
with '-' goes after it; each at most once):
  -f, --file FILE
                 read QUERY from FILE ('-' for standard input)
  --syntax-only  check the syntax only, without the Machine model (for
                 filters meant for other entities)
  --model YEAR   the Machine model: 2018 (default; the documented nine
                 filterable fields) or 2021 (fourteen, adding
                 onboardingStatus, exposureLevel, version, deviceValue,
                 aadDeviceId)
  --json         print the result as one line of JSON on stdout
  -h, --help     print this help

Results:
  valid     exit 0; the canonical form on stdout
  invalid   exit 1; each error on stderr, with a caret under the text it
            is about and its code in brackets, as in [syntax]
  usage     exit 2; the problem and the usage line on stderr (an
            unknown, repeated or bad flag, a missing QUERY, a --file
            that cannot be read); with --json, a document of kind
            "usage" on stdout instead
If the output cannot be written, check exits 1, as every command does.

With --json, stdout holds one document, valid or not (exit codes as above):
  {"valid":true,"kind":"filter","canonical":"riskScore eq 'High'"}
  {"valid":false,"kind":"filter","diagnostics":[{"code":"syntax",
   "message":"...","start":20,"end":23,"rendered":"error: ..."}]}
kind is "filter" or "query", as QUERY was read; "usage" for a usage
error, with one diagnostic of code "usage", start and end 0, and as
"rendered" the text printed without --json. start and end are byte
offsets into QUERY as given (the raw, undecoded text of a query string),
end exclusive. A diagnostic has a "suggestion" when there is one (the
text to put in place of start..end), and "rendered", the error as
printed without --json (message, source line, caret, "did you mean").
The same document is what GET /api/check of serve answers.

Without --syntax-only the filter is also checked against the Machine
model: unknown fields (with "did you mean"), fields that exist but are
not filterable, operand types, enum members, literals that denote no
value. The independent errors are reported together, at most 50 (past
49 the last one says how many more there are); a syntax error is
reported alone, as parsing stops there.

Examples:
  odatafilter check "riskScore eq 'High' and machineTags/any(t: t eq 'ExampleTag')"
  odatafilter check "riskScor eq 'Hgh'"
  odatafilter check --model 2021 "onboardingStatus eq 'Onboarded'"
  odatafilter check --syntax-only "Price gt 5 and contains(Name,'milk')"
  odatafilter check --syntax-only '$filter=riskScore+eq+%27High%27&$top=100'
  odatafilter check --syntax-only --json "healthStatus eq 'Active' and"
  odatafilter check --syntax-only -- "-1 eq rbacGroupId"
  odatafilter check -f filter.txt
`

// count writes n and the noun that counts it, singular for one:
// "1 machine", "300 machines", "0 tokens".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

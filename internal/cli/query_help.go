package cli

const queryHelp = `Query reads a list of Defender for Endpoint machines, keeps those the
query selects, and prints them. It does not contact Defender.

The input is FILE, or standard input for '-'. With no FILE, it is
standard input when something is piped or redirected into it (a pipe or
a file), as with jq and grep; when there is nothing there (a terminal,
/dev/null, a closed descriptor) it is a sample fleet of 300 machines
built into the command, and a note on stderr says so. /dev/null counts
as nothing, so that a job without input (CI, cron, ssh -n) reads the
sample. A script that must never read the sample by mistake sets
ODATAFILTER_NO_SAMPLE=1: then no FILE and no input is a usage error
(exit 2). The input may be:
  - a Defender response document, {"@odata.context":...,"value":[...]},
    its members in any order (as saved from GET /api/machines);
  - a bare JSON array of machines, [{...},{...}];
  - NDJSON, one machine a line (blank lines allowed).
The format is told from the data: '[' starts an array; an object with a
"value" member is a response document; any other object is the first
line of NDJSON. These are errors that say what the input is instead:
  - an empty input (nothing, or white space only): an empty list is []
    or {"value":[]}, and an empty file is usually a failed download;
  - a Defender error body, {"error":{"code":"Unauthorized",...}}, as the
    API returns for an expired token or a throttled call: its code and
    message are shown (also for one inside a list of machines);
  - UTF-16, as Windows PowerShell 5 saves with '>': convert it with
    'iconv -f UTF-16 -t UTF-8', or save it with Out-File -Encoding utf8;
  - several saved pages in one input (an array of responses, as jq -s
    writes, one response a line, or files concatenated): flatten them
    first, as with jq '[.[].value[]]' or jq -c '.value[]'. A record with
    a "value" member (or a "Value" array, in any case) is taken for a
    response (machines have none).
A response that still carries "@odata.nextLink" is one page of the
fleet: its matches are printed, with a note on stderr saying so.

The query is either --query, a raw query string as sent to the API
('$filter=...&$top=...&$skip=...', decoded like a URL: '+' is a space,
%XX is decoded once), or any of --filter, --top and --skip, each taken
as typed. Giving --query with any of the others is a usage error. A
filter or query too awkward to quote goes in a file, read with
--filter-file (-f) or --query-file ('-' for standard input; the data is
then FILE or the sample fleet); the file's final line break and a UTF-8
byte order mark are dropped; a UTF-16 file, or one holding JSON (the
machines go in FILE), is a usage error that says so.
The filter is checked against the Machine model first, as check does; an
invalid query exits 1 with carets under the errors, before any data is
read. $skip applies before $top; --top is at most 10000.

Output: a Defender response document, one machine a line inside "value",
with the input's @odata.context (or the Defender API's when the input
has none); with --ndjson, one machine a line. Machines are printed byte
for byte as they were read: unknown fields, key order, number spelling
(1.0e2) and escapes (\u00e9) survive. With --ndjson, a line break inside
a pretty-printed machine becomes a space, so each stays on one line.

Every machine read is checked, every field of it, not only those the
filter reads: bad data (malformed JSON, a value that is not a machine, a
field of the wrong type, an unknown enum member such as
"healthStatus":"Actve") exits 1, naming the first bad record's number
and the byte offset in the input. The response document is then not
printed at all: it is held back (in memory, then in a temporary file)
until the whole input has been read. With --ndjson the machines before
the bad one have already been printed: each is printed as soon as it is
read, also from a slow input (tail -f, a slow download), within about
10 ms.

--count prints only the number of machines the filter matches, one
line, as OData's $count (and GET .../$count) does: it ignores --top and
--skip (and $top and $skip in --query; they are still checked), so it is
the number of matches in the whole input. Every machine is read and
checked as without it: bad data exits 1 and no number is printed.
Giving --count with --ndjson or --explain is a usage error; with --db it
counts the stored machines.

Reading stops at the --top'th match: the data after it is not checked
(at most a few megabytes of it have been read ahead). One exception: a
response document with no @odata.context before "value" (the API writes
it first) is read to its end, checked as JSON but not decoded, to print
the input's context if it comes last. To check
a whole file, query it without --top (and with --ndjson, to stream
rather than hold the output back):
  odatafilter query --ndjson fleet.json > /dev/null

Query streams: memory does not grow with the input, and a machine may
be at most 16 MiB. One goroutine reads the input and others, one a core,
decode and filter batches of machines; the output keeps the input's
order. Memory is a few tens of megabytes for real machine records; it
is bounded by the longest record, up to about 400 MB for records near
16 MiB.

With --db URL, the machines are those 'odatafilter load' stored in that
database (sqlite:PATH, a bare PATH, or postgres://...; see 'odatafilter
help load'), instead of a FILE: the same flags, and the same output byte
for byte as query FILE prints for the export that was loaded (with the
Defender API's @odata.context, which the database does not keep). Giving
a FILE with --db is a usage error: load it first. The database answers
what its SQL decides exactly; the rest it narrows to candidates, which the
evaluator re-checks, as --explain shows. One difference: the response
document is written as the database yields it, so an error midway (the
database fails, a machine over the work budget) leaves it unfinished,
with exit 1. A database that does not exist or was never loaded, or a
server that cannot be reached, exits 1; a URL with an unknown scheme is a
usage error.

--explain (with --db) prints, instead of the machines, the SQL statement
query --db runs, its bound arguments in placeholder order, and whether
the SQL is exact or which parts of the filter the evaluator decides on
each candidate (the residual), after which $skip and $top apply.

Flags (before or after FILE; '--' ends the flags; each at most once):
  --filter EXPR  a bare $filter expression, taken as typed
  -f, --filter-file FILE
                 read the --filter expression from FILE ('-': stdin)
  --top N        print at most N machines (0 to 10000)
  --skip N       skip the first N matches
  --query RAW    a raw query string with $filter, $top and $skip
  --query-file FILE
                 read the --query string from FILE ('-': stdin)
  --model YEAR   the Machine model: 2018 (default; the documented nine
                 filterable fields) or 2021 (fourteen)
  --ndjson       print one machine a line instead of a response document
  --count        print only the number of matches, ignoring --top and --skip
  --db URL       query the machines stored in this database, not a FILE
  --explain      with --db: print the SQL, its arguments and the residual
  --trusted      the filter is trusted: lift the limits on its work (lambdas
                 nested more than 3 deep, regular expressions over 10,000
                 instructions, more than 10 million steps, about 0.1 s, for
                 one machine); without it such a filter exits 1
  -h, --help     print this help

Results:
  success   exit 0; the matches on stdout (possibly none)
  invalid   exit 1; an invalid query (with carets) or bad data (with the
            record number and byte offset) on stderr; a missing FILE;
            output that cannot be written
  usage     exit 2; the problem and the usage line on stderr: an unknown
            or repeated flag, a bad --top or --skip value, a query file
            that cannot be read

Examples:
  odatafilter query --filter "riskScore eq 'High'"
  odatafilter query --filter "healthStatus ne 'Active' and rbacGroupId eq 140" --top 10 machines.json
  odatafilter query --query '$filter=riskScore+eq+%27High%27&$top=5&$skip=5' machines.json
  odatafilter query --filter "machineTags/any(t: t eq 'ExampleTag')" --ndjson < machines.ndjson
  odatafilter gen -n 100000 | odatafilter query --filter "startswith(computerDnsName,'desktop')"
  odatafilter query -f stale.filter --ndjson machines.json
  odatafilter query --count --filter "healthStatus ne 'Active'" machines.ndjson
  odatafilter query --db sqlite:fleet.db --filter "riskScore eq 'High'" --top 10
  odatafilter query --db sqlite:fleet.db --filter "riskScore eq 'High'" --explain
  curl -s -H "Authorization: Bearer $TOKEN" https://api.securitycenter.microsoft.com/api/machines |
    odatafilter query --filter "lastSeen gt 2024-01-01Z" --ndjson
`

package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/odatafilter/odatafilter/fleet"
)

var genCommand = &command{
	name:    "gen",
	usage:   "odatafilter gen [-n N] [--seed S] [--ndjson]",
	summary: "write a synthetic fleet of machines, for load tests and benchmarks",
	help:    genHelp,
	run:     runGen,
}

// defaultFleetSize is gen's -n when it is not given: enough machines to
// page and filter meaningfully, small enough to read.
const defaultFleetSize = 1000

func runGen(c *command, args []string, s streams) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	n := fs.Int("n", defaultFleetSize, "the number of machines")
	seed := fs.Uint64("seed", 1, "the seed: the same seed gives the same fleet")
	ndjson := fs.Bool("ndjson", false, "write one machine a line instead of a response document")
	pos, err := parseArgs(fs, args)
	switch {
	case errors.Is(err, errHelp):
		return c.printHelp(s)
	case err != nil:
		return c.usageError(s, "%v", err)
	case len(pos) > 0:
		hint := "gen writes to standard output"
		if strings.Trim(pos[0], "0123456789") == "" {
			hint = "did you mean -n " + pos[0] + "?"
		}
		return c.usageError(s, "unexpected argument %q: %s", pos[0], hint)
	case *n < 0:
		return c.usageError(s, "-n must be zero or more, got %d", *n)
	}
	if err := fleet.Generate(s.stdout, *n, *seed, *ndjson); err != nil {
		fmt.Fprintf(s.stderr, "odatafilter gen: %v\n", err)
		return ExitInvalid
	}
	return ExitOK
}

const genHelp = `Gen writes a synthetic fleet of N Defender for Endpoint machines on
standard output, for load tests, benchmarks and trying filters. The
records have the exact shape of GET /api/machines and realistic
distributions: a few machine groups holding most machines, mostly
Windows workstations with some servers, Linux and macOS, most machines
Active and seen in the last days. They also carry every edge the model
allows: null fields, rbacGroupId as a numeric string, timestamps in
other offsets, missing, null, empty and duplicated machineTags, tags
with quotes and non-ASCII text, records without the newer fields, and
undocumented fields (defenderAvStatus, managedBy, vmMetadata, ...).

The output is deterministic: the same N and seed give the same bytes,
and the first K machines of a fleet are the fleet of K. Generation
streams, in constant memory, at hundreds of megabytes a second.

Flags:
  -n N         the number of machines (default 1000; 0 writes an empty
               fleet)
  --seed S     the seed, an unsigned 64-bit integer (default 1)
  --ndjson     write one machine a line instead of a Defender response
               document {"@odata.context":...,"value":[...]}
  -h, --help   print this help

Dates are fixed, not relative to today, so that a seed always gives the
same fleet: the fleet's "now" is 2025-06-01T00:00:00Z, and every
lastSeen is before 2025-06-01T00:00:01Z (a few are null). Active
machines were last seen in the three days before it, Inactive ones 8 to
178 days before (a few of them in 2017-2019), the others within the year
before; firstSeen is up to four years before lastSeen, and not before
2016-01-01. Compare lastSeen with such dates, not with now() (which is
today, after every generated date):
  lastSeen gt 2025-05-29T00:00:00Z    seen in the fleet's last three days
  lastSeen lt 2025-05-01T00:00:00Z    not seen in the fleet's last month

The document has one machine a line inside "value". The embedded sample
fleet that query and serve use without data is the two machines of the
documented example response followed by gen's machines for seed 1.

Results: exit 0 on success; 1 when the output cannot be written; 2 for a
usage error (a negative N, a seed that is not an unsigned integer, an
argument).

Examples:
  odatafilter gen -n 5
  odatafilter gen -n 1000000 --seed 7 --ndjson > fleet.ndjson
  odatafilter gen -n 100000 > fleet.json && odatafilter query --filter "riskScore eq 'High'" fleet.json
  odatafilter gen | odatafilter query --filter "lastSeen gt 2025-05-29T00:00:00Z" --ndjson
`

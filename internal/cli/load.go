package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/sqlstore"
)

var loadCommand = &command{
	name:    "load",
	usage:   "odatafilter load --db URL [--] [FILE|-]",
	summary: "store a list of machines in SQLite or PostgreSQL, for query --db and serve --db",
	help:    loadHelp,
	run:     runLoad,
}

func runLoad(c *command, args []string, s streams) int {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	db := fs.String("db", "", "the database: sqlite:PATH, PATH, or postgres://USER@HOST:PORT/DB")
	pos, err := parseArgs(fs, args)
	switch {
	case errors.Is(err, errHelp):
		return c.printHelp(s)
	case err != nil:
		return c.usageError(s, "%v", err)
	case *db == "":
		return c.usageError(s, "--db URL is required: the database to load into, such as sqlite:fleet.db")
	case len(pos) > 1:
		return c.usageError(s, "want at most one FILE, got %d arguments (load each file in turn)", len(pos))
	case len(pos) == 0 && !stdinHasData(s.stdin):
		// Unlike query, load never falls back to the sample fleet: what it
		// stores stays, and a forgotten FILE (in cron, under ssh -n) would
		// put 300 made-up machines beside the real ones.
		return c.usageError(s, "no FILE, and nothing is piped into standard input: give the export to load (FILE, or - for standard input)")
	}
	if err := sqlstore.CheckURL(*db); err != nil {
		return c.usageError(s, "--db: %v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	in, name, note, err := openInput(pos, s, false)
	if err != nil {
		fmt.Fprintf(s.stderr, "odatafilter load: %v\n", err)
		return ExitInvalid
	}
	defer in.Close()
	st, code := openStore(ctx, c, s, *db, true)
	if st == nil {
		return code
	}
	defer st.Close()
	if note != "" {
		fmt.Fprintf(s.stderr, "odatafilter load: %s\n", note)
	}
	stats, err := st.Load(ctx, in)
	var re *records.Error
	switch {
	case errors.As(err, &re):
		fmt.Fprintf(s.stderr, "odatafilter load: %s: %v; nothing was stored\n", name, err)
		return ExitInvalid
	case err != nil:
		fmt.Fprintf(s.stderr, "odatafilter load: %s: %v; nothing was stored\n", st, err)
		return ExitInvalid
	}
	noID := ""
	if stats.WithoutID > 0 {
		noID = fmt.Sprintf(" (%d without an id, which a reload stores again)", stats.WithoutID)
	}
	fmt.Fprintf(s.stderr, "odatafilter load: %s loaded%s, %d skipped as duplicates (their id was already stored), into %s\n",
		count(int(stats.Loaded), "machine", "machines"), noID, stats.Duplicates, st)
	if stats.NextLink != "" {
		fmt.Fprintf(s.stderr, "odatafilter load: note: %s is one page of a longer list: it carries @odata.nextLink %s; "+
			"the machines of the next pages are not in it (load each page, following @odata.nextLink until there is none)\n", name, stats.NextLink)
	}
	rate := ""
	if sec := stats.Elapsed.Seconds(); sec > 0 && stats.Read > 0 {
		rate = fmt.Sprintf(", %.0f machines a second", float64(stats.Read)/sec)
	}
	fmt.Fprintf(s.stderr, "odatafilter load: took %v%s\n", stats.Elapsed.Round(1e6), rate)
	return ExitOK
}

// openStore opens the database a --db flag names: creating the tables
// with create (load), or wanting them (query, serve). A URL it does not
// read is a usage error (exit 2); a database it cannot reach, open or find
// the tables in, exit 1. st is nil on failure, with the exit code.
func openStore(ctx context.Context, c *command, s streams, url string, create bool) (st *sqlstore.Store, code int) {
	var err error
	if create {
		st, err = sqlstore.Create(ctx, url)
	} else {
		st, err = sqlstore.Open(ctx, url)
	}
	var ue *sqlstore.URLError
	switch {
	case errors.As(err, &ue):
		return nil, c.usageError(s, "--db: %v", err)
	case errors.Is(err, sqlstore.ErrNoTables):
		fmt.Fprintf(s.stderr, "odatafilter %s: --db %s: %v\n", c.name, sqlstore.Redact(url), err)
		return nil, ExitInvalid
	case err != nil:
		fmt.Fprintf(s.stderr, "odatafilter %s: --db: %v\n", c.name, err)
		return nil, ExitInvalid
	}
	return st, ExitOK
}

const loadHelp = `Load stores a list of Defender for Endpoint machines in a database, for
'odatafilter query --db' and 'odatafilter serve --db' to answer queries
over. It creates the tables and indexes when they are absent.

The input is FILE, '-' for standard input, or, with no FILE, standard
input when something is piped or redirected into it. Unlike query, load
never falls back to the sample fleet: with no FILE and nothing piped in
it is a usage error, as what it stores stays. Any format query reads (a
Defender response document, a JSON array, NDJSON). Each machine is stored with its exact bytes, so query --db and
serve --db print it as it was read, and with its filterable fields in
typed columns, decoded as query decodes them.

The database is --db URL:
  sqlite:PATH, file:PATH, sqlite:///ABSOLUTE/PATH
                 an SQLite file, created when absent (PATH is taken
                 literally; a '?' is an error: no query parameters)
  PATH           a bare path is an SQLite file too (fleet.db)
  postgres://USER@HOST:PORT/DB, postgresql://...
                 a PostgreSQL database (libpq's URL parameters and PG*
                 environment variables apply); the tables go in the first
                 schema of its search_path

Loading is one transaction: a bad machine stores nothing. It adds the
machines after those already stored, and is idempotent by id: a machine
whose id was stored by an earlier load is skipped and counted as a
duplicate, so loading the same export twice keeps one copy. Machines of
the one input that share an id are all stored, as query FILE keeps them
all; a machine without an id is stored by every load that has it. A
filterable string holding the character U+0000 (\u0000) is refused:
PostgreSQL cannot store it, and SQLite's string functions stop at it.
The tables are analyzed (ANALYZE) after the load.

It reports on stderr the machines loaded, those skipped as duplicates,
and the time taken.

Flags:
  --db URL       the database (required)
  -h, --help     print this help

Results:
  success   exit 0; the counts on stderr
  invalid   exit 1; bad data (the record number and byte offset), a
            database that cannot be reached or written; nothing stored
  usage     exit 2; no --db, a URL with an unknown scheme, a bad flag

Examples:
  odatafilter load --db sqlite:fleet.db machines.json
  odatafilter gen -n 1000000 | odatafilter load --db fleet.db -
  odatafilter load --db 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable' machines.json
`

// stdinHasData reports whether standard input is a pipe or a file, which
// a command with no FILE reads.
func stdinHasData(stdin io.Reader) bool {
	data, _ := stdinState(stdin)
	return data
}

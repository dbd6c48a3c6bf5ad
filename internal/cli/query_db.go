package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/sqlfilter"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// dbOutput is what query --db prints: the statement that would run
// (--explain), the number of matches (--count), or the machines, one a
// line (--ndjson) or in a response document.
type dbOutput struct{ explain, ndjson, count bool }

// queryDB is query --db: prog over the machines stored at url, written as
// query writes a FILE's (the records byte for byte, in export order), or
// counted, or, with --explain, the statement that would run.
func queryDB(c *command, s streams, prog *eval.Program, now time.Time, url string, out dbOutput) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, code := openStore(ctx, c, s, url, false)
	if st == nil {
		return code
	}
	defer st.Close()
	// now is the instant prog's clock reads (compile fixes one), so that
	// the SQL's now() and the evaluator's agree.
	opts := sqlstore.QueryOptions{Now: now}
	if out.explain {
		p, err := st.Explain(prog, opts)
		if err != nil {
			fmt.Fprintf(s.stderr, "odatafilter query: %v\n", err)
			return ExitInvalid
		}
		fmt.Fprint(s.stdout, formatPlan(st, p))
		return ExitOK
	}
	var w records.Writer
	var n int64
	switch {
	case out.count:
		w = countWriter{&n}
	case out.ndjson:
		w = records.NewNDJSONWriter(s.stdout)
	default:
		w = records.NewEnvelopeWriter(s.stdout, records.DefaultContext)
	}
	for m, err := range st.Query(ctx, prog, opts) {
		if err != nil {
			hint := ""
			var be *eval.BudgetError
			if errors.As(err, &be) {
				hint = " (--trusted lifts the limit)"
			}
			fmt.Fprintf(s.stderr, "odatafilter query: %s: %v%s\n", st, err, hint)
			return ExitInvalid
		}
		if err := w.Write(m.Raw); err != nil {
			fmt.Fprintf(s.stderr, "odatafilter query: writing the output: %v\n", err)
			return ExitInvalid
		}
	}
	err := w.Close()
	if out.count && err == nil {
		_, err = fmt.Fprintln(s.stdout, n)
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "odatafilter query: writing the output: %v\n", err)
		return ExitInvalid
	}
	return ExitOK
}

// countWriter is the records.Writer of --count: it counts the records.
type countWriter struct{ n *int64 }

func (w countWriter) Write([]byte) error { *w.n++; return nil }
func (w countWriter) Flush() error       { return nil }
func (w countWriter) Close() error       { return nil }

// formatPlan is what --explain prints: the dialect, the statement, its
// arguments (numbered as the placeholders), and what the evaluator decides.
func formatPlan(st *sqlstore.Store, p sqlstore.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- %s (%s)\n", st, st.Dialect())
	b.WriteString(p.SQL + "\n")
	if len(p.Args) > 0 {
		b.WriteString("-- arguments:\n")
		for i, a := range p.Args {
			mark := "?"
			if st.Dialect() == sqlfilter.PostgreSQL {
				mark = "$"
			}
			fmt.Fprintf(&b, "--   %s%d = %s\n", mark, i+1, formatArg(a))
		}
	}
	if p.Exact {
		b.WriteString("-- exact: the database decides the filter, $skip and $top; nothing is left to the evaluator\n")
		return b.String()
	}
	b.WriteString("-- residual: the database yields candidates (a superset), in ord order and in chunks of up to 4096 continuing after\n" +
		"-- the last ord; the evaluator re-checks each against the whole filter, then applies $skip and $top. Decided there:\n")
	for _, r := range p.Residual {
		fmt.Fprintf(&b, "--   %s\n", r)
	}
	return b.String()
}

// formatArg writes a bound argument as an SQL literal reads, for people:
// a string in single quotes (each quote doubled), bytes as x'…', a list
// (PostgreSQL's = ANY($n)) in braces.
func formatArg(a any) string {
	switch v := a.(type) {
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case []byte:
		return fmt.Sprintf("x'%x'", v)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case []string:
		return formatList(v)
	case []int64:
		return formatList(v)
	}
	return fmt.Sprint(a)
}

func formatList[T any](v []T) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = formatArg(x)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

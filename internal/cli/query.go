package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

var queryCommand = &command{
	name:    "query",
	usage:   "odatafilter query [--filter EXPR | -f FILE] [--top N] [--skip N] [--query RAW | --query-file FILE] [--model 2018|2021] [--ndjson] [--trusted] [--] [FILE|-]",
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
	fs.BoolVar(&o.trusted, "trusted", false, "lift the limits on a filter's work (lambda nesting, regular-expression size, work per record)")
	pos, err := parseArgs(fs, args)
	switch {
	case errors.Is(err, errHelp):
		return c.printHelp(s)
	case err != nil:
		return c.usageError(s, "%v", err)
	case len(pos) > 1:
		return c.usageError(s, "want at most one FILE, got %d arguments: %s", len(pos), extraArgsHint(pos))
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
		return ExitInvalid
	}
	in, name, note, err := openInput(pos, s, stdinTaken)
	if err != nil {
		fmt.Fprintf(s.stderr, "odatafilter query: %v\n", err)
		return ExitInvalid
	}
	defer in.Close()
	if note != "" {
		fmt.Fprintf(s.stderr, "odatafilter query: %s\n", note)
	}
	q := &query{prog: prog, rd: records.NewReader(in)}
	if *ndjson {
		err = q.writeNDJSON(s.stdout)
	} else {
		err = q.writeEnvelope(s.stdout)
	}
	var re *records.Error
	switch {
	case errors.As(err, &re):
		fmt.Fprintf(s.stderr, "odatafilter query: %s: %v\n", name, err)
		return ExitInvalid
	case err != nil:
		fmt.Fprintf(s.stderr, "odatafilter query: %v\n", err)
		return ExitInvalid
	}
	if link := q.rd.NextLink(); link != "" {
		fmt.Fprintf(s.stderr, "odatafilter query: note: %s is one page of a longer list: it carries @odata.nextLink %s; "+
			"the machines of the next pages are not in it (fetch each page, following @odata.nextLink until there is none)\n", name, link)
	}
	return ExitOK
}

// query is one run of the command: the program and the records it reads.
type query struct {
	prog    *eval.Program
	rd      *records.Reader
	context string // the input's @odata.context, as far as it was read

	// Set by stream when it stopped at the $top'th match: the reader
	// goroutine then ends soon, and closes readDone.
	atTop    bool
	readDone <-chan struct{}
}

// stream decodes each record, runs the program over the stream (filter,
// $skip, $top) and passes the raw text of each selected record to emit,
// in input order. Records are read, decoded and filtered by a pipeline
// (see startPipeline); emit runs on the calling goroutine. It stops once
// $top records are out: the pipeline reads a few batches ahead, but bad
// data after the $top'th match is not reported. The error is a
// *records.Error for bad data, or emit's.
func (q *query) stream(emit func(raw []byte) error) error {
	top, hasTop := q.prog.Top()
	if hasTop && top == 0 {
		return nil
	}
	skip, n := q.prog.Skip(), int64(0)
	p := startPipeline(q.rd, q.prog)
	defer close(p.stop)
	q.readDone = p.readDone
	for b := range p.ordered {
		<-b.done
		q.context = b.context
		for _, i := range b.matched {
			if skip > 0 {
				skip--
				continue
			}
			if err := emit(b.recs[i].Raw); err != nil {
				return err // it says whether writing or spooling failed
			}
			if n++; hasTop && n >= top {
				q.atTop = true
				return nil
			}
		}
		if b.badErr != nil {
			return b.badErr
		}
		if b.readErr != nil {
			return b.readErr
		}
		p.free <- b
	}
	return nil
}

// decodeError turns a schema decoding error into a *records.Error at the
// bad value's offset in the input.
func decodeError(rec records.Record, err error) error {
	e := &records.Error{Index: rec.Index, Offset: rec.Offset, Msg: err.Error()}
	var fe *schema.FieldError
	if errors.As(err, &fe) {
		e.Offset += int64(fe.Offset)
		e.Msg = fe.Err.Error()
		if fe.Field != "" {
			e.Msg = "field " + fe.Field + ": " + e.Msg
		}
	}
	return e
}

// writeNDJSON writes the selected records to w as they are found, one a
// line. On bad data the lines before it have been written.
func (q *query) writeNDJSON(w io.Writer) error {
	out := records.NewNDJSONWriter(w)
	err := q.stream(func(raw []byte) error {
		if err := out.Write(raw); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
		return nil
	})
	if cerr := out.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("writing the output: %w", cerr)
	}
	return err
}

// writeEnvelope writes the selected records to w as a Defender response,
// all or nothing: they wait in a spool until the input has been read
// without error, so bad data leaves w untouched. The @odata.context is the
// input's, if it was an envelope with one, else records.DefaultContext.
func (q *query) writeEnvelope(w io.Writer) error {
	var sp spool
	defer sp.close()
	if err := q.stream(sp.add); err != nil {
		return err
	}
	if err := q.readContext(); err != nil {
		return err
	}
	ctx := q.context
	if ctx == "" {
		ctx = records.DefaultContext
	}
	out := records.NewEnvelopeWriter(w, ctx)
	if err := sp.replay(out.Write); err != nil {
		return err // already says whether reading the spool or writing failed
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("writing the output: %w", err)
	}
	return nil
}

// readContext finds the input's @odata.context when stream stopped at the
// $top'th match of an envelope before reading it: the context comes after
// "value" there (the Defender API writes it first). The rest of the input
// is then read to its end, checked as JSON but not decoded, as the
// output's context must be the input's; bad JSON found on the way is
// reported like any other. This costs a scan of the rest (about 1.5 GB/s)
// only for such envelopes, and never with --ndjson, which prints no
// context.
func (q *query) readContext() error {
	if !q.atTop || q.context != "" || q.rd.Format() != records.Envelope {
		return nil
	}
	<-q.readDone // the pipeline's reader has stopped: the Reader is ours
	for {
		_, err := q.rd.Next()
		if err == io.EOF {
			q.context = q.rd.Context()
			return nil
		}
		if err != nil {
			return err
		}
	}
}

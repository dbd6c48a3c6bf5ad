package odatafilter

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/records"
)

// Options control how Query writes what it selects. The zero value writes
// a Defender response document with the input's @odata.context.
type Options struct {
	// NDJSON writes one record a line, each as soon as it is found,
	// instead of a Defender response document: from a slow input (tail
	// -f, a slow download) each match reaches out about 10 ms after its
	// record was read, as Query flushes its output whenever it waits.
	// Bad data found later then leaves the lines before it written.
	NDJSON bool

	// Context is the @odata.context of the response document. Empty: the
	// input's, when it is a response document that has one, else
	// records.DefaultContext. Unused with NDJSON.
	Context string
}

// Result says what a Query or a Select read and selected.
type Result struct {
	// Format is the input's format, 0 when not a byte of it was read
	// (a $top of 0 reads nothing).
	Format records.Format

	// Context is the input's @odata.context, "" when it has none. When
	// it comes after the records and reading stopped at $top, Query
	// writing a response document without Options.Context reads the rest
	// of the input (checked, not decoded) to find it; Select and NDJSON do
	// not, and leave it "".
	Context string

	// NextLink is the input's @odata.nextLink, "" when it has none (or
	// when, as for Context, it comes after the records and reading
	// stopped before them: at $top, whether the reader, which runs a few
	// batches ahead, had got that far varies from run to run). A response
	// that carries one is one page of a longer list.
	NextLink string

	// Selected is the number of records written (Query), passed to emit
	// (Select) or counted (Count): those the filter kept, after $skip and
	// $top (Count ignores them).
	Selected int64
}

// Query reads the machine list in, in any format records.Reader reads
// (a Defender response document, a JSON array or NDJSON), runs prog over
// its records, and writes the records it selects to out, each byte for
// byte as it was read: prog's filter, then its $skip, then its $top, as
// Program.All applies them. It is what the command "odatafilter query"
// does.
//
// Every record read is checked and decoded, and a record that is
// malformed or does not decode as a machine ends the query with a
// *records.Error naming the record and the byte offset of the problem.
// Records are matched with prog.MatchContext: a record that needs more
// work than prog's budget (eval.WithMaxSteps) ends it too, with a
// *records.Error naming the record that wraps the *eval.BudgetError.
// The response document is written whole or not at all: the selected
// records wait (in memory, and past a few MiB in a temporary file) until
// the input has been read without error, so bad data leaves out
// untouched. With Options.NDJSON each record is written as it is found.
// Records are decoded in batches of about 256 KiB, but a batch goes on
// before it is full when a Read of in waits more than about 10 ms, so a
// slow input's matches are not held back until a batch fills.
// Reading stops at the $top'th selected record; bad data after it is not
// looked at.
//
// Memory stays flat however long the input. Records are decoded and
// matched on every core, in batches, and written in input order; only
// the fields prog's filter reads are decoded (the others are still
// checked). prog.MatchContext is called from several goroutines, which a Program
// allows; for one now() across the whole input, compile prog with
// eval.WithClock.
//
// When in is a regular *os.File, a *bytes.Reader, a *strings.Reader or
// an *io.SectionReader, each core reads its own parts of it, with ReadAt
// or, for a file on Linux, in place through a read-only mapping of it
// whose pages go as they are read (the mapping is gone when Query
// returns), from in's offset when Query is called to its size then (what is
// appended to a file after that is read on from there); in's own offset
// is then left past the last byte the query read, as reading it in order
// would leave it (at its end when the query read it all). A file that is
// rewritten, truncated or shifted while it is read ends the query with an
// error where its parts no longer meet, rather than with wrong records (a
// change that leaves every part's edges as they were, or a change to a
// part already read, cannot be seen: query a copy of a file that is being
// written in place). Any other io.Reader is read in order, on one
// goroutine.
//
// Query returns only once it has stopped using in: no Read (or ReadAt)
// of in is under way when it returns, and none starts after, whether it
// returns at the end of the input, at $top, on an error or because ctx
// is done; so the caller may reuse or close in as soon as it returns. Reading runs a
// few batches ahead on another goroutine, which Query stops and waits
// for; nothing of the query runs after it returns.
//
// Once ctx is done, Query stops (within a record's evaluation too, as
// MatchContext looks at ctx) and returns ctx's error: with NDJSON the
// lines before it have been written; a response document is not written
// at all, or, when ctx ends while it is being written, left unfinished.
// A Read of in that blocks (a pipe or a connection with nothing to read)
// is waited for, as ctx cannot end it: to bound that wait, give in a
// deadline, or close it when ctx ends (context.AfterFunc(ctx, func() {
// f.Close() })). A failure to write out is an error that wraps the
// writer's, saying so. A nil prog, in or out is an error.
func Query(ctx context.Context, prog *eval.Program, in io.Reader, out io.Writer, opts Options) (Result, error) {
	switch {
	case prog == nil:
		return Result{}, errNoProgram
	case in == nil:
		return Result{}, errNoInput
	case out == nil:
		return Result{}, errNoOutput
	}
	if opts.NDJSON {
		return queryNDJSON(ctx, prog, in, out)
	}
	return queryEnvelope(ctx, prog, in, out, opts.Context)
}

// Select reads the machine list in as Query does and passes each record
// prog selects to emit, in input order, as soon as it is found (from a
// slow input, within about 10 ms of its being read): rec.Raw
// is the record's text byte for byte, and rec.Index and rec.Offset say
// where it was in the input. rec.Raw and rec.Members are valid only until
// emit returns; copy them to keep them. An error from emit ends Select
// and is returned as it is. Errors and cancellation are as for Query, and
// so is the promise: when Select returns, no Read of in is under way or
// will start. A nil prog, in or emit is an error.
func Select(ctx context.Context, prog *eval.Program, in io.Reader, emit func(rec records.Record) error) (Result, error) {
	switch {
	case prog == nil:
		return Result{}, errNoProgram
	case in == nil:
		return Result{}, errNoInput
	case emit == nil:
		return Result{}, errNoEmit
	}
	r := &run{ctx: ctx, prog: prog, in: in}
	err := r.stream(emit)
	return r.res, err
}

// Count reads the machine list in as Query does and returns, in
// Result.Selected, the number of records prog's filter matches. Like
// OData's $count, it ignores prog's $skip and $top: the whole input is
// read, and every record of it checked and decoded as Query checks it, so
// that a count is never of a list with bad data in it (errors and
// cancellation are as for Query). Nothing is written; only the fields
// the filter reads are decoded. A nil prog or in is an error.
func Count(ctx context.Context, prog *eval.Program, in io.Reader) (Result, error) {
	switch {
	case prog == nil:
		return Result{}, errNoProgram
	case in == nil:
		return Result{}, errNoInput
	}
	r := &run{ctx: ctx, prog: prog, in: in}
	err := r.stream(nil)
	return r.res, err
}

// run is one pass of a program over a machine list.
type run struct {
	ctx  context.Context
	prog *eval.Program
	in   io.Reader
	res  Result

	// idle, when not nil, is called when stream waits for the pipeline:
	// queryNDJSON flushes its output then, so that a match found in a
	// slow input is written at once.
	idle func() error

	// readContext makes stream, once it has the $top'th selected record
	// of an envelope whose @odata.context it has not read, read on to
	// find it (queryEnvelope without a context of its own).
	readContext bool
}

// errNoProgram is the error of a Query or Select without a program: a
// program that selects everything is eval.Compile("").
var errNoProgram = errors.New("odatafilter: no program (nil *eval.Program); eval.Compile(\"\") selects every record")

// errNoInput, errNoOutput and errNoEmit are the errors of a call given a
// nil io.Reader, io.Writer or emit function.
var (
	errNoInput  = errors.New("odatafilter: no input (nil io.Reader)")
	errNoOutput = errors.New("odatafilter: no output (nil io.Writer); io.Discard writes nowhere")
	errNoEmit   = errors.New("odatafilter: no emit function (nil)")
)

// stream decodes each record, runs the program over the stream (filter,
// $skip, $top) and passes each selected record to emit, in input order.
// Records are read, decoded and filtered by a pipeline (see
// startPipeline); emit runs on the calling goroutine. It stops once $top
// records are out: the pipeline reads a few batches ahead, but bad data
// after the $top'th match is not reported. The error is a *records.Error
// for bad data, ctx's, or emit's. A nil emit counts the records the
// filter matches in r.res.Selected, ignoring $skip and $top (Count).
func (r *run) stream(emit func(rec records.Record) error) error {
	top, hasTop := r.prog.Top()
	skip := r.prog.Skip()
	if emit == nil {
		hasTop, skip = false, 0
	}
	if hasTop && top == 0 {
		return nil
	}
	if err := r.ctx.Err(); err != nil {
		return err
	}
	p := startPipeline(r.ctx, r.in, r.prog)
	defer p.close()
	for {
		b, err := p.next(r.idle)
		if b == nil {
			return err
		}
		r.res.Context, r.res.NextLink, r.res.Format = b.context, b.nextLink, b.format
		matched := b.matched
		if emit == nil {
			r.res.Selected += int64(len(matched))
			matched = nil
		}
		for _, i := range matched {
			if skip > 0 {
				skip--
				continue
			}
			if err := emit(b.recs[i]); err != nil {
				return err
			}
			if r.res.Selected++; hasTop && r.res.Selected >= top {
				if r.readContext && r.res.Context == "" && r.res.Format == records.Envelope {
					return r.context(p, b)
				}
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
}

// context finds the input's @odata.context when stream has the $top'th
// match of an envelope (in b) before it: the context comes after "value"
// there (the Defender API writes it first). The rest of the input is then
// read to its end, checked as JSON but not decoded (the workers only scan
// it), as the output's context must be the input's; bad JSON found on the
// way is reported like any other. This costs a scan of the rest only for
// such envelopes, and never for NDJSON output, which has no context, or
// when Options.Context gives one.
func (r *run) context(p *pipeline, b *batch) error {
	p.checkOnly.Store(true)
	for {
		if b.readErr != nil {
			return b.readErr
		}
		p.free <- b
		var err error
		if b, err = p.next(r.idle); b == nil {
			return err
		}
		r.res.Context, r.res.NextLink = b.context, b.nextLink
	}
}

// matchError is the error of a record whose evaluation was cut off: a
// *records.Error naming the record and wrapping the *eval.BudgetError
// when it needed more work than the program's budget, or ctx's error as
// it is.
func matchError(rec records.Record, err error) error {
	var be *eval.BudgetError
	if errors.As(err, &be) {
		return &records.Error{Index: rec.Index, Offset: rec.Offset, Msg: err.Error(), Err: err}
	}
	return err
}

// queryNDJSON writes the selected records to out as they are found, one a
// line. On bad data the lines before it have been written.
func queryNDJSON(ctx context.Context, prog *eval.Program, in io.Reader, out io.Writer) (Result, error) {
	w := records.NewNDJSONWriter(out)
	r := &run{ctx: ctx, prog: prog, in: in, idle: func() error {
		if err := w.Flush(); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
		return nil
	}}
	err := r.stream(func(rec records.Record) error {
		if err := w.Write(rec.Raw); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
		return nil
	})
	if cerr := w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("writing the output: %w", cerr)
	}
	return r.res, err
}

// queryEnvelope writes the selected records to out as a Defender
// response, all or nothing: they wait in a spool until the input has
// been read without error, so bad data leaves out untouched. The
// @odata.context is context if it is not empty, else the input's, else
// records.DefaultContext.
func queryEnvelope(ctx context.Context, prog *eval.Program, in io.Reader, out io.Writer, context string) (Result, error) {
	var sp spool
	defer sp.close()
	r := &run{ctx: ctx, prog: prog, in: in, readContext: context == ""}
	res := &r.res
	if err := r.stream(func(rec records.Record) error { return sp.add(rec.Raw) }); err != nil {
		return *res, err
	}
	if context == "" {
		context = res.Context
	}
	if context == "" {
		context = records.DefaultContext
	}
	w := records.NewEnvelopeWriter(out, context)
	if err := sp.replay(ctx, w.Write); err != nil {
		return *res, err // already says whether reading the spool or writing failed
	}
	if err := w.Close(); err != nil {
		return *res, fmt.Errorf("writing the output: %w", err)
	}
	return *res, nil
}

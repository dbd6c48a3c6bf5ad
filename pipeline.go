package odatafilter

import (
	"context"
	"io"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

// Batches: how much a batch holds before it goes to a worker (more, when
// one record is longer), and how many batches are in flight at once.
// Together they bound the pipeline's memory: at most batchesAhead batches,
// each of batchBytes of records plus at most one more record (a batch is
// closed once it is full), or, for a chunk batch, batchBytes to
// 4 × batchBytes of input and a copy of what the batch before ended inside
// (at most a record; its worker joins the two in another buffer). That is
// a few MiB for real Defender records, a few KiB each, but about
// batchesAhead × (4 × batchBytes + 2 × records.MaxRecordSize), some
// 270 MiB, when records are near the 16 MiB maximum; with the reader's
// buffer and the garbage collector's slack the process then peaks at
// about 400 MB (393 MB for 40 records of 16 MiB, measured; the README's
// query section). Tests lower them to exercise the hand-offs.
var (
	batchBytes   = 256 << 10
	batchRecords = 4096
	batchesAhead = 8
)

// batch is a run of consecutive records, copied out of the reader's buffer
// so that a worker can decode them while the reader goes on.
type batch struct {
	data    []byte
	members []records.Member
	recs    []records.Record // Raw and Members point into data and members once the batch is sealed
	ends    [][2]int         // the end of each record in data and in members

	// Set by the reader.
	readErr  error          // the *records.Error (or the context's error) that ended the input after recs
	context  string         // the reader's Context when it sent the batch
	nextLink string         // the reader's NextLink when it sent the batch
	format   records.Format // the reader's Format when it sent the batch

	// A chunk batch (records.Reader.NextChunk) holds input in data, and
	// its worker finds recs in it (chunks.go).
	chunk   bool
	offset  int64          // the input offset of data[0]
	joint   records.Joint  // the reader's guess of how the input stands before data
	last    bool           // the input ends after data
	lastErr error          // with last: the error reading past data
	before  <-chan handoff // the handoff of the chunk batch before, from its worker
	after   chan handoff   // this batch's handoff, for the next chunk batch's worker
	joined  []byte         // what the batch before ended inside, then data: what recs point into when set

	// A positioned chunk batch (readat.go): its worker reads its data
	// itself, near the nominal run [from, to) of the input, into whole.
	at       bool
	from, to int64
	whole    []byte
	loose    bool   // no cut near from: the batch starts where the one before ends
	open     bool   // loose, and no cut near to either: where it ends is found once it knows where it starts
	mapped   bool   // whole is a part of the mapped input: the consumer must not read it
	kept     []byte // with mapped: the text of the matches, copied out of it (own)

	// Set by the worker, which then signals done.
	matched  []int            // the indexes in recs of the records the filter keeps
	machines []schema.Machine // without a program: every record of recs, decoded whole (a new slice each time)
	badErr   error            // the error of the first record that does not decode (or the context's); none after it is looked at
	done     chan struct{}
}

// pipeline reads records on one goroutine, decodes and filters them in
// batches on one worker per core, and hands the batches back in input
// order: the reader's scan and the decoding, the two costs of a query,
// run side by side. After the first record, the scan runs on the workers
// too (chunk batches, chunks.go): the reader goroutine only reads and
// cuts the input.
type pipeline struct {
	maxBytes, maxRecords int // batchBytes and batchRecords when it started

	done    <-chan struct{} // the context's Done: the reader and the workers stop between records once it is closed
	ctx     context.Context
	rd      *records.Reader
	prog    *eval.Program
	fields  schema.Projection
	free    chan *batch   // batches ready for the reader to fill
	work    chan *batch   // batches for the workers
	ordered chan *batch   // the same batches, in input order, for the consumer
	stop    chan struct{} // closed by close: the reader and the workers stop at the next record

	checkOnly atomic.Bool // the workers only scan batches, to read an envelope's members after the records

	byChunks bool           // a record is read: the reader sends chunk batches
	uncut    bool           // the last chunk batch was sent without a cut at its end: the next one grows to one
	at       *inputAt       // the input, when the workers may read it at their own offsets (readat.go); nil once startAt finds they cannot
	first    int            // the index of the first record of the first chunk batch
	handoff  <-chan handoff // the handoff of the last chunk batch sent; send sets it, under mu when the stall timer sends

	readDone chan struct{}  // closed when the reader goroutine has returned
	workers  sync.WaitGroup // the filter goroutines

	// A batch is handed over before it is full when the input stalls
	// (stall.go): the stall timer may take cur while the reader goroutine
	// waits in a Read of in.
	in      io.Reader
	cur     atomic.Pointer[batch] // the batch being filled; nil once sent
	mu      sync.Mutex            // orders the stall timer's hand-over with the reader goroutine
	reading bool                  // a Read of in is under way; guarded by mu
	stall   *time.Timer           // runs stalled once a Read has taken stallAfter
}

// startPipeline starts reading the machine list in (through p.rd) and
// filtering its records with prog; with a nil prog, the workers decode
// every record whole into the batch's machines instead. The consumer
// takes the batches in input order with next, and returns each to free;
// it calls close to end the pipeline (early or not), which returns once
// no goroutine of the pipeline runs.
// Once ctx is done, the reader and the workers stop at the next record,
// and the batch they were on carries ctx's error.
func startPipeline(ctx context.Context, in io.Reader, prog *eval.Program) *pipeline {
	p := newPipeline(ctx, in, prog)
	go p.read()
	for range runtime.GOMAXPROCS(0) {
		p.workers.Go(p.filter)
	}
	return p
}

// newPipeline is a pipeline that has not started.
func newPipeline(ctx context.Context, in io.Reader, prog *eval.Program) *pipeline {
	p := &pipeline{
		maxBytes:   batchBytes,
		maxRecords: batchRecords,
		done:       ctx.Done(),
		ctx:        ctx,
		in:         in,
		prog:       prog,
		fields:     fieldsRead(prog),
		free:       make(chan *batch, batchesAhead),
		work:       make(chan *batch, batchesAhead),
		ordered:    make(chan *batch, batchesAhead),
		stop:       make(chan struct{}),
		readDone:   make(chan struct{}),
		at:         inputAtOf(in),
	}
	p.rd = records.NewReader(stallReader{p})
	p.stall = time.AfterFunc(time.Hour, p.stalled)
	p.stall.Stop()
	for range batchesAhead {
		p.free <- &batch{done: make(chan struct{}, 1)}
	}
	return p
}

// close ends the pipeline and returns once its goroutines have: after it,
// nothing reads the input (no Read of it is under way or will start) and
// nothing runs the program, so the caller may reuse or close the input as
// soon as Query returns. The reader and the workers look at stop between
// records, so this waits for at most one record's reading and
// evaluation, or for a Read of the input that blocks: ctx does not end
// that one (close the input to end it).
func (p *pipeline) close() {
	close(p.stop)
	<-p.readDone
	p.workers.Wait()
	p.stall.Stop()
	if p.at != nil {
		p.at.leave()
		p.at.unmap()
	}
}

// fieldsRead is the projection of the fields prog's filter reads: the
// only ones a record needs decoded for it (the others are still checked).
func fieldsRead(prog *eval.Program) schema.Projection {
	if prog == nil {
		return schema.AllFields
	}
	c := prog.Checked()
	if c == nil {
		return schema.AllFields
	}
	return schema.ProjectionOf(c.FieldsRead())
}

// read fills batches from the reader and sends them, until the input
// ends, fails, or the consumer stops the pipeline. A batch is sent when it
// is full, at the end, and when the input stalls with records in it (the
// stall timer sends it then: stall.go).
func (p *pipeline) read() {
	defer close(p.readDone)
	defer close(p.work)
	defer close(p.ordered)
	defer p.cur.Store(nil)
	for {
		b := p.cur.Load()
		if b == nil {
			if b = p.take(); b == nil {
				return
			}
		}
		if p.halted() {
			b.readErr = p.ctx.Err() // nil when stopped: the batch is not used then
			p.send(b)
			return
		}
		if p.byChunks {
			if !p.readChunks(b) {
				return
			}
			continue
		}
		rec, err := p.rd.Next()
		if p.cur.Load() == nil { // sent while the input stalled: rec goes in a new batch
			if b = p.take(); b == nil {
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				b.readErr = err
			}
			p.send(b)
			return
		}
		b.add(rec)
		if splitChunks {
			p.startChunks(rec.Index + 1)
			p.cur.Store(nil)
			if !p.send(b) {
				return
			}
			continue
		}
		if len(b.data) >= p.maxBytes || len(b.recs) >= p.maxRecords {
			p.cur.Store(nil)
			if !p.send(b) {
				return
			}
		}
	}
}

// take makes a free batch the one being filled, or returns nil once the
// pipeline has stopped.
func (p *pipeline) take() *batch {
	select {
	case b := <-p.free:
		b.reset(p.maxBytes)
		p.cur.Store(b)
		return b
	case <-p.stop:
		return nil
	}
}

// send seals b and sends it to the consumer and a worker; false when the
// pipeline has stopped.
func (p *pipeline) send(b *batch) bool {
	b.seal(p.rd)
	if b.chunk {
		b.before = p.handoff
		b.after = make(chan handoff, 1)
		p.handoff = b.after
	}
	select {
	case p.ordered <- b:
	case <-p.stop:
		return false
	}
	p.work <- b // never blocks: it has room for every batch
	return true
}

// reset empties b for the reader to fill.
func (b *batch) reset(maxBytes int) {
	if cap(b.data) > max(4*maxBytes, 1<<20) {
		b.data = nil // grown for a long record: do not keep it
	}
	if cap(b.joined) > max(4*maxBytes, 1<<20) {
		b.joined = nil
	}
	if cap(b.whole) > max(4*maxBytes, 1<<20) || b.mapped {
		b.whole, b.mapped = nil, false // not the batch's own memory
	}
	if cap(b.kept) > max(4*maxBytes, 1<<20) {
		b.kept = nil
	}
	b.data, b.members, b.recs, b.ends = b.data[:0], b.members[:0], b.recs[:0], b.ends[:0]
	b.readErr, b.matched, b.badErr = nil, b.matched[:0], nil
	b.chunk, b.last, b.lastErr, b.before, b.after, b.joined = false, false, nil, nil, nil, b.joined[:0]
	if b.at {
		b.at, b.loose, b.open, b.data = false, false, false, b.whole[:0] // data points into whole: start it from whole's start
	}
}

// add copies rec, which points into the reader's buffer, into b.
func (b *batch) add(rec records.Record) {
	b.data = append(b.data, rec.Raw...)
	b.members = append(b.members, rec.Members...)
	rec.Raw, rec.Members = nil, nil // set by seal: data and members may move as they grow
	b.recs = append(b.recs, rec)
	b.ends = append(b.ends, [2]int{len(b.data), len(b.members)})
}

// seal points each record of b at its text and members, and notes what
// rd knows of the input so far.
func (b *batch) seal(rd *records.Reader) {
	var start [2]int
	for i, end := range b.ends {
		b.recs[i].Raw = b.data[start[0]:end[0]:end[0]]
		b.recs[i].Members = b.members[start[1]:end[1]:end[1]]
		start = end
	}
	b.context, b.nextLink, b.format = rd.Context(), rd.NextLink(), rd.Format()
}

// next returns the next batch in input order once its worker is done
// with it, or nil at the end of the input. It returns ctx's error as soon
// as ctx is done, even while the reader is blocked in a Read of the input
// (close then waits for that Read). When the batch is not ready yet (the
// input is slow, or the workers are behind), it calls idle first, if not
// nil: the consumer writes out what it holds then, and idle's error ends
// the query.
func (p *pipeline) next(idle func() error) (*batch, error) {
	b, ok, err := receive(p, p.ordered, idle)
	if !ok {
		return nil, err
	}
	if _, ok, err = receive(p, b.done, idle); !ok {
		return nil, err
	}
	return b, nil
}

// receive receives from ch, calling idle first when that would wait; ok
// is false when ch is closed, ctx is done (err is ctx's error) or idle
// fails (its error).
func receive[T any](p *pipeline, ch <-chan T, idle func() error) (v T, ok bool, err error) {
	select {
	case v, ok = <-ch:
		return v, ok, nil
	default:
	}
	if idle != nil {
		if err := idle(); err != nil {
			return v, false, err
		}
	}
	select {
	case v, ok = <-ch:
		return v, ok, nil
	case <-p.done:
		return v, false, p.ctx.Err()
	}
}

// halted reports whether the context is done or the pipeline stopped. A
// nil Done (a context that is never canceled) costs a comparison, and an
// open channel a receive that does not wait and takes no lock (a select
// of one case; one of two would lock both channels): cheap enough to ask
// before every record.
func (p *pipeline) halted() bool {
	select {
	case <-p.stop:
		return true
	default:
	}
	if p.done == nil {
		return false
	}
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// worker is the state of one filter goroutine.
type worker struct {
	m      schema.Machine
	cs     records.ChunkScanner
	decode records.Decoder // the pipeline's projection, into m
}

// newWorker returns the state of a new filter goroutine.
func (p *pipeline) newWorker() *worker {
	w := &worker{}
	w.decode = func(data []byte, start int, ms []records.Member) (int, []records.Member, bool) {
		end, ms, err := p.fields.UnmarshalAt(data, start, ms, &w.m)
		return end, ms, err == nil
	}
	return w
}

// filter decodes and matches the records of each batch it receives. A
// record that does not decode ends its batch: nothing after it is
// looked at, as the consumer stops there.
func (p *pipeline) filter() {
	debug.SetPanicOnFault(true) // a file truncated under its mapping: scan recovers
	w := p.newWorker()
	for b := range p.work {
		matched := b.chunk && p.scan(b, w)
		if b.mapped {
			p.at.release(b)
		}
		switch {
		case matched || p.checkOnly.Load():
		case p.prog == nil:
			p.decode(b)
		default:
			for i := range b.recs {
				if !p.match(b, b.recs[i], i, false, &w.m) {
					break
				}
			}
		}
		b.done <- struct{}{}
	}
}

// match decodes rec, the i-th record of b, into m (unless decoded, when
// m holds it already) and runs the program over it, adding i to
// b.matched when it matches. It returns false, having set b.badErr, when
// the records after rec are not to be looked at: rec does not decode,
// needs more work than the program's budget, or the context ended (or
// the pipeline stopped: then b is not used).
func (p *pipeline) match(b *batch, rec records.Record, i int, decoded bool, m *schema.Machine) bool {
	if p.halted() {
		b.badErr = p.ctx.Err() // nil when stopped: the batch is not used then
		return false
	}
	if !decoded {
		if err := p.fields.UnmarshalMembers(rec.Raw, rec.Members, m); err != nil {
			b.badErr = records.DecodeError(rec, err)
			return false
		}
	}
	ok, err := p.prog.MatchContext(p.ctx, m)
	if err != nil { // over the budget of work for one record, or ctx ended
		b.badErr = matchError(rec, err)
		return false
	}
	if ok {
		b.matched = append(b.matched, i)
	}
	return true
}

// decode decodes every record of b into b.machines, whole. The slice is
// new for every batch: the consumer keeps it.
func (p *pipeline) decode(b *batch) {
	b.machines = make([]schema.Machine, len(b.recs))
	for i := range b.recs {
		if p.halted() {
			b.badErr = p.ctx.Err() // nil when stopped: the batch is not used then
			break
		}
		if err := p.fields.UnmarshalMembers(b.recs[i].Raw, b.recs[i].Members, &b.machines[i]); err != nil {
			b.badErr = records.DecodeError(b.recs[i], err)
			break
		}
	}
}

package odatafilter

import (
	"bytes"
	"errors"
	"io"

	"github.com/odatafilter/odatafilter/records"
)

// splitChunks makes the pipeline find the records on its workers, in any
// format: the reader goroutine only reads the input and cuts it into
// chunk batches (records.Reader.AppendChunk), touching the bytes near
// each cut, and each worker scans its batch for records
// (records.ChunkScanner). Finding records is most of the cost of reading,
// so the reader goroutine no longer caps a query at a few cores. Tests
// turn it off to compare with records found on the reader goroutine.
var splitChunks = true

// handoff is what the worker of a chunk batch, once it has scanned it,
// tells the worker of the next: how the input stands at the join. Each
// worker scans its batch as soon as it has it, from the Joint the Reader
// guessed for it (between two records, as at a cut), and scans it again
// in the rare case the guess was wrong: so the scans run side by side,
// and only the handoffs go one after the other.
type handoff struct {
	index     int           // the records before the next batch
	at        records.Joint // how the input stands after the batch: at partial, when set
	partial   []byte        // the text so far of what the batch ended inside (a record, or an envelope's member; a copy); nil if none
	partialAt int64         // partial's input offset

	// The envelope's @odata.context and @odata.nextLink as far as read:
	// they may come after the records.
	context, nextLink string

	end int64 // the input offset where the next batch starts: the end of the batch's data

	failed bool // the input failed in or before the batch: the batches after it are not used
}

// startChunks switches the reader goroutine to chunk batches once a
// record, the index-th, is read: the first chunk batch's handoff goes out
// with its first chunk, whose Joint is exact.
func (p *pipeline) startChunks(index int) {
	p.byChunks, p.first = true, index
	p.startAt()
}

// readChunks adds the next chunk of the input to b, the batch being
// filled, and sends it when the input ends, or when it is full and the
// chunk ends at a cut (records.Chunk.Cut), so that the next batch starts
// between two records (or when it holds 4 times its size without a cut:
// long records, or malformed input, and then the next batch grows to the
// next cut); false once the pipeline has stopped or the input ended.
func (p *pipeline) readChunks(b *batch) bool {
	if p.at != nil && p.at.next < p.at.size {
		return p.sendAt(b)
	}
	if len(b.data) == 0 && cap(b.data) < p.maxBytes+p.maxBytes/4 {
		b.data = make([]byte, 0, p.maxBytes+p.maxBytes/4) // room for a read past maxBytes
	}
	// The input goes straight into the batch (AppendChunk reads into
	// b.data's spare room): the reader goroutine copies only what starts
	// the next batch.
	c, data, err := p.rd.AppendChunk(b.data)
	if p.cur.Load() == nil { // sent while the input stalled: c goes in a new batch
		if b = p.take(); b == nil {
			return false
		}
		data = append(b.data, c.Data...) // c.Data lies past the end of the batch sent: copy it
	}
	if err != nil { // io.EOF: NextChunk has returned the last chunk, in a batch sent then
		p.cur.Store(nil)
		return false
	}
	if p.handoff == nil {
		h := make(chan handoff, 1)
		h <- handoff{index: p.first, at: c.Joint, end: c.Offset, context: p.rd.Context(), nextLink: p.rd.NextLink()}
		p.handoff = h
	}
	if !b.chunk {
		b.chunk, b.offset, b.joint = true, c.Offset, c.Joint
	}
	b.data = data
	if c.Last {
		b.last, b.lastErr = true, c.Err
		p.cur.Store(nil)
		p.send(b)
		return false
	}
	// A batch is sent without a cut at 4 times its size; the batch after
	// it then grows to the next cut (at most the longest record a Reader
	// takes on), so that a record longer than a batch is scanned again
	// once, from its start, not once for every batch it spans.
	limit := 4 * p.maxBytes
	if p.uncut {
		limit = p.maxBytes + records.MaxRecordSize
	}
	if len(b.data) >= p.maxBytes && c.Cut || len(b.data) >= limit {
		p.uncut = !c.Cut
		p.cur.Store(nil)
		return p.send(b)
	}
	return true
}

// scan finds the records of the chunk batch b, as records.Reader.Next
// would have: b.recs, or b.readErr for malformed input (after the
// records before it). With a program, and unless the pipeline only
// checks the input, it also decodes and matches them, as filter does,
// and returns true. It waits for the handoff of the batch before (or
// for the pipeline to stop), and always sends b's.
//
// A batch of the mapped input that faults (the file was truncated under
// the mapping), or meets bad data in a file now shorter than it was, ends
// the input where it starts, with errChanged, as a short read does: every
// read of the mapping is before b's handoff is sent, so the handoff still
// goes out once.
func (p *pipeline) scan(b *batch, w *worker) (matched bool) {
	match := p.prog != nil && !p.checkOnly.Load()
	var h handoff // the batch before's, once received
	got := false
	if b.at && p.at.mapped != nil {
		defer func() {
			if r := recover(); r != nil {
				if !p.at.faulted(r) {
					panic(r)
				}
				if !got {
					h = p.handoffBefore(b)
				}
				p.endAt(b, w, h, errChanged, match)
				matched = match
			}
		}()
	}
	var readErr error // a positioned batch's: its read failed
	if b.at {
		readErr = p.fill(b)
	}
	c := records.Chunk{Data: b.data, Offset: b.offset, Joint: b.joint, Last: b.last, Err: b.lastErr}
	var (
		partial int
		at      records.Joint
		err     error
	)
	scanned := readErr == nil && !b.loose // a loose batch waits to know where it starts
	if scanned {
		partial, at, err = p.scanChunk(b, w, c, match)
	}
	h, got = p.handoffBefore(b), true
	if h.failed {
		p.endAt(b, w, h, nil, match)
		return match
	}
	if b.at && readErr == nil {
		switch {
		case h.end < b.from || !b.loose && h.end != b.offset:
			// The batch does not start where the one before ended.
			readErr = errChanged
		case b.loose:
			var rest bool
			if rest, readErr = p.startFrom(b, h.end); readErr == nil && !rest {
				// The batch before, ending in a long record, took all
				// of this one: pass its handoff on.
				b.context, b.nextLink = h.context, h.nextLink
				b.after <- h
				return match
			}
		}
		c.Data, c.Offset = b.data, b.offset
	}
	switch {
	case b.at && readErr != nil:
		// The read failed, or the input changed: the input ends here,
		// with the error.
		p.endAt(b, w, h, readErr, match)
		return match
	case !scanned || h.partial != nil || h.at != b.joint: // the guess was wrong: scan again
		if h.partial != nil {
			b.joined = append(append(b.joined[:0], h.partial...), b.data...)
			c.Data, c.Offset = b.joined, h.partialAt
		}
		c.Joint = h.at
		partial, at, err = p.scanChunk(b, w, c, match)
	}
	if b.mapped && (err != nil || b.badErr != nil) && p.at.shrunk() {
		// Past a truncated file's new end, the rest of its last page reads
		// as zeros, not a fault: the error they make is the change's.
		p.endAt(b, w, h, errChanged, match)
		return match
	}
	if b.mapped {
		b.own()
	}
	p.handOn(b, w, h, c, partial, at, err)
	return match
}

// handoffBefore waits for the handoff of the batch before b; a failed one
// when the pipeline stops first (the batch before may never come, its
// send cut short by close: b is not used then).
func (p *pipeline) handoffBefore(b *batch) handoff {
	select {
	case h := <-b.before:
		return h
	case <-p.stop:
		return handoff{failed: true}
	}
}

// endAt ends the input at b's start, with err: the read of the
// positioned batch b failed, or its input changed. h is the handoff of
// the batch before; when it failed (the pipeline stopped), b passes the
// failure on and holds no records.
func (p *pipeline) endAt(b *batch, w *worker, h handoff, err error, match bool) {
	if h.failed {
		b.recs, b.matched = b.recs[:0], b.matched[:0]
		b.after <- handoff{failed: true}
		return
	}
	c := records.Chunk{Offset: h.end, Joint: h.at, Last: true, Err: err}
	if h.partial != nil {
		c.Data, c.Offset = h.partial, h.partialAt
	}
	partial, at, err := p.scanChunk(b, w, c, match)
	p.handOn(b, w, h, c, partial, at, err)
}

// own copies the text of b's matches, the only records the consumer
// reads, out of the mapped input into b.kept, and points them there.
func (b *batch) own() {
	b.kept = b.kept[:0]
	for _, i := range b.matched {
		b.kept = append(b.kept, b.recs[i].Raw...)
	}
	k := 0
	for _, i := range b.matched {
		n := len(b.recs[i].Raw)
		b.recs[i].Raw = b.kept[k : k+n : k+n]
		k += n
	}
}

// handOn finishes the chunk batch b, scanned from c (the scan returned
// partial, at and err), and sends its handoff: h, the handoff of the
// batch before, carried on past b's records.
func (p *pipeline) handOn(b *batch, w *worker, h handoff, c records.Chunk, partial int, at records.Joint, err error) {
	for i := range b.recs {
		b.recs[i].Index += h.index
	}
	for _, err := range [...]error{err, b.badErr} {
		if e, ok := errors.AsType[*records.Error](err); ok {
			e.Index += h.index
		}
	}
	if err != nil {
		b.readErr = err // before a context's error the reader noted: it comes first in the input
	}
	if v, ok := w.cs.Context(); ok {
		h.context = v
	}
	if v, ok := w.cs.NextLink(); ok {
		h.nextLink = v
	}
	b.context, b.nextLink = h.context, h.nextLink
	next := handoff{index: h.index + len(b.recs), at: at, end: b.offset + int64(len(b.data)), context: h.context, nextLink: h.nextLink, failed: b.readErr != nil}
	if partial >= 0 && !next.failed {
		next.partial, next.partialAt = bytes.Clone(c.Data[partial:]), c.Offset+int64(partial)
	}
	b.after <- next
}

// scanChunk scans c into b.recs (with indexes from 0), b.members and
// b.ends, and returns where what c ends inside starts (-1 if none), the
// Joint there (or at c's end), and the error that ended it (nil at its
// end). With match, it decodes each record as it finds it, in the same
// pass where it can (records.ChunkScanner.SetDecoder), and matches it,
// into b.matched and b.badErr (with indexes from 0), as filter does.
func (p *pipeline) scanChunk(b *batch, w *worker, c records.Chunk, match bool) (int, records.Joint, error) {
	b.recs, b.members, b.ends = b.recs[:0], b.members[:0], b.ends[:0]
	b.matched, b.badErr = b.matched[:0], nil
	s := &w.cs
	if match {
		s.SetDecoder(w.decode)
	} else {
		s.SetDecoder(nil)
	}
	s.Reset(c)
	var err error
	for {
		var rec records.Record
		if rec, err = s.Next(); err != nil {
			break
		}
		if match {
			match = p.match(b, rec, len(b.recs), s.Decoded(), &w.m)
		}
		b.members = append(b.members, rec.Members...)
		rec.Members = nil
		b.recs = append(b.recs, rec)
		b.ends = append(b.ends, [2]int{0, len(b.members)})
	}
	start := 0
	for i, end := range b.ends {
		b.recs[i].Members = b.members[start:end[1]:end[1]]
		start = end[1]
	}
	if err == io.EOF {
		err = nil
	}
	partial, at := s.Rest()
	return partial, at, err
}

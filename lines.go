package odatafilter

import (
	"bytes"
	"errors"
	"io"

	"github.com/odatafilter/odatafilter/records"
)

// splitLines makes the pipeline find the records of NDJSON on its
// workers: the reader goroutine only reads the input and cuts it into
// lines batches (records.Reader.NextLines), touching the bytes near each
// cut, and each worker scans its batch's lines for records
// (records.LineScanner). Finding records is most of the cost of reading,
// so the reader goroutine no longer caps a query at a few cores. Tests
// turn it off to compare with records found on the reader goroutine.
var splitLines = true

// joint is what the worker of a lines batch, once it has scanned it,
// tells the worker of the next: how the input stands at the join.
// Each worker scans its batch as soon as it has it, guessing the joint
// before it (no record cut in two, a line feed after the last record,
// as at a cut), and scans it again in the rare case the guess was
// wrong: so the scans run side by side, and only the joints go one
// after the other.
type joint struct {
	index     int    // the records before the next batch
	partial   []byte // the text so far of the record the batch ended inside (a copy); nil if none
	partialAt int64  // partial's input offset
	newline   bool   // a line feed came after the batch's last record
	failed    bool   // the input failed in or before the batch: the batches after it are not used
}

// startLines switches the reader goroutine to lines batches once the
// first record of NDJSON, the index-th record, is read.
func (p *pipeline) startLines(index int) {
	ch := make(chan joint, 1)
	ch <- joint{index: index}
	p.byLines, p.joint = true, ch
}

// readLines adds the next lines of the input to b, the batch being
// filled, and sends it when the input ends, or when it is full and the
// lines end at a cut (records.Lines.Cut), so that the next batch starts
// a record (or when it holds 4 times its size without a cut: long
// records, or malformed input); false once the pipeline has stopped or
// the input ended.
func (p *pipeline) readLines(b *batch) bool {
	l, err := p.rd.NextLines()
	if p.cur.Load() == nil { // sent while the input stalled: l goes in a new batch
		if b = p.take(); b == nil {
			return false
		}
	}
	if err != nil { // io.EOF: NextLines has returned the last lines, in a batch sent then
		p.cur.Store(nil)
		return false
	}
	if !b.lines {
		b.lines, b.offset, b.newline = true, l.Offset, p.cut
	}
	b.data = append(b.data, l.Data...)
	if n := len(l.Data); n > 0 {
		p.cut = l.Data[n-1] == '\n'
	}
	if l.Last {
		b.last, b.lineErr = true, l.Err
		p.cur.Store(nil)
		p.send(b)
		return false
	}
	if len(b.data) >= p.maxBytes && l.Cut || len(b.data) >= 4*p.maxBytes {
		p.cur.Store(nil)
		return p.send(b)
	}
	return true
}

// scan finds the records of the lines batch b, as records.Reader.Next
// would have: b.recs, or b.readErr for malformed input (after the
// records before it). It waits for the joint of the batch before (or
// for the pipeline to stop), and always sends b's.
func (p *pipeline) scan(b *batch, s *records.LineScanner) {
	partial, newline, err := scanLines(b, s, b.data, b.offset, b.newline)
	var j joint
	select {
	case j = <-b.before:
	case <-p.stop: // the batch before may never come (a send cut short by close): b is not used
		j.failed = true
	}
	if j.failed {
		b.recs = b.recs[:0]
		b.after <- joint{failed: true}
		return
	}
	data, off := b.data, b.offset
	if j.partial != nil || j.newline != b.newline { // the guess was wrong: scan again
		if j.partial != nil {
			b.joined = append(append(b.joined[:0], j.partial...), b.data...)
			data, off = b.joined, j.partialAt
		}
		partial, newline, err = scanLines(b, s, data, off, j.newline)
	}
	for i := range b.recs {
		b.recs[i].Index += j.index
	}
	if e, ok := errors.AsType[*records.Error](err); ok {
		e.Index += j.index
	}
	if err != nil {
		b.readErr = err // before a context's error the reader noted: it comes first in the input
	}
	next := joint{index: j.index + len(b.recs), newline: newline, failed: b.readErr != nil}
	if partial >= 0 && !next.failed {
		next.partial, next.partialAt, next.newline = bytes.Clone(data[partial:]), off+int64(partial), true
	}
	b.after <- next
}

// scanLines scans data, input at offset off, into b.recs (with indexes
// from 0), b.members and b.ends, and returns where a record data ends
// inside starts (-1 if none), whether a line feed came after its last
// record, and the error that ended it (nil at its end).
func scanLines(b *batch, s *records.LineScanner, data []byte, off int64, newline bool) (int, bool, error) {
	b.recs, b.members, b.ends = b.recs[:0], b.members[:0], b.ends[:0]
	s.Reset(data, off, newline, b.last, b.lineErr)
	var err error
	for {
		var rec records.Record
		if rec, err = s.Next(); err != nil {
			break
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
	partial, nl := s.Rest()
	return partial, nl, err
}

package odatafilter

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/odatafilter/odatafilter/records"
)

// A query over a regular file (or a bytes.Reader, strings.Reader or
// io.SectionReader) reads it on its workers: after the first record, the
// reader goroutine only hands out parts of the input by offset
// (positioned batches), and each worker reads its own part (ReadAt, a
// pread for a file) and scans it. So no goroutine reads every byte: the
// copy out of the page cache, the one serial stage left otherwise, runs
// on every core too.
//
// The parts meet at cuts (records.Cutter): a positioned batch is given a
// nominal run [from, to) of the input, and starts at the cut after from
// and ends at the cut after to. The worker of the batch before and the
// worker of the batch after find that cut from the same bytes by the same
// rule (inputAt.cut): the first cut within cutNear bytes past the
// nominal offset, else the first within window bytes; so a batch reads
// only a few KiB past its end, and more only when a record is longer.
// Where the window past a batch's end holds no cut (a record longer than
// the window, or input without cuts), the batch reads on to the first
// cut (inputAt.extend), at most records.MaxRecordSize further; and a
// batch whose window past its start holds no cut (b.loose) starts where
// the batch before ended, once it knows where that is (startFrom), or,
// when that is past its own end, passes the handoff on without scanning.
// So a long record is read and scanned once, by one batch. A cut is a
// guess, as any chunk's (chunks.go): where it is wrong, the batch after
// scans again from the record the batch before ended inside.
//
// Each batch that knows its start checks that it starts where the batch
// before ended: a file changed while it is read (its parts then no
// longer meet, or it is shorter than it was) ends the query with an
// error rather than wrong records, as far as such a change shows at the
// cuts (a change that keeps every cut where it was, or one made to a
// part after it was read, is not seen: query a copy of a file that is
// being written in place).
//
// The parts cover the input up to its length when the query began. What
// comes after (a file still being written) is read by the reader
// goroutine as from any input, from that length on, to the end.
//
// On Linux, a file a query filters (it has a program: not ReadMachines)
// is mapped into memory (mmap_linux.go) up to that length: its workers
// then read their parts in place, without copying them out of the page
// cache (a tenth of a query's time on one core), and let each part's
// pages go once it is scanned (so the process's memory stays flat). Only
// the workers read the mapping, and only in scan: a batch's records go
// to the consumer with their text copied out (the matches only:
// batch.own). A file truncated under the mapping faults where a read
// would have come up short: the worker's scan recovers
// (debug.SetPanicOnFault) and ends the input there with errChanged, as a
// short read does. (Up to the end of the page the file's new end falls
// in, it reads as zeros instead: a batch that meets bad data checks
// whether the file has shrunk, and if so ends the input the same way.)

// cutWindow is how far past a nominal offset a positioned batch looks for
// the cut that ends it (and the next batch for the same cut, where it
// starts): many times a Defender record's few KiB; cutNear is how far it
// reads past the offset first.
const (
	cutWindow = 64 << 10
	cutNear   = 8 << 10
)

// minStep is the least nominal length of a positioned batch, for tests
// that make batches tiny; FuzzPositioned lowers it.
var minStep = 4 << 10

// errChanged is the read error of a positioned batch whose input is not
// as it was: shorter than the query found it, or its parts no longer meet.
var errChanged = errors.New("the input changed while it was read (a file written to or truncated meanwhile); query a copy of it")

// inputAt is an input the workers read at their own offsets.
type inputAt struct {
	ra     io.ReaderAt
	file   *os.File  // the same input, when it is a file: startAt may map it
	mapped []byte    // the file mapped, from its offset 0 to origin+size; nil when it is not (then the workers use ra)
	seek   io.Seeker // the same input: its offset is set once the query is over (leave)
	origin int64     // the offset in ra of the input's first byte: where the query began reading
	size   int64     // the input's length, from origin, when the query began

	readTo atomic.Int64      // how far the workers have read: the largest end of a ReadAt, from origin
	tail   *io.SectionReader // what the reader goroutine reads past size; set once positioned batches go out (startAt)

	// Set when the first positioned batch goes out (startAt).
	cutter       records.Cutter
	first        int64         // the input offset where the first positioned batch starts
	joint        records.Joint // how the input stands there: exact
	step, window int64         // the nominal length of a batch, and how far past its end the cut is looked for
	next         int64         // the nominal start of the next positioned batch; size once all are out
}

// inputAtOf returns in as an input the workers read at their own
// offsets, or nil when it is not one: a regular file, or an in-memory
// reader, whose ReadAt may run on several goroutines, beside Read.
func inputAtOf(in io.Reader) *inputAt {
	var (
		ra   io.ReaderAt
		seek io.Seeker
		file *os.File
		size int64
	)
	switch v := in.(type) {
	case *os.File:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		ra, seek, file, size = v, v, v, fi.Size()
	case *bytes.Reader:
		ra, seek, size = v, v, v.Size()
	case *strings.Reader:
		ra, seek, size = v, v, v.Size()
	case *io.SectionReader:
		ra, seek, size = v, v, v.Size()
	default:
		return nil
	}
	origin, err := seek.Seek(0, io.SeekCurrent)
	if err != nil || origin < 0 || origin > size {
		return nil
	}
	return &inputAt{ra: ra, seek: seek, file: file, origin: origin, size: size - origin}
}

// startAt switches the reader goroutine to positioned batches, once the
// first record is read, when the input is one the workers read and holds
// at least a batch more than the reader has read. The reader then reads
// on from the input's length when the query began, once the positioned
// batches are out. Otherwise the pipeline reads by chunks as from any
// input (p.at is nil).
func (p *pipeline) startAt() {
	a := p.at
	p.at = nil
	if a == nil {
		return
	}
	a.step = int64(max(p.maxBytes, minStep))
	s, err := p.rd.Split()
	if err != nil || a.size-s.Read < a.step || p.rd.SkipTo(a.size) != nil {
		return
	}
	// The reader reads on from a.size, past the positioned batches, at its
	// own offsets too: the input's own offset is left where it is.
	a.tail = io.NewSectionReader(a.ra, a.origin+a.size, math.MaxInt64-(a.origin+a.size))
	p.in = a.tail
	a.cutter, a.first, a.joint, a.next = s.Cutter, s.Offset, s.Joint, s.Offset
	a.window = min(cutWindow, a.step/2) // less than step: the cuts come in input order
	if a.file != nil && p.prog != nil {
		a.mapped = mapFile(a.file, a.origin+a.size)
	}
	h := make(chan handoff, 1)
	h <- handoff{index: p.first, at: s.Joint, end: s.Offset, context: p.rd.Context(), nextLink: p.rd.NextLink()}
	p.handoff = h
	p.at = a
}

// sendAt sends b, the batch being filled, as the next positioned batch;
// false once the pipeline has stopped.
func (p *pipeline) sendAt(b *batch) bool {
	p.at.nextBatch(b)
	p.cur.Store(nil)
	return p.send(b)
}

// nextBatch makes b the next positioned batch.
func (a *inputAt) nextBatch(b *batch) {
	b.chunk, b.at, b.from, b.to = true, true, a.next, min(a.next+a.step, a.size)
	b.joint = a.cutter.Joint()
	if b.from == a.first {
		b.joint = a.joint
	}
	a.next = b.to
}

// fill reads the input of the positioned batch b, on its worker, into
// b.whole: from b.from to the cut after b.to (the input's end for the
// last batch), and sets b.data and b.offset to the part from the cut
// after b.from (b.from itself for the first batch), or, when the batch
// does not know that cut (b.loose: none near b.from), from b.from. It
// returns errChanged when the input is shorter than it was, or the
// input's read error.
func (p *pipeline) fill(b *batch) error {
	a := p.at
	// Most often the cut after b.to is within a few KiB of it: read
	// that far first, on to the window when it is not there, and on past
	// it, by doubling, for a record longer than the window.
	end := a.size
	if b.to < a.size {
		end = min(b.to+min(a.window, cutNear), a.size)
	}
	n := int(end - b.from)
	b.mapped = a.mapped != nil
	if cap(b.whole) < n && !b.mapped {
		b.whole = make([]byte, 0, int(min(a.step+a.window, a.size-b.from)))
	}
	buf, err := readAt(a, b.whole[:0], b.from, n)
	if err != nil {
		return err
	}
	start := 0
	b.loose, b.open = false, false
	if b.from != a.first {
		// The batch before looked for this cut in the same bytes.
		start = a.cut(buf)
		b.loose = start < 0
		start = max(start, 0)
	}
	stop := len(buf)
	if b.to < a.size {
		stop = int(b.to - b.from)
		k := a.cut(buf[stop:])
		if k < 0 && end < min(b.to+a.window, a.size) {
			if buf, err = readAt(a, buf, b.from, int(min(b.to+a.window, a.size)-b.from)); err != nil {
				return err
			}
			k = a.cut(buf[stop:])
		}
		switch {
		case k >= 0:
			stop += k
		case b.loose:
			// A record longer than the window: read on once the batch
			// before has ended, most often after this batch's end.
			b.open, stop = true, len(buf)
		default:
			if buf, stop, err = a.extend(b, buf, stop); err != nil {
				return err
			}
		}
	}
	b.whole = buf
	b.data, b.offset = buf[start:stop:stop], b.from+int64(start)
	return nil
}

// extend reads on past buf, the positioned batch b's input from b.from
// on, whose window past b.to holds no cut, by doubling, up to the first
// cut past b.to (at most the longest record a Reader takes past the
// window), and returns it and the end of b's data.
func (a *inputAt) extend(b *batch, buf []byte, stop int) ([]byte, int, error) {
	limit := min(b.to+a.window+records.MaxRecordSize, a.size)
	for b.from+int64(len(buf)) < limit {
		var err error
		if buf, err = readAt(a, buf, b.from, int(min(b.from+2*int64(len(buf)), limit)-b.from)); err != nil {
			return nil, 0, err
		}
		if k := a.cutter.First(buf[stop:]); k >= 0 {
			return buf, stop + k, nil
		}
	}
	return buf, len(buf), nil
}

// startFrom sets the data of the positioned batch b, which did not know
// where it starts (b.loose), to start at end, where the batch before
// ended, reading on past b's window first if b's end is not known yet
// and end lies within what b has read. It returns false when the batch
// before took all of b.
func (p *pipeline) startFrom(b *batch, end int64) (bool, error) {
	if b.open && end < b.from+int64(len(b.whole)) {
		whole, stop, err := p.at.extend(b, b.whole, int(b.to-b.from))
		if err != nil {
			return false, err
		}
		b.whole, b.data = whole, whole[:stop:stop]
	}
	stop := b.offset + int64(len(b.data))
	if end >= stop {
		b.data, b.offset = b.data[:0], end
		return false, nil
	}
	b.data, b.offset = b.whole[end-b.from:stop-b.from:stop-b.from], end
	return true, nil
}

// leave sets the input's own offset, once the query is over, where
// reading it in order would have left it: past the last byte the query
// read (at its end when the query read it all), so that what reads the
// input next (a shell's next command reading the same standard input)
// goes on from there.
func (a *inputAt) leave() {
	if a.tail == nil { // no positioned batch went out: the input was read in order
		return
	}
	end := a.readTo.Load()
	if rel, err := a.tail.Seek(0, io.SeekCurrent); err == nil && rel > 0 {
		end = max(end, a.size+rel)
	}
	a.seek.Seek(a.origin+end, io.SeekStart) // an error leaves it where it is: nothing else to do
}

// readAt extends buf, the input from offset off on, to n bytes read
// from the input; errChanged when the input ends before that. When the
// input is mapped, it returns the n bytes of the mapping from off
// instead (off+n is at most a.size).
func readAt(a *inputAt, buf []byte, off int64, n int) ([]byte, error) {
	if a.mapped != nil {
		a.readUpTo(off + int64(n))
		o := a.origin + off
		return a.mapped[o : o+int64(n) : o+int64(n)], nil
	}
	have := len(buf)
	buf = slices.Grow(buf, n-have)[:n]
	k, err := a.ra.ReadAt(buf[have:], a.origin+off+int64(have))
	a.readUpTo(off + int64(have+k))
	if k < n-have {
		if err == nil || err == io.EOF {
			err = errChanged
		}
		return nil, err
	}
	return buf, nil
}

// readUpTo notes that the workers have read the input up to end.
func (a *inputAt) readUpTo(end int64) {
	for {
		old := a.readTo.Load()
		if end <= old || a.readTo.CompareAndSwap(old, end) {
			return
		}
	}
}

// faulted reports whether r, a recovered panic, is a fault reading the
// mapped input (a file truncated under the mapping).
func (a *inputAt) faulted(r any) bool {
	f, ok := r.(interface{ Addr() uintptr })
	if !ok || len(a.mapped) == 0 {
		return false
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(a.mapped)))
	return f.Addr()-lo < uintptr(len(a.mapped))
}

// shrunk reports whether the mapped file is now shorter than the query
// found it.
func (a *inputAt) shrunk() bool {
	fi, err := a.file.Stat()
	return err == nil && fi.Size() < a.origin+a.size
}

// release lets the pages of the mapped batch b go, once scanned.
func (a *inputAt) release(b *batch) {
	lo := int(a.origin + b.from)
	releaseMapped(a.mapped, lo, lo+len(b.whole))
}

// unmap undoes startAt's mapping, once no worker reads it.
func (a *inputAt) unmap() {
	if a.mapped != nil {
		unmapFile(a.mapped)
		a.mapped = nil
	}
}

// cut is where the cut that ends a positioned batch and starts the next
// is in b, the input from the nominal offset between them on: the first
// within cutNear bytes, else the first within the window; -1 when there
// is none. The two batches' workers each find it from the same bytes.
func (a *inputAt) cut(b []byte) int {
	if k := a.cutter.First(b[:min(int64(len(b)), cutNear, a.window)]); k >= 0 {
		return k
	}
	return a.cutter.First(b[:min(int64(len(b)), a.window)])
}

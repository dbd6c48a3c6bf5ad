package records

import (
	"fmt"
	"io"
)

// MaxRecordSize is the longest record, in bytes, a Reader accepts; it is
// also the limit for each member of an envelope other than its "value".
// It bounds the Reader's buffer: a real Defender machine record is a few
// kilobytes.
const MaxRecordSize = 16 << 20

// maxRecordSize is MaxRecordSize; tests lower it.
var maxRecordSize = MaxRecordSize

// bufSize is the Reader's starting buffer size, large enough that a read
// system call moves plenty of data; tests lower it to exercise refills.
var bufSize = 256 << 10

// maxEmptyReads is how many reads in a row may return no data and no
// error before the Reader gives up with io.ErrNoProgress, as bufio does.
const maxEmptyReads = 100

// fill reads more input. n is how many bytes from r.pos a scan has just
// found too few: fill reads until there are at least 2n (and at least
// n+1), so scanning a long value again from its start costs linear time
// overall, however little each Read returns. It drops the bytes before
// r.pos. It returns false when it got no more: at the end of the input,
// on a read error (r.rerr), or when the value would outgrow maxRecordSize
// (r.tooBig).
func (r *Reader) fill(n int) bool {
	if n >= maxRecordSize {
		r.tooBig = true
		return false
	}
	if r.fixed {
		return false
	}
	r.compact()
	target := min(max(2*n, n+1), maxRecordSize)
	if target > len(r.buf) {
		size := max(len(r.buf), 1)
		for size < target {
			size *= 2
		}
		buf := make([]byte, min(size, maxRecordSize))
		copy(buf, r.buf[:r.end])
		r.buf = buf
	}
	return r.read(target)
}

// read reads until the buffer holds target bytes, the input ends or a
// read fails; it reports whether it got any.
func (r *Reader) read(target int) bool {
	got := false
	for r.end < target && !r.eof && r.rerr == nil {
		k := r.readInto(r.buf[r.end:])
		r.end += k
		got = got || k > 0
	}
	return got
}

// readInto reads into buf until it gets some input, the input ends or a
// read fails (r.eof, r.rerr), and returns how much it got.
func (r *Reader) readInto(buf []byte) int {
	for empty := 0; !r.eof && r.rerr == nil; {
		k, err := r.src.Read(buf)
		if k < 0 || k > len(buf) {
			k, err = 0, fmt.Errorf("records: the underlying reader returned an invalid count %d", k)
		}
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			r.rerr = err
		case k == 0:
			if empty++; empty >= maxEmptyReads {
				r.rerr = io.ErrNoProgress
			}
		}
		if k > 0 {
			return k
		}
	}
	return 0
}

// compact drops the bytes before r.pos.
func (r *Reader) compact() {
	if r.pos > 0 {
		r.end = copy(r.buf, r.buf[r.pos:r.end])
		r.base += int64(r.pos)
		r.pos = 0
	}
}

// skip skips white space, reading more as needed, and returns the next
// byte, which it leaves at r.pos; false at the end of the input (or on a
// read error). A line feed it passes sets r.newline.
func (r *Reader) skip() (byte, bool) {
	for {
		b, i := r.buf[:r.end], r.pos
		for ; i < len(b); i++ {
			c := b[i]
			if c > ' ' || c != ' ' && c != '\n' && c != '\r' && c != '\t' {
				r.pos = i
				return c, true
			}
			if c == '\n' {
				r.newline = true
			}
		}
		r.pos = i
		if !r.fill(0) {
			return 0, false
		}
	}
}

// step runs a restartable scan from r.pos over the buffered input,
// reading more and scanning again while it reports scanShort. It returns
// the index where the scan ended. where names the place for an
// end-of-input message ("in the record").
func (r *Reader) step(scan func(b []byte, i int) (int, int), where string) (int, error) {
	for {
		end, st := scan(r.buf[:r.end], r.pos)
		switch st {
		case scanOK:
			if end-r.pos > maxRecordSize {
				r.tooBig = true
				return 0, r.endError(where)
			}
			return end, nil
		case scanBad:
			return 0, r.errorAt(r.sc.errAt, "%s", r.sc.errMsg)
		}
		if !r.fill(r.end - r.pos) {
			return 0, r.short(true, where)
		}
	}
}

// errorAt returns an *Error at index i of the buffer.
func (r *Reader) errorAt(i int, format string, args ...any) error {
	return &Error{Index: r.index, Offset: r.base + int64(i), Msg: fmt.Sprintf(format, args...)}
}

// endError is the error for input that stopped where more was needed: a
// read error, a value too long, or the input's end. where says what was
// being read: "in the record".
func (r *Reader) endError(where string) error {
	switch {
	case r.rerr != nil:
		return &Error{Index: r.index, Offset: r.base + int64(r.end), Msg: "reading the input: " + r.rerr.Error(), Err: r.rerr}
	case r.tooBig:
		return r.errorAt(r.pos, "a value longer than %s %s: too long for a machine record", sizeString(maxRecordSize), where)
	}
	return r.errorAt(r.end, "unexpected end of input %s", where)
}

// sizeString writes a byte count for people: "16 MiB", "1000 bytes".
func sizeString(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

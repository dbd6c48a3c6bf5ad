package records

import (
	"bytes"
	"errors"
	"io"
)

// Lines is a run of NDJSON input cut by Reader.NextLines: the bytes of
// some consecutive lines, for a LineScanner to find and check the records
// in, on another goroutine. Finding records is the costly part of
// reading; cutting lines touches only the bytes near each cut, so one
// goroutine can read for many scanning ones.
type Lines struct {
	// Data is the text of the lines, exactly as in the input. It points
	// into the Reader's buffer: it is valid until the next call to
	// NextLines.
	Data []byte

	// Offset is the input offset of Data[0].
	Offset int64

	// Cut is true when Data ends with a line feed that lies between two
	// records (after a '}' and before a '{', with only white space
	// around it): when the input is well-formed, the next Lines then
	// starts a record, on a new line. Otherwise Data is what the Reader
	// held before it had to read more (it may end inside a record), or
	// the last Lines (then empty).
	Cut bool

	// Last is true when the input ends after Data; Data is empty then.
	Last bool

	// Err, with Last, is the error reading past Data; nil at the end of
	// the input.
	Err error
}

// errNotLines is NextLines's error when the Reader is not between the
// records of NDJSON.
var errNotLines = errors.New("records: NextLines needs NDJSON, after Next has returned a record")

// NextLines returns the next Lines of NDJSON input, and io.EOF after the
// one whose Last is set. It is for reading the records of NDJSON on
// other goroutines: call Next until it returns the first record and
// Format is NDJSON, then NextLines until io.EOF, and scan each Lines
// with a LineScanner. Lines come as the input does: NextLines returns the
// lines its buffer holds up to the last cut, then the rest of the
// buffer, and reads (once) only when it holds nothing, so a slow input's
// records are not held back; a caller that hands Lines to other
// goroutines should hand them over after a Lines whose Cut is set. Nothing is checked here: a LineScanner reports malformed
// input.
func (r *Reader) NextLines() (Lines, error) {
	if r.st == stDone && (r.err == nil || r.err == io.EOF) && r.format == NDJSON {
		return Lines{}, io.EOF
	}
	if r.format != NDJSON || r.st != stLine || r.err != nil {
		return Lines{}, errNotLines
	}
	for {
		if n := cutLines(r.buf[r.pos:r.end]); n > 0 {
			l := Lines{Data: r.buf[r.pos : r.pos+n : r.pos+n], Offset: r.base + int64(r.pos), Cut: true}
			r.pos += n
			return l, nil
		}
		if r.pos < r.end || r.eof || r.rerr != nil {
			// Before a Read, which may wait (a slow input), what the
			// buffer holds: its records should not wait for more input.
			l := Lines{Data: r.buf[r.pos:r.end:r.end], Offset: r.base + int64(r.pos)}
			if r.pos == r.end {
				l.Last, l.Err, r.st = true, r.rerr, stDone
			}
			r.pos = r.end
			return l, nil
		}
		r.compact()
		r.read(r.end + 1)
	}
}

// cutLines returns the length of the longest prefix of b that ends with
// a line feed between two records: after a '}' and before a '{' with only
// white space between them. In well-formed NDJSON such a line feed is
// always between records, since strings hold no line feed and no JSON
// value has '}' then '{' inside it. 0 if there is none. It looks at each
// byte at most twice, from the end: usually only the last line's.
func cutLines(b []byte) int {
	for end := len(b); end > 0; {
		i := bytes.LastIndexByte(b[:end], '\n')
		if i < 0 {
			return 0
		}
		k := i - 1
		for k >= 0 && isSpace(b[k]) {
			k--
		}
		if k >= 0 && b[k] == '}' {
			if j := skipWS(b, i+1); j < len(b) && b[j] == '{' {
				return i + 1
			}
		}
		end = k + 1
	}
	return 0
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t'
}

// A LineScanner finds and checks the records of one Lines as Reader.Next
// would, on any goroutine: the same records, and for malformed input the
// same *Error, at the same offset. Record and Error indexes count from
// the first record of the Lines (the caller adds the records before it).
// A Lines may end inside a record (Cut false, or malformed input): the
// scanner then stops before that record, and Rest tells where it starts,
// for the caller to scan it again with the Lines after it.
type LineScanner struct {
	r Reader
}

// Reset makes s scan data, input that starts at input offset off between
// two records of NDJSON, or at the start of one. newline says whether a
// line feed has come since the record before data (true at the start of
// a record); last and err are Lines.Last and Lines.Err.
func (s *LineScanner) Reset(data []byte, off int64, newline, last bool, err error) {
	sc := s.r.sc
	s.r = Reader{buf: data, end: len(data), base: off, eof: true, fixed: true, last: last, rerr: err,
		sc: sc, st: stLine, format: NDJSON, lineStart: newline, partial: -1}
}

// Next returns the next record of the data, or io.EOF at its end (or
// before a record the data ends inside: see Rest). Raw points into the
// data given to Reset; Members, as with Reader.Next, is valid only until
// the next call.
func (s *LineScanner) Next() (Record, error) {
	return s.r.Next()
}

// Rest tells how the data ended, once Next has returned io.EOF: partial
// is the index in the data of the record it ends inside, which Next did
// not return (-1 when it ends between records), and newline whether a
// line feed came after the last record Next returned.
func (s *LineScanner) Rest() (partial int, newline bool) {
	return s.r.partial, s.r.newline
}

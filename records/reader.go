package records

import (
	"bytes"
	"io"

	"github.com/odatafilter/odatafilter/schema"
)

// Record is one machine record as it appears in the input.
type Record struct {
	Index  int    // 0-based position in the list
	Offset int64  // byte offset of the record's first byte ('{') in the input
	Raw    []byte // the record's JSON text, exactly as in the input

	// Members locates the members of the record's object in Raw, in
	// order, as the Reader found them while checking it, so that a
	// decoder need not look for them again (schema.Projection's
	// UnmarshalMembers reads them). Like Raw, it is valid only until the
	// next call to Next.
	Members []Member
}

// Member locates one member of a record's object (not of the objects
// nested in it) by byte offsets in Record.Raw. It is schema's type, so
// that Record.Members goes to schema.Projection.UnmarshalMembers as it is.
type Member = schema.Member

// Format is the shape of a machine list; see the package doc for how a
// Reader tells them apart.
type Format uint8

// The formats. The zero Format means not yet known.
const (
	Envelope Format = iota + 1 // a Defender response: {"@odata.context":…,"value":[…]}
	Array                      // a bare JSON array of records
	NDJSON                     // one record a line
)

// String returns "envelope", "array", "ndjson" or "unknown".
func (f Format) String() string {
	switch f {
	case Envelope:
		return "envelope"
	case Array:
		return "array"
	case NDJSON:
		return "ndjson"
	}
	return "unknown"
}

// state is where a Reader is in the input.
type state uint8

const (
	stStart state = iota // nothing read yet
	stFirst              // just inside the records' '[': a record or ']'
	stNext               // after a record in an array: ',' or ']'
	stTail               // after an envelope's value array: more members or '}'
	stEnd                // after the top-level value: only white space may follow
	stLine               // after an NDJSON record: a line feed, then a record or the end
	stDone               // finished, or failed
)

// Reader reads the records of a machine list one at a time, in bounded
// memory: it holds one buffer, about 256 KiB, grown only for a record
// longer than that (up to MaxRecordSize).
type Reader struct {
	src      io.Reader
	buf      []byte
	pos, end int   // the unread bytes are buf[pos:end]
	base     int64 // input offset of buf[0]
	eof      bool
	rerr     error // a read error other than io.EOF
	tooBig   bool  // a value outgrew maxRecordSize
	newline  bool  // skip passed a line feed
	sc       scanner

	// A ChunkScanner's Reader: buf is one Chunk, and nothing more is read.
	fixed     bool
	last      bool  // the input ends after buf
	lineStart bool  // a line feed came before buf, since the last record
	resume    int   // where the step under way began (mark)
	resumeAt  Joint // the Joint there
	partial   int   // where what buf ends inside begins; -1 if none
	out       Joint // the Joint at partial, or at the end of buf

	// decode, when set (ChunkScanner.SetDecoder), finds and decodes a
	// record in one pass, before the scanner is tried; decoded says
	// whether it did for the last record.
	decode  Decoder
	decoded bool

	// A Reader that cuts chunks (NextChunk).
	chunking bool
	guess    Joint  // the next Chunk's Joint
	key      []byte // the name of the first member of the records of an array, quoted
	prev     []byte // the last record Next returned, until NextChunk is called

	hasContext, hasNextLink bool // tail read @odata.context, @odata.nextLink

	st       state
	format   Format
	context  string
	nextLink string
	index    int   // records returned so far
	err      error // sticky: returned by every Next after it
}

// NewReader returns a Reader of the machine list in r, in any of the three
// formats.
func NewReader(r io.Reader) *Reader {
	return &Reader{src: r, buf: make([]byte, bufSize)}
}

// Next returns the next record, or io.EOF after the last one. Any other
// error is an *Error, and every later call returns it again.
//
// Record.Raw points into the Reader's buffer: it is valid only until the
// next call to Next, which may overwrite it. Copy it (ReadAll does) to
// keep it longer.
func (r *Reader) Next() (Record, error) {
	if r.err != nil {
		return Record{}, r.err
	}
	if r.chunking {
		return Record{}, errNotChunks
	}
	rec, err := r.next()
	if err != nil {
		r.err, r.st = err, stDone
	}
	return rec, err
}

// Format returns the format of the input, known after the first call to
// Next (0 before it, and after an error that came before the format was
// known, such as an empty input).
func (r *Reader) Format() Format { return r.format }

// Context returns the @odata.context of an envelope, "" for the other
// formats or when the envelope has none (or a non-string one). The
// Defender service writes it before "value", and then it is known once
// Next has returned the first record; when it comes after the value array,
// it is known only once Next has returned io.EOF.
func (r *Reader) Context() string { return r.context }

// NextLink returns the @odata.nextLink of an envelope, "" when there is
// none (or it is not a string). A response that carries one is one page of
// a longer list: the API has more machines at that URL. Like Context, it
// is known once Next has returned the first record when it comes before
// "value", and once Next has returned io.EOF when it comes after (where
// the Defender API writes it).
func (r *Reader) NextLink() string { return r.nextLink }

func (r *Reader) next() (Record, error) {
	for {
		switch r.st {
		case stStart:
			rec, ok, err := r.detect()
			if err != nil || ok {
				return rec, err
			}
		case stFirst, stNext:
			r.mark()
			c, ok := r.skip()
			if !ok {
				return Record{}, r.short(false, "in the array of records; want ']'")
			}
			if c == ']' {
				r.pos++
				r.st = stEnd
				if r.format == Envelope {
					r.st = stTail
				}
				continue
			}
			if r.st == stNext {
				if c != ',' {
					return Record{}, r.errorAt(r.pos, "unexpected %s; want ',' or ']' after a record", char(c))
				}
				r.pos++
				if c, ok = r.skip(); !ok {
					return Record{}, r.short(true, "in the array of records; want a record after ','")
				}
				if c == ']' {
					return Record{}, r.errorAt(r.pos, "unexpected ']' after ','; want a record (no trailing comma)")
				}
			}
			r.st = stNext
			return r.record(c)
		case stTail:
			r.mark()
			if err := r.tail(); err != nil {
				return Record{}, err
			}
		case stEnd:
			c, ok := r.skip()
			switch {
			case ok && (c == '{' && r.format == Envelope || c == '[' && r.format == Array):
				return Record{}, r.pagesError(r.pos, true)
			case ok:
				return Record{}, r.errorAt(r.pos, "unexpected %s after the end of the %s; want the end of the input", char(c), r.format)
			}
			if r.more() {
				return Record{}, r.chunkEnd(false)
			}
			if r.rerr != nil {
				return Record{}, r.endError("")
			}
			r.st = stDone
		case stLine:
			r.mark()
			r.newline, r.lineStart = r.lineStart, false
			c, ok := r.skip()
			if !ok {
				if r.more() {
					return Record{}, r.chunkEnd(false)
				}
				if r.rerr != nil {
					return Record{}, r.endError("")
				}
				r.st = stDone
				continue
			}
			if !r.newline {
				return Record{}, r.errorAt(r.pos, "unexpected %s after a record on the same line; NDJSON has one record a line", char(c))
			}
			return r.record(c)
		case stDone:
			return Record{}, io.EOF
		}
	}
}

// record reads the record that starts with c at r.pos.
func (r *Reader) record(c byte) (Record, error) {
	if c != '{' {
		return Record{}, r.errorAt(r.pos, "want a machine record (a JSON object), found %s", describe(c))
	}
	end, err := r.scanRecord()
	if err != nil {
		return Record{}, err
	}
	if end-r.pos > maxRecordSize {
		r.tooBig = true
		return Record{}, r.endError("in the record")
	}
	rec := Record{Index: r.index, Offset: r.base + int64(r.pos), Raw: r.buf[r.pos:end:end], Members: r.sc.members}
	if len(rec.Members) == 1 {
		if er := errorResponse(rec.Raw, rec.Members); er != nil {
			return Record{}, r.errorResponseError(r.pos, er, false)
		}
	}
	if !r.decoded && hasValue(rec.Raw, rec.Members) { // a Decoder takes no such record
		return Record{}, r.pagesError(r.pos, false)
	}
	r.pos = end
	r.index++
	r.prev = rec.Raw
	return rec, nil
}

// scanRecord is step(r.sc.value, "in the record"), written out: it is the
// hot path, and a method value would cost an allocation a record.
func (r *Reader) scanRecord() (int, error) {
	for {
		b := r.buf[:r.end]
		if r.fixed && r.end-r.pos > maxRecordSize {
			b = r.buf[:r.pos+maxRecordSize] // what Next sees of a record at most
		}
		if r.decode != nil {
			var end int
			if end, r.sc.members, r.decoded = r.decode(b, r.pos, r.sc.members[:0]); r.decoded {
				return end, nil
			}
		}
		end, st := r.sc.value(b, r.pos)
		switch st {
		case scanOK:
			return end, nil
		case scanBad:
			return 0, r.errorAt(r.sc.errAt, "%s", r.sc.errMsg)
		}
		if !r.fill(len(b) - r.pos) {
			if r.tooBig && hasValue(r.buf[r.pos:r.end], r.sc.members) {
				// A whole Defender response where a record should be, as
				// when a document follows NDJSON: say so, as for a short one.
				return 0, r.pagesError(r.pos, false)
			}
			return 0, r.short(true, "in the record")
		}
	}
}

// ReadAll reads every record of the machine list in r, with Raw copied
// (and Members dropped: nil, to keep memory to the records' text), and
// its format. On malformed input it returns the records before the
// problem and the *Error.
func ReadAll(r io.Reader) ([]Record, Format, error) {
	rd := NewReader(r)
	var out []Record
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			return out, rd.Format(), nil
		}
		if err != nil {
			return out, rd.Format(), err
		}
		rec.Raw, rec.Members = bytes.Clone(rec.Raw), nil
		out = append(out, rec)
	}
}

package records

import (
	"bytes"
	"errors"
	"io"
)

// Chunk is a run of input cut by Reader.NextChunk: the bytes of some
// consecutive records of a machine list, for a ChunkScanner to find and
// check the records in, on another goroutine. Finding records is the
// costly part of reading; cutting chunks touches only the bytes near each
// cut, so one goroutine can read for many scanning ones.
type Chunk struct {
	// Data is the text of the chunk, exactly as in the input. It points
	// into the Reader's buffer: it is valid until the next call to
	// NextChunk.
	Data []byte

	// Offset is the input offset of Data[0].
	Offset int64

	// Joint is how the input stands before Data, for a ChunkScanner to
	// start from: exact for the first Chunk, and a guess for the others
	// (see Cut). A caller that scans chunks side by side scans each from
	// its guess, and again in the rare case the chunk before, once
	// scanned, ends otherwise (ChunkScanner.Rest).
	Joint Joint

	// Cut is true when Data ends where, by the bytes near it, one record
	// ends and the next begins: for NDJSON a line feed after a '}' and
	// before a '{', with only white space around it; in an array, a '}'
	// followed by ',' and a '{' that opens an object whose first member
	// has the name of the first member of the last record Next returned
	// (as "id" in every Defender record), with only white space between
	// them. Then the next Chunk's Joint is right for well-formed input:
	// no string holds such text (a string holds no raw line feed, and a
	// quote in it is escaped), so in NDJSON the guess is always right,
	// and in an array wrong only where a record holds an array of objects
	// whose first member has the records' first member's name. Otherwise
	// Data is what the Reader held before it had to read more (it may end
	// inside a record), or the last Chunk (then empty).
	Cut bool

	// Last is true when the input ends after Data; Data is empty then.
	Last bool

	// Err, with Last, is the error reading past Data; nil at the end of
	// the input.
	Err error
}

// Joint is how the input stands between two chunks: what may come next
// (a record, a ',' or ']' of the array, the envelope's members after the
// array, or only white space), and for NDJSON whether a line feed has
// come since the last record. Joints compare with ==. The zero Joint is
// no place in any input.
type Joint struct {
	st      state
	format  Format
	newline bool
}

// joint returns the Joint of r's state, with newline for NDJSON.
func (r *Reader) joint(newline bool) Joint {
	return Joint{st: r.st, format: r.format, newline: r.st == stLine && newline}
}

// errNotChunks is NextChunk's error when the Reader is not between two
// records, and Next's once NextChunk has been called.
var errNotChunks = errors.New("records: NextChunk needs a Reader that Next has just returned a record from, and Next a Reader NextChunk has not read from")

// NextChunk returns the next Chunk of the input, and io.EOF after the one
// whose Last is set. It is for reading the records on other goroutines:
// call Next until it returns a record (the first, say), then NextChunk
// until io.EOF, and scan each Chunk with a ChunkScanner, in any format.
// Chunks come as the input does: NextChunk returns what its buffer holds
// up to the last cut, then the rest of the buffer, and reads (once) only
// when it holds nothing, so a slow input's records are not held back; a
// caller that hands chunks to other goroutines should hand them over
// after a Chunk whose Cut is set. Nothing is checked here: a ChunkScanner
// reports malformed input. Once NextChunk has been called, Next fails.
func (r *Reader) NextChunk() (Chunk, error) {
	if err := r.startChunks(); err != nil {
		return Chunk{}, err
	}
	if r.st == stDone {
		return Chunk{}, io.EOF
	}
	for {
		b := r.buf[r.pos:r.end]
		if n := r.cut(b); n > 0 {
			c := Chunk{Data: b[:n:n], Offset: r.base + int64(r.pos), Joint: r.guess, Cut: true}
			r.pos += n
			r.guess = r.afterCut()
			return c, nil
		}
		if r.pos < r.end || r.eof || r.rerr != nil {
			// Before a Read, which may wait (a slow input), what the
			// buffer holds: its records should not wait for more input.
			c := Chunk{Data: b[:len(b):len(b)], Offset: r.base + int64(r.pos), Joint: r.guess}
			if r.pos == r.end {
				c.Last, c.Err, r.st = true, r.rerr, stDone
			}
			r.pos = r.end
			r.guess = r.afterCut() // wrong if the chunk ends inside a record: the chunk scanned before tells
			return c, nil
		}
		r.compact()
		r.read(r.end + 1)
	}
}

// AppendChunk is NextChunk for a caller that keeps chunks in buffers of
// its own: it appends the next Chunk's Data to dst and returns the Chunk,
// its Data the appended bytes, and the extended dst. Where NextChunk would
// read the input into the Reader's buffer, AppendChunk reads it straight
// into dst's spare capacity (when it has some), so the input is not copied
// a second time: only the bytes after the Chunk's cut, which start the
// next Chunk, go on to the Reader's buffer. The Chunks are NextChunk's,
// cut where NextChunk would cut them, but for a cut NextChunk would have
// found across the end of dst's capacity. The Reader keeps no reference to
// dst; with a dst without spare capacity, AppendChunk is NextChunk and an
// append.
func (r *Reader) AppendChunk(dst []byte) (Chunk, []byte, error) {
	if err := r.startChunks(); err != nil {
		return Chunk{}, dst, err
	}
	if r.st != stDone && r.pos == r.end && !r.eof && r.rerr == nil && cap(dst) > len(dst) {
		// What NextChunk does next is read into its emptied buffer: read
		// into dst instead, no more than the buffer holds, so that what
		// follows the cut fits in it.
		r.compact()
		start := len(dst)
		in := dst[start:min(cap(dst), start+len(r.buf))]
		if k := r.readInto(in); k > 0 {
			b := in[:k]
			n := r.cut(b)
			c := Chunk{Data: b[:n:n], Offset: r.base, Joint: r.guess, Cut: n > 0}
			if n == 0 { // no cut: all of it, as NextChunk returns what it holds
				c.Data = b[:k:k]
				n = k
			}
			r.end = copy(r.buf, b[n:])
			r.base += int64(n)
			r.guess = r.afterCut()
			return c, dst[:start+n], nil
		}
	}
	c, err := r.NextChunk()
	if err != nil {
		return c, dst, err
	}
	start := len(dst)
	dst = append(dst, c.Data...)
	c.Data = dst[start:len(dst):len(dst)]
	return c, dst, nil
}

// Split is where a Reader stands when a caller takes over reading its
// input (Reader.Split).
type Split struct {
	// Offset is the input offset of the first byte after the record Next
	// returned last, and Joint how the input stands there: exact, for the
	// Chunk that starts there.
	Offset int64
	Joint  Joint

	// Read is how far the Reader has read its input: the input offset of
	// the next byte its input's Read would return.
	Read int64

	// Cutter finds the cuts NextChunk would make.
	Cutter Cutter
}

// Split switches r to chunks, as the first NextChunk does, for a caller
// that reads the records after the last one Next returned itself, at its
// own offsets (a file, each part of it read and scanned on its own
// goroutine), and scans them with ChunkScanners. It says where they start
// and how far r has read, and gives the Cutter that finds cuts from the
// front of any part of the input. Call it once Next has returned a record,
// before any NextChunk. NextChunk and AppendChunk then go on from where r
// stands, or from further on after SkipTo.
func (r *Reader) Split() (Split, error) {
	if r.chunking {
		return Split{}, errNotChunks
	}
	if err := r.startChunks(); err != nil {
		return Split{}, err
	}
	return Split{Offset: r.base + int64(r.pos), Joint: r.guess, Read: r.base + int64(r.end),
		Cutter: Cutter{format: r.format, key: r.key}}, nil
}

// errSkip is SkipTo's error when off is not past what the Reader has read.
var errSkip = errors.New("records: SkipTo needs a Reader that Split has switched to chunks, and an offset past what it has read")

// SkipTo makes r go on at input offset off, at or past how far it has
// read its input (Split.Read), for a caller that has read the input up to
// off itself: r drops what it holds, and takes the next byte its input's
// Read returns for the byte at off, so the caller moves the input there
// first (Seek). The next Chunk starts at off, with the Joint after a cut
// as its guess.
func (r *Reader) SkipTo(off int64) error {
	if !r.chunking || r.st == stDone || r.eof || r.rerr != nil || off < r.base+int64(r.end) {
		return errSkip
	}
	r.pos, r.end, r.base = 0, 0, off
	r.guess = r.afterCut()
	return nil
}

// A Cutter finds, from the front of a run of input, the cuts NextChunk
// finds from the back (see Chunk.Cut): for callers that read the input at
// their own offsets, each its own part, and must agree with their
// neighbours on where one part ends and the next begins, each looking
// only at the bytes after a given offset. It holds the name of the
// records' first member (for an array) and is not changed by use: any
// number of goroutines may use one.
type Cutter struct {
	format Format
	key    []byte
}

// First returns the length of the shortest prefix of b that ends at a cut
// whose text lies wholly in b (from the '}' before the cut to the '{' after
// it, and for an array the key after that), -1 if none. It depends on
// nothing but b: two callers given the same bytes find the same cut. It
// looks at each byte of b about once.
func (c Cutter) First(b []byte) int {
	if c.format == NDJSON {
		return firstCutLines(b)
	}
	return firstCutArray(b, c.key)
}

// Joint returns the Joint after a cut: the guess for a Chunk that starts
// at one (Chunk.Joint).
func (c Cutter) Joint() Joint {
	if c.format == NDJSON {
		return Joint{st: stLine, format: NDJSON, newline: true}
	}
	return Joint{st: stNext, format: c.format}
}

// startChunks switches r to chunks at the first call of NextChunk or
// AppendChunk, or says why it cannot.
func (r *Reader) startChunks() error {
	if !r.chunking {
		if r.err != nil || r.index == 0 || r.st != stLine && r.st != stNext {
			return errNotChunks
		}
		r.chunking, r.guess = true, r.joint(false)
		if r.format != NDJSON {
			r.key = firstName(r.prev, r.sc.members)
		}
	}
	return nil
}

// cut returns the length of the longest prefix of b that ends at a cut
// (see Chunk.Cut), 0 if none.
func (r *Reader) cut(b []byte) int {
	if r.format == NDJSON {
		return cutLines(b)
	}
	return cutArray(b, r.key)
}

// afterCut is the Joint after a cut: between two records.
func (r *Reader) afterCut() Joint {
	return Cutter{format: r.format}.Joint()
}

// firstName returns a copy of the name of the first member of the record
// rec, whose members are ms, from its opening quote to its closing one;
// nil when it has none.
func firstName(rec []byte, ms []Member) []byte {
	if len(ms) == 0 {
		return nil
	}
	text := rec[ms[0].Name:ms[0].Value]
	return bytes.Clone(text[:bytes.LastIndexByte(text, '"')+1])
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

// cutArray returns the length of the longest prefix of b that ends with
// a '}' followed by ',', '{' and key, the name of a record's first member
// with its quotes, with only white space between them: by the bytes near
// it, the end of one record of an array before the next. In well-formed
// JSON no string holds such text (the quotes of key would be escaped
// there), so the cut is wrong only in an array of objects nested in a
// record whose first member has the records' first member's name: in
// Defender records, the elements of ipAddresses start with "ipAddress".
// Without a key (the record had no member), any '{' will do, and a
// string may hold the text. 0 if there is none. It looks at each byte
// about once, from the end: usually only the last record's.
func cutArray(b, key []byte) int {
	pat := key
	if len(pat) == 0 {
		pat = []byte{'{'}
	}
	for end := len(b); end > 0; {
		i := bytes.LastIndex(b[:end], pat)
		if i < 0 {
			return 0
		}
		end = i
		if k := cutBefore(b, i, key); k >= 0 {
			return k
		}
	}
	return 0
}

// cutBefore returns where the cut is that the text of key (a '{'
// without a key) at b[i] ends, -1 if none: the offset after the '}'
// followed by ',', '{' and key, with only white space between them.
func cutBefore(b []byte, i int, key []byte) int {
	k := i
	if len(key) > 0 {
		if k = lastNonSpace(b, k); k < 0 || b[k] != '{' {
			return -1
		}
	}
	if k = lastNonSpace(b, k); k < 0 || b[k] != ',' {
		return -1
	}
	if k = lastNonSpace(b, k); k < 0 || b[k] != '}' {
		return -1
	}
	return k + 1
}

// firstCutLines is cutLines from the front: the length of the shortest
// prefix of b that ends with a line feed after a '}' and before a '{',
// with only white space between them, all in b; -1 if none.
func firstCutLines(b []byte) int {
	last := byte(0) // the last byte before from that is not white space, 0 if none
	for from := 0; ; {
		i := bytes.IndexByte(b[from:], '\n')
		if i < 0 {
			return -1
		}
		i += from
		if k := lastNonSpace(b[from:i], i-from); k >= 0 {
			last = b[from+k]
		}
		if last != '}' {
			from = i + 1
			continue
		}
		j := skipWS(b, i+1)
		switch {
		case j == len(b):
			return -1
		case b[j] == '{':
			return i + 1
		}
		from = j // the line feeds before j are after the same '}' and before b[j]: no cut
	}
}

// firstCutArray is cutArray from the front: the length of the shortest
// prefix of b that ends with a '}' followed by ',', '{' and key (any '{'
// without a key), with only white space between them, all in b; -1 if
// none.
func firstCutArray(b, key []byte) int {
	pat := key
	if len(pat) == 0 {
		pat = []byte{'{'}
	}
	for from := 0; ; {
		i := bytes.Index(b[from:], pat)
		if i < 0 {
			return -1
		}
		i += from
		from = i + 1
		if k := cutBefore(b, i, key); k >= 0 {
			return k
		}
	}
}

// lastNonSpace returns the index of the last byte before b[i] that is not
// white space, -1 if there is none.
func lastNonSpace(b []byte, i int) int {
	i--
	for i >= 0 && isSpace(b[i]) {
		i--
	}
	return i
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t'
}

// A ChunkScanner finds and checks the records of one Chunk as Reader.Next
// would, on any goroutine: the same records, and for malformed input the
// same *Error, at the same offset. Record and Error indexes count from
// the first record of the Chunk (the caller adds the records before it).
// A Chunk may end inside a record or an envelope's member: the scanner
// then stops before it, and Rest tells where it starts, for the caller to
// scan it again with the Chunk after it.
type ChunkScanner struct {
	r Reader
}

// A Decoder finds the end of the JSON object that starts at data[start]
// and decodes it, in one pass, appending to members the object's members
// (offsets from start, as Record.Members); ok is false when it did not
// (a malformed record, a record it does not decode, one that data ends
// inside: the ChunkScanner then reads the record its usual way, whose
// errors say where and why). It must accept only well-formed JSON
// objects, nest no deeper than Next accepts, and take no object that
// Next reports as a Defender response (a member "value", or "Value" in
// any case holding an array: hasValue). schema.Projection's UnmarshalAt,
// into a Machine of the caller's, is one.
type Decoder func(data []byte, start int, members []Member) (end int, _ []Member, ok bool)

// SetDecoder makes s find each record with decode, which decodes it as
// it goes, before its own scan (nil: not), and Decoded say whether
// decode did for the record Next returned last. A record that decode
// does not take is found and checked as without it: the records and the
// errors are the same either way. SetDecoder lasts across Resets.
func (s *ChunkScanner) SetDecoder(decode Decoder) {
	s.r.decode = decode
}

// Decoded reports whether the Decoder decoded the record Next returned
// last.
func (s *ChunkScanner) Decoded() bool {
	return s.r.decoded
}

// errNoJoint is a ChunkScanner's error when Reset was given no Joint.
var errNoJoint = errors.New("records: ChunkScanner.Reset needs the Joint of a Chunk or of ChunkScanner.Rest")

// Reset makes s scan c.Data, input that starts at input offset c.Offset
// where the input stands as c.Joint says, and ends (c.Last) with c.Err,
// or goes on in a later chunk.
func (s *ChunkScanner) Reset(c Chunk) {
	sc, decode := s.r.sc, s.r.decode
	s.r = Reader{buf: c.Data, end: len(c.Data), base: c.Offset, eof: true, fixed: true, last: c.Last, rerr: c.Err,
		sc: sc, decode: decode, st: c.Joint.st, format: c.Joint.format, lineStart: c.Joint.newline, partial: -1}
	switch c.Joint.st {
	case stLine, stNext, stTail, stEnd:
	default:
		s.r.err, s.r.st = errNoJoint, stDone
	}
}

// Next returns the next record of the chunk, or io.EOF at its end (or
// before a record or member the chunk ends inside: see Rest). Raw points
// into the chunk's data; Members, as with Reader.Next, is valid only
// until the next call.
func (s *ChunkScanner) Next() (Record, error) {
	return s.r.Next()
}

// Rest tells how the chunk ended, once Next has returned io.EOF: partial
// is the index in its data where what it ends inside starts (a record,
// with the ',' and white space before it, or a member of the envelope),
// -1 when it ends between them; at is the Joint there (at partial, or at
// the end of the data), for the next chunk, or for partial's text joined
// to the next chunk's data.
func (s *ChunkScanner) Rest() (partial int, at Joint) {
	return s.r.partial, s.r.out
}

// Context returns the @odata.context the chunk held after an envelope's
// value array, and whether it held one (its value is "" when it is not a
// string).
func (s *ChunkScanner) Context() (string, bool) {
	return s.r.context, s.r.hasContext
}

// NextLink returns the @odata.nextLink the chunk held after an envelope's
// value array, and whether it held one, as Context.
func (s *ChunkScanner) NextLink() (string, bool) {
	return s.r.nextLink, s.r.hasNextLink
}

// more reports whether the input goes on past the buffer in a later
// chunk: the buffer is a chunk (of a ChunkScanner), not the last, and
// holds less than a record's maximum size of what it ends inside.
func (r *Reader) more() bool {
	return r.fixed && !r.last && !r.tooBig
}

// mark notes, for a chunk, where the step of the state machine that
// starts now begins, and the Joint there: the place to scan again from
// when the chunk ends before the step does.
func (r *Reader) mark() {
	if r.fixed {
		r.resume, r.resumeAt = r.pos, r.joint(r.lineStart)
	}
}

// short is the error of a step that ran out of input, inside the step
// (partial) or before it: the end of a chunk when the input goes on in
// the next one (chunkEnd), else endError(where).
func (r *Reader) short(partial bool, where string) error {
	if r.more() {
		return r.chunkEnd(partial)
	}
	return r.endError(where)
}

// chunkEnd ends a chunk's scan where its data runs out and the input goes
// on in the next chunk: inside the step under way (partial) or between
// steps. It returns io.EOF, for Next to return.
func (r *Reader) chunkEnd(partial bool) error {
	r.partial, r.out = -1, r.joint(r.newline)
	if partial {
		r.partial, r.out = r.resume, r.resumeAt
	}
	return io.EOF
}

package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/schema"
)

// chunked is what reading by chunks found: the records (Raw, Index and
// Offset), the error, the envelope's context and next link, and how many
// chunks were scanned twice (their Joint was a wrong guess).
type chunked struct {
	recs              []Record
	err               error
	context, nextLink string
	rescans           int
}

// readChunks reads in as a pipeline does: Next for the first record, then
// one Chunk at a time through a ChunkScanner, each scanned first from its
// Joint (the Reader's guess), and again when the chunk before ended
// otherwise: from where it ended, with what it ended inside joined before
// it, carrying the record index.
// With batch, it scans chunks in batches, as the pipeline does (a batch
// ends with a Chunk whose Cut or Last is set), and finds records with a
// Decoder (schema.AllFields.UnmarshalAt), as the pipeline's workers do.
// With direct > 0, it reads chunks with AppendChunk into buffers of that
// capacity, as the pipeline does (a batch's chunks one after the other in
// one buffer, which grows when full), and overwrites each buffer once
// scanned before it is used again: the Reader must keep nothing in it.
func readChunks(t *testing.T, in []byte, batch bool, direct int) chunked {
	t.Helper()
	return readChunksFrom(t, bytes.NewReader(in), batch, direct)
}

// readChunksFrom is readChunks of what src reads.
func readChunksFrom(t *testing.T, src io.Reader, batch bool, direct int) (out chunked) {
	t.Helper()
	rd := NewReader(src)
	defer func() {
		if out.context == "" && out.nextLink == "" {
			out.context, out.nextLink = rd.Context(), rd.NextLink()
		}
	}()
	for len(out.recs) == 0 {
		rec, err := rd.Next()
		if err != nil {
			if err != io.EOF {
				out.err = err
			}
			return out
		}
		out.recs = append(out.recs, Record{Index: rec.Index, Offset: rec.Offset, Raw: bytes.Clone(rec.Raw), Members: slices.Clone(rec.Members)})
	}
	var s ChunkScanner
	if batch {
		var m schema.Machine
		s.SetDecoder(func(data []byte, start int, ms []Member) (int, []Member, bool) {
			end, ms, err := schema.AllFields.UnmarshalAt(data, start, ms, &m)
			return end, ms, err == nil
		})
	}
	index := len(out.recs)
	var at Joint // where the chunk before ended; the first Chunk's Joint is exact
	var tail []byte
	var tailOff int64
	out.context, out.nextLink = rd.Context(), rd.NextLink()
	var held Chunk // the batch so far
	first := true
	var dst []byte // with direct: the buffer of the chunks so far
	for {
		var c Chunk
		var err error
		if direct > 0 {
			if dst == nil {
				dst = make([]byte, 0, direct)
			}
			start := len(dst)
			if c, dst, err = rd.AppendChunk(dst); err == nil && (start+len(c.Data) != len(dst) || len(c.Data) > 0 && &c.Data[0] != &dst[start]) {
				t.Fatalf("AppendChunk returned Data that is not the end of dst")
			}
		} else {
			c, err = rd.NextChunk()
		}
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("NextChunk: %v", err)
		}
		if batch {
			if held.Joint != (Joint{}) {
				if direct > 0 {
					held.Data = dst // the batch so far, then c
				} else {
					held.Data = append(held.Data, c.Data...)
				}
				held.Cut, held.Last, held.Err = c.Cut, c.Last, c.Err
				c = held
			}
			if !c.Cut && !c.Last {
				if direct == 0 {
					c.Data = bytes.Clone(c.Data)
				}
				held = c
				continue
			}
			held = Chunk{}
		}
		if first {
			at, first = c.Joint, false
		}
		// The guess, as a worker scans it before it knows the chunk
		// before: whatever it finds, it must not panic, and its errors
		// are *Errors.
		if _, err := scanChunk(t, &s, c); err != nil {
			if _, ok := errors.AsType[*Error](err); !ok {
				t.Fatalf("ChunkScanner error %v (%T) from a guess, not an *Error", err, err)
			}
		}
		if tail != nil || c.Joint != at {
			out.rescans++
		}
		if tail != nil {
			c.Data, c.Offset = append(tail, c.Data...), tailOff
		}
		c.Joint = at
		recs, err := scanChunk(t, &s, c)
		for _, rec := range recs {
			rec.Index += index
			out.recs = append(out.recs, rec)
		}
		index += len(recs)
		if err != nil {
			if e, ok := errors.AsType[*Error](err); ok {
				e.Index += index - len(recs)
			}
			out.err = err
			return out
		}
		if v, ok := s.Context(); ok {
			out.context = v
		}
		if v, ok := s.NextLink(); ok {
			out.nextLink = v
		}
		var p int
		p, at = s.Rest()
		tail = nil
		if p >= 0 {
			if c.Last {
				t.Fatalf("the last Chunk ends inside a record")
			}
			tail, tailOff = bytes.Clone(c.Data[p:]), c.Offset+int64(p)
		}
		if direct > 0 { // done with the buffer: use it again, as the pipeline does
			for i := range dst[:cap(dst)] {
				dst[:cap(dst)][i] = '#'
			}
			dst = dst[:0]
		}
	}
}

// scanChunk returns the records of c (Index from 0) and the error that
// ended them, nil at its end.
func scanChunk(t *testing.T, s *ChunkScanner, c Chunk) ([]Record, error) {
	t.Helper()
	s.Reset(c)
	var recs []Record
	for {
		rec, err := s.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			if _, ok := errors.AsType[*Error](err); !ok {
				t.Fatalf("ChunkScanner error %v (%T), not an *Error", err, err)
			}
			return recs, err
		}
		recs = append(recs, Record{Index: rec.Index, Offset: rec.Offset, Raw: bytes.Clone(rec.Raw), Members: slices.Clone(rec.Members)})
	}
}

// readNext reads in with Next, as readChunks does by chunks.
func readNext(src io.Reader) (out chunked) {
	rd := NewReader(src)
	for {
		rec, err := rd.Next()
		if err != nil {
			if err != io.EOF {
				out.err = err
			}
			out.context, out.nextLink = rd.Context(), rd.NextLink()
			return out
		}
		out.recs = append(out.recs, Record{Index: rec.Index, Offset: rec.Offset, Raw: bytes.Clone(rec.Raw), Members: slices.Clone(rec.Members)})
	}
}

// checkChunks checks that readChunks reads in as Next does, and returns
// how many chunks it scanned twice.
func checkChunks(t *testing.T, in []byte) int {
	t.Helper()
	want := readNext(bytes.NewReader(in))
	compareChunks(t, want, readChunks(t, in, false, 0))
	for _, direct := range []int{1, 7, 100, 1 << 16} {
		compareChunks(t, want, readChunks(t, in, false, direct))
		compareChunks(t, want, readChunks(t, in, true, direct))
	}
	return compareChunks(t, want, readChunks(t, in, true, 0))
}

// compareChunks checks got, read by chunks, against want, read by Next.
func compareChunks(t *testing.T, want, got chunked) int {
	t.Helper()
	if (want.err == nil) != (got.err == nil) || want.err != nil && want.err.Error() != got.err.Error() {
		t.Fatalf("by chunks: error %v; Next: %v", got.err, want.err)
	}
	if len(got.recs) != len(want.recs) {
		t.Fatalf("by chunks: %d records; Next: %d", len(got.recs), len(want.recs))
	}
	for i := range got.recs {
		g, w := got.recs[i], want.recs[i]
		if g.Index != w.Index || g.Offset != w.Offset || !bytes.Equal(g.Raw, w.Raw) {
			t.Fatalf("record %d by chunks: %d at %d %q; Next: %d at %d %q", i, g.Index, g.Offset, g.Raw, w.Index, w.Offset, w.Raw)
		}
		if !slices.Equal(g.Members, w.Members) {
			t.Fatalf("record %d by chunks: members %v; Next: %v", i, g.Members, w.Members)
		}
	}
	if want.err == nil && (got.context != want.context || got.nextLink != want.nextLink) {
		t.Fatalf("by chunks: context %q, next link %q; Next: %q, %q", got.context, got.nextLink, want.context, want.nextLink)
	}
	return got.rescans
}

func TestChunks(t *testing.T) {
	long := `{"a":"` + strings.Repeat("x", 100) + `"}`
	for _, in := range []string{
		// NDJSON
		"{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n",
		"{\"a\":1}\n{\"b\":2}\n{\"c\":3}",
		"{\"a\":1}\r\n\r\n  {\"b\":2}  \n\n",
		"{\"a\":1} {\"b\":2}\n",
		"{\"a\":1}\n{\"b\":2} {\"c\":3}\n",
		"{\"a\":1}\n{\n \"b\": [\n  {\"x\":1}\n ]\n}\n{\"c\":3}\n",
		"{\"a\":1}\n{\"b\":2}\n{\"c\":\n",
		"{\"a\":1}\n{\"b\":2}\n{\"c\":\"\\q\"}\n",
		"{\"a\":1}\n{\"b\":2}\n[1]\n",
		"{\"a\":1}\n{\"b\":2}\n{\"value\":[]}\n",
		"{\"a\":1}\n{\"error\":{\"code\":\"x\"}}\n",
		"{\"a\":1}\n}\n{\"b\":2}\n{\"c\":3}\n",
		"{\"a\":1}\n" + long + "\n" + long + "\n" + long + "\n{\"z\":2}\n",
		"{\"a\":1}\n" + long + "\n{\"z\":" + long + "}\n{",
		"{\"a\":1}\n{\"b\":\"}\n{\"}\n",
		// arrays
		`[{"id":"a"},{"id":"b"},{"id":"c"}]`,
		"[\n  {\"id\": \"a\"} ,\n  {\"id\": \"b\"}\n]\n",
		`[{"id":"a","ip":[{"id":"x"},{"id":"y"}]},{"id":"b"},{"id":"c","s":"},{\"id\""}]`,
		`[{"id":"a"},{"id":"b"},]`,
		`[{"id":"a"},{"id":"b"} {"id":"c"}]`,
		`[{"id":"a"},{"id":"b"},{"id":"c"`,
		`[{"id":"a"},{"id":"b"}] [{"id":"c"}]`,
		`[{"id":"a"},{"id":"b"}] x`,
		`[{"id":"a"},{"id":"b"},{"value":[]}]`,
		`[{"id":"a"},{"id":"b"},{"error":{"code":"x"}}]`,
		`[{"id":"a"},{"x":1,"id":"b"},{},{"id":"c"}]`,
		`[{},{},{"id":"c"},{}]`,
		`[{"id":"a"},` + long + `,` + long + `,{"id":"z"}]`,
		`[{"id":"a"},{"id":"b","s":"\q"}]`,
		`[{"id":"a"},{"id":"b"}`,
		`[{"id":"a"},{"id":"b"},`,
		`[{"id":"a"},{"id":"b"}]   `,
		// envelopes
		`{"@odata.context":"c","value":[{"id":"a"},{"id":"b"},{"id":"c"}]}`,
		`{"value":[{"id":"a"},{"id":"b"},{"id":"c"}],"@odata.context":"after","@odata.nextLink":"n?$skip=3"}`,
		`{"value":[{"id":"a"},{"id":"b"}],"@odata.context":7}`,
		`{"@odata.context":"c","value":[{"id":"a"},{"id":"b"}],"@odata.context":"d","x":` + long + `}`,
		`{"value":[{"id":"a"},{"id":"b"}],"value":[]}`,
		`{"value":[{"id":"a"},{"id":"b"}] "x":1}`,
		`{"value":[{"id":"a"},{"id":"b"}],}`,
		`{"value":[{"id":"a"},{"id":"b"}],"x"}`,
		`{"value":[{"id":"a"},{"id":"b"}]`,
		`{"value":[{"id":"a"},{"id":"b"}]}` + "\n" + `{"value":[{"id":"c"}]}`,
		`{"value":[{"id":"a"},{"id":"b"}]} ]`,
	} {
		for _, size := range []int{3, 16, 64, 1 << 10} {
			func() {
				defer func(old int) { bufSize = old }(bufSize)
				bufSize = size
				checkChunks(t, []byte(in))
			}()
		}
	}
}

// TestChunksGuess checks that the Reader's guesses are right on generated
// Defender documents, compact and indented, and NDJSON: no chunk is
// scanned twice, so workers scan side by side.
func TestChunksGuess(t *testing.T) {
	defer func(old int) { bufSize = old }(bufSize)
	for _, in := range generated(t) {
		for _, size := range []int{1 << 10, 4 << 10, 256 << 10} {
			bufSize = size
			if n := checkChunks(t, in); n != 0 {
				t.Errorf("%.20q… on a buffer of %d bytes: %d chunks scanned twice, want 0", in, size, n)
			}
		}
	}
}

// generated returns a generated fleet of 300 machines as a Defender
// response, indented as jq indents it, as an array, and as NDJSON.
func generated(t *testing.T) [][]byte {
	t.Helper()
	var doc, nd bytes.Buffer
	if err := fleet.Generate(&doc, 300, 3, false); err != nil {
		t.Fatal(err)
	}
	if err := fleet.Generate(&nd, 300, 3, true); err != nil {
		t.Fatal(err)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, doc.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	var env struct{ Value json.RawMessage }
	if err := json.Unmarshal(doc.Bytes(), &env); err != nil {
		t.Fatal(err)
	}
	return [][]byte{doc.Bytes(), indented.Bytes(), env.Value, nd.Bytes()}
}

// TestChunksTooBig checks that a record longer than maxRecordSize is the
// same error by chunks, however they cut it.
func TestChunksTooBig(t *testing.T) {
	defer func(old, oldSize int) { maxRecordSize, bufSize = old, oldSize }(maxRecordSize, bufSize)
	maxRecordSize, bufSize = 64, 16
	long := `{"a":"` + strings.Repeat("x", 100) + `"}`
	for _, in := range []string{
		"{\"a\":1}\n" + long + "\n{\"b\":2}\n",
		"{\"a\":1}\n{\"b\":2}\n" + long,
		"{\"a\":1}\n{\"b\":\"" + strings.Repeat("x", 100) + "\\q\"}\n",
		`[{"a":1},` + long + `,{"b":2}]`,
		`[{"a":1},{"b":2},` + long,
		`{"value":[{"a":1},{"b":2}],"x":"` + strings.Repeat("x", 100) + `"}`,
	} {
		checkChunks(t, []byte(in))
	}
	// A whole response after NDJSON is a saved page, however long.
	page := "{\"a\":1}\n{\"@odata.context\":\"c\",\"value\":[" + long + "," + long + "]}\n"
	if _, _, err := ReadAll(strings.NewReader(page)); !errors.Is(err, ErrPages) {
		t.Errorf("a long response after NDJSON: %v, want ErrPages", err)
	}
	checkChunks(t, []byte(page))
}

// TestChunksReadError: a read error ends the records by chunks where it
// TestChunkScannerDecoderOff: a ChunkScanner whose Decoder took the last
// record, then set to none (as a pipeline only checking the input does),
// still reports a saved page among the records: what the Decoder vouched
// for does not carry over to records it did not read.
func TestChunkScannerDecoderOff(t *testing.T) {
	var s ChunkScanner
	s.SetDecoder(func(data []byte, start int, ms []Member) (int, []Member, bool) {
		end := bytes.IndexByte(data[start:], '}') // flat records only
		return start + end + 1, ms, end >= 0
	})
	at := Joint{st: stLine, format: NDJSON, newline: true}
	if recs, err := scanChunk(t, &s, Chunk{Data: []byte("{\"id\":\"a\"}\n"), Joint: at}); err != nil || len(recs) != 1 || !s.Decoded() {
		t.Fatalf("with a Decoder: %d records, %v, decoded %v", len(recs), err, s.Decoded())
	}
	s.SetDecoder(nil)
	_, err := scanChunk(t, &s, Chunk{Data: []byte("{\"value\":[]}\n"), Joint: at, Last: true})
	if !errors.Is(err, ErrPages) {
		t.Fatalf("without a Decoder, a saved page: %v, want %v", err, ErrPages)
	}
}

// ends them for Next, with the same error.
func TestChunksReadError(t *testing.T) {
	defer func(old int) { bufSize = old }(bufSize)
	bufSize = 16
	errBroken := errors.New("broken pipe")
	for _, in := range []string{
		"{\"a\":1}\n{\"b\":2}\n{\"c\":", "{\"a\":1}\n{\"b\":2}\n", "{\"a\":1}\n{\"b\":2}",
		`[{"a":1},{"b":2},{"c":`, `[{"a":1},{"b":2}`, `{"value":[{"a":1},{"b":2}],"x":`, `{"value":[{"a":1},{"b":2}]}`,
	} {
		src := func() io.Reader { return io.MultiReader(strings.NewReader(in), iotest.ErrReader(errBroken)) }
		want, got := readNext(src()), readChunksFrom(t, src(), false, 0)
		compareChunks(t, want, got)
		compareChunks(t, want, readChunksFrom(t, src(), true, 0))
		compareChunks(t, want, readChunksFrom(t, src(), true, 100))
		if !errors.Is(got.err, errBroken) {
			t.Errorf("%q: by chunks %v, want %v", in, got.err, errBroken)
		}
	}
}

// TestNextChunkMisuse: NextChunk before a record, and Next after
// NextChunk, are errors, not wrong records.
func TestNextChunkMisuse(t *testing.T) {
	rd := NewReader(strings.NewReader(`[{"id":"a"},{"id":"b"}]`))
	if _, err := rd.NextChunk(); err != errNotChunks {
		t.Errorf("NextChunk before Next: %v, want %v", err, errNotChunks)
	}
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	if _, err := rd.NextChunk(); err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Next(); err != errNotChunks {
		t.Errorf("Next after NextChunk: %v, want %v", err, errNotChunks)
	}
	var s ChunkScanner
	s.Reset(Chunk{Data: []byte(`{"id":"a"}`)})
	if _, err := s.Next(); err != errNoJoint {
		t.Errorf("ChunkScanner without a Joint: %v, want %v", err, errNoJoint)
	}
}

func TestCutLines(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"{}\n{}", 3},
		{"{}\n{}\n", 3},
		{"{}\n{}\n{", 6},
		{"{} \r\n \n\t{", 7},
		{"{\n\"a\":{}\n}", 0},
		{"\n\n\n\n", 0},
		{"[\n{", 0},
	} {
		if got := cutLines([]byte(c.in)); got != c.want {
			t.Errorf("cutLines(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestCutArray(t *testing.T) {
	for _, c := range []struct {
		in, key string
		want    int
	}{
		{"", `"id"`, 0},
		{`{"id":1},{"id":2}`, `"id"`, 8},
		{"{\"id\":1} ,\n {  \"id\"", `"id"`, 8},
		{`{"id":1},{"id":2},{"id"`, `"id"`, 17},
		{`{"id":1},{"ip":[{"a":1},{"id":2}]},{"x"`, `"id"`, 23}, // a nested object like a record: a wrong guess
		{`{"id":1},{"id":[{"a":1},{"x":2}]},{"x"`, `"id"`, 8},
		{`{"id":1},{"ip":[{"a":1},{"x":2}]},{"x"`, ``, 33},
		{`{"id":1},{"id`, `"id"`, 0},
		{`[{"id":1}`, `"id"`, 0},
		{`"id"`, `"id"`, 0},
		{`},{`, ``, 1},
		{`},{`, `"id"`, 0},
	} {
		if got := cutArray([]byte(c.in), []byte(c.key)); got != c.want {
			t.Errorf("cutArray(%q, %q) = %d, want %d", c.in, c.key, got, c.want)
		}
	}
}

// TestCutterFirst: Cutter.First finds the first cut whose text lies in
// its input, and cutLines and cutArray the last, as a check of every
// offset finds them, over random text made of the bytes cuts are made of.
func TestCutterFirst(t *testing.T) {
	// valid reports whether b has a cut at n whose text lies in b.
	valid := func(b []byte, n int, format Format, key []byte) bool {
		if format == NDJSON {
			if n == 0 || b[n-1] != '\n' {
				return false
			}
			k, j := lastNonSpace(b, n-1), skipWS(b, n)
			return k >= 0 && b[k] == '}' && j < len(b) && b[j] == '{'
		}
		if n == 0 || b[n-1] != '}' {
			return false
		}
		j := skipWS(b, n)
		if j == len(b) || b[j] != ',' {
			return false
		}
		if j = skipWS(b, j+1); j == len(b) || b[j] != '{' {
			return false
		}
		return len(key) == 0 || bytes.HasPrefix(b[skipWS(b, j+1):], key)
	}
	rnd := rand.New(rand.NewPCG(7, 7))
	const alphabet = "{}{},,\n\n  \t\r\"id:1"
	for i := range 200_000 {
		b := make([]byte, rnd.IntN(40))
		for j := range b {
			b[j] = alphabet[rnd.IntN(len(alphabet))]
		}
		for _, c := range []struct {
			format Format
			key    string
		}{{NDJSON, ""}, {Array, `"id"`}, {Envelope, ""}} {
			first, last := -1, 0
			for n := range len(b) + 1 {
				if valid(b, n, c.format, []byte(c.key)) {
					if first < 0 {
						first = n
					}
					last = n
				}
			}
			cutter := Cutter{format: c.format, key: []byte(c.key)}
			if got := cutter.First(b); got != first {
				t.Fatalf("%d: First(%q) %v key %q = %d, want %d", i, b, c.format, c.key, got, first)
			}
			back := cutLines(b)
			if c.format != NDJSON {
				back = cutArray(b, []byte(c.key))
			}
			if back != last {
				t.Fatalf("%d: the cut from the back of %q, %v key %q, is %d, want %d", i, b, c.format, c.key, back, last)
			}
		}
	}
}

// TestSplitMisuse: Split before a record or after NextChunk, and SkipTo
// before Split or short of what the Reader has read, are errors.
func TestSplitMisuse(t *testing.T) {
	// The input comes in two reads: the Reader has read the first when
	// it returns the first record.
	in := io.MultiReader(strings.NewReader(`[{"id":"a"},`), strings.NewReader(`{"id":"b"}]`))
	rd := NewReader(in)
	if _, err := rd.Split(); err != errNotChunks {
		t.Errorf("Split before Next: %v, want %v", err, errNotChunks)
	}
	if err := rd.SkipTo(100); err != errSkip {
		t.Errorf("SkipTo before Split: %v, want %v", err, errSkip)
	}
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	s, err := rd.Split()
	if err != nil || s.Offset != 11 || s.Read != 12 {
		t.Fatalf("Split: %+v, %v; want offset 11, read 12", s, err)
	}
	if _, err := rd.Split(); err != errNotChunks {
		t.Errorf("Split twice: %v, want %v", err, errNotChunks)
	}
	if err := rd.SkipTo(5); err != errSkip {
		t.Errorf("SkipTo short of the read: %v, want %v", err, errSkip)
	}
	// Past the read, the Reader reads on as if its input were at 100.
	if err := rd.SkipTo(100); err != nil {
		t.Fatal(err)
	}
	c, err := rd.NextChunk()
	if err != nil || string(c.Data) != `{"id":"b"}]` || c.Offset != 100 || c.Joint != s.Cutter.Joint() {
		t.Errorf("after SkipTo(100): %q at %d, %v, %v", c.Data, c.Offset, c.Joint, err)
	}
}

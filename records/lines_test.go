package records

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// readLines reads the NDJSON in as a pipeline does, one Lines at a time
// through a LineScanner, carrying from each Lines to the next the record
// index, the line feed state and the record it ended inside; other
// formats it reads with Next. It returns records with Raw and Index, and
// the error.
func readLines(t *testing.T, in []byte) ([]Record, error) {
	t.Helper()
	return readLinesFrom(t, bytes.NewReader(in))
}

// readLinesFrom is readLines of what src reads.
func readLinesFrom(t *testing.T, src io.Reader) ([]Record, error) {
	t.Helper()
	rd := NewReader(src)
	var recs []Record
	for rd.Format() != NDJSON || len(recs) == 0 {
		rec, err := rd.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, Record{Index: rec.Index, Offset: rec.Offset, Raw: bytes.Clone(rec.Raw)})
	}
	var s LineScanner
	index, newline := len(recs), false
	var tail []byte
	var tailOff int64
	for {
		l, err := rd.NextLines()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			t.Fatalf("NextLines: %v", err)
		}
		data, off := append(tail, l.Data...), l.Offset
		if tail != nil {
			off = tailOff
		}
		s.Reset(data, off, newline, l.Last, l.Err)
		n := 0
		for {
			rec, err := s.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("LineScanner error %v (%T), not an *Error", err, err)
				}
				e.Index += index
				return recs, e
			}
			recs = append(recs, Record{Index: rec.Index + index, Offset: rec.Offset, Raw: bytes.Clone(rec.Raw)})
			n++
		}
		index += n
		p, nl := s.Rest()
		tail, newline = nil, nl
		if p >= 0 {
			if l.Last {
				t.Fatalf("the last Lines ends inside a record")
			}
			tail, tailOff, newline = bytes.Clone(data[p:]), off+int64(p), true
		}
	}
}

// checkLines checks that readLines reads in as ReadAll does.
func checkLines(t *testing.T, in []byte) {
	t.Helper()
	want, _, wantErr := ReadAll(bytes.NewReader(in))
	got, gotErr := readLines(t, in)
	if (wantErr == nil) != (gotErr == nil) || wantErr != nil && wantErr.Error() != gotErr.Error() {
		t.Fatalf("by lines: error %v; Next: %v", gotErr, wantErr)
	}
	if len(got) != len(want) {
		t.Fatalf("by lines: %d records; Next: %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Index != want[i].Index || got[i].Offset != want[i].Offset || !bytes.Equal(got[i].Raw, want[i].Raw) {
			t.Fatalf("record %d by lines: %d at %d %q; Next: %d at %d %q", i, got[i].Index, got[i].Offset, got[i].Raw, want[i].Index, want[i].Offset, want[i].Raw)
		}
	}
}

func TestLines(t *testing.T) {
	long := `{"a":"` + strings.Repeat("x", 100) + `"}`
	for _, in := range []string{
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
	} {
		for _, size := range []int{3, 16, 64, 1 << 10} {
			func() {
				defer func(old int) { bufSize = old }(bufSize)
				bufSize = size
				checkLines(t, []byte(in))
			}()
		}
	}
}

// TestLinesTooBig checks that a record longer than maxRecordSize is the
// same error by lines, however the Lines cut it.
func TestLinesTooBig(t *testing.T) {
	defer func(old, oldSize int) { maxRecordSize, bufSize = old, oldSize }(maxRecordSize, bufSize)
	maxRecordSize, bufSize = 64, 16
	long := `{"a":"` + strings.Repeat("x", 100) + `"}`
	for _, in := range []string{
		"{\"a\":1}\n" + long + "\n{\"b\":2}\n",
		"{\"a\":1}\n{\"b\":2}\n" + long,
		"{\"a\":1}\n{\"b\":\"" + strings.Repeat("x", 100) + "\\q\"}\n",
	} {
		checkLines(t, []byte(in))
	}
}

// TestLinesReadError: a read error ends the records by lines where it
// ends them for Next, with the same error.
func TestLinesReadError(t *testing.T) {
	defer func(old int) { bufSize = old }(bufSize)
	bufSize = 16
	errBroken := errors.New("broken pipe")
	for _, in := range []string{"{\"a\":1}\n{\"b\":2}\n{\"c\":", "{\"a\":1}\n{\"b\":2}\n", "{\"a\":1}\n{\"b\":2}"} {
		src := func() io.Reader { return io.MultiReader(strings.NewReader(in), iotest.ErrReader(errBroken)) }
		want, _, wantErr := ReadAll(src())
		got, gotErr := readLinesFrom(t, src())
		if wantErr == nil || gotErr == nil || wantErr.Error() != gotErr.Error() || !errors.Is(gotErr, errBroken) || len(got) != len(want) {
			t.Errorf("%q: by lines %d records, %v; Next: %d, %v", in, len(got), gotErr, len(want), wantErr)
		}
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

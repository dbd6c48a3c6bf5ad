package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestEnvelopeWriter(t *testing.T) {
	tests := []struct {
		ctx  string
		raws []string
		want string
	}{
		{DefaultContext, nil, `{"@odata.context":"` + DefaultContext + `","value":[]}` + "\n"},
		{"c", []string{`{"a":1}`}, "{\"@odata.context\":\"c\",\"value\":[\n{\"a\":1}\n]}\n"},
		{`q"<&>é`, []string{`{"a":1}`, "{\n \"b\" : 1.0e2 }"}, "{\"@odata.context\":\"q\\\"<&>é\",\"value\":[\n{\"a\":1},\n{\n \"b\" : 1.0e2 }\n]}\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		w := NewEnvelopeWriter(&b, tt.ctx)
		for _, raw := range tt.raws {
			if err := w.Write([]byte(raw)); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("envelope of %q:\n got %q\nwant %q", tt.raws, b.String(), tt.want)
		}
		if !json.Valid(b.Bytes()) {
			t.Errorf("envelope %q is not valid JSON", b.String())
		}
	}
}

func TestNDJSONWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewNDJSONWriter(&b)
	for _, raw := range []string{`{"a":"x\ny"}`, "{\r\n\"b\":\n1}"} {
		if err := w.Write([]byte(raw)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if want := "{\"a\":\"x\\ny\"}\n{  \"b\": 1}\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	w = NewNDJSONWriter(&b)
	if err := w.Close(); err != nil || b.Len() != 0 {
		t.Errorf("no records: %q, %v", b.String(), err)
	}
}

// TestRoundTrip reads every format and writes it back in both, and reads
// the result again: the records come back byte for byte.
func TestRoundTrip(t *testing.T) {
	in := `{"value":[{"id":"a","n":1.0e2,"s":"\u00e9\"","x":{"k":[true,null]}},` + "\n" + `{ "z" : [ ] , "id":"b" }],"@odata.context":"ctx"}`
	recs, _, err := ReadAll(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	for name, newWriter := range map[string]func(io.Writer) Writer{
		"envelope": func(w io.Writer) Writer { return NewEnvelopeWriter(w, "ctx") },
		"ndjson":   NewNDJSONWriter,
	} {
		var b bytes.Buffer
		w := newWriter(&b)
		for _, r := range recs {
			if err := w.Write(r.Raw); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		again, _, err := ReadAll(&b)
		if err != nil || len(again) != len(recs) {
			t.Fatalf("%s: read back %d records, %v", name, len(again), err)
		}
		for i := range recs {
			if !bytes.Equal(again[i].Raw, recs[i].Raw) {
				t.Errorf("%s: record %d came back as %q, want %q", name, i, again[i].Raw, recs[i].Raw)
			}
		}
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriterErrors(t *testing.T) {
	for name, w := range map[string]Writer{
		"envelope": NewEnvelopeWriter(&failWriter{n: 10}, "c"),
		"ndjson":   NewNDJSONWriter(&failWriter{n: 10}),
	} {
		big := []byte(`{"s":"` + strings.Repeat("x", 100<<10) + `"}`)
		err := w.Write(big)
		if err == nil {
			err = w.Close()
		} else if w.Close() == nil {
			t.Errorf("%s: Close after a failed Write = nil", name)
		}
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error %v, want disk full", name, err)
		}
		if err := w.Write([]byte(`{}`)); !errors.Is(err, errClosed) {
			t.Errorf("%s: Write after Close = %v", name, err)
		}
		if err := w.Close(); !errors.Is(err, errClosed) {
			t.Errorf("%s: second Close = %v", name, err)
		}
	}
}

// TestWriterFlush: Flush writes what the Writer buffers, so a reader of a
// slow stream sees each record without waiting for the buffer to fill;
// what follows and Close still make the whole document; a failure to
// write is Flush's error, and Flush after Close is an error.
func TestWriterFlush(t *testing.T) {
	for name, tc := range map[string]struct {
		newWriter func(io.Writer) Writer
		flushed   string // after one record and Flush
		closed    string // after a second record and Close
	}{
		"envelope": {func(w io.Writer) Writer { return NewEnvelopeWriter(w, "c") },
			"{\"@odata.context\":\"c\",\"value\":[\n{\"id\":\"a\"}", "{\"@odata.context\":\"c\",\"value\":[\n{\"id\":\"a\"},\n{\"id\":\"b\"}\n]}\n"},
		"ndjson": {NewNDJSONWriter, "{\"id\":\"a\"}\n", "{\"id\":\"a\"}\n{\"id\":\"b\"}\n"},
	} {
		var b bytes.Buffer
		w := tc.newWriter(&b)
		if err := w.Write([]byte(`{"id":"a"}`)); err != nil || b.Len() != 0 {
			t.Fatalf("%s: Write: %v, %d bytes out before Flush", name, err, b.Len())
		}
		if err := w.Flush(); err != nil || b.String() != tc.flushed {
			t.Errorf("%s: Flush: %v, %q, want %q", name, err, b.String(), tc.flushed)
		}
		if err := w.Flush(); err != nil || b.String() != tc.flushed {
			t.Errorf("%s: second Flush: %v, %q", name, err, b.String())
		}
		if err := w.Write([]byte(`{"id":"b"}`)); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil || b.String() != tc.closed {
			t.Errorf("%s: Close: %v, %q, want %q", name, err, b.String(), tc.closed)
		}
		if err := w.Flush(); !errors.Is(err, errClosed) {
			t.Errorf("%s: Flush after Close = %v", name, err)
		}
		fw := tc.newWriter(&failWriter{n: 3})
		fw.Write([]byte(`{"id":"a"}`))
		if err := fw.Flush(); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: Flush to a full disk = %v", name, err)
		}
	}
}

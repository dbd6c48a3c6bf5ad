package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

// FuzzReader reads arbitrary input and checks the Reader's promises: no
// panic; every Raw is the input's bytes at its Offset, a valid JSON object
// whose Members are where encoding/json finds them;
// indexes count from 0; an error is an *Error inside the input naming the
// next record; a tiny buffer reads the same, and so does reading
// by chunks (NextChunk and AppendChunk, ChunkScanner); and a bare JSON array of
// objects, or an envelope, that encoding/json accepts is read in full.
//
//	go test ./records -run XXX -fuzz FuzzReader -fuzztime 30s
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		`{"@odata.context":"c","value":[{"id":"a"},{"id":"b","t":["x"]}]}`,
		`{"value":[{"a":1}],"@odata.nextLink":"n?$skip=1"}`,
		`[{"a":1.0e2,"b":"\u00e9"}, {"c":[true,false,null]}]`,
		"{\"a\":1}\n\n{\"b\":2}\r\n",
		"\ufeff[]",
		`{"@odata.context":"c"}`,
		`[{"a":1},]`,
		`{"value":[{"a":"\q"}]}`,
		`{"value":[] } x`,
		"",
		`[{"id":"a"},{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded."}}]`,
		"\xff\xfe[\x00]\x00",
		`[{"@odata.context":"c","value":[{"id":"a"}]},{"value":[]}]`,
		"{\"value\":[]}\n{\"value\":[{\"id\":\"b\"}]}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		recs, format, err := readFuzz(t, in, bufSize)
		defer func(old int) { bufSize = old }(bufSize)
		bufSize = 3
		recs3, format3, err3 := readFuzz(t, in, 3)
		if len(recs3) != len(recs) || format3 != format || (err == nil) != (err3 == nil) || err != nil && err.Error() != err3.Error() {
			t.Fatalf("buffer of 3 bytes: %d records, %v, %v; default: %d, %v, %v", len(recs3), format3, err3, len(recs), format, err)
		}
		// Read by chunks, on a small buffer and a larger one, the input
		// reads the same.
		checkChunks(t, in)
		bufSize = 64
		checkChunks(t, in)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Offset < 0 || e.Offset > int64(len(in)) || e.Index != len(recs) {
				t.Fatalf("error %v (%T) after %d records: want an *Error inside the input naming the next record", err, err, len(recs))
			}
		}
		// What encoding/json reads as a list of objects, the Reader reads.
		body := bytes.TrimPrefix(in, bom)
		var list, value []map[string]json.RawMessage
		var env map[string]json.RawMessage
		switch {
		case !json.Valid(body):
		case json.Unmarshal(body, &list) == nil && objects(list) && bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("[")):
			if err != nil || format != Array || len(recs) != len(list) {
				t.Fatalf("a JSON array of %d objects read as %d records, %v, %v", len(list), len(recs), format, err)
			}
		case bytes.Contains(body, []byte(`\u`)) || bytes.Count(body, []byte(`"value"`)) != 1:
			// Escaped or repeated names: encoding/json keeps the last "value".
		case json.Unmarshal(body, &env) == nil && env["value"] != nil && json.Unmarshal(env["value"], &value) == nil && value != nil && objects(value):
			if err != nil || format != Envelope || len(recs) != len(value) {
				t.Fatalf("an envelope of %d objects read as %d records, %v, %v", len(value), len(recs), format, err)
			}
		}
	})
}

// readFuzz reads in and checks each record against it.
func readFuzz(t *testing.T, in []byte, size int) ([]Record, Format, error) {
	bufSize = size
	rd := NewReader(bytes.NewReader(in))
	var recs []Record
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			return recs, rd.Format(), nil
		}
		if err != nil {
			return recs, rd.Format(), err
		}
		if rec.Index != len(recs) || rec.Offset < 0 || rec.Offset+int64(len(rec.Raw)) > int64(len(in)) ||
			!bytes.Equal(in[rec.Offset:rec.Offset+int64(len(rec.Raw))], rec.Raw) {
			t.Fatalf("record %d (Index %d, Offset %d) is not the input at its offset: %q", len(recs), rec.Index, rec.Offset, rec.Raw)
		}
		if len(rec.Raw) == 0 || rec.Raw[0] != '{' || !json.Valid(rec.Raw) {
			t.Fatalf("record %d is not a valid JSON object: %q", rec.Index, rec.Raw)
		}
		checkMembers(t, rec)
		recs = append(recs, Record{Index: rec.Index, Offset: rec.Offset})
	}
}

// objects reports whether every element of list is a machine record for
// the Reader: not JSON null, which encoding/json decodes into a nil map,
// not a Defender error body, {"error":{…}}, and not a saved page, an
// object with a "value" member (or a "Value" array, in any case).
func objects(list []map[string]json.RawMessage) bool {
	for _, m := range list {
		if m == nil || len(m) == 1 && bytes.HasPrefix(m["error"], []byte("{")) {
			return false
		}
		for name, v := range m {
			// A saved page: "value", or "Value" in any case holding an array.
			if name == "value" || strings.EqualFold(name, "value") && bytes.HasPrefix(bytes.TrimLeft(v, " \t\r\n"), []byte("[")) {
				return false
			}
		}
	}
	return true
}

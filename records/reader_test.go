package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// readVariants reads in with every buffer size and read pattern the tests
// exercise: the default, a tiny buffer (every record straddles a refill),
// and a reader that returns one byte a call. It fails the test unless all
// of them agree, and returns the records (Raw copied), the format, the
// context and the error.
func readVariants(t *testing.T, in string) ([]Record, Format, string, error) {
	t.Helper()
	type result struct {
		recs   []Record
		format Format
		ctx    string
		err    error
	}
	run := func(size int, src io.Reader) result {
		defer func(old int) { bufSize = old }(bufSize)
		bufSize = size
		rd := NewReader(src)
		var res result
		for {
			rec, err := rd.Next()
			if err != nil {
				if err != io.EOF {
					res.err = err
				}
				break
			}
			checkRaw(t, in, rec)
			checkMembers(t, rec)
			rec.Raw, rec.Members = bytes.Clone(rec.Raw), slices.Clone(rec.Members)
			res.recs = append(res.recs, rec)
		}
		res.format, res.ctx = rd.Format(), rd.Context()
		if _, err := rd.Next(); res.err != nil && err != res.err || res.err == nil && err != io.EOF {
			t.Errorf("Next after the end = %v, want %v again", err, res.err)
		}
		return res
	}
	want := run(bufSize, strings.NewReader(in))
	for _, v := range []struct {
		name string
		size int
		src  io.Reader
	}{
		{"buffer 1", 1, strings.NewReader(in)},
		{"buffer 7", 7, strings.NewReader(in)},
		{"one byte a read", 64, iotest.OneByteReader(strings.NewReader(in))},
		{"half reads", 16, iotest.HalfReader(strings.NewReader(in))},
	} {
		got := run(v.size, v.src)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.60q... read with %s: %d records, %v, %q, %v; by default %d records, %v, %q, %v", in, v.name,
				len(got.recs), got.format, got.ctx, got.err, len(want.recs), want.format, want.ctx, want.err)
		}
	}
	return want.recs, want.format, want.ctx, want.err
}

// checkRaw checks that rec.Raw is the input's bytes at rec.Offset.
func checkRaw(t testing.TB, in string, rec Record) {
	t.Helper()
	if rec.Offset < 0 || rec.Offset+int64(len(rec.Raw)) > int64(len(in)) || in[rec.Offset:rec.Offset+int64(len(rec.Raw))] != string(rec.Raw) {
		t.Fatalf("record %d: Raw %q is not the input at offset %d", rec.Index, rec.Raw, rec.Offset)
	}
}

// checkMembers checks rec.Members against encoding/json's reading of
// rec.Raw: one entry for each member of the object, in order, at the
// member's name and at its value.
func checkMembers(t testing.TB, rec Record) {
	t.Helper()
	type member struct {
		name  string
		value string
	}
	var want []member
	dec := json.NewDecoder(bytes.NewReader(rec.Raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("record %d: %q is not an object", rec.Index, rec.Raw)
	}
	for dec.More() {
		tok, _ := dec.Token()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("record %d: %v", rec.Index, err)
		}
		want = append(want, member{tok.(string), string(v)})
	}
	var got []member
	for _, m := range rec.Members {
		var name string
		var v json.RawMessage
		if m.Name < 0 || int(m.Name) >= len(rec.Raw) || m.Value <= m.Name || int(m.Value) >= len(rec.Raw) ||
			json.NewDecoder(bytes.NewReader(rec.Raw[m.Name:])).Decode(&name) != nil ||
			json.NewDecoder(bytes.NewReader(rec.Raw[m.Value:])).Decode(&v) != nil {
			t.Fatalf("record %d: member %+v does not point at a name and a value in %q", rec.Index, m, rec.Raw)
		}
		got = append(got, member{name, string(v)})
	}
	if !slices.Equal(got, want) {
		t.Fatalf("record %d: Members of %q point at %q, want %q", rec.Index, rec.Raw, got, want)
	}
}

func TestReader(t *testing.T) {
	const m1, m2 = `{"id":"a1","riskScore":"High"}`, `{"id":"b2","rbacGroupId":140}`
	tests := []struct {
		name   string
		in     string
		format Format
		ctx    string
		raws   []string
	}{
		{"envelope", `{"@odata.context":"ctx","value":[` + m1 + `,` + m2 + `]}`, Envelope, "ctx", []string{m1, m2}},
		{"envelope value first", `{"value":[` + m1 + `],"@odata.context":"late"}`, Envelope, "late", []string{m1}},
		{"envelope extra members", `{"@odata.count":2,"x":{"value":[1]},"@odata.context":"c","value":[` + m1 + `],"@odata.nextLink":"n","y":[{}]}`, Envelope, "c", []string{m1}},
		{"envelope no context", `{"value":[` + m1 + `]}`, Envelope, "", []string{m1}},
		{"envelope null context", `{"@odata.context":null,"value":[]}`, Envelope, "", nil},
		{"envelope escaped names", `{"\u0040odata.context":"a\u00e9\/b","\u0076alue":[` + m1 + `]}`, Envelope, "aé/b", []string{m1}},
		{"envelope empty", `{"@odata.context":"c","value":[]}`, Envelope, "c", nil},
		{"envelope pretty", "\ufeff{\r\n\t\"@odata.context\" : \"c\" ,\n  \"value\" : [\n    " + m1 + " ,\n\t" + m2 + "\n  ]\n}\n\n", Envelope, "c", []string{m1, m2}},
		{"array", `[` + m1 + `,` + m2 + `]`, Array, "", []string{m1, m2}},
		{"array empty", " [ ] \n", Array, "", nil},
		{"array pretty record", "[\n {\n  \"id\" : \"x\" ,\n  \"t\" : [ 1 , 2 ]\n }\n]", Array, "", []string{"{\n  \"id\" : \"x\" ,\n  \"t\" : [ 1 , 2 ]\n }"}},
		{"array odd members", `[{ "\u0069d" : "x" , "a\"b" :[{"n":1}],"":{"m":{}} },{}]`, Array, "", []string{`{ "\u0069d" : "x" , "a\"b" :[{"n":1}],"":{"m":{}} }`, `{}`}},
		{"ndjson", m1 + "\n" + m2 + "\n", NDJSON, "", []string{m1, m2}},
		{"ndjson odd first record", "{ \"a\\\"\" : 1 ,\"b\":{\"c\":2}}\n{}", NDJSON, "", []string{"{ \"a\\\"\" : 1 ,\"b\":{\"c\":2}}", "{}"}},
		{"ndjson blank lines and CRLF", "\n\r\n  " + m1 + "  \r\n\r\n\t" + m2, NDJSON, "", []string{m1, m2}},
		{"ndjson record spanning lines", "{\n\"id\":1\n}\n{}", NDJSON, "", []string{"{\n\"id\":1\n}", "{}"}},
		{"ndjson one record", m1, NDJSON, "", []string{m1}},
		{"ndjson context annotation and fields", `{"@odata.context":"x#Machines/$entity","id":"a"}` + "\n", NDJSON, "", []string{`{"@odata.context":"x#Machines/$entity","id":"a"}`}},
		{"values of every kind", `[{"s":"x\"\\\/\b\f\n\r\t\u00E9\ud83d\ude00","n":[0,-0,1.5,-12.25e+10,1E-3,1.0e2,123456789012345678901234567890],"b":[true,false,null],"o":{"a":{"b":[[],{}]}},"u":"Straße 東京 🖥"}]`, Array,
			"", []string{`{"s":"x\"\\\/\b\f\n\r\t\u00E9\ud83d\ude00","n":[0,-0,1.5,-12.25e+10,1E-3,1.0e2,123456789012345678901234567890],"b":[true,false,null],"o":{"a":{"b":[[],{}]}},"u":"Straße 東京 🖥"}`}},
		{"invalid UTF-8 passes", "[{\"s\":\"\xff\xfe\"}]", Array, "", []string{"{\"s\":\"\xff\xfe\"}"}},
		{"long string", `[{"s":"` + strings.Repeat("abcdefgh", 1000) + `"}]`, Array, "", []string{`{"s":"` + strings.Repeat("abcdefgh", 1000) + `"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, format, ctx, err := readVariants(t, tt.in)
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if format != tt.format || ctx != tt.ctx {
				t.Errorf("format %v, context %q; want %v, %q", format, ctx, tt.format, tt.ctx)
			}
			var raws []string
			for i, r := range recs {
				raws = append(raws, string(r.Raw))
				if r.Index != i {
					t.Errorf("record %d has Index %d", i, r.Index)
				}
			}
			if !reflect.DeepEqual(raws, tt.raws) {
				t.Errorf("records\n got %q\nwant %q", raws, tt.raws)
			}
		})
	}
}

func TestReadAll(t *testing.T) {
	in := "{\"id\":1}\n{\"id\":2}\n{\"id\":3} x"
	recs, format, err := ReadAll(strings.NewReader(in))
	var e *Error
	if !errors.As(err, &e) || e.Index != 3 || e.Offset != 27 || format != NDJSON || len(recs) != 3 {
		t.Fatalf("ReadAll = %d records, %v, %v", len(recs), format, err)
	}
	if recs[2].Offset != 18 || string(recs[2].Raw) != `{"id":3}` || cap(recs[2].Raw) != len(recs[2].Raw) {
		t.Errorf("record 3 = %+v", recs[2])
	}
}

// TestRawStaysPut: appending to a Raw must not overwrite the record after
// it in the buffer.
func TestRawStaysPut(t *testing.T) {
	rd := NewReader(strings.NewReader(`[{"a":1},{"b":2}]`))
	rec, _ := rd.Next()
	_ = append(rec.Raw, "XXXX"...)
	if rec, _ = rd.Next(); string(rec.Raw) != `{"b":2}` {
		t.Errorf("second record %q", rec.Raw)
	}
}

func TestFormatString(t *testing.T) {
	for f, want := range map[Format]string{0: "unknown", Envelope: "envelope", Array: "array", NDJSON: "ndjson"} {
		if f.String() != want {
			t.Errorf("Format(%d).String() = %q, want %q", f, f.String(), want)
		}
	}
}

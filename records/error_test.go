package records

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReaderErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		n      int    // records read before the error
		offset int64  // Error.Offset
		msg    string // a substring of Error.Msg
	}{
		// Not a machine list.
		{"string", `"x"`, 0, 0, `not a machine list: want a Defender response ({"value":[…]}), a JSON array or NDJSON; found a string`},
		{"garbage", "\n  hello", 0, 3, "found 'h'"},
		{"control byte", "\x00", 0, 0, "found byte 0x00"},

		// Envelopes.
		{"envelope without value", `{"@odata.context":"c"}`, 0, 0, `no "value" array of records`},
		{"empty object", `{}`, 0, 0, `no "value" array`},
		{"value not an array", `{"@odata.context":"c","value":{"id":1}}`, 0, 30, `the envelope's "value" is an object, not an array of records`},
		{"value null", `{"value":null}`, 0, 9, `"value" is null`},
		{"second value", `{"value":[{"a":1}],"value":[]}`, 1, 19, `a second "value"`},
		{"envelope truncated in head", `{"@odata.context":"c`, 0, 20, "unexpected end of input in the first object"},
		{"envelope truncated in value", `{"value":[{"a":1}`, 1, 17, "unexpected end of input in the array of records; want ']'"},
		{"envelope truncated in record", `{"value":[{"a":1},{"b":`, 1, 23, "unexpected end of input in the record"},
		{"envelope truncated after value", `{"value":[]`, 0, 11, "in the envelope; want '}'"},
		{"envelope truncated in tail member", `{"value":[],"x":[1,`, 0, 19, "unexpected end of input in the envelope"},
		{"envelope bad tail", `{"value":[] "x":1}`, 0, 12, `unexpected '"'; want ',' or '}' after the value array`},
		{"envelope bad member in head", `{"a":1 "value":[]}`, 0, 7, "want ',' or '}' after an object member"},
		{"envelope bad head value", `{"a":tru,"value":[]}`, 0, 5, "want a JSON value"},
		{"envelope trailing garbage", `{"value":[]}x`, 0, 12, "unexpected 'x' after the end of the envelope"},
		{"non-object record in envelope", `{"value":[{"a":1},"x"]}`, 1, 18, "want a machine record (a JSON object), found a string"},

		// Arrays.
		{"array truncated", `[`, 0, 1, "unexpected end of input in the array of records"},
		{"array missing comma", `[{"a":1} {"b":2}]`, 1, 9, "unexpected '{'; want ',' or ']' after a record"},
		{"array trailing comma", `[{"a":1},]`, 1, 9, "no trailing comma"},
		{"array leading comma", `[,{"a":1}]`, 0, 1, "found ','"},
		{"array of numbers", `[1]`, 0, 1, "found a number"},
		{"array of arrays", `[[]]`, 0, 1, "found an array"},
		{"array of null", `[{"a":1}, null]`, 1, 10, "found null"},
		{"array of booleans", `[true]`, 0, 1, "found a boolean"},
		{"array trailing garbage", `[] ]`, 0, 3, "unexpected ']' after the end of the array"},
		{"array truncated after comma", `[{"a":1},`, 1, 9, "want a record after ','"},

		// NDJSON.
		{"ndjson two on a line", `{"a":1}{"b":2}`, 1, 7, "NDJSON has one record a line"},
		{"ndjson non-object line", "{\"a\":1}\n[1]", 1, 8, "found an array"},
		{"ndjson truncated", "{\"a\":1}\n{\"b\":", 1, 13, "unexpected end of input in the record"},
		{"ndjson first truncated", `{"a":1`, 0, 6, "unexpected end of input in the first object"},

		// Malformed JSON inside a record, at the offset of the bad byte.
		{"missing colon", `[{"a" 1}]`, 0, 6, "want ':' after an object member's name"},
		{"unquoted key", `[{a:1}]`, 0, 2, "want a string naming an object member"},
		{"trailing comma in object", `[{"a":1,}]`, 0, 8, "want a string naming an object member"},
		{"trailing comma in array", `[{"a":[1,]}]`, 0, 9, "want a JSON value"},
		{"missing comma in object", `[{"a":1 "b":2}]`, 0, 8, "want ',' or '}' after an object member"},
		{"missing comma in array", `[{"a":[1 2]}]`, 0, 9, "want ',' or ']' after an array element"},
		{"mismatched bracket", `[{"a":[1}]`, 0, 8, "want ',' or ']'"},
		{"bad escape", `[{"a":"x\q"}]`, 0, 8, `invalid escape \q`},
		{"short unicode escape", `[{"a":"\u12G4"}]`, 0, 7, `malformed \u escape`},
		{"raw newline in string", "[{\"a\":\"x\ny\"}]", 0, 8, "control character byte 0x0a in a string"},
		{"raw tab in string", "[{\"a\":\"\t\"}]", 0, 7, "control character byte 0x09"},
		{"leading zero", `[{"a":01}]`, 0, 6, "malformed number"},
		{"bare minus", `[{"a":-}]`, 0, 6, "want a digit after '-'"},
		{"bare dot", `[{"a":1.}]`, 0, 6, "want a digit after '.'"},
		{"bare exponent", `[{"a":1e}]`, 0, 6, "want a digit in the exponent"},
		{"plus sign", `[{"a":+1}]`, 0, 6, "unexpected '+'; want a JSON value"},
		{"hex number", `[{"a":0x1}]`, 0, 6, "malformed number"},
		{"NaN", `[{"a":NaN}]`, 0, 6, "unexpected 'N'"},
		{"bad literal", `[{"a":nul}]`, 0, 6, "unexpected 'n'; want a JSON value"},
		{"literal suffix", `[{"a":truex}]`, 0, 10, "unexpected 'x'"},
		{"single quotes", `[{'a':1}]`, 0, 2, "want a string naming an object member"},
		{"unterminated string", `[{"a":"xyz`, 0, 10, "unexpected end of input in the record"},
		{"truncated escape", `[{"a":"\u00`, 0, 11, "unexpected end of input in the record"},
		{"too deep", "[" + strings.Repeat(`{"a":`, maxDepth+1), 0, 1 + 5*maxDepth, "nesting deeper than 10000 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, _, err := readVariants(t, tt.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			if len(recs) != tt.n || e.Index != tt.n || e.Offset != tt.offset || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("%d records, error %+v; want %d records, index %d, offset %d, message with %q", len(recs), e, tt.n, tt.n, tt.offset, tt.msg)
			}
			if e.Err != nil {
				t.Errorf("Err = %v, want nil for malformed data", e.Err)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	e := &Error{Index: 2, Offset: 1234, Msg: "unexpected end of input in the record"}
	if got, want := e.Error(), "record 3 at byte 1234: unexpected end of input in the record"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestRecordTooLong(t *testing.T) {
	defer func(old int) { maxRecordSize = old }(maxRecordSize)
	maxRecordSize = 1000
	ok := `[{"s":"` + strings.Repeat("x", 990) + `"},`
	in := ok + `{"s":"` + strings.Repeat("y", 2000) + `"}]`
	recs, _, _, err := readVariants(t, in)
	var e *Error
	if !errors.As(err, &e) || len(recs) != 1 || e.Index != 1 || e.Offset != int64(len(ok)) || !strings.Contains(e.Msg, "longer than 1000 bytes in the record") {
		t.Errorf("%d records, error %v", len(recs), err)
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	src := io.MultiReader(strings.NewReader(`[{"a":1},{"b":`), iotest.ErrReader(boom))
	rd := NewReader(src)
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	_, err := rd.Next()
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, boom) || e.Index != 1 || e.Offset != 14 {
		t.Errorf("error %v, want the read error at record 2, byte 14", err)
	}

	// A reader that never returns data nor an error.
	rd = NewReader(iotest.OneByteReader(emptyReader{}))
	if _, err := rd.Next(); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("error %v, want io.ErrNoProgress", err)
	}
}

type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }

package records

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestInputNamed: inputs that are not machine lists for a reason a person
// can act on are errors saying so, with the cause in Error.Err. Before,
// an empty input and a Defender error body read as an empty fleet, and
// UTF-16 failed with "found byte 0xff".
func TestInputNamed(t *testing.T) {
	unauthorized := `{"error":{"code":"Unauthorized","message":"Authorization token is expired.","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}`
	tests := []struct {
		name   string
		in     string
		n      int    // records read before the error
		offset int64  // Error.Offset
		cause  error  // errors.Is; nil for an *ErrorResponse
		msg    string // a substring of Error.Msg
	}{
		{"empty", "", 0, 0, ErrEmpty, "the input is empty (it holds nothing)"},
		{"white space only", " \n\t\r\n", 0, 5, ErrEmpty, "the input is empty (it holds only white space)"},
		{"byte order mark only", "\ufeff\n", 0, 4, ErrEmpty, "the input is empty"},

		{"error body", unauthorized, 0, 0, nil, "an error response from the Defender API, not a machine list: " +
			"Unauthorized: Authorization token is expired. (target 43f4cb08-8fac-4b65-9db1-745c2ae65f3a)"},
		{"error body pretty", "\ufeff{\n  \"error\" : {\"message\":\"Rate limit is exceeded.\",\"code\":\"TooManyRequests\"}\n}\n",
			0, 3, nil, "not a machine list: TooManyRequests: Rate limit is exceeded."},
		{"error body escaped name", `{"\u0065rror":{"code":"Forbidden"}}`, 0, 0, nil, "not a machine list: Forbidden"},
		{"error body odd values", `{"error":{"code":429,"message":{"text":"slow down"}}}`, 0, 0, nil, `not a machine list: 429: {"text":"slow down"}`},
		{"error body empty", `{"error":{}}`, 0, 0, nil, "not a machine list: (no code)"},
		{"error record in array", `[{"id":"a"},{"error":{"code":"InternalServerError"}}]`, 1, 12, nil,
			"an error response from the Defender API, not a machine record: InternalServerError"},
		{"error record in envelope", `{"value":[{"error":{"code":"X","message":"m"}}]}`, 0, 10, nil, "not a machine record: X: m"},
		{"error line in NDJSON", "{\"id\":\"a\"}\n{\"error\":{\"code\":\"TooManyRequests\"}}\n", 1, 11, nil, "not a machine record: TooManyRequests"},

		{"array of saved pages", `[{"@odata.context":"c","value":[{"id":"a"}]},{"value":[]}]`, 0, 1, ErrPages,
			`a Defender response (a saved page, with a "value" member), not a machine record: the input is an array of saved pages, as jq -s writes; ` +
				"flatten it into machines first, as with jq '[.[].value[]]' FILE > machines.json"},
		{"array of pages, pretty", "[\n  {\n    \"@odata.context\": \"c\",\n    \"value\": []\n  }\n]\n", 0, 4, ErrPages, "as jq -s writes"},
		{"page after machines", `[{"id":"a"},{"id":"b"},{"value":[{"id":"c"}]}]`, 2, 23, ErrPages, "jq '[.[].value[]]'"},
		{"page without context", `[{"value":[{"id":"a"}]}]`, 0, 1, ErrPages, "an array of saved pages"},
		{"page with value null", `[{"value":null,"id":"a"}]`, 0, 1, ErrPages, "not a machine record"},
		{"page with escaped value", `[{"\u0076alue":[]}]`, 0, 1, ErrPages, "not a machine record"},
		{"NDJSON of pages", "{\"@odata.context\":\"c\",\"value\":[{\"id\":\"a\"}]}\n{\"@odata.context\":\"c\",\"value\":[{\"id\":\"b\"}]}\n", 1, 44, ErrPages,
			"a second JSON object after the end of the Defender response: the input holds several documents (saved pages one a line, or files concatenated); " +
				"flatten the pages into one machine a line first, as with jq -c '.value[]' FILE > machines.ndjson"},
		{"pages concatenated", `{"value":[]}{"value":[{"id":"b"}]}`, 0, 12, ErrPages, "a second JSON object after the end of the Defender response"},
		{"arrays concatenated", "[{\"id\":\"a\"}]\n[{\"id\":\"b\"}]", 1, 13, ErrPages, "a second JSON array after the end of the first: the input holds several arrays, one after another; " +
			"flatten them into one machine a line first, as with jq -c '.[]' FILE > machines.ndjson"},
		{"NDJSON machine then page", "{\"id\":\"a\"}\n{\"value\":[{\"id\":\"b\"}]}\n", 1, 11, ErrPages,
			"the input holds saved pages among its records; flatten them into one machine a line first, as with jq -c '.value[]' PAGE.json... > machines.ndjson"},
		{"envelope, then a machine", "{\"value\":[]}\n{\"id\":\"a\"}\n", 0, 13, ErrPages, "a second JSON object after the end of the Defender response"},
		{"page inside an envelope", `{"value":[{"value":[]}]}`, 0, 10, ErrPages, "not a machine record"},

		{"UTF-16LE with BOM", utf16LE("\ufeff" + `{"value":[]}`), 0, 0, ErrUTF16,
			"the input is UTF-16 (little-endian, with a byte order mark), not UTF-8: convert it first, as with iconv -f UTF-16 -t UTF-8"},
		{"UTF-16BE with BOM", utf16BE("\ufeff[]"), 0, 0, ErrUTF16, "UTF-16 (big-endian, with a byte order mark)"},
		{"UTF-16LE", utf16LE(`[{"id":"a"}]`), 0, 0, ErrUTF16, "UTF-16 (little-endian, without a byte order mark), not UTF-8: convert it first, as with iconv -f UTF-16LE -t UTF-8"},
		{"UTF-16BE", utf16BE("\r\n{}"), 0, 0, ErrUTF16, "iconv -f UTF-16BE -t UTF-8"},
		{"UTF-16 says PowerShell", utf16LE("\ufeff[]"), 0, 0, ErrUTF16, "Out-File -Encoding utf8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, _, err := readVariants(t, tt.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			if len(recs) != tt.n || e.Index != tt.n || e.Offset != tt.offset || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("after %d records: %v (index %d, offset %d)\nwant after %d records, offset %d, a message with %q",
					len(recs), err, e.Index, e.Offset, tt.n, tt.offset, tt.msg)
			}
			var er *ErrorResponse
			if tt.cause != nil && !errors.Is(err, tt.cause) || tt.cause == nil && !errors.As(err, &er) {
				t.Errorf("cause %v, want %v", e.Err, tt.cause)
			}
		})
	}
}

// TestErrorResponseFields: the code, message and target come out as text.
func TestErrorResponseFields(t *testing.T) {
	_, err := NewReader(strings.NewReader(`{"error":{"code":"Unauthorized","message":"Authorization has been denied for this request.","target":"a1"}}`)).Next()
	var er *ErrorResponse
	if !errors.As(err, &er) || *er != (ErrorResponse{Code: "Unauthorized", Message: "Authorization has been denied for this request.", Target: "a1"}) {
		t.Errorf("error %v, want the error body's fields as an *ErrorResponse", err)
	}
}

// TestNotErrorResponse: objects that only look like error bodies or saved
// pages are records (or envelopes) as before.
func TestNotErrorResponse(t *testing.T) {
	for _, in := range []string{
		`{"error":"x"}`,                                           // not an object
		`{"error":{"code":"X"},"id":"a"}`,                         // more members: a record with an "error" field
		`{"id":"a","error":{"code":"X"}}`,                         // the same, the other way round
		`[{"errors":{"code":"X"}}]`,                               // another name
		`{"value":[],"error":{"code":"X"}}`,                       // an envelope
		`[{"id":"a","vmMetadata":{"value":[]}}]`,                  // "value" nested in a member, not the record's own
		`[{"values":[],"valu":1,"Value":2}]`,                      // other names
		`{"@odata.context":"c$entity","id":"a"}`,                  // one machine, as GET /api/machines/{id} answers
		"{\"id\":\"a\"}\n{\"@odata.context\":\"c\",\"id\":\"b\"}", // such answers, one a line
	} {
		rd := NewReader(strings.NewReader(in))
		for {
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: %v, want it read as before", in, err)
				break
			}
		}
	}
}

// TestValueAnyCase: a record with a member "value" in another case that
// holds an array ("Value":[…]) is a saved page too, not an all-null
// machine, wherever it comes; read by Next and by chunks alike.
func TestValueAnyCase(t *testing.T) {
	for _, in := range []string{
		"{\"Value\":[{\"id\":\"b\",\"healthStatus\":\"Active\"}]}\n",
		"{\"id\":\"a\"}\n{\"VALUE\":[]}\n",
		"{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"\\u0056alue\":[{\"id\":\"c\"}]}\n",
		`[{"id":"a"},{"vAlUe":[{"id":"b"}]}]`,
		`{"value":[{"id":"a"},{"Value":[{"id":"b"}]}]}`,
	} {
		rd := NewReader(strings.NewReader(in))
		var err error
		for err == nil {
			_, err = rd.Next()
		}
		if !errors.Is(err, ErrPages) {
			t.Errorf("%s: %v, want %v", in, err, ErrPages)
		}
		checkChunks(t, []byte(in))
	}
}

// TestNextLink: an envelope's @odata.nextLink, before or after "value",
// as the Defender API writes it.
func TestNextLink(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`{"@odata.context":"c","value":[{"id":"a"}],"@odata.nextLink":"https://api.securitycenter.microsoft.com/api/machines?$skip=10000"}`,
			"https://api.securitycenter.microsoft.com/api/machines?$skip=10000"},
		{`{"@odata.nextLink":"n?$skip=1","value":[]}`, "n?$skip=1"},
		{`{"value":[{"id":"a"}]}`, ""},
		{`{"value":[],"@odata.nextLink":null}`, ""},
		{`[{"@odata.nextLink":"x"}]`, ""},
	}
	for _, tt := range tests {
		rd := NewReader(strings.NewReader(tt.in))
		for {
			if _, err := rd.Next(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", tt.in, err)
			}
		}
		if got := rd.NextLink(); got != tt.want {
			t.Errorf("%s: NextLink() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func utf16LE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func utf16BE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

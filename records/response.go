package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ErrEmpty is the cause (Error.Err) of the error for an input that holds
// no JSON at all: nothing, or only white space and a byte order mark. An
// empty file is more often a failed download than an empty fleet, which a
// Defender response writes as {"value":[]}, an array as [].
var ErrEmpty = errors.New("the input is empty")

// ErrUTF16 is the cause (Error.Err) of the error for an input encoded in
// UTF-16, as Windows PowerShell 5 writes files by default; JSON
// exchanged between systems is UTF-8 (RFC 8259 §8.1).
var ErrUTF16 = errors.New("the input is UTF-16, not UTF-8")

// ErrPages is the cause (Error.Err) of the error for an input that holds
// several machine lists rather than one: a JSON array or NDJSON of saved
// Defender responses (what jq -s, or jq -c ., writes over several saved
// pages), or responses or arrays concatenated. Read as one list, each
// response would be a "machine" with every field null; the error says
// how to flatten the pages into machines instead.
var ErrPages = errors.New("the input holds several machine lists")

// ErrorResponse is a Defender (OData) error body found where machines were
// expected: {"error":{"code":"…","message":"…","target":"…"}}, what the
// API returns for an expired token (401 Unauthorized), a throttled call
// (429 TooManyRequests) or a bad query (400). It is the cause (Error.Err)
// of the Reader's error, so errors.As finds it.
//
// The Reader takes an object with exactly one member, "error", whose value
// is an object, for an error body: as the input's first object, and as
// any record. Defender machine records have no "error" member.
type ErrorResponse struct {
	Code    string // "Unauthorized", "TooManyRequests", …; "" when absent
	Message string // free text
	Target  string // the request id, for Microsoft support
}

// Error returns "CODE: MESSAGE (target TARGET)", leaving out what is empty.
func (e *ErrorResponse) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if b.Len() == 0 {
		b.WriteString("(no code)")
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Target != "" {
		b.WriteString(" (target " + e.Target + ")")
	}
	return b.String()
}

// errorResponse returns the error body the object raw is, with its
// members as the scanner noted them, or nil when it is not one.
func errorResponse(raw []byte, members []Member) *ErrorResponse {
	if len(members) != 1 {
		return nil
	}
	m := members[0]
	if raw[m.Value] != '{' || memberName(raw[m.Name:m.Value]) != "error" {
		return nil
	}
	var body struct{ Code, Message, Target json.RawMessage }
	if json.NewDecoder(bytes.NewReader(raw[m.Value:])).Decode(&body) != nil {
		return &ErrorResponse{} // the scanner found it well-formed: a duplicate name, say
	}
	return &ErrorResponse{Code: text(body.Code), Message: text(body.Message), Target: text(body.Target)}
}

// text returns a JSON string's value, or any other value's JSON text
// (cut short), for messages.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if len(raw) > 200 {
		return string(raw[:200]) + "…"
	}
	return string(raw)
}

// errorResponseError is the *Error for an error body: the whole input
// when first is true, else one record.
func (r *Reader) errorResponseError(at int, er *ErrorResponse, first bool) error {
	what := "a machine record"
	if first {
		what = "a machine list"
	}
	return &Error{Index: r.index, Offset: r.base + int64(at), Err: er,
		Msg: "an error response from the Defender API, not " + what + ": " + er.Error()}
}

// UTF16 reports whether a text whose first bytes are b (at least two,
// unless the text is shorter) is UTF-16, as Windows PowerShell 5 saves
// with '>', the way Reader tells it: desc says which ("UTF-16
// (little-endian, with a byte order mark)") and iconvName is iconv's name
// for it, for a message that says how to convert it. The command uses it
// for the files that hold a filter or a query too.
func UTF16(b []byte) (desc, iconvName string, ok bool) { return isUTF16(b) }

// isUTF16 reports whether the input, whose first bytes are b (at least two,
// unless the input is shorter), is UTF-16, and how to say so. A JSON text
// starts with an ASCII character, which UTF-16 spells with a zero byte
// before (big-endian) or after (little-endian) it; a byte order mark
// names the order.
func isUTF16(b []byte) (desc, iconvName string, ok bool) {
	switch {
	case len(b) < 2:
		return "", "", false
	case b[0] == 0xFF && b[1] == 0xFE:
		return "UTF-16 (little-endian, with a byte order mark)", "UTF-16", true
	case b[0] == 0xFE && b[1] == 0xFF:
		return "UTF-16 (big-endian, with a byte order mark)", "UTF-16", true
	case b[0] != 0 && b[0] < 0x80 && b[1] == 0:
		return "UTF-16 (little-endian, without a byte order mark)", "UTF-16LE", true
	case b[0] == 0 && b[1] != 0 && b[1] < 0x80:
		return "UTF-16 (big-endian, without a byte order mark)", "UTF-16BE", true
	}
	return "", "", false
}

// utf16Error is the *Error for a UTF-16 input: what it is and how to
// convert it.
func (r *Reader) utf16Error(desc, iconvName string) error {
	return &Error{Index: 0, Offset: r.base + int64(r.pos), Err: ErrUTF16, Msg: fmt.Sprintf(
		"the input is %s, not UTF-8: convert it first, as with iconv -f %s -t UTF-8 FILE > FILE.utf8.json, "+
			"or in PowerShell save it with Out-File -Encoding utf8 (Set-Content -Encoding utf8)", desc, iconvName)}
}

// hasValue reports whether the object raw, with its members as the
// scanner noted them, has a member named "value", or one named so in
// another case ("Value") that holds an array: it is a Defender response,
// not a machine (machine records have none; an unknown member "Value"
// holding something else stays an unknown member). The first byte of
// each name decides for almost every member, so the hot path pays a
// comparison a member.
func hasValue(raw []byte, members []Member) bool {
	for _, m := range members {
		var name string
		switch raw[m.Name+1] {
		case 'v', 'V':
			if !bytes.EqualFold(raw[m.Name:min(m.Name+7, m.Value)], []byte(`"value"`)) {
				continue
			}
			name = string(raw[m.Name+1 : m.Name+6])
		case '\\':
			name = memberName(raw[m.Name:m.Value])
		default:
			continue
		}
		if name == "value" || strings.EqualFold(name, "value") && int(m.Value) < len(raw) && raw[m.Value] == '[' {
			return true
		}
	}
	return false
}

// pagesError is the *Error for a second machine list where a record or
// the end of the input was expected (ErrPages): a Defender response as a
// record of the list, or, afterEnd, a second document after the first
// envelope or array. It says how to flatten the lists.
func (r *Reader) pagesError(at int, afterEnd bool) error {
	var msg string
	switch {
	case afterEnd && r.format == Array:
		msg = "a second JSON array after the end of the first: the input holds several arrays, one after " +
			"another; flatten them into one machine a line first, as with jq -c '.[]' FILE > machines.ndjson"
	case afterEnd:
		msg = "a second JSON object after the end of the Defender response: the input holds several documents " +
			"(saved pages one a line, or files concatenated); flatten the pages into one machine a line first, " +
			"as with jq -c '.value[]' FILE > machines.ndjson"
	case r.format == Array:
		msg = `a Defender response (a saved page, with a "value" member), not a machine record: the input is ` +
			"an array of saved pages, as jq -s writes; flatten it into machines first, as with " +
			"jq '[.[].value[]]' FILE > machines.json"
	default:
		msg = `a Defender response (a saved page, with a "value" member), not a machine record: ` +
			"the input holds saved pages among its records; flatten them into one machine a line first, " +
			"as with jq -c '.value[]' PAGE.json... > machines.ndjson"
	}
	return &Error{Index: r.index, Offset: r.base + int64(at), Err: ErrPages, Msg: msg}
}

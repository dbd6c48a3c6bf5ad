package records

import (
	"errors"
	"fmt"

	"github.com/odatafilter/odatafilter/schema"
)

// Error reports malformed input: where it is and what is wrong. Every error
// Reader.Next returns, other than io.EOF, is an *Error; a failure to read
// the underlying input is one too, with Err set, as are an empty input
// (ErrEmpty), a UTF-16 one (ErrUTF16) and a Defender error body
// (*ErrorResponse).
type Error struct {
	// Index is the 0-based position of the record being read when the
	// problem was found: the number of records returned before it. For a
	// problem between or after records (a missing comma, data after the
	// end), it is the record that would have come next.
	Index int

	// Offset is the byte offset in the input where the problem is: the bad
	// byte, or the end of the input when it is truncated.
	Offset int64

	// Msg says what is wrong.
	Msg string

	// Err is the cause, when there is one to tell apart: the error of the
	// underlying io.Reader when reading it failed, ErrEmpty, ErrUTF16, or
	// the *ErrorResponse the input holds. It is nil for malformed data.
	Err error
}

// Error returns "record N at byte OFFSET: MSG", N 1-based, as people count.
func (e *Error) Error() string {
	return fmt.Sprintf("record %d at byte %d: %s", e.Index+1, e.Offset, e.Msg)
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// describe names the JSON value or the character that starts with c, for
// messages: "a string", "an array", "'x'".
func describe(c byte) string {
	switch {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	}
	return char(c)
}

// char shows one input byte in a message: a printable ASCII character in
// quotes, anything else in hex.
func char(c byte) string {
	if c > ' ' && c < 0x7f {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// DecodeError turns an error from decoding rec with package schema into an
// *Error naming rec, at the bad value's offset in the input when err is a
// *schema.FieldError ("field NAME: ..."), at the record's otherwise.
func DecodeError(rec Record, err error) error {
	e := &Error{Index: rec.Index, Offset: rec.Offset, Msg: err.Error()}
	var fe *schema.FieldError
	if errors.As(err, &fe) {
		e.Offset += int64(fe.Offset)
		e.Msg = fe.Err.Error()
		if fe.Field != "" {
			e.Msg = "field " + fe.Field + ": " + e.Msg
		}
	}
	return e
}

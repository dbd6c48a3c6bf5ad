package schema

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// maxSkipDepth bounds the nesting of unknown values the decoder skips, as
// encoding/json bounds its own: deep input fails fast instead of recursing.
const maxSkipDepth = 10000

// decoder reads one JSON record. It works on a string copy of the input, so
// a decoded string without escapes is a substring of it and costs nothing
// more; every string of a record shares that one allocation. (A
// Projection that stores no string reads the input in place instead.)
type decoder struct {
	s    string
	i    int
	keep uint32 // the fields to store (bit i: machineJSONNames[i]); the others are only checked

	// maxDepth, when not 0, is the deepest skip may go instead of
	// maxSkipDepth (UnmarshalAt).
	maxDepth int

	// The path of the value being decoded, for errors.
	field string // top-level JSON name, "" outside a field
	index int    // element index within field, or -1
	sub   string // property of that element (ipAddresses), or ""
}

// errorAt returns a *FieldError for the value at byte offset off.
func (d *decoder) errorAt(off int, err error) error {
	path := d.field
	if d.index >= 0 {
		path = fmt.Sprintf("%s[%d]", path, d.index)
	}
	if d.sub != "" {
		path += "." + d.sub
	}
	return &FieldError{Field: path, Offset: off, Err: err}
}

func (d *decoder) errorf(off int, format string, args ...any) error {
	return d.errorAt(off, fmt.Errorf(format, args...))
}

func (d *decoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, or 0 at the end.
func (d *decoder) peek() byte {
	// Compact JSON, the common case, has no white space to skip: return
	// before the loop, in code small enough to inline.
	if d.i < len(d.s) && d.s[d.i] > ' ' {
		return d.s[d.i]
	}
	return d.peekSlow()
}

func (d *decoder) peekSlow() byte {
	d.ws()
	if d.i < len(d.s) {
		return d.s[d.i]
	}
	return 0
}

// kind names the JSON value starting with c, for type errors.
func kind(c byte) string {
	switch c {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "a number"
	}
	return ""
}

// typeError reports a value of the wrong JSON kind (or a syntax error, when
// the next byte starts no value at all).
func (d *decoder) typeError(want string) error {
	c := d.peek()
	if k := kind(c); k != "" {
		return d.errorf(d.i, "want %s, got %s", want, k)
	}
	return d.syntaxError()
}

func (d *decoder) syntaxError() error {
	if d.i >= len(d.s) {
		return d.errorAt(d.i, errors.New("unexpected end of JSON input"))
	}
	r, _ := utf8.DecodeRuneInString(d.s[d.i:])
	return d.errorf(d.i, "invalid character %q in JSON", r)
}

// expect consumes the byte c after optional white space.
func (d *decoder) expect(c byte) error {
	if d.peek() != c {
		return d.syntaxError()
	}
	d.i++
	return nil
}

// literal consumes true, false or null, whichever starts at d.i.
func (d *decoder) literal(word string) error {
	if len(d.s)-d.i >= len(word) && d.s[d.i:d.i+len(word)] == word {
		d.i += len(word)
		return nil
	}
	for k := 0; k < len(word) && d.i < len(d.s) && d.s[d.i] == word[k]; k++ {
		d.i++
	}
	return d.syntaxError()
}

// number consumes a JSON number and returns its text, and whether it is
// written as an integer (no fraction, no exponent).
func (d *decoder) number() (text string, integer bool, err error) {
	start := d.i
	digits := func() int {
		n := 0
		for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.i < len(d.s) && d.s[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.s) && d.s[d.i] == '0':
		d.i++
	case digits() == 0:
		return "", false, d.syntaxError()
	}
	integer = true
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		integer = false
		if digits() == 0 {
			return "", false, d.syntaxError()
		}
	}
	if d.i < len(d.s) && d.s[d.i]|0x20 == 'e' {
		d.i++
		integer = false
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return "", false, d.syntaxError()
		}
	}
	return d.s[start:d.i], integer, nil
}

// skip consumes any JSON value, checking its syntax.
func (d *decoder) skip(depth int) error {
	if depth > maxSkipDepth || d.maxDepth != 0 && depth > d.maxDepth {
		return d.errorf(d.i, "JSON nested deeper than %d", maxSkipDepth)
	}
	switch d.peek() {
	case '"':
		return d.skipStr()
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	case '[':
		d.i++
		if d.peek() == ']' {
			d.i++
			return nil
		}
		for {
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			if more, err := d.next(']'); !more || err != nil {
				return err
			}
		}
	case '{':
		d.i++
		if d.peek() == '}' {
			d.i++
			return nil
		}
		for {
			if _, err := d.key(); err != nil {
				return err
			}
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			if more, err := d.next('}'); !more || err != nil {
				return err
			}
		}
	}
	_, _, err := d.number()
	return err
}

// key consumes an object key and its colon.
func (d *decoder) key() (string, error) {
	if d.peek() != '"' {
		return "", d.syntaxError()
	}
	// A plain ASCII name followed at once by its colon, as every name in
	// a Defender record is, is read without str's checks.
	if i := plainRun(d.s, d.i+1, lanes80); i+1 < len(d.s) && d.s[i] == '"' && d.s[i+1] == ':' {
		k := d.s[d.i+1 : i]
		d.i = i + 2
		return k, nil
	}
	k, err := d.str()
	if err != nil {
		return "", err
	}
	return k, d.expect(':')
}

// next consumes the comma between elements (more is true) or the closing
// byte (more is false).
func (d *decoder) next(closing byte) (more bool, err error) {
	switch d.peek() {
	case ',':
		d.i++
		return true, nil
	case closing:
		d.i++
		return false, nil
	}
	return false, d.syntaxError()
}

// parseInt64 parses a base-10 integer as JSON writes it.
func parseInt64(s string) (int64, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("%s is out of the Int64 range", clip(s))
		}
		return 0, fmt.Errorf("%q is not an integer", clip(s))
	}
	return v, nil
}

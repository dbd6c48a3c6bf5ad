package schema

import (
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// str consumes a string and returns its value. Invalid UTF-8 and lone
// surrogate escapes become U+FFFD, as encoding/json does.
func (d *decoder) str() (string, error) {
	if err := d.expect('"'); err != nil {
		return "", err
	}
	start := d.i
	for {
		d.i = plainRun(d.s, d.i, lanes80)
		if d.i >= len(d.s) {
			return "", d.syntaxError()
		}
		switch c := d.s[d.i]; {
		case c == '"':
			d.i++
			return d.s[start : d.i-1], nil
		case c == '\\' || c < 0x20:
			return d.strSlow(start)
		default: // c >= utf8.RuneSelf
			r, size := utf8.DecodeRuneInString(d.s[d.i:])
			if r == utf8.RuneError && size == 1 {
				return d.strSlow(start)
			}
			d.i += size
		}
	}
}

// skipStr consumes a string whose value is not wanted: it finds the closing
// quote eight bytes at a time and builds nothing. It accepts what str
// accepts and reports what str reports (it lets str read a string that
// holds an error, to say so in str's words).
func (d *decoder) skipStr() error {
	start := d.i
	if d.peek() != '"' {
		return d.syntaxError()
	}
	i := d.i + 1
	for {
		// Bytes of 0x80 and up pass: str turns invalid UTF-8 into U+FFFD
		// rather than failing, and a skipped value is not kept.
		i = plainRun(d.s, i, 0)
		if i >= len(d.s) {
			break
		}
		c := d.s[i]
		if c == '"' {
			d.i = i + 1
			return nil
		}
		if c != '\\' || i+1 >= len(d.s) {
			break
		}
		switch d.s[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
			continue
		case 'u':
			if _, ok := d.hex4(i + 2); ok {
				i += 6
				continue
			}
		}
		break
	}
	d.i = start
	_, err := d.str()
	return err
}

// The SWAR constants: a byte of 0x01 and of 0x80 in every lane.
const (
	lanes01 = 0x0101010101010101
	lanes80 = 0x8080808080808080
)

// specialLanes returns the high bit of each byte of x, eight bytes read
// little-endian, that is a quote, a backslash or a control character, or
// with high (lanes80) a byte of 0x80 and up. Each term flags a lane's high
// bit; a borrow may flag a lane above a flagged one falsely, but the
// lowest flagged lane is always right, and a word without such a byte has
// none flagged.
func specialLanes(x, high uint64) uint64 {
	q := x ^ (lanes01 * '"')
	bs := x ^ (lanes01 * '\\')
	return ((q-lanes01)&^q | (bs-lanes01)&^bs | (x-lanes01*0x20)&^x | x&high) & lanes80
}

// plainRun returns the index of the first byte at or after i that is a
// quote, a backslash or a control character, or len(s). high is lanes80
// to stop at bytes of 0x80 and up as well (non-ASCII text, which str
// checks), or 0 to pass them. It reads eight bytes at a time: strings are
// most of a record's bytes.
func plainRun(s string, i int, high uint64) int {
	for ; i+8 <= len(s); i += 8 {
		if m := specialLanes(load64(s, i), high); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c == '"' || c == '\\' || c < 0x20 || c >= 0x80 && high != 0 {
			break
		}
	}
	return i
}

// strSlow finishes a string that needs unescaping or repair; d.i is at the
// first byte the fast path could not take.
func (d *decoder) strSlow(start int) (string, error) {
	b := make([]byte, d.i-start, d.i-start+16)
	copy(b, d.s[start:d.i])
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return string(b), nil
		case c < 0x20:
			return "", d.errorf(d.i, "invalid control character %q in string", c)
		case c == '\\':
			r, err := d.escape()
			if err != nil {
				return "", err
			}
			b = utf8.AppendRune(b, r)
		case c < utf8.RuneSelf:
			b = append(b, c)
			d.i++
		default:
			r, size := utf8.DecodeRuneInString(d.s[d.i:])
			b = utf8.AppendRune(b, r) // RuneError for an invalid byte
			d.i += size
		}
	}
	return "", d.syntaxError()
}

// escape consumes one escape sequence (and the low half of a surrogate pair
// that follows a high one) and returns its rune.
func (d *decoder) escape() (rune, error) {
	off := d.i
	if d.i+1 >= len(d.s) {
		d.i = len(d.s)
		return 0, d.syntaxError()
	}
	c := d.s[d.i+1]
	d.i += 2
	switch c {
	case '"', '\\', '/':
		return rune(c), nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
		r, ok := d.hex4(d.i)
		if !ok {
			return 0, d.errorf(off, "invalid \\u escape in string")
		}
		d.i += 4
		if utf16.IsSurrogate(r) {
			if d.i+1 < len(d.s) && d.s[d.i] == '\\' && d.s[d.i+1] == 'u' {
				if r2, ok := d.hex4(d.i + 2); ok {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						d.i += 6
						return dec, nil
					}
				}
			}
			return utf8.RuneError, nil
		}
		return r, nil
	}
	return 0, d.errorf(off, "invalid escape %q in string", "\\"+string(c))
}

func (d *decoder) hex4(at int) (rune, bool) {
	if at+4 > len(d.s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(d.s[at : at+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

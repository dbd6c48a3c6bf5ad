package schema

import (
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
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return d.s[start : d.i-1], nil
		case c == '\\' || c < 0x20:
			return d.strSlow(start)
		case c < utf8.RuneSelf:
			d.i++
		default:
			r, size := utf8.DecodeRuneInString(d.s[d.i:])
			if r == utf8.RuneError && size == 1 {
				return d.strSlow(start)
			}
			d.i += size
		}
	}
	return "", d.syntaxError()
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

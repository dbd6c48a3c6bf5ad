package records

import (
	"encoding/binary"
	"math/bits"
)

// maxDepth is the deepest nesting of arrays and objects a record may have,
// as in schema's decoder.
const maxDepth = 10000

// The outcomes of a scan.
const (
	scanOK    = iota
	scanShort // the data ends before the value does: read more and scan again
	scanBad   // a syntax error, at scanner.errAt, described by scanner.errMsg
)

// scanner finds where a JSON value ends and checks that it is well-formed
// (RFC 8259), without decoding it. It is restartable rather than
// resumable: when the data runs out it reports scanShort and the caller
// scans the value again from its start once more data is in. Its only
// state is the stack of open containers, reused from value to value so the
// steady state allocates nothing.
type scanner struct {
	stack   []byte   // the open containers, '{' or '['
	members []Member // the members of the outermost object, when the value is one
	errAt   int
	errMsg  string
}

func (s *scanner) bad(at int, msg string) (int, int) {
	s.errAt, s.errMsg = at, msg
	return at, scanBad
}

// value scans the JSON value that starts at b[i], which is not white
// space, and returns the index just past it. When the value is an object,
// it notes where its members are (s.members), relative to b[i].
func (s *scanner) value(b []byte, i int) (int, int) {
	s.stack, s.members = s.stack[:0], s.members[:0]
	start := i
	st := scanOK
	for {
		// i is at the start of a value.
		if i >= len(b) {
			return i, scanShort
		}
		switch c := b[i]; c {
		case '"':
			if i, st = s.str(b, i); st != scanOK {
				return i, st
			}
		case '{', '[':
			if len(s.stack) >= maxDepth {
				return s.bad(i, "nesting deeper than 10000 levels")
			}
			s.stack = append(s.stack, c)
			if i = skipWS(b, i+1); i >= len(b) {
				return i, scanShort
			}
			if b[i] == c+2 { // '}' is '{'+2, ']' is '['+2
				s.stack = s.stack[:len(s.stack)-1]
				i++
				break
			}
			if c == '{' {
				if i, st = s.member(b, i, start); st != scanOK {
					return i, st
				}
			}
			continue
		case 't':
			if i, st = s.literal(b, i, "true"); st != scanOK {
				return i, st
			}
		case 'f':
			if i, st = s.literal(b, i, "false"); st != scanOK {
				return i, st
			}
		case 'n':
			if i, st = s.literal(b, i, "null"); st != scanOK {
				return i, st
			}
		default:
			if c != '-' && (c < '0' || c > '9') {
				return s.bad(i, "unexpected "+char(c)+"; want a JSON value")
			}
			if i, st = s.number(b, i); st != scanOK {
				return i, st
			}
		}
		// i is just past a value: close containers until one wants more.
		for {
			if len(s.stack) == 0 {
				return i, scanOK
			}
			if i = skipWS(b, i); i >= len(b) {
				return i, scanShort
			}
			top := s.stack[len(s.stack)-1]
			c := b[i]
			if c == top+2 {
				s.stack = s.stack[:len(s.stack)-1]
				i++
				continue
			}
			if c != ',' {
				if top == '{' {
					return s.bad(i, "unexpected "+char(c)+"; want ',' or '}' after an object member")
				}
				return s.bad(i, "unexpected "+char(c)+"; want ',' or ']' after an array element")
			}
			if i = skipWS(b, i+1); i >= len(b) {
				return i, scanShort
			}
			if top == '{' {
				if i, st = s.member(b, i, start); st != scanOK {
					return i, st
				}
			}
			break
		}
	}
}

// member scans an object member's name and colon, as key does, and notes
// where the member lies when the object is the record (the value starts at
// start), for Record.Members.
func (s *scanner) member(b []byte, i, start int) (int, int) {
	name := i
	i, st := s.key(b, i)
	if st == scanOK && len(s.stack) == 1 {
		s.members = append(s.members, Member{Name: int32(name - start), Value: int32(i - start)})
	}
	return i, st
}

// key scans an object member's name and its colon, from b[i] (not white
// space), and returns the index of its value.
func (s *scanner) key(b []byte, i int) (int, int) {
	if b[i] != '"' {
		return s.bad(i, "unexpected "+char(b[i])+"; want a string naming an object member")
	}
	i, st := s.str(b, i)
	if st != scanOK {
		return i, st
	}
	if i = skipWS(b, i); i >= len(b) {
		return i, scanShort
	}
	if b[i] != ':' {
		return s.bad(i, "unexpected "+char(b[i])+"; want ':' after an object member's name")
	}
	if i = skipWS(b, i+1); i >= len(b) {
		return i, scanShort
	}
	return i, scanOK
}

// skipWS returns the index of the first byte at or after i that is not
// JSON white space.
func skipWS(b []byte, i int) int {
	for i < len(b) {
		c := b[i]
		if c > ' ' || c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			break
		}
		i++
	}
	return i
}

// The SWAR constants: a byte of 0x01 and of 0x80 in every lane.
const (
	lanes01 = 0x0101010101010101
	lanes80 = 0x8080808080808080
)

// specialMask flags, in the high bit of its lane, each of the eight
// bytes in x that ends or escapes a string or is a control character:
// '"', '\\' or a byte below 0x20. A lane above a flagged one may be
// flagged falsely (a borrow), but the lowest flagged lane is always right,
// which is all str asks.
func specialMask(x uint64) uint64 {
	q := x ^ (lanes01 * '"')
	bs := x ^ (lanes01 * '\\')
	return ((q-lanes01)&^q | (bs-lanes01)&^bs | (x-lanes01*0x20)&^x) & lanes80
}

// str scans the string that starts with the quote at b[i] and returns the
// index just past its closing quote. It looks at eight bytes at a time for
// the next special byte; bytes are not checked for valid UTF-8 (encoding/json
// does not reject it either, and the record passes through unchanged).
func (s *scanner) str(b []byte, i int) (int, int) {
	i++
	for {
		for {
			if i+8 > len(b) {
				for i < len(b) && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\' {
					i++
				}
				break
			}
			if m := specialMask(binary.LittleEndian.Uint64(b[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(b) {
			return i, scanShort
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, scanOK
		case c == '\\':
			if i+1 >= len(b) {
				return i, scanShort
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) {
					return i, scanShort
				}
				for _, h := range b[i+2 : i+6] {
					if !isHex(h) {
						return s.bad(i, "malformed \\u escape in a string")
					}
				}
				i += 6
			default:
				return s.bad(i, "invalid escape \\"+string(rune(b[i+1]))+" in a string")
			}
		default: // c < 0x20
			return s.bad(i, "control character "+char(c)+" in a string; write it as an escape")
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// number scans a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.
// A number is never the last thing in a record, so reaching the end of b
// is always scanShort.
func (s *scanner) number(b []byte, i int) (int, int) {
	start := i
	if b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return i, scanShort
	}
	switch {
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i = digits(b, i+1)
	default:
		return s.bad(start, "malformed number: want a digit after '-'")
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			if j >= len(b) {
				return j, scanShort
			}
			return s.bad(start, "malformed number: want a digit after '.'")
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			if j >= len(b) {
				return j, scanShort
			}
			return s.bad(start, "malformed number: want a digit in the exponent")
		}
		i = j
	}
	if i >= len(b) {
		return i, scanShort
	}
	if c := b[i]; '0' <= c && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		return s.bad(start, "malformed number")
	}
	return i, scanOK
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// literal scans true, false or null at b[i].
func (s *scanner) literal(b []byte, i int, word string) (int, int) {
	for k := 0; k < len(word); k++ {
		if i+k >= len(b) {
			return i + k, scanShort
		}
		if b[i+k] != word[k] {
			return s.bad(i, "unexpected "+char(b[i])+"; want a JSON value")
		}
	}
	return i + len(word), scanOK
}

package lexer_test

import (
	"errors"
	"testing"

	"github.com/odatafilter/odatafilter/lexer"
)

// TestErrors checks that malformed input fails at the right byte: the
// offset and end of the lexer.Error.
func TestErrors(t *testing.T) {
	cases := []struct {
		in         string
		start, end int
	}{
		// Numbers.
		{"1.", 0, 2},
		{"a eq 1.", 5, 7},
		{".5", 0, 1},
		{"1L", 1, 2},
		{"1.5M", 3, 4},
		{"1.5m", 3, 4},
		{"12abc", 2, 5},
		{"1e", 0, 2},
		{"1e+", 0, 3},
		{"1.5.3", 3, 4},
		{"+INF", 0, 1},
		{"+a", 0, 1},
		{"+", 0, 1},

		// Dates and times: the ranges the ABNF spells out.
		{"2012-13-01", 5, 7},
		{"2012-00-01", 5, 7},
		{"2012-12-00", 8, 10},
		{"2012-12-32", 8, 10},
		{"2012-12-03x", 10, 11},
		{"2018-08-01Zx", 11, 12},
		{"24:00", 0, 2},
		{"12:60", 3, 5},
		{"12:00:60", 6, 8},
		{"13:52:01.", 8, 9},
		{"13:52x", 5, 6},
		{"2012-12-03T24:00Z", 11, 13},
		{"2012-12-03T07", 11, 13},
		{"2012-12-03T07:1Z", 14, 16},
		{"2012-12-03T07:16:Z", 16, 17},
		{"2012-12-03T07:16:23", 19, 19},                   // no zone
		{"2012-12-03T07:16:23+0100", 19, 20},              // offset without a colon
		{"2012-12-03T07:16:23+01", 19, 20},                // offset without minutes
		{"2012-12-03T07:16:23+24:00", 19, 25},             // offset out of range
		{"2012-12-03T07:16:23.1234567890123Z", 20, 33},    // 13 fractional digits
		{"13:52:01.1234567890123", 9, 22},                 // the same in a TimeOfDay
		{"a eq 2012-12-03T07:16:23.Z", 24, 25},            // a point without digits
		{"2012-12-03T07:16:23Z.5", 20, 21},                // something sticks to it
		{"01234567-89ab-cdef-0123-456789abcdefg", 11, 13}, // not a GUID: 01234567, -89, then ab

		// Strings.
		{"'abc", 0, 4},
		{"a eq 'x", 5, 7},
		{"'it''s", 0, 6},
		{"duration'P1D", 0, 12},
		{"Ns.T'x", 0, 6},
		{`"abc`, 0, 4},
		{`"abc\"`, 0, 6},

		// Names.
		{"$It", 0, 3},
		{"$ROOT", 0, 5},
		{"$This", 0, 5},
		{"$items", 0, 6},
		{"$", 0, 1},
		{"$1", 0, 1},
		{"@", 0, 1},
		{"@1", 0, 1},
		{"a.", 1, 2},

		// Characters that are not OData.
		{"*", 0, 1},
		{"a # b", 2, 3},
		{"a\nb", 1, 2},
		{"a eq \xff", 5, 6},
		{"€", 0, 3},
	}
	for _, c := range cases {
		toks, err := lexer.Tokenize(c.in)
		var le *lexer.Error
		if !errors.As(err, &le) {
			t.Errorf("%q: want an error at %d, got tokens %v (err %v)", c.in, c.start, toks, err)
			continue
		}
		if le.Offset != c.start || le.End != c.end {
			t.Errorf("%q: error at [%d,%d), want [%d,%d): %s", c.in, le.Offset, le.End, c.start, c.end, le.Message)
		}
		if le.Message == "" || le.Error() == "" {
			t.Errorf("%q: empty message", c.in)
		}
	}
}

// TestForeignOperators: an operator of another language is an error that
// names OData's word and suggests it, spaced as an operator must be.
func TestForeignOperators(t *testing.T) {
	cases := []struct {
		in         string
		start, end int
		suggestion string
	}{
		{"a == 1", 2, 4, "eq"},
		{"a==1", 1, 3, " eq "},
		{"a != 1", 2, 4, "ne"},
		{"a <> 1", 2, 4, "ne"},
		{"a < 1", 2, 3, "lt"},
		{"a <= 1", 2, 4, "le"},
		{"a > 1", 2, 3, "gt"},
		{"a >= 1", 2, 4, "ge"},
		{"a && b", 2, 4, "and"},
		{"a || b", 2, 4, "or"},
		{"a & b", 2, 3, "and"},
		{"a | b", 2, 3, "or"},
		{"!a", 0, 1, "not "},
		{"(!a)", 1, 2, "not "},
		{"a eq 1&$top=2", 6, 7, ""}, // query options, not an and
	}
	for _, c := range cases {
		_, err := lexer.Tokenize(c.in)
		var le *lexer.Error
		if !errors.As(err, &le) || le.Offset != c.start || le.End != c.end || le.Suggestion != c.suggestion {
			t.Errorf("%q: got %+v, want [%d,%d) suggesting %q", c.in, le, c.start, c.end, c.suggestion)
		}
	}
}

package lexer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/lexer"
)

// TestPasted: typographic quotes, Unicode spaces and line breaks pasted
// from a document get an error that names the character (its code point
// and what it is), the span to retype and the exact text to type.
func TestPasted(t *testing.T) {
	cases := []struct {
		in         string
		start, end int
		msg        string // a part of the message
		suggestion string
	}{
		{"riskScore eq ‘High’", 13, 23, "'‘' (U+2018, a left single quotation mark) is not a quote in OData", "'High'"},
		{"riskScore eq “High”", 13, 23, "U+201C, a left double quotation mark", "'High'"},
		{"riskScore eq „High“", 13, 23, "U+201E", "'High'"},
		{"riskScore eq ‘High'", 13, 21, "U+2018", "'High'"},
		{"riskScore eq ’High", 13, 16, "U+2019, a right single quotation mark", "'"},
		{"riskScore eq `High`", 13, 19, "'`' (U+0060, a backquote) is not a quote in OData: type straight", "'High'"},
		{"riskScore eq 'High’", 13, 21, "unterminated string: '’' (U+2019, a right single quotation mark) does not close it", "'High'"},
		{"riskScore eq 'High” and x", 13, 27, "U+201D", "'High' and x"},
		{"riskScore\u00a0eq 'High'", 9, 11, "'\\u00a0' (U+00A0, a no-break space) is not a space in OData", " "},
		{"a eq\u202f\u00a01", 4, 9, "U+202F, a narrow no-break space", " "},
		{"a eq\u200b1", 4, 7, "U+200B, a zero-width space", " "},
		{"a eq\u20031", 4, 7, "'\\u2003' (U+2003) is not a space", " "},
		{"riskScore eq 'High'\nand x eq 1", 19, 20, "a line break is not whitespace in OData", " "},
		{"riskScore eq 'High'\r\nand x eq 1", 19, 21, "a line break is not whitespace in OData", " "},
	}
	for _, c := range cases {
		_, err := lexer.Tokenize(c.in)
		var le *lexer.Error
		if !errors.As(err, &le) {
			t.Errorf("%q: got %v, want a lexer.Error", c.in, err)
			continue
		}
		if le.Offset != c.start || le.End != c.end || !strings.Contains(le.Message, c.msg) || le.Suggestion != c.suggestion {
			t.Errorf("%q: error at %d-%d %q, suggestion %q; want %d-%d containing %q, suggestion %q",
				c.in, le.Offset, le.End, le.Message, le.Suggestion, c.start, c.end, c.msg, c.suggestion)
		}
	}
	// Inside a string they are text, as any other character.
	for _, in := range []string{"a eq 'O’Hara'", "a eq '“x”'", "a eq 'a\u00a0b'"} {
		if _, err := lexer.Tokenize(in); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
}

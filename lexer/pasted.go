package lexer

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Characters that text pasted from a document, a mail or a chat carries
// where OData wants ASCII: typographic quotes, no-break and other Unicode
// spaces, and line breaks. Each gets an error that names the character and
// says what to type, with the exact replacement as the Suggestion.

// quoteNames names the characters taken for quotes, by what they are.
var quoteNames = map[rune]string{
	'\u2018': "a left single quotation mark",
	'\u2019': "a right single quotation mark",
	'\u201A': "a low single quotation mark",
	'\u201B': "a reversed single quotation mark",
	'\u2032': "a prime",
	'\u00B4': "an acute accent",
	'`':      "a backquote",
	'\u201C': "a left double quotation mark",
	'\u201D': "a right double quotation mark",
	'\u201E': "a low double quotation mark",
	'\u201F': "a reversed double quotation mark",
	'\u2033': "a double prime",
	'\u00AB': "a left guillemet",
	'\u00BB': "a right guillemet",
}

// spaceNames names the common Unicode spaces that are not OData's.
var spaceNames = map[rune]string{
	'\u00A0': "a no-break space",
	'\u202F': "a narrow no-break space",
	'\u2007': "a figure space",
	'\u2009': "a thin space",
	'\u200B': "a zero-width space",
	'\u2060': "a word joiner",
	'\uFEFF': "a zero-width no-break space (a byte order mark)",
	'\u3000': "an ideographic space",
}

// isPastedSpace reports whether r is a space other than OData's space and
// tab: Unicode's spaces, and the zero-width ones editors paste.
func isPastedSpace(r rune) bool {
	_, named := spaceNames[r]
	return named || r > utf8.RuneSelf && unicode.IsSpace(r)
}

// runeName is how a message names r: the character, its code point and
// what it is.
func runeName(r rune, what string) string {
	if what == "" {
		return fmt.Sprintf("%q (U+%04X)", r, r)
	}
	return fmt.Sprintf("%q (U+%04X, %s)", r, r, what)
}

// pasted returns the error for the character at start when it is one of
// the pasted look-alikes, or nil.
func (s *Scanner) pasted(start int) error {
	r, w := utf8.DecodeRuneInString(s.src[start:])
	switch {
	case r == '\n' || r == '\r':
		end := start + 1
		for end < len(s.src) && (s.src[end] == '\n' || s.src[end] == '\r') {
			end++
		}
		return &Error{Offset: start, End: end, Suggestion: " ",
			Message: "a line break is not whitespace in OData (only spaces and tabs are): write the filter on one line, joining the lines with a space"}
	case isPastedSpace(r):
		end := start + w
		for end < len(s.src) {
			r2, w2 := utf8.DecodeRuneInString(s.src[end:])
			if !isPastedSpace(r2) {
				break
			}
			end += w2
		}
		return &Error{Offset: start, End: end, Suggestion: " ",
			Message: fmt.Sprintf("%s is not a space in OData (pasted from a document?): type a plain space", runeName(r, spaceNames[r]))}
	}
	what, ok := quoteNames[r]
	if !ok {
		return nil
	}
	from := " (pasted from a document?)"
	if r == '`' {
		from = ""
	}
	msg := fmt.Sprintf("%s is not a quote in OData%s: type straight single quotes, ', around a string", runeName(r, what), from)
	// The string it opens ends at the next quote, typographic or straight:
	// suggest the whole literal, retyped.
	for i := start + w; i < len(s.src); {
		r2, w2 := utf8.DecodeRuneInString(s.src[i:])
		if _, q := quoteNames[r2]; q || r2 == '\'' {
			lit := "'" + s.src[start+w:i] + "'"
			return &Error{Offset: start, End: i + w2, Suggestion: lit, Message: msg}
		}
		i += w2
	}
	return &Error{Offset: start, End: start + w, Suggestion: "'", Message: msg}
}

// typographicQuote returns the offset and width of the first typographic
// single or double quote in s[from:], for the hint on a string that a
// typographic quote failed to close; ok is false when there is none.
func (s *Scanner) typographicQuote(from int) (at, w int, ok bool) {
	for i := from; i < len(s.src); {
		r, rw := utf8.DecodeRuneInString(s.src[i:])
		if _, q := quoteNames[r]; q && r != '`' {
			return i, rw, true
		}
		i += rw
	}
	return 0, 0, false
}

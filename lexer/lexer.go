package lexer

import (
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"

	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Definition is the OData lexer definition for participle. Its zero value is
// ready to use.
type Definition struct{}

// Symbols returns the token types by name, for the grammar.
func (Definition) Symbols() map[string]plexer.TokenType { return symbols }

// Lex reads r whole and tokenizes it.
func (d Definition) Lex(filename string, r io.Reader) (plexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

// LexString tokenizes s.
func (Definition) LexString(filename string, s string) (plexer.Lexer, error) {
	return &Scanner{src: s, filename: filename}, nil
}

// Error is a lexical error at a byte offset. Span is [Offset, End).
// Suggestion, when not empty, is the text to write in place of the span
// (OData's "ne" for a "!=").
type Error struct {
	Offset, End int
	Message     string
	Suggestion  string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Message) }

// Scanner produces the tokens of one input. It implements participle's
// lexer.Lexer.
type Scanner struct {
	src      string
	pos      int
	filename string
}

// NewScanner returns a scanner over s.
func NewScanner(s string) *Scanner { return &Scanner{src: s} }

// Tokenize returns all tokens of s, ending with EOF, or the first error.
func Tokenize(s string) ([]plexer.Token, error) {
	sc := NewScanner(s)
	toks := make([]plexer.Token, 0, len(s)/4+2)
	for {
		t, err := sc.Next()
		if err != nil {
			return toks, err
		}
		toks = append(toks, t)
		if t.Type == EOF {
			return toks, nil
		}
	}
}

func (s *Scanner) tok(t plexer.TokenType, start int) plexer.Token {
	return plexer.Token{Type: t, Value: s.src[start:s.pos], Pos: plexer.Position{Filename: s.filename, Offset: start, Line: 1, Column: start + 1}}
}

func (s *Scanner) errorf(start, end int, format string, args ...any) error {
	if end > len(s.src) {
		end = len(s.src)
	}
	if end <= start && start < len(s.src) {
		_, w := utf8.DecodeRuneInString(s.src[start:])
		end = start + w
	}
	return &Error{Offset: start, End: end, Message: fmt.Sprintf(format, args...)}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func isIdentStartByte(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

func isIdentByte(c byte) bool { return isIdentStartByte(c) || isDigit(c) }

// identStart reports whether an identifier starts at i, and the width of its
// first character.
func (s *Scanner) identStart(i int) (bool, int) {
	if i >= len(s.src) {
		return false, 0
	}
	c := s.src[i]
	if c < utf8.RuneSelf {
		return isIdentStartByte(c), 1
	}
	r, w := utf8.DecodeRuneInString(s.src[i:])
	return unicode.IsLetter(r) || r == unicode.ReplacementChar && w > 1, w
}

// identPart reports whether an identifier continues at i, and the width.
func (s *Scanner) identPart(i int) (bool, int) {
	if i >= len(s.src) {
		return false, 0
	}
	c := s.src[i]
	if c < utf8.RuneSelf {
		return isIdentByte(c), 1
	}
	r, w := utf8.DecodeRuneInString(s.src[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Pc), w
}

// identEnd returns the end of the simple identifier starting at i (which must
// be an identifier start).
func (s *Scanner) identEnd(i int) int {
	_, w := s.identStart(i)
	i += w
	for {
		ok, w := s.identPart(i)
		if !ok {
			return i
		}
		i += w
	}
}

// dottedEnd returns the end of a dotted name starting at i, and whether it
// has a dot.
func (s *Scanner) dottedEnd(i int) (int, bool) {
	end := s.identEnd(i)
	dotted := false
	for end < len(s.src) && s.src[end] == '.' {
		if ok, _ := s.identStart(end + 1); !ok {
			break
		}
		end = s.identEnd(end + 1)
		dotted = true
	}
	return end, dotted
}

func (s *Scanner) spaceBefore(i int) bool { return i > 0 && isSpace(s.src[i-1]) }

func (s *Scanner) spaceAt(i int) bool { return i < len(s.src) && isSpace(s.src[i]) }

// Next returns the next token, skipping whitespace.
func (s *Scanner) Next() (plexer.Token, error) {
	for s.pos < len(s.src) && isSpace(s.src[s.pos]) {
		s.pos++
	}
	start := s.pos
	if start >= len(s.src) {
		return plexer.Token{Type: EOF, Pos: plexer.Position{Filename: s.filename, Offset: start, Line: 1, Column: start + 1}}, nil
	}
	c := s.src[start]
	switch {
	case c == '=' && start+1 < len(s.src) && s.src[start+1] == '=':
		return plexer.Token{}, s.foreignOperator(start)
	case c == '=' && start+1 < len(s.src) && s.src[start+1] == '>':
		return plexer.Token{}, &Error{Offset: start, End: start + 2, Suggestion: ":",
			Message: "OData writes a lambda with a colon, any(t: t eq 'x'), not =>"}
	case c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ||
		c == ',' || c == ':' || c == '/' || c == '=' || c == ';':
		s.pos++
		return s.tok(Punct, start), nil
	case c == '\'':
		return s.quoted(String, start, start)
	case c == '"':
		return s.jsonString(start)
	case c == '@':
		return s.at(start)
	case c == '$':
		return s.dollar(start)
	case c == '-' || c == '+':
		return s.signed(start)
	case isDigit(c):
		return s.numeric(start, start)
	}
	if ok, _ := s.identStart(start); ok {
		return s.word(start)
	}
	if err := s.foreignOperator(start); err != nil {
		return plexer.Token{}, err
	}
	if err := s.pasted(start); err != nil {
		return plexer.Token{}, err
	}
	r, _ := utf8.DecodeRuneInString(s.src[start:])
	if r == utf8.RuneError {
		return plexer.Token{}, s.errorf(start, start+1, "invalid UTF-8 byte 0x%02x", c)
	}
	return plexer.Token{}, s.errorf(start, start, "unexpected character %q", r)
}

// quoted scans a single-quoted text starting at quote (a '...' string, or the
// body of a prefixed literal whose prefix starts at start).
func (s *Scanner) quoted(t plexer.TokenType, start, quote int) (plexer.Token, error) {
	i := quote + 1
	for i < len(s.src) {
		if s.src[i] == '\'' {
			if i+1 < len(s.src) && s.src[i+1] == '\'' {
				i += 2
				continue
			}
			s.pos = i + 1
			return s.tok(t, start), nil
		}
		i++
	}
	if at, w, ok := s.typographicQuote(quote + 1); ok {
		// 'High’: a typographic quote meant to close it.
		r, _ := utf8.DecodeRuneInString(s.src[at:])
		return plexer.Token{}, &Error{Offset: start, End: len(s.src), Suggestion: s.src[start:at] + "'" + s.src[at+w:],
			Message: fmt.Sprintf("unterminated string: %s does not close it (pasted from a document?); type the straight quote '", runeName(r, quoteNames[r]))}
	}
	return plexer.Token{}, s.errorf(start, len(s.src), "unterminated string: a quote inside a string is written ''")
}

func (s *Scanner) jsonString(start int) (plexer.Token, error) {
	i := start + 1
	for i < len(s.src) {
		switch s.src[i] {
		case '\\':
			i += 2
			continue
		case '"':
			s.pos = i + 1
			return s.tok(JSONString, start), nil
		}
		i++
	}
	return plexer.Token{}, s.errorf(start, len(s.src), "unterminated JSON string")
}

func (s *Scanner) at(start int) (plexer.Token, error) {
	if ok, _ := s.identStart(start + 1); !ok {
		return plexer.Token{}, s.errorf(start, start+1, "expected a name after @")
	}
	end, _ := s.dottedEnd(start + 1)
	if end < len(s.src) && s.src[end] == '#' {
		if ok, _ := s.identStart(end + 1); ok {
			end = s.identEnd(end + 1)
		}
	}
	s.pos = end
	return s.tok(At, start), nil
}

// dollarNames are the $-names an expression may use: $it, $root and $this
// exactly as written; $count and $filter in any case.
var dollarNames = map[string]string{"$count": "$count", "$filter": "$filter"}

func (s *Scanner) dollar(start int) (plexer.Token, error) {
	if ok, _ := s.identStart(start + 1); !ok {
		return plexer.Token{}, s.errorf(start, start+1, "expected a name after $")
	}
	end := s.identEnd(start + 1)
	name := s.src[start:end]
	s.pos = end
	t := s.tok(Ident, start)
	if end < len(s.src) && s.src[end] == '(' {
		t.Type = Func
	}
	switch name {
	case "$it", "$root", "$this":
		return t, nil
	}
	if canon, ok := dollarNames[lower(name)]; ok {
		t.Value = canon
		return t, nil
	}
	s.pos = start
	return plexer.Token{}, s.errorf(start, end, "unknown name %s: $it, $root and $this are case-sensitive; $count and $filter are the other $-names", name)
}

// signed handles "-" and "+": the sign of a number, date or INF, or unary minus.
func (s *Scanner) signed(start int) (plexer.Token, error) {
	next := start + 1
	if next < len(s.src) && isDigit(s.src[next]) {
		return s.numeric(start, next)
	}
	if s.src[start] == '-' && hasPrefixWord(s.src[next:], "INF") && !s.identContinues(next+3) {
		s.pos = next + 3
		return s.tok(Number, start), nil
	}
	if s.src[start] == '+' {
		return plexer.Token{}, s.errorf(start, start+1, "unexpected '+': only a number may carry a plus sign")
	}
	s.pos = next
	return s.tok(Minus, start), nil
}

func hasPrefixWord(s, w string) bool { return len(s) >= len(w) && s[:len(w)] == w }

func (s *Scanner) identContinues(i int) bool {
	ok, _ := s.identPart(i)
	return ok
}

// word scans a name, a keyword, an operator, a GUID starting with a letter,
// or a prefixed literal.
func (s *Scanner) word(start int) (plexer.Token, error) {
	if end, ok := s.guidAt(start); ok {
		s.pos = end
		return s.tok(Guid, start), nil
	}
	end, dotted := s.dottedEnd(start)
	name := s.src[start:end]
	if end < len(s.src) && s.src[end] == '\'' {
		if dotted {
			return s.quoted(Enum, start, end)
		}
		switch lower(name) {
		case "duration":
			return s.quoted(Duration, start, end)
		case "binary":
			return s.quoted(Binary, start, end)
		case "geography":
			return s.quoted(Geography, start, end)
		case "geometry":
			return s.quoted(Geometry, start, end)
		}
	}
	s.pos = end
	t := s.tok(Ident, start)
	if end < len(s.src) && s.src[end] == '(' {
		t.Type = Func
		return t, nil
	}
	if dotted {
		return t, nil
	}
	switch name {
	case "null":
		t.Type = Null
		return t, nil
	case "INF", "NaN":
		t.Type = Number
		return t, nil
	}
	if len(name) > maxKeyword {
		return t, nil // a plain name, and no need to lower-case it (which allocates)
	}
	low := lower(name)
	if low == "true" || low == "false" {
		t.Type = Boolean
		return t, nil
	}
	if s.spaceAt(end) {
		if low == "not" {
			t.Type, t.Value = Not, "not"
			return t, nil
		}
		if op, ok := operators[low]; ok && s.spaceBefore(start) {
			t.Type, t.Value = op, low
		}
	}
	return t, nil
}

// maxKeyword is the length of the longest keyword a plain name may be:
// divby, false.
const maxKeyword = 5

// lower returns s in ASCII lower case, without allocating when it already is.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// guidAt reports whether a GUID (8-4-4-4-12 hex digits) starts at i and is
// not followed by a name character.
func (s *Scanner) guidAt(i int) (int, bool) {
	const n = 36
	if len(s.src)-i < n {
		return 0, false
	}
	for j := 0; j < n; j++ {
		c := s.src[i+j]
		if j == 8 || j == 13 || j == 18 || j == 23 {
			if c != '-' {
				return 0, false
			}
		} else if !isHex(c) {
			return 0, false
		}
	}
	if s.identContinues(i + n) {
		return 0, false
	}
	return i + n, true
}

// foreignOperators are the operators of other languages that people write
// in a filter, with OData's word for each, longest first.
var foreignOperators = []struct{ op, odata string }{
	{"==", "eq"}, {"!=", "ne"}, {"<>", "ne"}, {"<=", "le"}, {">=", "ge"}, {"&&", "and"}, {"||", "or"},
	{"<", "lt"}, {">", "gt"}, {"!", "not"}, {"&", "and"}, {"|", "or"},
}

// foreignOperator returns the error for an operator of another language at
// start, saying what OData writes instead and suggesting it, spaced as an
// OData operator must be; nil when there is none at start.
func (s *Scanner) foreignOperator(start int) error {
	for _, f := range foreignOperators {
		if !hasPrefixWord(s.src[start:], f.op) {
			continue
		}
		end := start + len(f.op)
		sugg := f.odata
		if start > 0 && !isSpace(s.src[start-1]) && s.src[start-1] != '(' && f.odata != "not" {
			sugg = " " + sugg
		}
		if end == len(s.src) || !isSpace(s.src[end]) {
			sugg += " "
		}
		msg := fmt.Sprintf("OData has no %s operator: write %s", f.op, f.odata)
		switch {
		case f.odata == "not":
			msg = "OData has no ! operator: write not, followed by a space"
		case f.op == "&" && optionFollows(s.src[end:]):
			// "riskScore eq 'High'&$top=2": a filter with query options
			// after it, given where only a filter goes.
			return &Error{Offset: start, End: end, Message: "a '&' separates the options of a query string: " +
				"write the whole query string, with $filter= before the filter, where a query string goes"}
		}
		return &Error{Offset: start, End: end, Message: msg, Suggestion: sugg}
	}
	return nil
}

// optionFollows reports whether s starts with a query option: a name, and
// "=" ("$top=2", "@p=1", "api-version=2").
func optionFollows(s string) bool {
	i := 0
	for i < len(s) && (isIdentByte(s[i]) || s[i] == '$' || s[i] == '@' || s[i] == '-' || s[i] == '.') {
		i++
	}
	return i > 0 && i < len(s) && s[i] == '='
}

// Package parser turns OData text into an ast: ParseFilter for a bare
// $filter expression, ParseQuery for a query string with $filter, $top and
// $skip. It owns the participle grammar (unexported structs), the lowering of
// the grammar's parse tree into ast nodes, query-option splitting and
// percent-decoding, and the input limits.
//
// Limits are checked before participle recurses: the input length, then,
// token by token as the lexer produces them, the nesting depth (parentheses,
// brackets, braces and chains of unary operators), the number of
// value-bearing tokens (a bound on the node count) and the length of every
// list. A megabyte of "(" fails in microseconds with too_deep, at the first
// token too deep, instead of exhausting the stack.
//
// Every error is an ast.Diagnostics value whose spans index into the text the
// caller passed: the expression for ParseFilter, the raw query for
// ParseQuery. Common mistakes get a message that says what to write and,
// where there is one, the replacement as the Suggestion: other languages'
// operators (==, =, !=, <>, <, <=, >, >=, &&, ||, a leading !), misspelt
// operators (eqq, gte), SQL's like, a function written between its
// operands (computerDnsName contains 'x'), and a bare filter still encoded
// as a query-string value (riskScore+eq+'High'). ParseQuery reads a pasted
// URL or path for its query part (QueryOffset), and reports text that is
// not an option rather than ignoring it.
package parser

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/lexer"
)

// Limits bound the work one input can cause. A zero field means "use the
// default".
type Limits struct {
	MaxLength int   // bytes of input (the raw query for ParseQuery); default 65,536
	MaxDepth  int   // nesting depth; default 100
	MaxNodes  int   // names, literals and operators in one expression; default 10,000
	MaxInList int   // items of one list, in (...) or [...]; default 1,000
	MaxTop    int64 // largest $top; default 10,000, the Defender page size

	// The work one filter may ask of each record, checked after parsing
	// (aliases expanded): nested lambdas multiply their collections' sizes,
	// and a regular expression's program size multiplies its subject's.
	MaxLambdaDepth int // any/all nested in any/all; default 3 (too_deep)
	MaxPatternSize int // instructions of the matchesPattern programs of one query, together; default 10,000 (too_complex)
}

// DefaultLimits are the limits of the package-level functions.
var DefaultLimits = Limits{MaxLength: 65536, MaxDepth: 100, MaxNodes: 10000, MaxInList: 1000, MaxTop: 10000,
	MaxLambdaDepth: 3, MaxPatternSize: 10000}

func (l Limits) withDefaults() Limits {
	if l.MaxLength <= 0 {
		l.MaxLength = DefaultLimits.MaxLength
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = DefaultLimits.MaxNodes
	}
	if l.MaxInList <= 0 {
		l.MaxInList = DefaultLimits.MaxInList
	}
	if l.MaxTop <= 0 {
		l.MaxTop = DefaultLimits.MaxTop
	}
	if l.MaxLambdaDepth <= 0 {
		l.MaxLambdaDepth = DefaultLimits.MaxLambdaDepth
	}
	if l.MaxPatternSize <= 0 {
		l.MaxPatternSize = DefaultLimits.MaxPatternSize
	}
	return l
}

// WithDefaults returns l with every zero (or negative) field set to its
// default, as the parser reads it.
func (l Limits) WithDefaults() Limits { return l.withDefaults() }

// Parser parses with a set of limits. Its zero value uses DefaultLimits. A
// Parser is safe for concurrent use.
type Parser struct {
	Limits Limits
}

// ParseFilter parses a bare $filter expression with DefaultLimits. The text
// is taken as typed: no percent-decoding, and "+" is a plus.
func ParseFilter(expr string) (ast.Expr, error) {
	return (&Parser{}).ParseFilter(expr)
}

// ParseQuery parses a raw query string (as in url.URL.RawQuery) with
// DefaultLimits. See Parser.ParseQuery.
func ParseQuery(rawQuery string) (*ast.Query, error) {
	return (&Parser{}).ParseQuery(rawQuery)
}

// ParseFilter parses a bare $filter expression. The error, if any, is
// ast.Diagnostics.
func (p *Parser) ParseFilter(expr string) (ast.Expr, error) {
	lim := p.Limits.withDefaults()
	if len(expr) > lim.MaxLength {
		return nil, tooLong(len(expr), lim.MaxLength, ast.Span{Start: lim.MaxLength, End: len(expr)})
	}
	e, ds := parseExpr(expr, identity{}, lim)
	if ds == nil {
		ds = checkWork(e, nil, lim)
	}
	return e, ds.Err()
}

func tooLong(n, max int, span ast.Span) ast.Diagnostics {
	var ds ast.Diagnostics
	ds.Add(span, ast.CodeTooLong, "input is %d bytes long; the limit is %d", n, max)
	return ds
}

// positions maps offsets in the text the lexer saw to offsets in the text
// the user wrote.
type positions interface {
	at(off int) int
}

// identity maps each offset to itself.
type identity struct{}

func (identity) at(off int) int { return off }

// parseExpr parses src, reporting spans through pos.
func parseExpr(src string, pos positions, lim Limits) (ast.Expr, ast.Diagnostics) {
	if ds := invalidUTF8(src, pos); ds != nil {
		return nil, ds
	}
	if _, bare := pos.(identity); bare {
		if ds := queryAsFilter(src); ds != nil {
			return nil, ds
		}
	}
	toks, ds := tokenize(src, pos, lim)
	if ds != nil {
		if _, bare := pos.(identity); bare {
			if h := queryValue(src, ds[0].Span.Start); h != nil {
				return nil, h
			}
		}
		return nil, ds
	}
	if n := len(src); n > 0 && (src[0] == ' ' || src[0] == '\t' || src[n-1] == ' ' || src[n-1] == '\t') {
		return nil, edgeSpace(src, pos)
	}
	ts := &tokens{toks: toks}
	pl, err := plexer.Upgrade(ts)
	if err != nil {
		return nil, diag(pos, 0, len(src), ast.CodeSyntax, err.Error())
	}
	tree, err := grammar.ParseFromLexer(pl)
	if err != nil {
		return nil, syntaxError(err, src, pos, ts)
	}
	l := lowerer{src: src, pos: pos, lim: lim, toks: ts}
	e := l.expr(tree)
	if len(l.ds) > 0 {
		return nil, l.ds
	}
	return e, nil
}

// invalidUTF8 reports the first byte of src that is not part of valid UTF-8,
// anywhere, string literals included: a filter is text, and a literal with
// such a byte could never equal a record's value (records decode it to
// U+FFFD), so it is an error rather than a filter that quietly matches
// nothing. The code is syntax, as for any character a filter cannot hold;
// in a query string, escapes that decode to invalid UTF-8 are bad_escape
// (see queryParser.decode).
func invalidUTF8(src string, pos positions) ast.Diagnostics {
	i := invalidAt(src)
	if i < 0 {
		return nil
	}
	return diag(pos, i, i+1, ast.CodeSyntax, fmt.Sprintf("invalid UTF-8 byte 0x%02x: a filter must be UTF-8 text", src[i]))
}

// invalidAt returns the offset of the first byte of s that is not part of
// valid UTF-8, or -1.
func invalidAt(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return -1
}

func diag(pos positions, start, end int, code ast.Code, msg string) ast.Diagnostics {
	return ast.Diagnostics{{Span: ast.Span{Start: pos.at(start), End: pos.at(end)}, Code: code, Message: msg}}
}

// edgeSpace reports whitespace before or after the expression, which the
// OData ABNF does not allow (a "+" at either end of a query value decodes to
// such a space).
func edgeSpace(src string, pos positions) ast.Diagnostics {
	if src[0] == ' ' || src[0] == '\t' {
		end := len(src) - len(strings.TrimLeft(src, " \t"))
		return diag(pos, 0, end, ast.CodeSyntax, "whitespace before the expression is not allowed")
	}
	start := len(strings.TrimRight(src, " \t"))
	return diag(pos, start, len(src), ast.CodeSyntax, "whitespace after the expression is not allowed")
}

// syntaxError turns a participle error into a positioned diagnostic.
func syntaxError(err error, src string, pos positions, ts *tokens) ast.Diagnostics {
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) {
		t := ts.restore([]plexer.Token{ute.Unexpected})[0]
		if h := hint(src, pos, ts.toks, tokenAt(ts.toks, t.Pos.Offset)); h != nil {
			return h
		}
		start, end := t.Pos.Offset, t.Pos.Offset+len(t.Value)
		msg := unexpected(t, ute.Expect)
		if end == len(src) && t.Type == lexer.Ident && lexer.IsOperatorWord(t.Value) {
			msg = fmt.Sprintf("the expression ends with %q: its right operand is missing", t.Value)
		}
		return diag(pos, start, end, ast.CodeSyntax, msg)
	}
	var pe participle.Error
	if errors.As(err, &pe) {
		off := pe.Position().Offset
		return diag(pos, off, off, ast.CodeSyntax, pe.Message())
	}
	return diag(pos, 0, len(src), ast.CodeSyntax, err.Error())
}

// unexpected words the message for an unexpected token.
func unexpected(t plexer.Token, expect string) string {
	if t.Type == lexer.EOF {
		return "unexpected end of input: the expression is incomplete"
	}
	if (t.Type == lexer.Ident || t.Type == lexer.Func) && lexer.IsOperatorWord(t.Value) {
		return fmt.Sprintf("unexpected %q: an operator needs whitespace on both sides (and not needs whitespace after it)", t.Value)
	}
	if t.Type == lexer.JSONString {
		return fmt.Sprintf("unexpected %s: OData strings use single quotes; double quotes are only for JSON arrays and objects", t.Value)
	}
	what := describe(t)
	if lexer.IsOperator(t.Type) || t.Type == lexer.Not || t.Type == lexer.Minus {
		return fmt.Sprintf("unexpected operator %q: an operand is missing", t.Value)
	}
	if expect != "" && !strings.ContainsAny(expect, "|<") {
		return fmt.Sprintf("unexpected %s, expected %s", what, expect)
	}
	return fmt.Sprintf("unexpected %s", what)
}

func describe(t plexer.Token) string {
	switch {
	case t.Type == lexer.Punct:
		return fmt.Sprintf("%q", t.Value)
	case lexer.IsLiteral(t.Type):
		return fmt.Sprintf("literal %s", t.Value)
	case t.Type == lexer.Func:
		return fmt.Sprintf("call %s(", t.Value)
	}
	return fmt.Sprintf("%q", t.Value)
}

package parser

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/lexer"
)

// The hints for common mistakes the grammar cannot explain on its own: an
// operator of another language ("=", and in the lexer "==", "!=", "<",
// "&&", a leading "!", ...), a misspelt operator ("eqq"), a function used
// as an infix operator (computerDnsName contains 'x'), SQL's like, and a
// bare filter still encoded as a query-string value (riskScore+eq+'High').
// Each says what to write and, where it can, carries the replacement of the
// text under its span as the Suggestion.

// operatorWords are OData's binary operators, for "did you mean".
var operatorWords = []string{"eq", "ne", "gt", "ge", "lt", "le", "and", "or", "has", "in", "add", "sub", "mul", "div", "divby", "mod"}

// operatorAliases are other languages' words for OData's operators.
var operatorAliases = map[string]string{
	"equals": "eq", "equal": "eq", "eql": "eq", "is": "eq",
	"neq": "ne", "notequal": "ne", "isnot": "ne",
	"gte": "ge", "geq": "ge", "lte": "le", "leq": "le",
	"andalso": "and", "orelse": "or",
}

// infixFunctions are the canonical functions people write between their
// operands, by lower-case name.
var infixFunctions = map[string]string{
	"contains": "contains", "startswith": "startswith", "endswith": "endswith", "matchespattern": "matchesPattern",
	"matches": "matchesPattern", "startwith": "startswith", "endwith": "endswith", "contain": "contains",
}

// hint explains the unexpected token toks[i], when it is a common mistake;
// nil otherwise.
func hint(src string, pos positions, toks []plexer.Token, i int) ast.Diagnostics {
	t := toks[i]
	start, end := t.Pos.Offset, t.Pos.Offset+len(t.Value)
	if t.Type == lexer.Punct && t.Value == "=" {
		ds := diag(pos, start, end, ast.CodeSyntax, "OData has no = operator: compare with eq")
		ds[0].Suggestion = spaced(src, start, end, "eq")
		return ds
	}
	if t.Type != lexer.Ident || i == 0 || !endsOperand(toks[i-1]) || lexer.IsOperatorWord(t.Value) {
		return nil
	}
	word := strings.ToLower(t.Value)
	if fn, ok := infixFunctions[word]; ok {
		return infixCall(src, pos, toks, i, fn)
	}
	if word == "like" {
		return like(src, pos, toks, i)
	}
	op, ok := operatorAliases[word]
	if !ok {
		op, ok = nearestOperator(word)
	}
	if !ok {
		return nil
	}
	ds := diag(pos, start, end, ast.CodeSyntax, fmt.Sprintf("unexpected %q: it is not an OData operator", t.Value))
	ds[0].Suggestion = op
	return ds
}

// endsOperand reports whether an operand can end with t, so that an
// operator is what may follow it.
func endsOperand(t plexer.Token) bool {
	switch {
	case t.Type == lexer.Ident, t.Type == lexer.At, lexer.IsLiteral(t.Type):
		return true
	case t.Type == lexer.Punct:
		return t.Value == ")" || t.Value == "]"
	}
	return false
}

// infixCall explains "a contains 'x'": the function goes before its
// operands. The suggestion is the call, when both operands are simple (a
// path on the left, one token on the right).
func infixCall(src string, pos positions, toks []plexer.Token, i int, fn string) ast.Diagnostics {
	t := toks[i]
	what := fn + " is a function, not an operator"
	if !strings.EqualFold(t.Value, fn) { // matches, startwith: another language's name
		what = "OData has no " + t.Value + " operator"
	}
	left, right, ok := operands(toks, i)
	if !ok {
		return diag(pos, t.Pos.Offset, t.Pos.Offset+len(t.Value), ast.CodeSyntax, fmt.Sprintf("%s: write %s(a,b)", what, fn))
	}
	call := fn + "(" + src[left.Start:left.End] + "," + src[right.Start:right.End] + ")"
	ds := diag(pos, left.Start, right.End, ast.CodeSyntax, fmt.Sprintf("%s: write %s", what, call))
	ds[0].Suggestion = call
	return ds
}

// like explains SQL's like: OData has contains, startswith and endswith.
// A pattern with % only at its ends becomes the matching call.
func like(src string, pos positions, toks []plexer.Token, i int) ast.Diagnostics {
	t := toks[i]
	const msg = "OData has no like operator: use contains, startswith or endswith (or matchesPattern); % is no wildcard in OData"
	left, right, ok := operands(toks, i)
	if !ok || toks[i+1].Type != lexer.String {
		return diag(pos, t.Pos.Offset, t.Pos.Offset+len(t.Value), ast.CodeSyntax, msg)
	}
	body := toks[i+1].Value[1 : len(toks[i+1].Value)-1]
	fn := "eq"
	switch trimmed := strings.Trim(body, "%*"); {
	case body == "":
	case strings.ContainsAny(trimmed, "%*"):
		return diag(pos, t.Pos.Offset, t.Pos.Offset+len(t.Value), ast.CodeSyntax, msg)
	case len(body) > 1 && strings.ContainsAny(body[:1], "%*") && strings.ContainsAny(body[len(body)-1:], "%*"):
		fn = "contains"
	case strings.ContainsAny(body[len(body)-1:], "%*"):
		fn = "startswith"
	case strings.ContainsAny(body[:1], "%*"):
		fn = "endswith"
	}
	lhs, lit := src[left.Start:left.End], "'"+strings.Trim(body, "%*")+"'"
	sugg := fn + "(" + lhs + "," + lit + ")"
	if fn == "eq" {
		sugg = lhs + " eq " + lit
	}
	ds := diag(pos, left.Start, right.End, ast.CodeSyntax, msg)
	ds[0].Suggestion = sugg
	return ds
}

// operands returns the spans of the simple operands around toks[i]: a path
// (names joined by "/") before it and a single token after it.
func operands(toks []plexer.Token, i int) (left, right ast.Span, ok bool) {
	if i+1 >= len(toks) || toks[i-1].Type != lexer.Ident {
		return left, right, false
	}
	next := toks[i+1]
	if !(lexer.IsLiteral(next.Type) || next.Type == lexer.Ident || next.Type == lexer.At) {
		return left, right, false
	}
	j := i - 1
	for j >= 2 && toks[j-1].Type == lexer.Punct && toks[j-1].Value == "/" && toks[j-2].Type == lexer.Ident {
		j -= 2
	}
	prev := toks[i-1]
	left = ast.Span{Start: toks[j].Pos.Offset, End: prev.Pos.Offset + len(prev.Value)}
	right = ast.Span{Start: next.Pos.Offset, End: next.Pos.Offset + len(next.Value)}
	return left, right, true
}

// nearestOperator returns the operator one edit from word (two for words
// of five letters or more); a word of one letter is too short to tell.
func nearestOperator(word string) (string, bool) {
	if len(word) < 2 {
		return "", false
	}
	limit := 1
	if len(word) >= 5 {
		limit = 2
	}
	best, bestD := "", limit+1
	for _, op := range operatorWords {
		if d := editDistance(word, op); d < bestD {
			best, bestD = op, d
		}
	}
	return best, bestD <= limit
}

// editDistance is the Levenshtein distance of two short ASCII words,
// counting an adjacent transposition ("adn") as one edit.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// spaced returns word with the spaces an operator needs around it, where
// src[start:end], which it replaces, has none.
func spaced(src string, start, end int, word string) string {
	if start > 0 && src[start-1] != ' ' && src[start-1] != '\t' {
		word = " " + word
	}
	if end == len(src) || src[end] != ' ' && src[end] != '\t' {
		word += " "
	}
	return word
}

// tokenAt returns the index of the token at byte offset off.
func tokenAt(toks []plexer.Token, off int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= off })
}

// queryValue explains a lexical error at a "+" in a bare filter that reads
// as a query-string value (riskScore+eq+'High', as the Defender docs write
// it in URLs): there a "+" is a space, here it is a plus. The suggestion is
// the filter decoded, when it decodes to UTF-8 text.
func queryValue(src string, off int) ast.Diagnostics {
	if off >= len(src) || src[off] != '+' || off+1 >= len(src) || off == 0 {
		return nil
	}
	if c := src[off+1]; '0' <= c && c <= '9' || src[off-1] == ' ' {
		return nil // a sign, or a plus after a space: not an encoded space
	}
	const msg = "a '+' stands for a space only in a query string: this looks like a query-string value; " +
		"in a bare filter write spaces (or give it as $filter=... in a query string)"
	ds := diag(identity{}, 0, len(src), ast.CodeSyntax, msg)
	if dec, ok := decodeValue(src); ok {
		ds[0].Suggestion = dec
	}
	return ds
}

// decodeValue decodes a query-string value: "+" is a space, %XX a byte.
func decodeValue(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b.WriteByte(' ')
		case '%':
			hi, lo := unhex(s, i+1), unhex(s, i+2)
			if hi < 0 || lo < 0 {
				return "", false
			}
			b.WriteByte(byte(hi<<4 | lo))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), utf8.ValidString(b.String())
}

// queryAsFilter explains a query string given where a bare filter is
// wanted ("$filter=riskScore eq 'High'&$top=2" to ParseFilter, --filter or
// eval.CompileFilter): a filter never starts with a system option's name
// and "=". nil when src does not start so.
func queryAsFilter(src string) ast.Diagnostics {
	s := strings.TrimPrefix(src, "?")
	eq := strings.IndexByte(s, '=')
	if eq <= 0 {
		return nil
	}
	name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(s[:eq], "%24", "$"), "$"))
	if !supported[name] && !unsupported[name] {
		return nil
	}
	end := len(src) - len(s) + eq + 1
	return diag(identity{}, 0, end, ast.CodeSyntax, fmt.Sprintf(
		"%s starts a query string, not a bare $filter expression: give the query string as one "+
			"(--query, eval.Compile), or drop %s and keep the filter", src[:end], src[:end]))
}

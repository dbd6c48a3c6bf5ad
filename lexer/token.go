// Package lexer is the hand-written OData tokenizer that feeds the participle
// grammar in package parser. It implements participle's lexer.Definition
// (and LexString) without regular expressions, and reports byte offsets.
//
// The lexer decides what the OData ABNF decides by whitespace, so that the
// grammar can stay free of it:
//
//   - an operator keyword (eq, ne, gt, ge, lt, le, has, in, and, or, add,
//     sub, mul, div, divby, mod) is an operator only with whitespace on both
//     sides; otherwise it is an identifier (so "a eq 'x'and b" and
//     "Price sub-1" fail as the ABNF says). Operators are case-insensitive
//     and their token value is lower case;
//   - not is the unary operator only when whitespace follows it;
//   - a name directly followed by "(" is a Func token (contains(, any(,
//     Model.Fn(); "contains (" is a name and then a parenthesis;
//   - "-" directly followed by a digit or INF starts a signed number; any
//     other "-" is the unary minus.
//
// Whitespace is space and horizontal tab; the lexer does not percent-decode
// (package parser decodes query strings before lexing). Literal tokens carry
// their text as written; package parser turns them into values.
package lexer

import (
	"strconv"

	plexer "github.com/alecthomas/participle/v2/lexer"
)

// Token types. They are participle token types; Symbols names them for the
// grammar.
const (
	EOF plexer.TokenType = plexer.EOF

	Ident plexer.TokenType = iota + 1 // a name, possibly dotted (Model.Type); $it, $root, $this, $count
	Func                              // a name directly followed by "(": contains, any, Model.Fn, $filter, $count
	At                                // @name or @Ns.Term or @Ns.Term#Qualifier: an alias or an annotation
	Punct                             // ( ) [ ] { } , : / = ;

	OrOp  // or
	AndOp // and
	EqOp  // eq ne
	RelOp // gt ge lt le
	AddOp // add sub
	MulOp // mul div divby mod
	HasOp // has
	InOp  // in
	Not   // not
	Minus // unary -

	String         // 'text' with '' for a quote
	JSONString     // "text" with JSON escapes, only inside JSON arrays and objects
	Number         // 1, -1, +1, 1.5, 1e5, INF, -INF, NaN
	Boolean        // true, false, any case
	Null           // null
	Date           // 2018-08-01
	DateTimeOffset // 2018-08-01T00:00:00Z, 2018-08-01Z
	TimeOfDay      // 13:52, 13:52:01.5
	Guid           // 01234567-89ab-cdef-0123-456789abcdef
	Duration       // duration'P1D'
	Binary         // binary'AQID'
	Geography      // geography'SRID=0;Point(1 2)'
	Geometry       // geometry'SRID=0;Point(1 2)'
	Enum           // Ns.Type'Member'

	firstLiteral = String
	lastLiteral  = Enum
)

var symbols = map[string]plexer.TokenType{
	"EOF": EOF, "Ident": Ident, "Func": Func, "At": At, "Punct": Punct,
	"OrOp": OrOp, "AndOp": AndOp, "EqOp": EqOp, "RelOp": RelOp, "AddOp": AddOp, "MulOp": MulOp,
	"HasOp": HasOp, "InOp": InOp, "Not": Not, "Minus": Minus,
	"String": String, "JSONString": JSONString, "Number": Number, "Boolean": Boolean, "Null": Null,
	"Date": Date, "DateTimeOffset": DateTimeOffset, "TimeOfDay": TimeOfDay, "Guid": Guid,
	"Duration": Duration, "Binary": Binary, "Geography": Geography, "Geometry": Geometry, "Enum": Enum,
}

var names = func() map[plexer.TokenType]string {
	m := make(map[plexer.TokenType]string, len(symbols))
	for k, v := range symbols {
		m[v] = k
	}
	return m
}()

// IsLiteral reports whether t is one of the literal token types.
func IsLiteral(t plexer.TokenType) bool { return t >= firstLiteral && t <= lastLiteral }

// IsOperator reports whether t is a binary operator token type.
func IsOperator(t plexer.TokenType) bool { return t >= OrOp && t <= InOp }

// TypeName returns the symbol name of a token type, e.g. "Ident".
func TypeName(t plexer.TokenType) string {
	if n, ok := names[t]; ok {
		return n
	}
	return "TokenType(" + strconv.Itoa(int(t)) + ")"
}

// operators maps a lower-case operator keyword to its token type.
var operators = map[string]plexer.TokenType{
	"or": OrOp, "and": AndOp, "eq": EqOp, "ne": EqOp,
	"gt": RelOp, "ge": RelOp, "lt": RelOp, "le": RelOp,
	"add": AddOp, "sub": AddOp, "mul": MulOp, "div": MulOp, "divby": MulOp, "mod": MulOp,
	"has": HasOp, "in": InOp,
}

// IsOperatorWord reports whether s is an operator keyword in any case; the
// parser uses it to explain "a eq 'x'and b".
func IsOperatorWord(s string) bool {
	_, ok := operators[lower(s)]
	return ok || lower(s) == "not"
}

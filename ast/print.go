package ast

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format returns the canonical OData text of e: operator keywords and
// canonical function names in lower case, one space around each binary
// operator, none after commas, colons and slashes, and parentheses only where
// precedence needs them. Literals are printed as their Raw text, so quoted
// strings, duration'P1D' and 2018-08-01Z stay exactly as written:
//
//	name eq 'O''Neil' and not (a/b/any(t:t in ('x','y')) or x gt -INF)
//
// The output re-parses to the same tree, and is nested no deeper than the
// input was (so the parser's depth limit takes it). Lexer rules shape it:
// "not" is always followed by a space; a unary minus whose operand prints
// starting with a digit, INF or NaN is written "- 1", because "-1" would
// lex as a signed number literal rather than the negation of 1; a property
// named like an operator ("eq") is in parentheses where white space
// follows it, where it would lex as the operator; and a case condition
// ending in a digit before a value starting with one is written
// "case(a eq 10 :20)", because "10:20" would lex as a time of day.
//
// A nil expression prints as nothing.
func Format(e Expr) string {
	var p printer
	p.expr(e, 0)
	return string(p.buf)
}

// FormatQuery returns the canonical text of a query: the options present, in
// the order $filter, $top, $skip, then the parameter aliases as written, as
// in "$filter=a eq 1&$top=10&$skip=5&@p=2". The values are not
// percent-encoded: the result is for people and logs. To put it in a URL,
// escape each value (url.QueryEscape), since a string literal may contain
// '&', '#', '+' or '%'.
func FormatQuery(q *Query) string {
	if q == nil {
		return ""
	}
	var p printer
	sep := func() {
		if len(p.buf) > 0 {
			p.buf = append(p.buf, '&')
		}
	}
	if !isNilNode(q.Filter) {
		p.buf = append(p.buf, "$filter="...)
		p.expr(q.Filter, 0)
	}
	if q.HasTop {
		sep()
		p.buf = append(p.buf, "$top="...)
		p.buf = strconv.AppendInt(p.buf, q.Top, 10)
	}
	if q.HasSkip {
		sep()
		p.buf = append(p.buf, "$skip="...)
		p.buf = strconv.AppendInt(p.buf, q.Skip, 10)
	}
	for _, a := range q.Aliases {
		sep()
		p.buf = append(p.buf, '@')
		p.buf = append(p.buf, a.Name...)
		p.buf = append(p.buf, '=')
		p.expr(a.Value, 0)
	}
	return string(p.buf)
}

// precAtom is the precedence of everything that is not an operator
// expression: paths, calls, literals, lists. It binds tighter than any
// operator, so it never needs parentheses.
const precAtom = PrecPrimary + 1

// precedence returns the binding strength of e as an operand.
func precedence(e Expr) int {
	switch e := e.(type) {
	case *BinaryExpr:
		return e.Op.Precedence()
	case *UnaryExpr:
		return PrecUnary
	}
	return precAtom
}

type printer struct {
	buf []byte

	// spaced: white space follows the expression being printed (it is a
	// binary operator's left operand, or ends one).
	spaced bool
}

func (p *printer) str(s string) { p.buf = append(p.buf, s...) }

// expr prints e, in parentheses when its precedence is below least, the
// loosest precedence its position accepts bare.
func (p *printer) expr(e Expr, least int) {
	if isNilNode(e) {
		return
	}
	if least == 0 {
		// Inside brackets or at the end: no white space follows e.
		defer func(spaced bool) { p.spaced = spaced }(p.spaced)
		p.spaced = false
	}
	if precedence(e) < least {
		p.str("(")
		p.expr(e, 0)
		p.str(")")
		return
	}
	switch e := e.(type) {
	case *BinaryExpr:
		// Every level is left-associative: the left operand may share the
		// operator's precedence, the right one must bind tighter.
		prec := e.Op.Precedence()
		spaced := p.spaced
		p.spaced = true
		p.expr(e.X, prec)
		p.spaced = spaced
		p.str(" " + e.Op.String() + " ")
		p.expr(e.Y, prec+1)
	case *UnaryExpr:
		p.unary(e)
	case *MemberExpr:
		if isNilNode(e.X) && isOperatorWord(e.Name) && p.spaced {
			// A property named like an operator ("not", "eq") is a name only
			// where no whitespace follows it; parentheses keep it one. (Only
			// there: a parenthesis the input did not have would nest the
			// text one level deeper, past the parser's limit at its edge.)
			p.str("(" + e.Name + ")")
			return
		}
		p.path(e.X)
		p.str(e.Name)
	case *LambdaExpr:
		p.path(e.X)
		p.str(e.Kind.String() + "(")
		if !isNilNode(e.Predicate) {
			p.str(e.Var + ":")
			p.expr(e.Predicate, 0)
		}
		p.str(")")
	case *CountExpr:
		p.path(e.X)
		p.str("$count")
		if !isNilNode(e.Filter) {
			p.str("($filter=")
			p.expr(e.Filter, 0)
			p.str(")")
		}
	case *FilterSegmentExpr:
		p.path(e.X)
		p.str("$filter(")
		p.expr(e.Predicate, 0)
		p.str(")")
	case *CallExpr:
		p.call(e)
	case *TypeExpr:
		if e.Collection {
			p.str("Collection(" + e.Name + ")")
		} else {
			p.str(e.Name)
		}
	case *CaseExpr:
		p.str("case(")
		for i, c := range e.Clauses {
			p.comma(i)
			cond, val := Format(c.Cond), Format(c.Value)
			if endsWithDigit(cond) && val != "" && val[0] >= '0' && val[0] <= '9' {
				// "10:20" would lex as a time of day: a space keeps them apart
				// (parentheses would nest the condition a level deeper).
				cond += " "
			}
			p.str(cond + ":" + val)
		}
		p.str(")")
	case *ListExpr:
		lpar, rpar := "(", ")"
		if e.JSON {
			lpar, rpar = "[", "]"
		}
		p.str(lpar)
		for i, x := range e.Elems {
			p.comma(i)
			p.expr(x, 0)
		}
		p.str(rpar)
	case *ObjectExpr:
		p.str("{")
		for i, m := range e.Members {
			p.comma(i)
			p.buf = appendJSONString(p.buf, m.Name)
			p.str(":")
			p.expr(m.Value, 0)
		}
		p.str("}")
	case *AliasExpr:
		p.str("@" + e.Name)
	case *Literal:
		p.str(e.Raw)
	}
}

func (p *printer) unary(e *UnaryExpr) {
	switch e.Op {
	case OpNot:
		p.str("not ")
		p.expr(e.X, PrecUnary)
	case OpNeg:
		p.str("-")
		at := len(p.buf)
		p.expr(e.X, PrecUnary)
		if startsNumber(p.buf[at:]) {
			p.buf = append(p.buf, 0)
			copy(p.buf[at+1:], p.buf[at:])
			p.buf[at] = ' '
		}
	default:
		p.str(e.Op.String() + " ")
		p.expr(e.X, PrecUnary)
	}
}

// startsNumber reports whether b starts like a number, so that a minus
// right before it would lex as a sign. INF and NaN are matched in any case,
// which costs a harmless space before a name like "info".
func startsNumber(b []byte) bool {
	if len(b) > 0 && '0' <= b[0] && b[0] <= '9' {
		return true
	}
	if len(b) < 3 {
		return false
	}
	w := strings.ToLower(string(b[:3]))
	return w == "inf" || w == "nan"
}

// path prints x and a slash when x is the path a segment is bound to.
func (p *printer) path(x Expr) {
	if isNilNode(x) {
		return
	}
	if m, ok := x.(*MemberExpr); ok && isNilNode(m.X) {
		p.str(m.Name + "/") // followed by "/", a name spelled like an operator stays a name
		return
	}
	spaced := p.spaced
	p.spaced = false // a slash follows
	p.expr(x, precAtom)
	p.spaced = spaced
	p.str("/")
}

// FunctionName returns the name of a canonical function as OData 4.01
// spells it, for the canonical form and for suggestions: in lower case
// (startswith, tolower, hassubset), but matchesPattern, the one name the
// standard writes in camel case. Names resolve without regard to case.
func FunctionName(name string) string {
	low := strings.ToLower(name)
	if low == "matchespattern" {
		return "matchesPattern"
	}
	return low
}

func (p *printer) call(e *CallExpr) {
	p.path(e.X)
	if e.Canonical {
		p.str(FunctionName(e.Name))
	} else {
		p.str(e.Name)
	}
	p.str("(")
	for i, a := range e.Args {
		p.comma(i)
		p.expr(a, 0)
	}
	for i, a := range e.Named {
		p.comma(len(e.Args) + i)
		p.str(a.Name + "=")
		p.expr(a.Value, 0)
	}
	p.str(")")
}

func (p *printer) comma(i int) {
	if i > 0 {
		p.str(",")
	}
}

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, other characters as they are, and invalid
// UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xf])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// isOperatorWord reports whether name is an operator keyword in any case.
func isOperatorWord(name string) bool {
	low := strings.ToLower(name)
	_, ok := BinaryOpByName[low]
	return ok || low == "not"
}

func endsWithDigit(s string) bool { return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9' }

package schema

import (
	"strconv"
	"strings"
	"time"

	"github.com/odatafilter/odatafilter/ast"
)

// The hints for common mistakes the checker can see: a value written
// without its quotes (riskScore eq High), a number, a Boolean or a date
// written with quotes (rbacGroupId eq '140', lastSeen gt '2018-08-01'), and
// a field that only the newer model may filter on. Each says what to write,
// and carries the replacement as the diagnostic's Suggestion.

// unquoted handles a plain name compared with (or listed for) a value of
// type hint that is neither a range variable nor a field: most likely a
// string or an enum member that lost its quotes. It reports the name and
// returns true, or returns false to leave it to the usual unknown-field
// report (a name close to a field is a misspelt field).
func (c *checker) unquoted(e *ast.MemberExpr, s *scope, hint *Type) bool {
	if e.X != nil || hint == nil || strings.ContainsAny(e.Name, "@$.") || s.lookup(e.Name) != nil {
		return false
	}
	if _, ok := c.model.Lookup(e.Name); ok {
		return false
	}
	var names []string
	for v := s; v != nil; v = v.outer {
		names = append(names, v.name)
	}
	_, nearField := nearest(e.Name, append(names, c.model.Names()...))
	switch {
	case hint.Kind == KindEnum:
		member := e.Name
		if ordinal, ok := hint.Enum.Member(e.Name); ok {
			member, _ = hint.Enum.MemberName(ordinal) // members are named exactly: high is 'High'
		} else {
			near, ok := nearest(e.Name, hint.Enum.Members())
			if !ok || nearField {
				return false
			}
			member = near
		}
		d := c.ds.Add(e.NameSpan, ast.CodeUnknownField,
			"unknown field %s: a %s member is written in quotes, as a string", e.Name, hint.Enum.Name)
		d.Suggestion = "'" + member + "'"
		return true
	case hint == TypeString && !nearField:
		d := c.ds.Add(e.NameSpan, ast.CodeUnknownField,
			"unknown field %s: a string is written in single quotes", e.Name)
		d.Suggestion = "'" + e.Name + "'"
		return true
	}
	return false
}

// quotedValue reports a string literal compared with a value of another
// type when its text, without the quotes, is a literal of that type:
// rbacGroupId eq '140', lastSeen gt '2018-08-01'. It returns false when
// that is not the mistake.
func (c *checker) quotedValue(e *ast.BinaryExpr, x, y *Type) bool {
	lit, other := stringLit(e.Y), x
	if lit == nil {
		lit, other = stringLit(e.X), y
	}
	if lit == nil {
		return false
	}
	d := c.quotedAs(lit, other)
	if d == nil {
		return false
	}
	d.Message = "cannot compare " + x.String() + " with " + y.String() + " using " + e.Op.String() + ": " + d.Message
	return true
}

// quotedAs reports lit, a string literal that stands where a value of type
// t is wanted, when its text is a literal of t; nil when it is not.
func (c *checker) quotedAs(lit *ast.Literal, t *Type) *ast.Diagnostic {
	text, _ := lit.Value.(string)
	var what string
	switch {
	case t == TypeInt64 || t == TypeDecimal || t == TypeDouble:
		if _, err := strconv.ParseFloat(text, 64); err != nil || strings.ContainsAny(text, "xXpP_ ") || !isNumber(text) {
			return nil
		}
		what = "a number"
	case t == TypeBoolean:
		if text != "true" && text != "false" {
			return nil
		}
		what = "a Boolean"
	case t == TypeDateTimeOffset || t == TypeDate:
		if !isDateText(text) {
			return nil
		}
		what = "a date"
		if strings.Contains(text, "T") {
			what = "a DateTimeOffset"
		}
	default:
		return nil
	}
	d := c.ds.Add(lit.Loc, ast.CodeTypeMismatch, "%s is written without quotes", what)
	d.Suggestion = text
	return d
}

// stringLit returns e when it is a string literal written in place.
func stringLit(e ast.Expr) *ast.Literal {
	if lit, ok := e.(*ast.Literal); ok && lit.Kind == ast.LitString {
		return lit
	}
	return nil
}

// isNumber reports whether s is written as an OData number: an optional
// sign, digits, an optional fraction and exponent.
func isNumber(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+':
		default:
			return false
		}
	}
	return digits > 0 && s[0] >= '0' && s[0] <= '9'
}

// isDateText reports whether s is a date (2018-08-01, or 2018-08-01Z as
// the Defender docs write it) or a DateTimeOffset (2018-08-01T00:00:00Z).
func isDateText(s string) bool {
	if _, err := time.Parse("2006-01-02", strings.TrimSuffix(s, "Z")); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339Nano, s)
	return err == nil
}

// newerModel returns the note for a field that this model may not filter
// on but Machines2021 may: "" otherwise.
func (c *checker) newerModel(f *Field) string {
	if c.model == Machines2021 {
		return ""
	}
	if g, ok := Machines2021.Lookup(f.Name); ok && g.Filterable {
		return "; " + f.Name + " is filterable in the 2021 model (--model 2021, schema.Machines2021)"
	}
	return ""
}

// notBindsTighter reports "not riskScore eq 'High'", which OData reads as
// (not riskScore) eq 'High' since not binds tighter than any comparison,
// when the operand of not is no Boolean: what was meant is the negated
// comparison, suggested in its canonical form. It returns false, having
// checked nothing, when e is not such a comparison.
func (c *checker) notBindsTighter(e *ast.BinaryExpr, s *scope) bool {
	u, ok := e.X.(*ast.UnaryExpr)
	if !ok || u.Op != ast.OpNot {
		return false
	}
	if _, ok := u.X.(*ast.MemberExpr); !ok {
		return false
	}
	t := c.expr(u.X, s)
	if t == nil {
		return true // reported
	}
	if t == TypeBoolean || t == TypeNull {
		return false // a Boolean compared: typed again by pair, to no harm
	}
	meant := &ast.BinaryExpr{Op: e.Op, X: u.X, Y: e.Y}
	d := c.ds.Add(e.Loc, ast.CodeTypeMismatch,
		"not binds tighter than %s, so this negates %s, which is %s, not Edm.Boolean: to negate the comparison, put it in parentheses",
		e.Op, ast.Format(u.X), t)
	d.Suggestion = "not (" + ast.Format(meant) + ")"
	return true
}

package schema

import (
	"fmt"
	"strings"

	"github.com/odatafilter/odatafilter/ast"
)

// Each diagnosis the checker makes is written once, here.

// unknownField suggests the nearest field or range variable in scope s.
func (c *checker) unknownField(span ast.Span, name string, s *scope) {
	d := c.ds.Add(span, ast.CodeUnknownField, "unknown field %s; the filterable fields are %s",
		name, strings.Join(c.model.FilterableNames(), ", "))
	var names []string // variables first: they win a tie
	for ; s != nil; s = s.outer {
		names = append(names, s.name)
	}
	if near, ok := nearest(name, append(names, c.model.Names()...)); ok {
		d.Suggestion = near
	}
}

func (c *checker) notFilterable(span ast.Span, f *Field) {
	c.ds.Add(span, ast.CodeNotFilterable, "%s is a Machine field but cannot be filtered on; the filterable fields are %s%s",
		f.Name, strings.Join(c.model.FilterableNames(), ", "), c.newerModel(f))
}

func (c *checker) unknownMember(lit *ast.Literal, e *Enum, name string) {
	d := c.ds.Add(lit.Loc, ast.CodeUnknownEnumMember, "%q is not %s; the members are %s",
		name, withArticle(e.Name), strings.Join(e.Members(), ", "))
	if s, ok := nearest(name, e.Members()); ok {
		d.Suggestion = "'" + s + "'"
	}
}

func (c *checker) unknownEnumType(lit *ast.Literal, typ string) {
	var names []string
	for _, e := range c.model.Enums() {
		names = append(names, e.QualifiedName())
	}
	// Point at the type name, as written before the quote, when the
	// literal's text is as the user typed it (not percent-decoded).
	span, rest := lit.Loc, ""
	if q := strings.IndexByte(lit.Raw, '\''); q >= 0 {
		if lit.Loc.Len() == len(lit.Raw) {
			span.End = span.Start + q
		} else {
			rest = lit.Raw[q:]
		}
	}
	d := c.ds.Add(span, ast.CodeUnknownType, "unknown enum type %s; the enum types are %s", typ, strings.Join(names, ", "))
	if s, ok := nearest(typ, names); ok {
		d.Suggestion = s + rest
	}
}

func (c *checker) unknownCastType(te *ast.TypeExpr, fn string) {
	names := castTargetNames()
	d := c.ds.Add(te.Loc, ast.CodeUnknownType, "unknown type %s; %s takes one of %s", te.Name, fn, strings.Join(names, ", "))
	if s, ok := nearest(te.Name, names); ok {
		d.Suggestion = s
	}
}

func (c *checker) badLiteral(lit *ast.Literal) {
	c.ds.Add(lit.Loc, ast.CodeBadLiteral, "%s", lit.Problem)
}

func (c *checker) badPattern(lit *ast.Literal, err error) {
	c.ds.Add(lit.Loc, ast.CodeBadLiteral, "matchesPattern needs a valid regular expression (RE2 syntax): %v", err)
}

func (c *checker) unsupported(span ast.Span, format string, args ...any) {
	c.ds.Add(span, ast.CodeUnsupported, format, args...)
}

func (c *checker) notBoolean(e ast.Expr, t *Type) {
	c.ds.Add(e.Span(), ast.CodeTypeMismatch, "the filter must be a Boolean condition, but this is %s", t)
}

func (c *checker) mismatch(span ast.Span, format string, args ...any) {
	c.ds.Add(span, ast.CodeTypeMismatch, format, args...)
}

func (c *checker) cannotCompare(e *ast.BinaryExpr, x, y *Type) {
	c.mismatch(e.OpSpan, "cannot compare %s with %s using %s", x, y, e.Op)
}

func (c *checker) unordered(e *ast.BinaryExpr, t *Type) {
	if t.Kind == KindEnum {
		c.mismatch(e.OpSpan, "%s is not ordered: use eq, ne or in, not %s", t.Enum.Name, e.Op)
		return
	}
	c.mismatch(e.OpSpan, "%s values are not ordered: %s does not apply", t, e.Op)
}

func (c *checker) operandType(e ast.Expr, what string, t *Type, want string) {
	c.mismatch(e.Span(), "%s must be %s, not %s", what, want, t)
}

func (c *checker) unknownFunction(call *ast.CallExpr) {
	if fn, ok := functionAliases[strings.ToLower(call.Name)]; ok {
		d := c.ds.Add(call.NameSpan, ast.CodeUnknownFunction, "unknown function %s; OData's is %s", call.Name, fn)
		d.Suggestion = fn
		return
	}
	d := c.ds.Add(call.NameSpan, ast.CodeUnknownFunction, "unknown function %s; only OData's canonical functions are available", call.Name)
	if s, ok := nearest(call.Name, canonicalNames()); ok {
		d.Suggestion = s
	}
}

// functionAliases are other languages' names for canonical functions, too
// far from them for "did you mean" by spelling: SQL's, .NET's, regular
// expression libraries'.
var functionAliases = map[string]string{
	"matches": "matchesPattern", "match": "matchesPattern", "ismatch": "matchesPattern", "regex": "matchesPattern",
	"regexp": "matchesPattern", "rlike": "matchesPattern", "regexp_like": "matchesPattern",
	"lower": "tolower", "lcase": "tolower", "upper": "toupper", "ucase": "toupper",
	"len": "length", "strlen": "length", "char_length": "length",
	"includes": "contains", "instr": "indexof", "substr": "substring",
}

func (c *checker) unknownAlias(a *ast.AliasExpr) {
	c.ds.Add(a.Loc, ast.CodeUnknownAlias, "parameter alias @%s is not defined: add @%s=value to the query string", a.Name, a.Name)
}

// aliasCycle reports the use of @name inside its own value; chain is the
// aliases being resolved, from name's definition on.
func (c *checker) aliasCycle(a *ast.AliasExpr, chain []string) {
	c.ds.Add(a.Loc, ast.CodeAliasCycle, "parameter alias @%s is defined in terms of itself: @%s -> @%s",
		a.Name, strings.Join(chain, " -> @"), a.Name)
}

// divisionByZero reports an Int64 div or mod whose divisor is a literal 0.
func (c *checker) divisionByZero(e *ast.BinaryExpr) {
	what := "division"
	if e.Op == ast.OpMod {
		what = "modulo"
	}
	c.ds.Add(e.Y.Span(), ast.CodeDivisionByZero,
		"integer %s by zero: OData 4.01 fails the request (a divisor computed to zero gives null; divby divides as a decimal)", what)
}

// ordinal returns "first", "second" or "third" for argument messages.
func ordinal(i int) string {
	switch i {
	case 0:
		return "the first argument of"
	case 1:
		return "the second argument of"
	case 2:
		return "the third argument of"
	}
	return fmt.Sprintf("argument %d of", i+1)
}

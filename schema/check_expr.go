package schema

import (
	"strings"

	"github.com/odatafilter/odatafilter/ast"
)

// expr checks e in scope s and returns its type, or nil when e is in error
// (already reported: callers stay quiet about nil operands).
func (c *checker) expr(e ast.Expr, s *scope) *Type {
	switch e := e.(type) {
	case *ast.Literal:
		return c.typed(e, c.literal(e))
	case *ast.MemberExpr:
		return c.typed(e, c.member(e, s))
	case *ast.BinaryExpr:
		return c.typed(e, c.binary(e, s))
	case *ast.UnaryExpr:
		return c.typed(e, c.unary(e, s))
	case *ast.LambdaExpr:
		return c.typed(e, c.lambda(e, s))
	case *ast.CountExpr:
		return c.typed(e, c.count(e, s))
	case *ast.CallExpr:
		return c.typed(e, c.call(e, s))
	case *ast.CaseExpr:
		return c.typed(e, c.caseExpr(e, s))
	case *ast.AliasExpr:
		return c.typed(e, c.alias(e, s, nil))
	case *ast.ListExpr:
		c.mismatch(e.Loc, "a list stands only after in or as an argument of hassubset and hassubsequence")
	case *ast.ObjectExpr:
		c.unsupported(e.Loc, "JSON objects are valid OData but no Machine field is a structured value")
	case *ast.FilterSegmentExpr:
		c.unsupported(e.Loc, "the $filter path segment is not supported; use a lambda, as in machineTags/any(t: ...)")
	case *ast.TypeExpr:
		c.mismatch(e.Loc, "a type name stands only as the last argument of cast and isof")
	}
	return nil
}

// hinted checks e where a value of type hint is expected: a string literal
// where an enum is expected is read as a member name, as Defender writes
// riskScore eq 'High'.
func (c *checker) hinted(e ast.Expr, s *scope, hint *Type) *Type {
	if m, ok := e.(*ast.MemberExpr); ok && c.unquoted(m, s, hint) {
		return nil
	}
	if hint != nil && hint.Kind == KindEnum {
		switch x := e.(type) {
		case *ast.Literal:
			if x.Kind == ast.LitString {
				return c.typed(e, c.enumMember(x, hint.Enum, x.Value.(string)))
			}
		case *ast.AliasExpr:
			return c.typed(e, c.alias(x, s, hint))
		}
	}
	return c.expr(e, s)
}

// isStringLit reports whether e is a string literal, directly or as the
// value of a parameter alias: it takes its type from the other side of a
// comparison, so @r eq riskScore with @r='High' reads like 'High' eq riskScore.
func (c *checker) isStringLit(e ast.Expr) bool {
	for range len(c.aliases) + 1 { // a longer chain of aliases is a cycle
		switch x := e.(type) {
		case *ast.Literal:
			return x.Kind == ast.LitString
		case *ast.AliasExpr:
			v, ok := c.aliasValue(x.Name)
			if !ok {
				return false
			}
			e = v
		default:
			return false
		}
	}
	return false
}

// list returns the list e stands for, where a list may stand (after in, as
// an argument of hassubset): e itself, or the value of the parameter alias
// it names, as in riskScore in @l with @l=["Low","High"]. It records the
// aliases it went through in Aliases; it returns nil when e is no list, and
// leaves undefined and cyclic aliases for alias to report.
func (c *checker) list(e ast.Expr) (*ast.ListExpr, []*ast.AliasExpr) {
	var via []*ast.AliasExpr
	for range len(c.aliases) + 1 {
		switch x := e.(type) {
		case *ast.ListExpr:
			for _, a := range via {
				c.out.Aliases[a], _ = c.aliasValue(a.Name)
			}
			return x, via
		case *ast.AliasExpr:
			v, ok := c.aliasValue(x.Name)
			if !ok {
				return nil, nil
			}
			via = append(via, x)
			e = v
		default:
			return nil, nil
		}
	}
	return nil, nil
}

func (c *checker) enumMember(lit *ast.Literal, e *Enum, name string) *Type {
	ord, ok := e.MemberExact(name)
	if !ok {
		if ord, folded := e.Member(name); folded {
			exact, _ := e.MemberName(ord)
			d := c.ds.Add(lit.Loc, ast.CodeUnknownEnumMember,
				"%q is not a %s: OData member names are case-sensitive; write %q", name, e.Name, exact)
			d.Suggestion = "'" + exact + "'"
			return nil
		}
		c.unknownMember(lit, e, name)
		return nil
	}
	c.out.Members[lit] = ord
	return c.model.enumType(e)
}

func (c *checker) literal(lit *ast.Literal) *Type {
	if lit.Problem != "" {
		c.badLiteral(lit)
		return nil
	}
	switch lit.Kind {
	case ast.LitNull:
		return TypeNull
	case ast.LitBoolean:
		return TypeBoolean
	case ast.LitInt:
		return TypeInt64
	case ast.LitDecimal:
		return TypeDecimal
	case ast.LitDouble:
		return TypeDouble
	case ast.LitString:
		return TypeString
	case ast.LitDate:
		return TypeDate
	case ast.LitDateTimeOffset:
		return TypeDateTimeOffset
	case ast.LitTimeOfDay:
		return TypeTimeOfDay
	case ast.LitDuration:
		return TypeDuration
	case ast.LitGuid:
		return TypeGuid
	case ast.LitEnum:
		v := lit.Value.(ast.EnumValue)
		e := c.model.enumNamed(v.Type)
		if e == nil {
			c.unknownEnumType(lit, v.Type)
			return nil
		}
		if len(v.Members) != 1 {
			c.mismatch(lit.Loc, "%s is not a flags enum: give one member, not %d", e.Name, len(v.Members))
			return nil
		}
		return c.enumMember(lit, e, v.Members[0])
	case ast.LitBinary:
		c.unsupported(lit.Loc, "binary literals are valid OData but no Machine field is Edm.Binary")
	case ast.LitGeography, ast.LitGeometry:
		c.unsupported(lit.Loc, "%s literals are valid OData but no Machine field has a spatial type", strings.ToLower(lit.Kind.String()[4:]))
	}
	return nil
}

// member resolves a path segment: a range variable, $it, or a field.
func (c *checker) member(e *ast.MemberExpr, s *scope) *Type {
	name := e.Name
	switch {
	case strings.HasPrefix(name, "@"):
		c.unsupported(e.NameSpan, "annotations such as %s are not supported in a filter", name)
		return nil
	case name == "$root" || name == "$this":
		c.unsupported(e.NameSpan, "%s is not supported here; use the field names, or $it for the machine", name)
		return nil
	case strings.Contains(name, "."):
		c.unsupported(e.NameSpan, "type-cast segments such as %s are not supported: the Machine model has no derived types", name)
		return nil
	}
	if e.X == nil {
		if name == "$it" {
			return TypeEntity
		}
		if v := s.lookup(name); v != nil {
			c.out.Vars[e] = v.lambda
			return v.typ
		}
		return c.field(e, s)
	}
	xt := c.expr(e.X, s)
	switch {
	case xt == nil:
		return nil
	case xt == TypeEntity:
		return c.field(e, nil) // $it/name names a field, never a variable
	case xt.Kind == KindComplex:
		p, ok := xt.Complex.Lookup(name)
		if !ok {
			c.mismatch(e.NameSpan, "%s has no property %s", xt, name)
			return nil
		}
		return p.Type
	}
	c.mismatch(e.NameSpan, "%s is %s and has no property %s", ast.Format(e.X), xt, name)
	return nil
}

// field resolves a field name; s is the scope, whose range variables are
// suggested for a name that is neither.
func (c *checker) field(e *ast.MemberExpr, s *scope) *Type {
	f, ok := c.model.Lookup(e.Name)
	if !ok {
		c.unknownField(e.NameSpan, e.Name, s)
		return nil
	}
	if !f.Filterable {
		c.notFilterable(e.NameSpan, f)
		return nil
	}
	c.out.Fields[e] = f
	return f.Type
}

func (c *checker) lambda(e *ast.LambdaExpr, s *scope) *Type {
	xt := c.expr(e.X, s)
	if xt == nil {
		return nil
	}
	if !xt.IsCollection() {
		c.mismatch(e.X.Span(), "%s needs a collection, but %s is %s", e.Kind, ast.Format(e.X), xt)
		return nil
	}
	if e.Predicate == nil {
		return TypeBoolean
	}
	inner := &scope{name: e.Var, typ: xt.Elem, lambda: e, outer: s}
	pt := c.expr(e.Predicate, inner)
	if pt != nil && pt != TypeBoolean && pt != TypeNull {
		c.operandType(e.Predicate, "the predicate of "+e.Kind.String(), pt, "Edm.Boolean")
		return nil
	}
	return TypeBoolean
}

func (c *checker) count(e *ast.CountExpr, s *scope) *Type {
	xt := c.expr(e.X, s)
	if xt == nil {
		return nil
	}
	if !xt.IsCollection() {
		c.mismatch(e.X.Span(), "$count needs a collection, but %s is %s", ast.Format(e.X), xt)
		return nil
	}
	if e.Filter != nil {
		c.unsupported(e.Loc, "$count($filter=...) is not supported; count with a lambda instead")
		return nil
	}
	return TypeInt64
}

// alias resolves @name to its value, checked where it is used.
func (c *checker) alias(a *ast.AliasExpr, s *scope, hint *Type) *Type {
	val, ok := c.aliasValue(a.Name)
	if !ok {
		c.unknownAlias(a)
		return nil
	}
	for i, n := range c.inAlias {
		if n == a.Name {
			c.aliasCycle(a, c.inAlias[i:])
			return nil
		}
	}
	c.out.Aliases[a] = val
	c.inAlias = append(c.inAlias, a.Name)
	defer func() { c.inAlias = c.inAlias[:len(c.inAlias)-1] }()
	return c.hinted(val, nil, hint)
}

// aliasValue returns the value of the alias @name; the last definition wins.
func (c *checker) aliasValue(name string) (ast.Expr, bool) {
	var val ast.Expr
	for _, al := range c.aliases {
		if al.Name == name {
			val = al.Value
		}
	}
	return val, val != nil
}

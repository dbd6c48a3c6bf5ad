package schema

import (
	"regexp"
	"sort"
	"strings"

	"github.com/odatafilter/odatafilter/ast"
)

// A canonical function's signature: what each argument must be and what the
// call returns. accept reports whether an argument type fits; want names the
// expected type for the message.
type param struct {
	want   string
	accept func(*Type) bool
}

func is(ts ...*Type) func(*Type) bool {
	return func(t *Type) bool {
		for _, u := range ts {
			if t == u {
				return true
			}
		}
		return false
	}
}

var (
	pString   = param{"Edm.String", is(TypeString)}
	pInt      = param{"an integer", is(TypeInt64)}
	pNumber   = param{"a number", (*Type).isNumeric}
	pDateish  = param{"Edm.DateTimeOffset or Edm.Date", is(TypeDateTimeOffset, TypeDate)}
	pTimeish  = param{"Edm.DateTimeOffset or Edm.TimeOfDay", is(TypeDateTimeOffset, TypeTimeOfDay)}
	pDTO      = param{"Edm.DateTimeOffset", is(TypeDateTimeOffset)}
	pDuration = param{"Edm.Duration", is(TypeDuration)}
)

// signature is a canonical function's parameters and result. A nil result
// means "the type of the first argument".
type signature struct {
	params []param
	result *Type
}

var signatures = map[string]signature{
	"contains":           {[]param{pString, pString}, TypeBoolean},
	"startswith":         {[]param{pString, pString}, TypeBoolean},
	"endswith":           {[]param{pString, pString}, TypeBoolean},
	"indexof":            {[]param{pString, pString}, TypeInt64},
	"length":             {[]param{pString}, TypeInt64},
	"substring":          {[]param{pString, pInt, pInt}, TypeString},
	"tolower":            {[]param{pString}, TypeString},
	"toupper":            {[]param{pString}, TypeString},
	"trim":               {[]param{pString}, TypeString},
	"concat":             {[]param{pString, pString}, TypeString},
	"matchespattern":     {[]param{pString, pString}, TypeBoolean},
	"year":               {[]param{pDateish}, TypeInt64},
	"month":              {[]param{pDateish}, TypeInt64},
	"day":                {[]param{pDateish}, TypeInt64},
	"hour":               {[]param{pTimeish}, TypeInt64},
	"minute":             {[]param{pTimeish}, TypeInt64},
	"second":             {[]param{pTimeish}, TypeInt64},
	"fractionalseconds":  {[]param{pTimeish}, TypeDecimal},
	"totalseconds":       {[]param{pDuration}, TypeDecimal},
	"date":               {[]param{pDTO}, TypeDate},
	"time":               {[]param{pDTO}, TypeTimeOfDay},
	"totaloffsetminutes": {[]param{pDTO}, TypeInt64},
	"now":                {nil, TypeDateTimeOffset},
	"mindatetime":        {nil, TypeDateTimeOffset},
	"maxdatetime":        {nil, TypeDateTimeOffset},
	"round":              {[]param{pNumber}, nil},
	"floor":              {[]param{pNumber}, nil},
	"ceiling":            {[]param{pNumber}, nil},
}

func canonicalNames() []string {
	names := []string{"hassubset", "hassubsequence", "cast", "isof", "case"}
	for n := range signatures {
		names = append(names, ast.FunctionName(n))
	}
	sort.Strings(names)
	return names
}

func (c *checker) call(e *ast.CallExpr, s *scope) *Type {
	if !e.Canonical {
		for _, a := range e.Args {
			c.expr(a, s)
		}
		c.unknownFunction(e)
		return nil
	}
	switch {
	case e.Name == "hassubset" || e.Name == "hassubsequence":
		return c.subset(e, s)
	case e.Name == "cast" || e.Name == "isof":
		return c.cast(e, s)
	case strings.HasPrefix(e.Name, "geo."):
		c.unsupported(e.NameSpan, "%s is valid OData but no Machine field has a spatial type", e.Name)
		return nil
	}
	sig := signatures[e.Name]
	ok := true
	var first *Type
	for i, a := range e.Args {
		t := c.expr(a, s)
		if i == 0 {
			first = t
		}
		switch {
		case t == nil:
			ok = false
		case t == TypeNull:
		case !sig.params[i].accept(t):
			c.operandType(a, ordinal(i)+" "+e.Name, t, sig.params[i].want)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	if e.Name == "matchespattern" {
		if lit, isLit := e.Args[1].(*ast.Literal); isLit && lit.Kind == ast.LitString {
			if _, err := regexp.Compile(lit.Value.(string)); err != nil {
				c.badPattern(lit, err)
				return nil
			}
		}
	}
	if e.Name == "substring" && len(e.Args) == 3 && negativeInt(e.Args[2]) {
		c.ds.Add(e.Args[2].Span(), ast.CodeBadLiteral,
			"substring's length may not be negative: OData 4.01 makes it a bad request (a negative start counts from the end)")
		return nil
	}
	switch {
	case sig.result != nil:
		return sig.result
	case first == TypeInt64: // round, floor and ceiling of an integer
		return TypeDecimal
	}
	return first
}

// subset types hassubset and hassubsequence: two collections of comparable
// elements; either may be a JSON array, written in place or as a parameter
// alias. An empty or all-null array fits any collection.
func (c *checker) subset(e *ast.CallExpr, s *scope) *Type {
	var (
		types [2]*Type
		lists [2]*ast.ListExpr
		via   [2][]*ast.AliasExpr
	)
	for i := range lists {
		lists[i], via[i] = c.list(e.Args[i])
	}
	order := []int{0, 1}
	if lists[0] != nil {
		order = []int{1, 0} // the other argument gives the array its type
	}
	var elem *Type
	ok := true
	for _, i := range order {
		if list := lists[i]; list != nil {
			for _, el := range list.Elems {
				t := c.hinted(el, s, elem)
				switch {
				case t == nil:
					ok = false
				case t == TypeNull:
				case t.IsCollection() || t == TypeEntity:
					c.mismatch(el.Span(), "the items of a list in %s must be single values, not %s", e.Name, t)
					ok = false
				case elem == nil:
					elem = t
				case !sameFamily(elem, t):
					c.mismatch(el.Span(), "the items of a list in %s must have one type: %s and %s differ", e.Name, elem, t)
					ok = false
				}
			}
			lt := elem
			if lt == nil {
				lt = TypeNull
			}
			types[i] = c.typed(list, collectionOf(lt))
			for _, a := range via[i] {
				c.typed(a, types[i])
			}
			continue
		}
		types[i] = c.expr(e.Args[i], s)
		switch {
		case types[i] == nil:
		case !types[i].IsCollection():
			c.operandType(e.Args[i], ordinal(i)+" "+e.Name, types[i], "a collection")
			types[i] = nil
		default:
			elem = types[i].Elem
		}
	}
	if !ok || types[0] == nil || types[1] == nil {
		return nil
	}
	if !sameFamily(types[0].Elem, types[1].Elem) {
		c.mismatch(e.Loc, "%s compares %s with %s", e.Name, types[0], types[1])
		return nil
	}
	for i, t := range types {
		if t.Elem != TypeString && t.Elem != TypeNull {
			c.operandType(e.Args[i], ordinal(i)+" "+e.Name, t, "a collection of strings (the Machine model's collections hold strings)")
			return nil
		}
	}
	return TypeBoolean
}

// castTargets are the types cast and isof accept, by name.
var castTargets = map[string]*Type{
	"Edm.String": TypeString, "Edm.Int64": TypeInt64, "Edm.Int32": TypeInt64, "Edm.Int16": TypeInt64,
	"Edm.Byte": TypeInt64, "Edm.SByte": TypeInt64, "Edm.Decimal": TypeDecimal, "Edm.Double": TypeDouble,
	"Edm.Single": TypeDouble, "Edm.Boolean": TypeBoolean, "Edm.DateTimeOffset": TypeDateTimeOffset,
	"Edm.Date": TypeDate, "Edm.TimeOfDay": TypeTimeOfDay, "Edm.Duration": TypeDuration, "Edm.Guid": TypeGuid,
}

// castTargetNames returns the names of castTargets, sorted.
func castTargetNames() []string {
	names := make([]string, 0, len(castTargets))
	for n := range castTargets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// isTypeName reports whether name is a type that exists but is no target of
// cast: another EDM primitive, or a structured or enum type of the model.
func (c *checker) isTypeName(name string) bool {
	switch name {
	case "Edm.Binary", "Edm.Stream", "Edm.Untyped", "Edm.PrimitiveType", IPAddressType.QualifiedName():
		return true
	}
	if strings.HasPrefix(name, "Edm.Geography") || strings.HasPrefix(name, "Edm.Geometry") {
		return true
	}
	for _, e := range c.model.Enums() {
		if name == e.QualifiedName() {
			return true
		}
	}
	return false
}

// cast types cast(x, T) and isof(x, T) for primitive T. cast converts
// between numbers, from Edm.Date to Edm.DateTimeOffset and from an enum to
// Edm.String (its member name); other casts, whose string forms OData leaves
// to the service, are type_mismatch. The one-argument forms test or cast the
// machine itself, which has no derived types.
func (c *checker) cast(e *ast.CallExpr, s *scope) *Type {
	if len(e.Args) == 1 {
		c.unsupported(e.Loc, "%s with one argument tests the machine's type; Machine has no derived types", e.Name)
		return nil
	}
	x := c.expr(e.Args[0], s)
	te := e.Args[1].(*ast.TypeExpr)
	target, ok := castTargets[te.Name]
	switch {
	case te.Collection:
		c.mismatch(te.Loc, "%s to Collection(%s) is not supported; the targets are the primitive Edm types", e.Name, te.Name)
		return nil
	case !ok && c.isTypeName(te.Name):
		c.mismatch(te.Loc, "%s to %s is not supported; the targets are the primitive Edm types", e.Name, te.Name)
		return nil
	case !ok:
		c.unknownCastType(te, e.Name)
		return nil
	}
	c.typed(te, target)
	if x == nil {
		return nil
	}
	if e.Name == "isof" {
		return TypeBoolean
	}
	switch {
	case x == TypeNull || x == target:
	case target == TypeString && x.Kind == KindEnum:
	case target.isNumeric() && x.isNumeric():
	case target == TypeDateTimeOffset && x == TypeDate:
	default:
		c.mismatch(e.Loc, "cannot cast %s to %s", x, te.Name)
		return nil
	}
	return target
}

func (c *checker) caseExpr(e *ast.CaseExpr, s *scope) *Type {
	var result *Type
	ok := true
	for _, cl := range e.Clauses {
		if t := c.expr(cl.Cond, s); t == nil {
			ok = false
		} else if t != TypeBoolean && t != TypeNull {
			c.operandType(cl.Cond, "a case condition", t, "Edm.Boolean")
			ok = false
		}
		t := c.hinted(cl.Value, s, result)
		switch {
		case t == nil:
			ok = false
		case t == TypeNull:
		case result == nil:
			result = t
		case result.isNumeric() && t.isNumeric():
			result = promote(result, t)
		case t.IsCollection() || result.IsCollection():
			c.mismatch(cl.Value.Span(), "case values must be single values, not %s", t)
			ok = false
		case !sameFamily(result, t):
			c.mismatch(cl.Value.Span(), "case values must share a type: %s and %s differ", result, t)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	if result == nil {
		return TypeNull
	}
	return result
}

// negativeInt reports whether e is a negative integer literal, written
// -1 or - 1.
func negativeInt(e ast.Expr) bool {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == ast.OpNeg {
		lit, ok := u.X.(*ast.Literal)
		if !ok {
			return false
		}
		n, isInt := lit.Value.(int64)
		return isInt && n > 0
	}
	lit, ok := e.(*ast.Literal)
	if !ok {
		return false
	}
	n, isInt := lit.Value.(int64)
	return isInt && n < 0
}

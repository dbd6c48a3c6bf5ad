package fuzz

import (
	"strings"

	"github.com/odatafilter/odatafilter/ast"
)

// The filterable fields by generated type; machineTags is the collection.
var fieldsOf = map[gtype][]string{
	tString: {"id", "computerDnsName", "lastIpAddress", "osPlatform"},
	tInt:    {"rbacGroupId"},
	tDTO:    {"lastSeen"},
	tRisk:   {"riskScore"},
	tHealth: {"healthStatus"},
}

// spell writes a field name as the docs (PascalCase), the samples
// (camelCase) or a careless user would, and sometimes as a $it path.
func (g *exprGen) spell(name string) string {
	s := name
	switch g.pick(70, 15, 8, 7) {
	case 1:
		s = strings.ToUpper(name[:1]) + name[1:]
	case 2:
		s = strings.ToLower(name)
	case 3:
		s = strings.ToUpper(name)
	}
	// A range variable of the same name (exactly) hides the field.
	if g.chance(1, 10) || g.inScope(s) {
		return "$it/" + s
	}
	return s
}

func (g *exprGen) inScope(name string) bool {
	for _, v := range g.scope {
		if v == name {
			return true
		}
	}
	return false
}

// field returns a field, or inside a lambda the range variable, of type t.
func (g *exprGen) field(t gtype) (gexpr, bool) {
	if t == tString && len(g.scope) > 0 && g.chance(2, 3) {
		return atom(g.scope[len(g.scope)-1]), true // the innermost variable
	}
	if t == tString && len(g.scope) > 1 && g.chance(1, 3) {
		// an outer variable, unless an inner one of the same name hides it
		v := g.scope[g.r.Intn(len(g.scope))]
		return atom(v), true
	}
	names := fieldsOf[t]
	if len(names) == 0 {
		return gexpr{}, false
	}
	return atom(g.spell(names[g.r.Intn(len(names))])), true
}

// tags writes the machineTags collection.
func (g *exprGen) tags() gexpr { return atom(g.spell("machineTags")) }

func (g *exprGen) boolean(depth int) gexpr {
	d := depth - 1
	switch g.pick(14, 14, 6, 22, 10, 8, 4, 10, 3, 8, 3, 3, 3, 2) {
	case 0:
		return g.bin(ast.OpAnd, g.gen(tBool, d), g.gen(tBool, d))
	case 1:
		return g.bin(ast.OpOr, g.gen(tBool, d), g.gen(tBool, d))
	case 2:
		return g.not(g.gen(tBool, d))
	case 3:
		return g.equality(d)
	case 4:
		return g.relational(d)
	case 5:
		return g.inList(d)
	case 6:
		tags := g.tags()
		if g.chance(1, 4) {
			// One non-literal in parentheses is no list but the collection
			// itself: x in (machineTags) is x in machineTags.
			tags = atom("(" + tags.text + ")")
		}
		return g.bin(ast.OpIn, g.paren(g.gen(tString, d), precAtom), tags)
	case 7:
		return g.lambda(d)
	case 8:
		return atom(g.tags().text + "/" + g.kw("any") + "()")
	case 9:
		fn := g.oneOf("contains", "startswith", "endswith")
		if g.chance(1, 3) {
			fn = g.oneOf("startsWith", "endsWith", "Contains")
		}
		return g.call(fn, g.gen(tString, d), g.gen(tString, d))
	case 10:
		return g.matchesPattern(d)
	case 11:
		return g.subset(d)
	case 12:
		return g.isof(d)
	case 13:
		if g.chance(1, 2) {
			return g.caseOf(tBool, d)
		}
		return g.call("cast", g.gen(tBool, d), atom("Edm.Boolean"))
	}
	panic("unreachable")
}

// equality is x eq y or x ne y over two comparable values.
func (g *exprGen) equality(d int) gexpr {
	op := ast.OpEq
	if g.chance(1, 3) {
		op = ast.OpNe
	}
	t := g.anyType()
	if g.chance(1, 20) {
		return g.bin(op, atom("null"), g.gen(t, d)) // null on the left
	}
	return g.compareSides(op, t, d)
}

// relational is gt, ge, lt or le over two values of an ordered type.
func (g *exprGen) relational(d int) gexpr {
	op := []ast.BinaryOp{ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe}[g.r.Intn(4)]
	t := g.anyType()
	for !t.ordered() {
		t = g.anyType()
	}
	return g.compareSides(op, t, d)
}

// compareSides writes x op y with x of type t and y of a comparable type.
// An enum side may meet a string literal naming a member, or an alias of
// one, on either side.
func (g *exprGen) compareSides(op ast.BinaryOp, t gtype, d int) gexpr {
	x := g.gen(t, d)
	if t.enum() && g.chance(1, 2) {
		if g.chance(1, 3) {
			return g.bin(op, g.enumString(t), x)
		}
		return g.bin(op, x, g.enumString(t))
	}
	return g.bin(op, x, g.gen(g.sameFamily(t), d))
}

// enumString is a string literal naming a member of t, or an alias of one.
func (g *exprGen) enumString(t gtype) gexpr {
	lit := g.memberString(t)
	if g.aliases != nil && g.chance(1, 6) {
		return g.alias(lit.text)
	}
	return lit
}

// inList is x in (literals...) or x in [expressions...].
func (g *exprGen) inList(d int) gexpr {
	t := g.anyType()
	x := g.paren(g.gen(t, d), precAtom)
	n := g.pick(2, 6, 6, 3, 1) // 0 to 4 items, sometimes more
	if n == 4 {
		n = 4 + g.r.Intn(8)
	}
	json := g.chance(1, 4)
	items := make([]string, n)
	for i := range items {
		switch {
		case t.enum():
			items[i] = g.enumItem(t)
		case json:
			items[i] = g.jsonItem(g.sameFamily(t), d/2)
		default:
			items[i] = g.literalOrAlias(g.sameFamily(t)).text
			if g.chance(1, 15) {
				items[i] = "null"
			}
		}
	}
	sep := ","
	if g.chance(1, 3) {
		sep = g.ws() + "," + g.ws()
	}
	list := atom("(" + strings.Join(items, sep) + ")")
	if json {
		list = atom("[" + strings.Join(items, sep) + "]")
		if g.aliases != nil && g.chance(1, 4) {
			list = g.alias(list.text) // riskScore in @l, @l=['Low','High']
		}
	}
	return g.bin(ast.OpIn, x, list)
}

// enumItem is an item of a list after an enum: a member name as a string,
// a qualified literal, or null.
func (g *exprGen) enumItem(t gtype) string {
	switch g.pick(6, 3, 1) {
	case 0:
		return g.enumString(t).text
	case 1:
		return g.enumLiteral(t).text
	}
	return "null"
}

// jsonItem is an element of a JSON array: any expression, a literal, or a
// JSON string.
func (g *exprGen) jsonItem(t gtype, d int) string {
	if t == tString && g.chance(1, 3) {
		return jsonString(g.stringValue())
	}
	if g.chance(1, 2) {
		return g.literal(t).text
	}
	return g.gen(t, d).text
}

// lambda is tags/any(v:p) or tags/all(v:p), with the range variable in
// scope in p. Names are reused on purpose: an inner lambda may shadow an
// outer variable, or a field.
func (g *exprGen) lambda(d int) gexpr {
	kind := "any"
	if g.chance(1, 2) {
		kind = "all"
	}
	v := g.oneOf("t", "x", "tag", "s", "T", "v1", "_t", "tägé", "id", "osPlatform", "machineTags")
	if len(g.scope) > 0 && g.chance(1, 3) {
		v = g.scope[len(g.scope)-1] // shadow the enclosing variable
	}
	src := g.tags().text
	g.scope = append(g.scope, v)
	p := g.gen(tBool, d)
	g.scope = g.scope[:len(g.scope)-1]
	colon := ":"
	if g.chance(1, 3) {
		colon = g.ws() + ":" + g.ws()
	}
	return atom(src + "/" + g.kw(kind) + "(" + v + colon + p.text + ")")
}

// matchesPattern uses a valid RE2 literal pattern, rarely a string
// expression whose value may not compile.
func (g *exprGen) matchesPattern(d int) gexpr {
	pat := atom(quote(g.oneOf(`^Win`, `a.c`, `[0-9]+`, `(?i)high`, ``, `ü`, `\d{2}`, `^$`, `.*`,
		`^[a-f0-9]{40}$`, `O'N`, `x|y`, `\.`, `\bLinux\b`, `[^a-z]`, `^.{3}$`, `🙂`)))
	if g.chance(1, 8) {
		// The checker compiles literal patterns only; a field or an alias
		// may hold text that is no regular expression.
		pat = g.gen(tString, d)
		if strings.HasPrefix(pat.text, "'") {
			pat, _ = g.field(tString)
		}
	}
	return g.call(g.oneOf("matchespattern", "matchesPattern"), g.gen(tString, d), pat)
}

// subset is hassubset or hassubsequence over machineTags and JSON arrays
// of strings (the checker admits collections of strings only).
func (g *exprGen) subset(d int) gexpr {
	fn := g.oneOf("hassubset", "hassubsequence", "hasSubset", "hasSubsequence")
	arr := func() gexpr {
		items := make([]string, g.r.Intn(4))
		for i := range items {
			items[i] = g.jsonItem(tString, d/2)
		}
		a := atom("[" + strings.Join(items, ",") + "]")
		if g.aliases != nil && g.chance(1, 4) {
			return g.alias(a.text)
		}
		return a
	}
	switch g.pick(4, 3, 2, 1) {
	case 0:
		return g.call(fn, g.tags(), arr())
	case 1:
		return g.call(fn, arr(), g.tags())
	case 2:
		return g.call(fn, g.tags(), g.tags())
	}
	return g.call(fn, arr(), arr())
}

// castTargets are the type names of each generated type, for cast and isof.
var castTargets = map[gtype][]string{
	tBool: {"Edm.Boolean"}, tInt: {"Edm.Int64", "Edm.Int32", "Edm.Int16", "Edm.Byte", "Edm.SByte"},
	tDecimal: {"Edm.Decimal"}, tDouble: {"Edm.Double", "Edm.Single"}, tString: {"Edm.String"},
	tDate: {"Edm.Date"}, tDTO: {"Edm.DateTimeOffset"}, tTOD: {"Edm.TimeOfDay"},
	tDuration: {"Edm.Duration"}, tGuid: {"Edm.Guid"},
}

func (g *exprGen) typeName(t gtype) string {
	names := castTargets[t]
	if len(names) == 0 {
		names = castTargets[tString]
	}
	if len(names) > 1 && g.chance(1, 2) {
		return names[0]
	}
	return names[g.r.Intn(len(names))]
}

// isof tests a value of any type against any type name; rarely $it or the
// tag collection.
func (g *exprGen) isof(d int) gexpr {
	var x gexpr
	switch g.pick(20, 1, 1) {
	case 0:
		x = g.gen(g.anyType(), d)
	case 1:
		x = atom("$it")
	default:
		x = g.tags()
	}
	return g.call("isof", x, atom(g.typeName(g.anyType())))
}

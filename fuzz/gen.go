package fuzz

import (
	"math/rand"
	"strconv"
	"strings"

	"github.com/leanovate/gopter"

	"github.com/odatafilter/odatafilter/ast"
)

// GenFilter generates the text of random well-typed $filter expressions
// over the nine filterable fields of schema.Machines, nested at most depth
// operators deep. The text uses every operator, canonical function, literal
// kind and lambda form the checker admits, in random keyword case, with
// parentheses where precedence needs them and a few where it does not.
func GenFilter(depth int) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		g := newExprGen(p.Rng)
		return gopter.NewGenResult(g.filter(depth), gopter.NoShrinker)
	}
}

// gtype is the type of a generated expression, as the checker will type it
// (or null, which fits anywhere it is generated).
type gtype int

const (
	tBool gtype = iota
	tInt
	tDecimal
	tDouble
	tString
	tDate
	tDTO
	tTOD
	tDuration
	tGuid
	tRisk   // RiskScore, ordered
	tHealth // HealthStatus, eq ne in only
	numTypes
)

func (t gtype) numeric() bool  { return t == tInt || t == tDecimal || t == tDouble }
func (t gtype) temporal() bool { return t == tDate || t == tDTO }
func (t gtype) enum() bool     { return t == tRisk || t == tHealth }

// ordered reports whether gt, ge, lt and le apply: to every primitive
// type (false < true, GUIDs by their text) and to RiskScore.
func (t gtype) ordered() bool { return t != tHealth }

// gexpr is generated text with the precedence of its outermost operator
// (ast.PrecOr ... ast.PrecPrimary, precAtom for operands).
type gexpr struct {
	text string
	prec int
}

const precAtom = ast.PrecPrimary + 1

func atom(s string) gexpr { return gexpr{s, precAtom} }

// exprGen generates one expression. It draws from the gopter RNG so that a
// seed reproduces a run.
type exprGen struct {
	r       *rand.Rand
	scope   []string    // lambda range variables in force, innermost last
	aliases *[]aliasDef // when non-nil, some literals become @aliases
}

// aliasDef is a parameter alias the query string must define.
type aliasDef struct {
	name, value string
}

func newExprGen(r *rand.Rand) *exprGen { return &exprGen{r: r} }

// filter returns a Boolean expression (rarely the null literal).
func (g *exprGen) filter(depth int) string {
	if g.chance(1, 200) {
		return "null"
	}
	if depth <= 0 {
		return g.leaf(tBool).text
	}
	return g.boolean(depth).text
}

// chance is true n times in d.
func (g *exprGen) chance(n, d int) bool { return g.r.Intn(d) < n }

// pick returns an index chosen with the given weights.
func (g *exprGen) pick(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.Intn(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func (g *exprGen) oneOf(xs ...string) string { return xs[g.r.Intn(len(xs))] }

// kw writes a keyword or function name in a random case: mostly as given,
// sometimes upper case, sometimes capitalised.
func (g *exprGen) kw(s string) string {
	switch g.pick(85, 8, 7) {
	case 1:
		return strings.ToUpper(s)
	case 2:
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// ws is the optional whitespace inside brackets and around commas and
// colons: usually none.
func (g *exprGen) ws() string {
	switch g.pick(80, 15, 5) {
	case 1:
		return " "
	case 2:
		return "  "
	}
	return ""
}

// sp is the whitespace around an operator: usually one space.
func (g *exprGen) sp() string {
	switch g.pick(92, 4, 4) {
	case 1:
		return "  "
	case 2:
		return "\t"
	}
	return " "
}

// paren wraps e when its precedence is below least, and sometimes anyway.
func (g *exprGen) paren(e gexpr, least int) gexpr {
	if e.prec < least || g.chance(1, 40) {
		return atom("(" + g.ws() + e.text + g.ws() + ")")
	}
	return e
}

// bin joins x op y at the operator's precedence; every level is
// left-associative.
func (g *exprGen) bin(op ast.BinaryOp, x, y gexpr) gexpr {
	if (op == ast.OpDiv || op == ast.OpMod) && g.literalZero(y.text) {
		// Int64 div or mod by a literal zero is a checker error; a
		// computed zero keeps the division by zero (null, or IEEE 754
		// beside a float) in the generated filters.
		y = atom(g.oneOf("(1 sub 1)", "(0 mul 7)", "(-0 add 0)"))
	}
	p := op.Precedence()
	x = g.paren(x, p)
	if op != ast.OpIn { // after in, parentheses make a list
		y = g.paren(y, p+1)
	}
	return gexpr{x.text + g.sp() + g.kw(op.String()) + g.sp() + y.text, p}
}

// literalZero reports whether text is an integer literal zero, perhaps in
// parentheses or behind aliases: what the checker rejects as a divisor.
func (g *exprGen) literalZero(text string) bool {
	for {
		t := strings.TrimSpace(text)
		for len(t) >= 2 && t[0] == '(' && t[len(t)-1] == ')' {
			t = strings.TrimSpace(t[1 : len(t)-1])
		}
		if strings.HasPrefix(t, "@") && g.aliases != nil {
			text = ""
			for _, a := range *g.aliases {
				if a.name == t[1:] {
					text = a.value
				}
			}
			continue
		}
		digits := strings.TrimLeft(t, "+-")
		return len(t)-len(digits) <= 1 && digits != "" && strings.Trim(digits, "0") == ""
	}
}

func (g *exprGen) not(x gexpr) gexpr {
	x = g.paren(x, ast.PrecUnary)
	return gexpr{g.kw("not") + g.sp() + x.text, ast.PrecUnary}
}

// neg is unary minus. Before a digit, INF or NaN a bare "-" would lex as
// the sign of a literal, so it is spaced or the operand parenthesised.
func (g *exprGen) neg(x gexpr) gexpr {
	x = g.paren(x, ast.PrecUnary)
	t := x.text
	if t != "" && (t[0] >= '0' && t[0] <= '9' || strings.HasPrefix(t, "INF") || strings.HasPrefix(t, "NaN") || t[0] == '+') {
		if g.chance(1, 2) {
			return gexpr{"- " + t, ast.PrecUnary}
		}
		t = "(" + t + ")"
	}
	return gexpr{"-" + t, ast.PrecUnary}
}

// call writes a canonical function call.
func (g *exprGen) call(name string, args ...gexpr) gexpr {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a.text
	}
	sep := ","
	if g.chance(1, 4) {
		sep = ", "
	}
	if g.chance(1, 10) {
		sep = g.ws() + "," + g.ws()
	}
	return atom(g.kw(name) + "(" + g.ws() + strings.Join(parts, sep) + g.ws() + ")")
}

// gen returns an expression of type t at most depth operators deep.
func (g *exprGen) gen(t gtype, depth int) gexpr {
	if depth <= 0 || g.chance(1, depth+2) {
		return g.leaf(t)
	}
	switch t {
	case tBool:
		return g.boolean(depth)
	case tInt:
		return g.integer(depth)
	case tDecimal, tDouble:
		return g.float(t, depth)
	case tString:
		return g.str(depth)
	case tDate, tDTO, tTOD, tDuration:
		return g.temporal(t, depth)
	case tRisk, tHealth:
		return g.enumExpr(t, depth)
	}
	return g.leaf(t)
}

// leaf returns a literal, a field, a range variable or a small expression
// over a field of type t, and sometimes null. Reading fields keeps most
// filters from being constant, so that they split a batch of machines.
func (g *exprGen) leaf(t gtype) gexpr {
	if g.chance(1, 30) {
		return atom("null")
	}
	switch g.pick(4, 3, 4) {
	case 0:
		if f, ok := g.field(t); ok {
			return f
		}
	case 1:
		if d, ok := g.derived(t); ok {
			return d
		}
	}
	return g.literalOrAlias(t)
}

// derived is a one-step expression over a field, of type t.
func (g *exprGen) derived(t gtype) (gexpr, bool) {
	str := func() gexpr { f, _ := g.field(tString); return f }
	seen := func() gexpr { return atom(g.spell("lastSeen")) }
	rbac := func() gexpr { return atom(g.spell("rbacGroupId")) }
	switch t {
	case tBool:
		switch g.pick(2, 2, 2, 1, 1) {
		case 0:
			return g.call(g.oneOf("contains", "startswith", "endswith"), str(), g.literal(tString)), true
		case 1:
			return g.bin(ast.OpEq, atom(g.spell("riskScore")), g.memberString(tRisk)), true
		case 2:
			return g.bin(ast.OpGt, rbac(), g.literal(tInt)), true
		case 3:
			return g.bin(ast.OpLt, seen(), atom("now()")), true
		}
		return atom(g.tags().text + "/any()"), true
	case tInt:
		switch g.pick(2, 2, 1) {
		case 0:
			return g.call("length", str()), true
		case 1:
			return g.call(g.oneOf("year", "month", "day", "hour", "minute", "second"), seen()), true
		}
		return atom(g.tags().text + "/$count"), true
	case tDecimal:
		if g.chance(1, 2) {
			return g.call("fractionalseconds", seen()), true
		}
		return g.bin(ast.OpDivBy, rbac(), g.literal(tInt)), true
	case tDouble:
		return g.bin(ast.OpMul, rbac(), g.literal(tDouble)), true
	case tString:
		return g.call(g.oneOf("tolower", "toupper", "trim"), str()), true
	case tDate:
		return g.call("date", seen()), true
	case tTOD:
		return g.call("time", seen()), true
	case tDuration:
		if g.chance(1, 2) {
			return g.bin(ast.OpSub, seen(), atom("now()")), true
		}
		return g.bin(ast.OpSub, atom("now()"), seen()), true
	case tRisk:
		return atom(g.spell("riskScore")), true
	case tHealth:
		return atom(g.spell("healthStatus")), true
	}
	return gexpr{}, false
}

// literalOrAlias returns a literal of type t, or an alias standing for one
// when the generator makes a query string.
func (g *exprGen) literalOrAlias(t gtype) gexpr {
	lit := g.literal(t)
	if g.aliases != nil && g.chance(1, 8) {
		return g.alias(lit.text)
	}
	return lit
}

// alias defines a new alias for value and returns its use; sometimes the
// alias names another alias that holds the value.
func (g *exprGen) alias(value string) gexpr {
	if g.chance(1, 8) {
		value = g.alias(value).text
	}
	name := "p" + strconv.Itoa(len(*g.aliases)+1)
	if g.chance(1, 3) {
		name = "A_" + name
	}
	*g.aliases = append(*g.aliases, aliasDef{name: name, value: value})
	return atom("@" + name)
}

// anyType picks one of the generated types at random.
func (g *exprGen) anyType() gtype { return gtype(g.r.Intn(int(numTypes))) }

// sameFamily picks a type whose values may be compared with t's.
func (g *exprGen) sameFamily(t gtype) gtype {
	switch {
	case t.numeric():
		return []gtype{tInt, tDecimal, tDouble}[g.r.Intn(3)]
	case t.temporal() && g.chance(1, 3):
		return []gtype{tDate, tDTO}[g.r.Intn(2)]
	}
	return t
}

package eval

import (
	"strings"
	"unicode/utf8"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// strPred is a string predicate of two arguments: contains, startswith,
// endswith.
type strPred struct {
	fn   func(s, t string) bool
	x, y node[string]
}

func (n strPred) b(m *schema.Machine, f *frame) tri {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return tNull
	}
	return triOf(n.fn(x, y))
}

// strConstPred is a string predicate with a constant second argument.
type strConstPred struct {
	name string // the function: contains, startswith or endswith
	fn   func(s, t string) bool
	x    node[string]
	c    string
}

func (n strConstPred) b(m *schema.Machine, f *frame) tri {
	x, ok := n.x.eval(m, f)
	if !ok {
		return tNull
	}
	return triOf(n.fn(x, n.c))
}

func (n strConstPred) truth() pred   { return stringFuncPred(n, false) }
func (n strConstPred) falsity() pred { return stringFuncPred(n, true) }

func (p *planner) stringPredicate(name string, fn func(s, t string) bool, args []ast.Expr) boolNode {
	x, y := typed[string](p, args[0]), typed[string](p, args[1])
	if c, ok := y.(constant[string]); ok {
		if !c.ok {
			return constBool(tNull)
		}
		return strConstPred{name, fn, x, c.v}
	}
	return strPred{fn, x, y}
}

// strFunc is a function of one string to a string.
type strFunc struct {
	fn func(string) string
	x  node[string]
}

func (n strFunc) eval(m *schema.Machine, f *frame) (string, bool) {
	x, ok := n.x.eval(m, f)
	if !ok || f.spend(len(x)) {
		return "", false
	}
	return n.fn(x), true
}

type concat struct{ x, y node[string] }

func (n concat) eval(m *schema.Machine, f *frame) (string, bool) {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok || f.spend(len(x)+len(y)) {
		return "", false
	}
	return x + y, true
}

type length struct{ x node[string] }

func (n length) eval(m *schema.Machine, f *frame) (int64, bool) {
	x, ok := n.x.eval(m, f)
	return int64(utf8.RuneCountInString(x)), ok
}

// indexOf is the rune index of the first occurrence of y in x, or -1.
type indexOf struct{ x, y node[string] }

func (n indexOf) eval(m *schema.Machine, f *frame) (int64, bool) {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return 0, false
	}
	i := strings.Index(x, y)
	if i < 0 {
		return -1, true
	}
	return int64(utf8.RuneCountInString(x[:i])), true
}

// substring works on runes, as OData 4.01 says: a negative start counts
// from the end (at most back to the start), a start past the end gives "",
// and a negative length, which 4.01 makes a bad request (a literal one is
// a checker error), gives null.
type substring struct {
	x          node[string]
	start, len node[int64]
}

func (n substring) eval(m *schema.Machine, f *frame) (string, bool) {
	x, xok := n.x.eval(m, f)
	start, sok := n.start.eval(m, f)
	if !xok || !sok {
		return "", false
	}
	count := int64(-1)
	if n.len != nil {
		l, lok := n.len.eval(m, f)
		if !lok {
			return "", false
		}
		if l < 0 {
			return "", false
		}
		count = l
	}
	if start < 0 {
		start = max(int64(utf8.RuneCountInString(x))+start, 0)
	}
	i := runeOffset(x, start)
	if count < 0 {
		return x[i:], true
	}
	j := i + runeOffset(x[i:], count)
	return x[i:j], true
}

// runeOffset returns the byte offset of rune n of s, len(s) past the end.
func runeOffset(s string, n int64) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

func (p *planner) stringCall(e *ast.CallExpr) any {
	a := e.Args
	switch e.Name {
	case "contains":
		return p.stringPredicate("contains", strings.Contains, a)
	case "startswith":
		return p.stringPredicate("startswith", strings.HasPrefix, a)
	case "endswith":
		return p.stringPredicate("endswith", strings.HasSuffix, a)
	case "length":
		return length{typed[string](p, a[0])}
	case "indexof":
		return indexOf{typed[string](p, a[0]), typed[string](p, a[1])}
	case "substring":
		n := substring{x: typed[string](p, a[0]), start: typed[int64](p, a[1])}
		if len(a) == 3 {
			n.len = typed[int64](p, a[2])
		}
		return n
	case "tolower":
		return strFunc{strings.ToLower, typed[string](p, a[0])}
	case "toupper":
		return strFunc{strings.ToUpper, typed[string](p, a[0])}
	case "trim":
		return strFunc{strings.TrimSpace, typed[string](p, a[0])}
	case "concat":
		return concat{typed[string](p, a[0]), typed[string](p, a[1])}
	case "matchespattern":
		return p.matchesPattern(e)
	}
	return nil
}

// stringFuncPred is the truth of n (with neg, its falsity): whether n.x is
// not null and n.fn(n.x, n.c) is true (false).
//
//go:noinline
func stringFuncPred(n strConstPred, neg bool) pred {
	c := n.c
	if fx, ok := n.x.(field[string]); ok {
		if id, ok := builtinIn(fx.src, idID, idOSArchitecture); ok {
			switch n.name {
			case "startswith":
				return func(m *schema.Machine, _ *frame) bool {
					s := stringRef(m, id)
					return s.Valid && strings.HasPrefix(s.V, c) != neg
				}
			case "endswith":
				return func(m *schema.Machine, _ *frame) bool {
					s := stringRef(m, id)
					return s.Valid && strings.HasSuffix(s.V, c) != neg
				}
			case "contains":
				return func(m *schema.Machine, _ *frame) bool {
					s := stringRef(m, id)
					return s.Valid && strings.Contains(s.V, c) != neg
				}
			}
		}
	}
	x, fn := n.x, n.fn
	return func(m *schema.Machine, f *frame) bool {
		v, ok := x.eval(m, f)
		return ok && fn(v, c) != neg
	}
}

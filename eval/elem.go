package eval

import (
	"strings"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// elemPred is a lambda predicate that reads only its range variable and
// constants, the common shape (tags/any(t: t eq 'x')). It takes the
// element as an argument, so the lambda needs no frame and Match no pool.
type elemPred interface {
	test(v string) tri
}

// elemPredicate plans e, the predicate of lam, as an elemPred when it has
// that shape.
func (p *planner) elemPredicate(e ast.Expr, lam *ast.LambdaExpr) (elemPred, bool) {
	isVar := func(x ast.Expr) bool {
		m, ok := x.(*ast.MemberExpr)
		return ok && p.c.Vars[m] == lam
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		switch x.Op {
		case ast.OpAnd, ast.OpOr:
			l, lok := p.elemPredicate(x.X, lam)
			r, rok := p.elemPredicate(x.Y, lam)
			if !lok || !rok {
				return nil, false
			}
			return elemLogic{x.Op == ast.OpAnd, l, r}, true
		case ast.OpEq, ast.OpNe, ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe:
			op, other := x.Op, x.Y
			if !isVar(x.X) {
				op, other = x.Op.Mirror(), x.X
				if !isVar(x.Y) {
					return nil, false
				}
			}
			if p.typeOf(other) != schema.TypeString || !p.isConst(other) {
				return nil, false
			}
			c, ok := typed[string](p, other).eval(nil, nil)
			if !ok {
				return elemNull{op}, true
			}
			return elemCompare{op, c}, true
		}
	case *ast.UnaryExpr:
		if x.Op == ast.OpNot {
			if inner, ok := p.elemPredicate(x.X, lam); ok {
				return elemNot{inner}, true
			}
		}
	case *ast.CallExpr:
		fns := map[string]func(s, t string) bool{"contains": strings.Contains, "startswith": strings.HasPrefix, "endswith": strings.HasSuffix}
		fn, known := fns[x.Name]
		if known && isVar(x.Args[0]) && p.isConst(x.Args[1]) && p.typeOf(x.Args[1]) == schema.TypeString {
			c, ok := typed[string](p, x.Args[1]).eval(nil, nil)
			if !ok {
				return elemConst(tNull), true
			}
			return elemCall{fn, c}, true
		}
	}
	return nil, false
}

type elemCompare struct {
	op ast.BinaryOp
	c  string
}

func (n elemCompare) test(v string) tri { return test(n.op, v, n.c) }

// elemNull is a comparison of the (never null) element with null.
type elemNull struct{ op ast.BinaryOp }

func (n elemNull) test(string) tri { return nullResult(n.op, true, false) }

type elemConst tri

func (n elemConst) test(string) tri { return tri(n) }

type elemCall struct {
	fn func(s, t string) bool
	c  string
}

func (n elemCall) test(v string) tri { return triOf(n.fn(v, n.c)) }

type elemNot struct{ x elemPred }

func (n elemNot) test(v string) tri { return not{constBool(n.x.test(v))}.b(nil, nil) }

type elemLogic struct {
	and  bool
	x, y elemPred
}

func (n elemLogic) test(v string) tri {
	x := n.x.test(v)
	if n.and {
		if x == tFalse {
			return tFalse
		}
		return and3(x, n.y.test(v))
	}
	if x == tTrue {
		return tTrue
	}
	return or3(x, n.y.test(v))
}

// elemLambda is any or all over an elemPred.
type elemLambda struct {
	coll node[[]string]
	pred elemPred
	all  bool
}

func (n elemLambda) b(m *schema.Machine, f *frame) tri {
	c, _ := n.coll.eval(m, f)
	if f.spend(len(c)) {
		return tNull
	}
	for _, v := range c {
		r := n.pred.test(v) == tTrue
		if r != n.all {
			return triOf(r)
		}
	}
	return triOf(n.all)
}

func (n elemLambda) truth() pred   { return n.compile(false) }
func (n elemLambda) falsity() pred { return n.compile(true) }

// compile returns the truth of n, or with neg its falsity: n is never
// null. any(t: t eq c) over machineTags, the common lambda, reads the
// field and compares inline.
func (n elemLambda) compile(neg bool) pred {
	if c, ok := n.pred.(elemCompare); ok && c.op == ast.OpEq && !n.all {
		if fx, ok := n.coll.(stringsField); ok && builtin[fx.src] == idMachineTags {
			return func(m *schema.Machine, f *frame) bool {
				if f != nil && f.spend(len(m.MachineTags)) {
					return false
				}
				for _, v := range m.MachineTags {
					if v == c.c {
						return !neg
					}
				}
				return neg
			}
		}
	}
	return func(m *schema.Machine, f *frame) bool { return (n.b(m, f) == tTrue) != neg }
}

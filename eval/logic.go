package eval

import (
	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

func (p *planner) binary(e *ast.BinaryExpr) any {
	switch e.Op {
	case ast.OpAnd:
		return and{p.bool(e.X), p.bool(e.Y)}
	case ast.OpOr:
		return or{p.bool(e.X), p.bool(e.Y)}
	case ast.OpEq, ast.OpNe, ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe:
		return p.compare(e.Op, e.X, e.Y)
	case ast.OpIn:
		return p.in(e)
	}
	return p.arithmetic(e)
}

func (p *planner) unary(e *ast.UnaryExpr) any {
	if e.Op == ast.OpNot {
		return not{p.bool(e.X)}
	}
	switch p.typeOf(e) {
	case schema.TypeInt64:
		return negInt{typed[int64](p, e.X)}
	case schema.TypeDuration:
		return negDuration{typed[durationT](p, e.X)}
	case schema.TypeNull:
		return constant[int64]{}
	}
	return negFloat{p.float(e.X)}
}

// and is three-valued: false wins, then null.
type and struct{ x, y boolNode }

func (n and) b(m *schema.Machine, f *frame) tri {
	x := n.x.b(m, f)
	if x == tFalse {
		return tFalse
	}
	y := n.y.b(m, f)
	if y == tFalse {
		return tFalse
	}
	if x == tTrue && y == tTrue {
		return tTrue
	}
	return tNull
}

// or is three-valued: true wins, then null.
type or struct{ x, y boolNode }

func (n or) b(m *schema.Machine, f *frame) tri {
	x := n.x.b(m, f)
	if x == tTrue {
		return tTrue
	}
	y := n.y.b(m, f)
	if y == tTrue {
		return tTrue
	}
	if x == tFalse && y == tFalse {
		return tFalse
	}
	return tNull
}

// not maps null to null.
type not struct{ x boolNode }

func (n not) b(m *schema.Machine, f *frame) tri {
	switch n.x.b(m, f) {
	case tTrue:
		return tFalse
	case tFalse:
		return tTrue
	}
	return tNull
}

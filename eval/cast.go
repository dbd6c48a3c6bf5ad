package eval

import (
	"math"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

func (p *planner) cast(e *ast.CallExpr) any {
	x := e.Args[0]
	from, to := p.typeOf(x), p.typeOf(e)
	switch {
	case from == schema.TypeNull:
		return p.nullOf(to)
	case from == to:
		return p.value(x)
	case to == schema.TypeInt64:
		return floatToInt{p.float(x)}
	case to == schema.TypeDecimal || to == schema.TypeDouble:
		return p.float(x)
	case to == schema.TypeDateTimeOffset:
		return p.instant(x)
	case to == schema.TypeString && from.Kind == schema.KindEnum:
		return memberName{from.Enum, typed[uint8](p, x)}
	}
	p.fail(e, "cannot plan cast from %s to %s", from, to)
	return constBool(tNull)
}

// nullOf is the null of type t.
func (p *planner) nullOf(t *schema.Type) any {
	switch t {
	case schema.TypeBoolean:
		return constBool(tNull)
	case schema.TypeInt64:
		return constant[int64]{}
	case schema.TypeDecimal, schema.TypeDouble:
		return constant[float64]{}
	case schema.TypeString, schema.TypeGuid:
		return constant[string]{}
	case schema.TypeDateTimeOffset:
		return constant[schema.DateTimeOffset]{}
	case schema.TypeDate:
		return constant[date]{}
	case schema.TypeTimeOfDay:
		return constant[timeOfDay]{}
	case schema.TypeDuration:
		return constant[time.Duration]{}
	}
	return constant[uint8]{}
}

// floatToInt is cast to Int64: null unless integral and in range.
type floatToInt struct{ x node[float64] }

func (n floatToInt) eval(m *schema.Machine, f *frame) (int64, bool) {
	x, ok := n.x.eval(m, f)
	if !ok || x != math.Trunc(x) || x < -9223372036854775808.0 || x >= 9223372036854775808.0 {
		return 0, false
	}
	return int64(x), true
}

type memberName struct {
	e *schema.Enum
	x node[uint8]
}

func (n memberName) eval(m *schema.Machine, f *frame) (string, bool) {
	x, ok := n.x.eval(m, f)
	if !ok {
		return "", false
	}
	return n.e.MemberName(x)
}

// isof is decided by the static type: true when x is not null.
func (p *planner) isof(e *ast.CallExpr) any {
	x := e.Args[0]
	if p.typeOf(x) != p.typeOf(e.Args[1]) {
		return constBool(tFalse)
	}
	return isNull{p.nullable(x), true}
}

// caseExpr plans case(c1:v1, ...) by its value type.
func (p *planner) caseExpr(e *ast.CaseExpr) any {
	t := p.typeOf(e)
	conds := make([]boolNode, len(e.Clauses))
	for i, cl := range e.Clauses {
		conds[i] = p.bool(cl.Cond)
	}
	vals := make([]ast.Expr, len(e.Clauses))
	for i, cl := range e.Clauses {
		vals[i] = cl.Value
	}
	switch {
	case t == schema.TypeBoolean:
		return valueBool{caseOf(conds, mapNodes(vals, func(v ast.Expr) node[bool] { return boolValue{p.bool(v)} }))}
	case t == schema.TypeInt64:
		return caseOf(conds, mapNodes(vals, func(v ast.Expr) node[int64] { return typed[int64](p, v) }))
	case t == schema.TypeDecimal || t == schema.TypeDouble:
		return caseOf(conds, mapNodes(vals, p.float))
	case t == schema.TypeString || t == schema.TypeGuid:
		return caseOf(conds, mapNodes(vals, func(v ast.Expr) node[string] { return typed[string](p, v) }))
	case t == schema.TypeDateTimeOffset:
		return caseOf(conds, mapNodes(vals, p.instant))
	case t == schema.TypeDate:
		return caseOf(conds, mapNodes(vals, func(v ast.Expr) node[date] { return typed[date](p, v) }))
	case t == schema.TypeTimeOfDay:
		return caseOf(conds, mapNodes(vals, func(v ast.Expr) node[timeOfDay] { return typed[timeOfDay](p, v) }))
	case t == schema.TypeDuration:
		return caseOf(conds, mapNodes(vals, func(v ast.Expr) node[durationT] { return typed[durationT](p, v) }))
	case t.Kind == schema.KindEnum:
		return caseOf(conds, mapNodes(vals, func(v ast.Expr) node[uint8] { return typed[uint8](p, v) }))
	case t == schema.TypeNull:
		return constBool(tNull)
	}
	p.fail(e, "cannot plan a case of %s", t)
	return constBool(tNull)
}

func mapNodes[T any](es []ast.Expr, fn func(ast.Expr) node[T]) []node[T] {
	out := make([]node[T], len(es))
	for i, e := range es {
		out[i] = fn(e)
	}
	return out
}

type caseNode[T any] struct {
	conds []boolNode
	vals  []node[T]
}

func caseOf[T any](conds []boolNode, vals []node[T]) node[T] { return caseNode[T]{conds, vals} }

func (n caseNode[T]) eval(m *schema.Machine, f *frame) (T, bool) {
	for i, c := range n.conds {
		if c.b(m, f) == tTrue {
			return n.vals[i].eval(m, f)
		}
	}
	var zero T
	return zero, false
}

package eval

import (
	"cmp"
	"math"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

type durationT = time.Duration

// compare plans x op y for eq, ne, gt, ge, lt and le.
func (p *planner) compare(op ast.BinaryOp, x, y ast.Expr) boolNode {
	tx, ty := p.typeOf(x), p.typeOf(y)
	if tx == schema.TypeNull || ty == schema.TypeNull {
		return p.compareNull(op, x, y, tx, ty)
	}
	switch {
	case tx == schema.TypeInt64 && ty == schema.TypeInt64:
		return ordered(op, typed[int64](p, x), typed[int64](p, y))
	case tx == schema.TypeInt64 && isFloat(ty):
		return intFloat{op: op, x: typed[int64](p, x), y: p.float(y)}
	case isFloat(tx) && ty == schema.TypeInt64:
		return intFloat{op: op.Mirror(), x: typed[int64](p, y), y: p.float(x)}
	case isFloat(tx):
		return ordered(op, p.float(x), p.float(y))
	case tx == schema.TypeString:
		return ordered(op, typed[string](p, x), typed[string](p, y))
	case tx == schema.TypeGuid:
		return guids{op, typed[string](p, x), typed[string](p, y)}
	case tx == schema.TypeDate && ty == schema.TypeDate:
		return ordered(op, typed[date](p, x), typed[date](p, y))
	case tx == schema.TypeDate || tx == schema.TypeDateTimeOffset:
		return compareInstants(op, p.instant(x), p.instant(y))
	case tx == schema.TypeTimeOfDay:
		return ordered(op, typed[timeOfDay](p, x), typed[timeOfDay](p, y))
	case tx == schema.TypeDuration:
		return ordered(op, typed[durationT](p, x), typed[durationT](p, y))
	case tx.Kind == schema.KindEnum:
		return ordered(op, typed[uint8](p, x), typed[uint8](p, y))
	case tx == schema.TypeBoolean:
		return booleans{op, p.bool(x), p.bool(y)}
	}
	p.fail(x, "cannot compare %s with %s", tx, ty)
	return constBool(tNull)
}

func isFloat(t *schema.Type) bool { return t == schema.TypeDecimal || t == schema.TypeDouble }

// nullResult is the outcome of a comparison with a null side.
func nullResult(op ast.BinaryOp, xok, yok bool) tri {
	switch op {
	case ast.OpEq:
		return triOf(xok == yok)
	case ast.OpNe:
		return triOf(xok != yok)
	case ast.OpGe, ast.OpLe: // gt or eq (lt or eq), as 4.01 defines them
		return triOf(!xok && !yok)
	}
	return tFalse
}

// compareNull plans a comparison with the null literal.
func (p *planner) compareNull(op ast.BinaryOp, x, y ast.Expr, tx, ty *schema.Type) boolNode {
	switch op {
	case ast.OpGt, ast.OpLt:
		return constBool(tFalse)
	case ast.OpGe, ast.OpLe: // x ge null is x eq null
		op = ast.OpEq
	}
	other := x
	if tx == schema.TypeNull {
		other = y
		if ty == schema.TypeNull {
			return constBool(nullResult(op, false, false))
		}
	}
	return isNull{p.nullable(other), op == ast.OpNe}
}

// nullable plans e for a null test.
func (p *planner) nullable(e ast.Expr) boolNode {
	switch n := p.value(e).(type) {
	case boolNode:
		return n
	case node[int64]:
		return present[int64]{n}
	case node[float64]:
		return present[float64]{n}
	case node[string]:
		return present[string]{n}
	case node[uint8]:
		return present[uint8]{n}
	case node[schema.DateTimeOffset]:
		return present[schema.DateTimeOffset]{n}
	case node[date]:
		return present[date]{n}
	case node[timeOfDay]:
		return present[timeOfDay]{n}
	case node[durationT]:
		return present[durationT]{n}
	}
	p.fail(e, "cannot test %s for null", p.typeOf(e))
	return constBool(tNull)
}

// present is true when x is not null, false when it is.
type present[T any] struct{ x node[T] }

func (n present[T]) b(m *schema.Machine, f *frame) tri {
	_, ok := n.x.eval(m, f)
	if ok {
		return tTrue
	}
	return tNull
}

// isNull is x eq null (not: x ne null). x is a presence test: null when
// x is null.
type isNull struct {
	x   boolNode
	neg bool
}

func (n isNull) b(m *schema.Machine, f *frame) tri {
	null := n.x.b(m, f) == tNull
	return triOf(null != n.neg)
}

// result maps a three-way comparison to the operator's outcome.
func result(op ast.BinaryOp, c int) tri {
	switch op {
	case ast.OpEq:
		return triOf(c == 0)
	case ast.OpNe:
		return triOf(c != 0)
	case ast.OpGt:
		return triOf(c > 0)
	case ast.OpGe:
		return triOf(c >= 0)
	case ast.OpLt:
		return triOf(c < 0)
	}
	return triOf(c <= 0)
}

// ordered plans a comparison of two values of one ordered Go type, with
// faster forms for a field or any node against a constant.
func ordered[T cmp.Ordered](op ast.BinaryOp, x, y node[T]) boolNode {
	if c, ok := y.(constant[T]); ok && c.ok {
		if fx, ok := x.(field[T]); ok {
			if fe, ok := any(fx).(field[uint8]); ok {
				return enumCompare(op, fe, any(c.v).(uint8))
			}
			return fieldConst[T]{op, fx.src, fx.get, c.v}
		}
		return nodeConst[T]{op, x, c.v}
	}
	if c, ok := x.(constant[T]); ok && c.ok {
		return ordered(op.Mirror(), y, x)
	}
	return nodes[T]{op, x, y}
}

// test applies op to x and y with Go's operators, which follow IEEE 754
// for floats (NaN compares false, and unequal).
func test[T cmp.Ordered](op ast.BinaryOp, x, y T) tri {
	switch op {
	case ast.OpEq:
		return triOf(x == y)
	case ast.OpNe:
		return triOf(x != y)
	case ast.OpGt:
		return triOf(x > y)
	case ast.OpGe:
		return triOf(x >= y)
	case ast.OpLt:
		return triOf(x < y)
	}
	return triOf(x <= y)
}

type nodeConst[T cmp.Ordered] struct {
	op ast.BinaryOp
	x  node[T]
	c  T
}

func (n nodeConst[T]) b(m *schema.Machine, f *frame) tri {
	v, ok := n.x.eval(m, f)
	if !ok {
		return nullResult(n.op, false, true)
	}
	return test(n.op, v, n.c)
}

type nodes[T cmp.Ordered] struct {
	op   ast.BinaryOp
	x, y node[T]
}

func (n nodes[T]) b(m *schema.Machine, f *frame) tri {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return nullResult(n.op, xok, yok)
	}
	return test(n.op, x, y)
}

// intFloat compares an Int64 with a float64 exactly.
type intFloat struct {
	op ast.BinaryOp
	x  node[int64]
	y  node[float64]
}

func (n intFloat) b(m *schema.Machine, f *frame) tri {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return nullResult(n.op, xok, yok)
	}
	if math.IsNaN(y) {
		return triOf(n.op == ast.OpNe)
	}
	return result(n.op, compareIntFloat(x, y))
}

// compareIntFloat compares i with a non-NaN f without rounding i.
func compareIntFloat(i int64, f float64) int {
	switch {
	case f >= 9223372036854775808.0:
		return -1
	case f < -9223372036854775808.0:
		return 1
	}
	t := math.Trunc(f)
	ti := int64(t)
	if c := cmp.Compare(i, ti); c != 0 {
		return c
	}
	return cmp.Compare(0, f-t) // f's fraction decides
}

// compareInstants plans a comparison of instants, with a faster form for a
// field against a constant (lastSeen gt 2018-08-01Z).
func compareInstants(op ast.BinaryOp, x, y node[schema.DateTimeOffset]) boolNode {
	if c, ok := x.(constant[schema.DateTimeOffset]); ok && c.ok {
		x, y, op = y, x, op.Mirror()
	}
	c, cok := y.(constant[schema.DateTimeOffset])
	fx, fok := x.(field[schema.DateTimeOffset])
	if cok && c.ok && fok {
		sec, nsec := c.v.Unix()
		return instantConst{op, fx.src, fx.get, sec, nsec}
	}
	return instants{op, x, y}
}

// instants compares DateTimeOffsets as instants.
type instants struct {
	op   ast.BinaryOp
	x, y node[schema.DateTimeOffset]
}

func (n instants) b(m *schema.Machine, f *frame) tri {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return nullResult(n.op, xok, yok)
	}
	return result(n.op, x.Compare(y))
}

// guids compares GUIDs held as text without regard to ASCII case; the
// order of the canonical text is the order of the GUIDs' fields.
type guids struct {
	op   ast.BinaryOp
	x, y node[string]
}

func (n guids) b(m *schema.Machine, f *frame) tri {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return nullResult(n.op, xok, yok)
	}
	return result(n.op, compareFold(x, y))
}

// compareFold compares a and b byte by byte with ASCII letters folded to
// lower case.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := lowerASCII(a[i]), lowerASCII(b[i])
		if x != y {
			return cmp.Compare(x, y)
		}
	}
	return cmp.Compare(len(a), len(b))
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// booleans compares two Booleans, false < true; null as for any type.
type booleans struct {
	op   ast.BinaryOp
	x, y boolNode
}

func (n booleans) b(m *schema.Machine, f *frame) tri {
	x, y := n.x.b(m, f), n.y.b(m, f)
	if x == tNull || y == tNull {
		return nullResult(n.op, x != tNull, y != tNull)
	}
	return result(n.op, cmp.Compare(x, y))
}

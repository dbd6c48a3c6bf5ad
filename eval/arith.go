package eval

import (
	"math"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// arithmetic plans add, sub, mul, div, divby and mod by the checked type.
func (p *planner) arithmetic(e *ast.BinaryExpr) any {
	t, tx, ty := p.typeOf(e), p.typeOf(e.X), p.typeOf(e.Y)
	switch {
	case t == schema.TypeNull:
		return constant[int64]{}
	case t == schema.TypeInt64:
		return intOp[int64]{e.Op, typed[int64](p, e.X), typed[int64](p, e.Y)}
	case t == schema.TypeDecimal || t == schema.TypeDouble:
		return floatOp{e.Op, p.float(e.X), p.float(e.Y)}
	case t == schema.TypeDateTimeOffset:
		return shift{e.Op == ast.OpSub, typed[schema.DateTimeOffset](p, e.X), typed[durationT](p, e.Y)}
	case t == schema.TypeDate:
		return dateShift{e.Op == ast.OpSub, typed[date](p, e.X), typed[durationT](p, e.Y)}
	case t == schema.TypeDuration && tx == schema.TypeDuration && ty == schema.TypeDuration:
		return intOp[durationT]{e.Op, typed[durationT](p, e.X), typed[durationT](p, e.Y)}
	case t == schema.TypeDuration && tx == schema.TypeDuration:
		return scale{e.Op != ast.OpMul, typed[durationT](p, e.X), p.float(e.Y)}
	case t == schema.TypeDuration && ty == schema.TypeDuration:
		return scale{false, typed[durationT](p, e.Y), p.float(e.X)}
	case t == schema.TypeDuration && (tx == schema.TypeDate || ty == schema.TypeDate):
		return dateDiff{typed[date](p, e.X), typed[date](p, e.Y)}
	case t == schema.TypeDuration:
		return since{typed[schema.DateTimeOffset](p, e.X), typed[schema.DateTimeOffset](p, e.Y)}
	}
	p.fail(e, "cannot plan %s on %s and %s", e.Op, tx, ty)
	return constant[int64]{}
}

type integer interface{ ~int64 }

// intOp is integer arithmetic on Int64 or Duration values. Overflow and
// division or modulo by zero give null.
type intOp[T integer] struct {
	op   ast.BinaryOp
	x, y node[T]
}

func (n intOp[T]) eval(m *schema.Machine, f *frame) (T, bool) {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return 0, false
	}
	r, ok := intArith(n.op, int64(x), int64(y))
	return T(r), ok
}

func intArith(op ast.BinaryOp, x, y int64) (int64, bool) {
	switch op {
	case ast.OpAdd:
		r := x + y
		return r, (r > x) == (y > 0)
	case ast.OpSub:
		r := x - y
		return r, (r < x) == (y > 0)
	case ast.OpMul:
		if x == 0 || y == 0 {
			return 0, true
		}
		r := x * y
		return r, r/y == x && !(x == -1 && y == math.MinInt64) && !(y == -1 && x == math.MinInt64)
	case ast.OpDiv:
		if y == 0 || x == math.MinInt64 && y == -1 {
			return 0, false
		}
		return x / y, true
	case ast.OpMod:
		if y == 0 {
			return 0, false
		}
		if y == -1 {
			return 0, true
		}
		return x % y, true
	}
	return 0, false
}

// floatOp is float64 arithmetic; division by zero follows IEEE 754.
type floatOp struct {
	op   ast.BinaryOp
	x, y node[float64]
}

func (n floatOp) eval(m *schema.Machine, f *frame) (float64, bool) {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return 0, false
	}
	switch n.op {
	case ast.OpAdd:
		return x + y, true
	case ast.OpSub:
		return x - y, true
	case ast.OpMul:
		return x * y, true
	case ast.OpMod:
		return math.Mod(x, y), true
	}
	return x / y, true // div and divby
}

// intToFloat promotes an Int64 to a float64.
type intToFloat struct{ x node[int64] }

func (n intToFloat) eval(m *schema.Machine, f *frame) (float64, bool) {
	v, ok := n.x.eval(m, f)
	return float64(v), ok
}

type negInt struct{ x node[int64] }

func (n negInt) eval(m *schema.Machine, f *frame) (int64, bool) {
	v, ok := n.x.eval(m, f)
	return -v, ok && v != math.MinInt64
}

type negFloat struct{ x node[float64] }

func (n negFloat) eval(m *schema.Machine, f *frame) (float64, bool) {
	v, ok := n.x.eval(m, f)
	return -v, ok
}

type negDuration struct{ x node[durationT] }

func (n negDuration) eval(m *schema.Machine, f *frame) (durationT, bool) {
	v, ok := n.x.eval(m, f)
	return -v, ok && v != math.MinInt64
}

// shift is a DateTimeOffset plus or minus a Duration, in its own offset.
type shift struct {
	sub bool
	x   node[schema.DateTimeOffset]
	d   node[durationT]
}

func (n shift) eval(m *schema.Machine, f *frame) (schema.DateTimeOffset, bool) {
	x, xok := n.x.eval(m, f)
	d, dok := n.d.eval(m, f)
	if !xok || !dok {
		return schema.DateTimeOffset{}, false
	}
	return moved(x, d, n.sub)
}

// moved returns x plus d, or minus d when sub is set; ok is false when the
// result's seconds overflow. Minus the most negative Duration is done in
// two steps, since its negation overflows.
func moved(x schema.DateTimeOffset, d durationT, sub bool) (schema.DateTimeOffset, bool) {
	if !sub {
		return x.Add(d)
	}
	if d == math.MinInt64 {
		y, ok := x.Add(math.MaxInt64)
		if !ok {
			return y, false
		}
		return y.Add(1)
	}
	return x.Add(-d)
}

// since is the Duration between two DateTimeOffsets.
type since struct{ x, y node[schema.DateTimeOffset] }

func (n since) eval(m *schema.Machine, f *frame) (durationT, bool) {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return 0, false
	}
	return x.Sub(y)
}

// dateDiff is the Duration between two dates.
type dateDiff struct{ x, y node[date] }

func (n dateDiff) eval(m *schema.Machine, f *frame) (durationT, bool) {
	x, xok := n.x.eval(m, f)
	y, yok := n.y.eval(m, f)
	if !xok || !yok {
		return 0, false
	}
	days, ok := intArith(ast.OpSub, int64(x), int64(y))
	if !ok {
		return 0, false
	}
	r, ok := intArith(ast.OpMul, days, int64(24*60*60*1e9))
	return durationT(r), ok
}

// dateToInstant reads a Date as midnight UTC.
type dateToInstant struct{ x node[date] }

func (n dateToInstant) eval(m *schema.Machine, f *frame) (schema.DateTimeOffset, bool) {
	d, ok := n.x.eval(m, f)
	if !ok {
		return schema.DateTimeOffset{}, false
	}
	return schema.DateTimeOffsetAt(int64(d)*86400, 0, 0), true
}

// dateShift is a Date plus or minus a Duration: the date of midnight UTC
// moved by the duration, rounded down to a whole day.
type dateShift struct {
	sub bool
	x   node[date]
	d   node[durationT]
}

func (n dateShift) eval(m *schema.Machine, f *frame) (date, bool) {
	x, xok := n.x.eval(m, f)
	d, dok := n.d.eval(m, f)
	if !xok || !dok {
		return 0, false
	}
	t, ok := moved(schema.DateTimeOffsetAt(int64(x)*86400, 0, 0), d, n.sub)
	if !ok {
		return 0, false
	}
	sec, _ := t.Unix()
	days := sec / 86400
	if sec%86400 < 0 {
		days--
	}
	return date(days), true
}

// scale multiplies (or divides) a Duration by a number, truncating to
// whole nanoseconds; a result beyond the range of a Duration, NaN, or a
// division by zero is null.
type scale struct {
	div bool
	d   node[durationT]
	k   node[float64]
}

func (n scale) eval(m *schema.Machine, f *frame) (durationT, bool) {
	d, dok := n.d.eval(m, f)
	k, kok := n.k.eval(m, f)
	if !dok || !kok {
		return 0, false
	}
	var r float64
	if n.div {
		if k == 0 {
			return 0, false
		}
		r = float64(d) / k
	} else {
		r = float64(d) * k
	}
	r = math.Trunc(r)
	if math.IsNaN(r) || r < -9223372036854775808.0 || r >= 9223372036854775808.0 {
		return 0, false
	}
	return durationT(r), true
}

package fuzz

import (
	"math"
	"math/big"
	"time"

	"github.com/odatafilter/odatafilter/ast"
)

// arithmetic evaluates add, sub, mul, div, divby and mod. A null operand
// gives null. Two Int64 values compute exactly and give null when the
// result leaves Int64 (overflow, division or modulo by zero, minimum Int64
// div -1); any float operand makes the operation IEEE 754 on float64, the
// Int64 operand rounded to the nearest float64; divby always divides as
// float64. Dates, DateTimeOffsets and Durations: see temporalArith.
//
// Reading: the contract does not say how an Int64 meets a float in
// arithmetic; converting it to the nearest float64 is the only choice that
// keeps Decimal "carried as float64". Float mod is math.Mod (the sign of
// the dividend, NaN for a zero divisor), as for Int64 mod.
func (ev *evaluator) arithmetic(e *ast.BinaryExpr) value {
	x, y := ev.eval(e.X), ev.eval(e.Y)
	if x == nil || y == nil {
		return nil
	}
	if isNumber(x) && isNumber(y) {
		xi, xInt := x.(int64)
		yi, yInt := y.(int64)
		switch {
		case e.Op == ast.OpDivBy:
			return toFloat(x) / toFloat(y)
		case xInt && yInt:
			return intArith(e.Op, xi, yi)
		}
		return floatArith(e, e.Op, toFloat(x), toFloat(y))
	}
	if v, ok := temporalArith(e.Op, x, y); ok {
		return v
	}
	fail(e, "%s does not apply to %s and %s", e.Op, show(x), show(y))
	return nil
}

// temporalArith is the arithmetic of dates, DateTimeOffsets and durations.
// ok is false when the operands are not a case of it.
func temporalArith(op ast.BinaryOp, x, y value) (value, bool) {
	d, yDur := y.(time.Duration)
	switch op {
	case ast.OpAdd, ast.OpSub:
		if yDur {
			sub := op == ast.OpSub
			switch x := x.(type) {
			case time.Time:
				return move(x, d, sub), true // keeps x's offset
			case ast.Date:
				// midnight UTC moved by the duration, rounded down to
				// a whole day
				t := move(midnightUTC(x), d, sub)
				yy, mm, dd := t.Date()
				return ast.Date{Year: yy, Month: int(mm), Day: dd}, true
			case time.Duration:
				n := new(big.Int)
				if sub {
					n.Sub(big.NewInt(int64(x)), big.NewInt(int64(d)))
				} else {
					n.Add(big.NewInt(int64(x)), big.NewInt(int64(d)))
				}
				return durationOf(n), true
			}
		}
		if op == ast.OpSub {
			// Reading: a Date and a DateTimeOffset (which only a case
			// mixing the two can bring together) subtract as instants, the
			// Date at midnight UTC, as they compare.
			if tx, ok := instant(x); ok {
				if ty, ok := instant(y); ok {
					return between(tx, ty), true
				}
			}
		}
	case ast.OpMul:
		if xd, ok := x.(time.Duration); ok && isNumber(y) {
			return scaleDuration(float64(xd) * toFloat(y)), true
		}
		if yDur && isNumber(x) {
			return scaleDuration(toFloat(x) * float64(d)), true
		}
	case ast.OpDiv, ast.OpDivBy:
		if xd, ok := x.(time.Duration); ok && isNumber(y) {
			if toFloat(y) == 0 {
				return nil, true // a Duration divided by zero is null
			}
			return scaleDuration(float64(xd) / toFloat(y)), true
		}
	}
	return nil, false
}

// move returns t moved forward (or back, when sub is set) by d.
func move(t time.Time, d time.Duration, sub bool) time.Time {
	if !sub {
		return t.Add(d)
	}
	if d == math.MinInt64 { // -d would overflow
		return t.Add(math.MaxInt64).Add(1)
	}
	return t.Add(-d)
}

// scaleDuration truncates a float64 number of nanoseconds to a Duration;
// NaN and values beyond the range are null.
func scaleDuration(ns float64) value {
	t := math.Trunc(ns)
	if math.IsNaN(t) || t < -9223372036854775808.0 || t >= 9223372036854775808.0 {
		return nil
	}
	return time.Duration(int64(t))
}

func isNumber(v value) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

func toFloat(v value) float64 {
	if i, ok := v.(int64); ok {
		return float64(i)
	}
	return v.(float64)
}

// intArith computes x op y exactly and gives null when the result is not an
// Int64 or the divisor is zero. div truncates toward zero; mod has the sign
// of the dividend (big.Int's Quo and Rem).
func intArith(op ast.BinaryOp, x, y int64) value {
	bx, by := big.NewInt(x), big.NewInt(y)
	r := new(big.Int)
	switch op {
	case ast.OpAdd:
		r.Add(bx, by)
	case ast.OpSub:
		r.Sub(bx, by)
	case ast.OpMul:
		r.Mul(bx, by)
	case ast.OpDiv, ast.OpMod:
		if y == 0 {
			return nil
		}
		if op == ast.OpDiv {
			r.Quo(bx, by)
		} else {
			r.Rem(bx, by)
		}
	}
	if n, ok := fitsInt64(r); ok {
		return n
	}
	return nil
}

func floatArith(e ast.Expr, op ast.BinaryOp, x, y float64) value {
	switch op {
	case ast.OpAdd:
		return x + y
	case ast.OpSub:
		return x - y
	case ast.OpMul:
		return x * y
	case ast.OpDiv:
		return x / y
	case ast.OpMod:
		return math.Mod(x, y)
	}
	fail(e, "%s on floats", op)
	return nil
}

// negate is unary minus: null for null and for the negation of the
// minimum Int64 or Duration, which has no positive twin.
func negate(e ast.Expr, v value) value {
	switch v := v.(type) {
	case nil:
		return nil
	case int64:
		if n, ok := fitsInt64(new(big.Int).Neg(big.NewInt(v))); ok {
			return n
		}
		return nil
	case float64:
		return -v
	case time.Duration:
		return durationOf(new(big.Int).Neg(big.NewInt(int64(v))))
	}
	fail(e, "cannot negate %s", show(v))
	return nil
}

// durationOf returns n nanoseconds as a Duration, or null beyond its range.
func durationOf(n *big.Int) value {
	if d, ok := fitsInt64(n); ok {
		return time.Duration(d)
	}
	return nil
}

// between returns x - y as a Duration, null beyond about ±292 years.
func between(x, y time.Time) value {
	ns := func(t time.Time) *big.Int {
		n := new(big.Int).Mul(big.NewInt(t.Unix()), big.NewInt(1e9))
		return n.Add(n, big.NewInt(int64(t.Nanosecond())))
	}
	return durationOf(new(big.Int).Sub(ns(x), ns(y)))
}

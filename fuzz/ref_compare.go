package fuzz

import (
	"bytes"
	"cmp"
	"math"
	"math/big"
	"time"

	"github.com/odatafilter/odatafilter/ast"
)

func (ev *evaluator) binary(e *ast.BinaryExpr) value {
	switch e.Op {
	case ast.OpAnd, ast.OpOr:
		return logic(e, e.Op, ev.eval(e.X), ev.eval(e.Y))
	case ast.OpEq:
		return equal(e, ev.eval(e.X), ev.eval(e.Y))
	case ast.OpNe:
		return !equal(e, ev.eval(e.X), ev.eval(e.Y))
	case ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe:
		return order(e, e.Op, ev.eval(e.X), ev.eval(e.Y))
	case ast.OpIn:
		x := ev.eval(e.X)
		for _, y := range ev.collection(e.Y) {
			if equal(e, x, y) {
				return true
			}
		}
		return false // never null: x in (...) is true or false
	case ast.OpHas:
		fail(e, "has reached the evaluator")
	}
	return ev.arithmetic(e)
}

// truth reads a Boolean operand: true, false or nil (null).
func truth(e ast.Expr, v value) value {
	switch v.(type) {
	case nil, bool:
		return v
	}
	fail(e, "%s is not a Boolean", show(v))
	return nil
}

// logic is three-valued and and or: false and null is false, true or null
// is true, and null otherwise decides nothing.
func logic(e ast.Expr, op ast.BinaryOp, x, y value) value {
	x, y = truth(e, x), truth(e, y)
	if op == ast.OpAnd {
		switch {
		case x == false || y == false:
			return false
		case x == true && y == true:
			return true
		}
		return nil
	}
	switch {
	case x == true || y == true:
		return true
	case x == false && y == false:
		return false
	}
	return nil
}

func (ev *evaluator) unary(e *ast.UnaryExpr) value {
	x := ev.eval(e.X)
	if e.Op == ast.OpNot {
		switch b := truth(e, x).(type) {
		case bool:
			return !b
		}
		return nil // not null is null
	}
	return negate(e, x)
}

// equal is eq: null eq null is true, null eq a value false; numbers compare
// exactly across Int64 and floats, NaN equals nothing; a Date next to a
// DateTimeOffset is midnight UTC of that date; DateTimeOffsets compare as
// instants; a string next to an enum names a member.
func equal(e ast.Expr, x, y value) bool {
	if x == nil || y == nil {
		return x == nil && y == nil
	}
	if c, ok, isNum := compareNumbers(x, y); isNum {
		return ok && c == 0
	}
	if ex, ok := x.(enumValue); ok {
		return compareEnum(e, ex, y) == 0
	}
	if ey, ok := y.(enumValue); ok {
		return compareEnum(e, ey, x) == 0
	}
	if tx, ok := instant(x); ok {
		if ty, ok := instant(y); ok {
			return tx.Equal(ty)
		}
	}
	switch x := x.(type) {
	case bool:
		if y, ok := y.(bool); ok {
			return x == y
		}
	case string:
		if y, ok := y.(string); ok {
			return x == y
		}
	case ast.TimeOfDay:
		if y, ok := y.(ast.TimeOfDay); ok {
			return x.Duration() == y.Duration()
		}
	case time.Duration:
		if y, ok := y.(time.Duration); ok {
			return x == y
		}
	case ast.GUID:
		if y, ok := y.(ast.GUID); ok {
			return x == y
		}
	}
	fail(e, "cannot compare %s with %s", show(x), show(y))
	return false
}

// order is gt, ge, lt and le: false when either side is null or NaN,
// except that null ge null and null le null are true (OData 4.01: ge is
// "gt or eq", and null eq null).
func order(e ast.Expr, op ast.BinaryOp, x, y value) bool {
	if x == nil || y == nil {
		return x == nil && y == nil && (op == ast.OpGe || op == ast.OpLe)
	}
	c, ok := compare(e, x, y)
	if !ok {
		return false
	}
	switch op {
	case ast.OpGt:
		return c > 0
	case ast.OpGe:
		return c >= 0
	case ast.OpLt:
		return c < 0
	}
	return c <= 0
}

// compare orders two non-null values of an ordered type; ok is false when
// they are unordered (NaN).
func compare(e ast.Expr, x, y value) (int, bool) {
	if c, ok, isNum := compareNumbers(x, y); isNum {
		return c, ok
	}
	if ex, ok := x.(enumValue); ok {
		if !ex.enum.Ordered {
			fail(e, "%s is not ordered", ex.enum.Name)
		}
		return compareEnum(e, ex, y), true
	}
	if ey, ok := y.(enumValue); ok {
		if !ey.enum.Ordered {
			fail(e, "%s is not ordered", ey.enum.Name)
		}
		return -compareEnum(e, ey, x), true
	}
	if tx, ok := instant(x); ok {
		if ty, ok := instant(y); ok {
			return tx.Compare(ty), true
		}
	}
	switch x := x.(type) {
	case string:
		if y, ok := y.(string); ok {
			return compareCodePoints(x, y), true
		}
	case bool:
		if y, ok := y.(bool); ok {
			return cmp.Compare(b2i(x), b2i(y)), true // false < true
		}
	case ast.GUID:
		if y, ok := y.(ast.GUID); ok {
			// the order of the canonical text, which is the order of
			// the bytes as written
			return bytes.Compare(x[:], y[:]), true
		}
	case ast.TimeOfDay:
		if y, ok := y.(ast.TimeOfDay); ok {
			return cmp.Compare(x.Duration(), y.Duration()), true
		}
	case time.Duration:
		if y, ok := y.(time.Duration); ok {
			return cmp.Compare(x, y), true
		}
	}
	fail(e, "cannot order %s and %s", show(x), show(y))
	return 0, false
}

// compareNumbers compares two numbers exactly. isNum is false when either
// is not a number; ok is false when either is NaN.
func compareNumbers(x, y value) (c int, ok, isNum bool) {
	bx, okx := exactNumber(x)
	by, oky := exactNumber(y)
	if !okx || !oky {
		return 0, false, false
	}
	if bx == nil || by == nil {
		return 0, false, true // NaN
	}
	return bx.Cmp(by), true, true
}

// exactNumber returns a number as an exact big.Float (Int64 values are not
// rounded: 2^53+1 stays 2^53+1); nil for NaN; ok is false for non-numbers.
func exactNumber(v value) (*big.Float, bool) {
	switch v := v.(type) {
	case int64:
		return new(big.Float).SetInt64(v), true
	case float64:
		if math.IsNaN(v) {
			return nil, true
		}
		return new(big.Float).SetFloat64(v), true
	}
	return nil, false
}

// compareEnum compares the member x with y, a member of the same enum or a
// string naming one.
func compareEnum(e ast.Expr, x enumValue, y value) int {
	switch y := y.(type) {
	case enumValue:
		if y.enum != x.enum {
			fail(e, "cannot compare %s with %s", x.enum.Name, y.enum.Name)
		}
		return cmp.Compare(x.ord, y.ord)
	case string:
		ord, ok := x.enum.MemberExact(y)
		if !ok {
			fail(e, "%q names no member of %s", y, x.enum.Name)
		}
		return cmp.Compare(x.ord, ord)
	}
	fail(e, "cannot compare %s with %s", show(x), show(y))
	return 0
}

// instant returns the instant of a DateTimeOffset, or of a Date as
// midnight UTC.
func instant(v value) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v, true
	case ast.Date:
		return midnightUTC(v), true
	}
	return time.Time{}, false
}

// compareCodePoints compares two strings code point by code point.
func compareCodePoints(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	for i := 0; i < len(ra) && i < len(rb); i++ {
		if ra[i] != rb[i] {
			return cmp.Compare(ra[i], rb[i])
		}
	}
	return cmp.Compare(len(ra), len(rb))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

package fuzz

import (
	"math"
	"math/big"
	"time"

	"github.com/odatafilter/odatafilter/ast"
)

// call evaluates a canonical function. Every function but isof, cast's
// type argument and the collection functions gives null when an argument
// is null.
func (ev *evaluator) call(e *ast.CallExpr) value {
	if !e.Canonical {
		fail(e, "non-canonical function reached the evaluator")
	}
	switch e.Name {
	case "isof":
		return ev.isof(e)
	case "cast":
		return castTo(e, ev.eval(e.Args[0]), e.Args[1].(*ast.TypeExpr).Name)
	case "hassubset":
		return hasSubset(e, ev.collection(e.Args[0]), ev.collection(e.Args[1]))
	case "hassubsequence":
		return hasSubsequence(e, ev.collection(e.Args[0]), ev.collection(e.Args[1]))
	case "now":
		return ev.now
	case "mindatetime":
		return minDateTime
	case "maxdatetime":
		return maxDateTime
	}
	args := make([]value, len(e.Args))
	for i, a := range e.Args {
		args[i] = ev.eval(a)
		if args[i] == nil {
			return nil
		}
	}
	if v, ok := stringFunc(e, args); ok {
		return v
	}
	if v, ok := timeFunc(e, args); ok {
		return v
	}
	if v, ok := mathFunc(e, args); ok {
		return v
	}
	fail(e, "unknown function %s", e.Name)
	return nil
}

// mathFunc evaluates round, floor and ceiling. round rounds half away from
// zero. An Int64 argument gives a Decimal, carried as float64, so it is
// first rounded to the nearest float64.
//
// Reading: the contract lists round/floor/ceiling among the Decimal values
// carried as float64, so round(9007199254740993) is 9007199254740992.
func mathFunc(e *ast.CallExpr, args []value) (value, bool) {
	var f func(float64) float64
	switch e.Name {
	case "round":
		f = math.Round
	case "floor":
		f = math.Floor
	case "ceiling":
		f = math.Ceil
	default:
		return nil, false
	}
	if !isNumber(args[0]) {
		fail(e, "%s of %s", e.Name, show(args[0]))
	}
	return f(toFloat(args[0])), true
}

// isof is true when x is not null and the checker's type of x is the type
// named. It is never null.
//
// Reading: "its static type is T" is read through the checker, which maps
// Edm.Int32, Edm.Int16, Edm.Byte and Edm.SByte to Edm.Int64 and Edm.Single
// to Edm.Double, so isof(1, Edm.Int32) is true.
func (ev *evaluator) isof(e *ast.CallExpr) value {
	x := ev.eval(e.Args[0])
	if x == nil {
		return false
	}
	tx, tt := ev.c.Types[e.Args[0]], ev.c.Types[e.Args[1]]
	if tt == nil {
		fail(e, "isof target not typed by the checker")
	}
	return tx == tt
}

// castTo converts v to the type named. Numbers convert to each other; to an
// integer only when the value is integral and in range (otherwise null); a
// Date becomes midnight UTC; an enum becomes its member name; a value of the
// target type stays as it is.
//
// Reading: Edm.Int32, Edm.Int16, Edm.Byte and Edm.SByte are cast as
// Edm.Int64 (the checker types them so; no narrower range applies), and
// Edm.Single as Edm.Double (no rounding to float32).
func castTo(e ast.Expr, v value, target string) value {
	if v == nil {
		return nil
	}
	switch target {
	case "Edm.Int64", "Edm.Int32", "Edm.Int16", "Edm.Byte", "Edm.SByte":
		switch v := v.(type) {
		case int64:
			return v
		case float64:
			// float64(2^63) is the first value past the range; every
			// float64 below it and at or above -2^63 that is integral fits.
			if v != math.Trunc(v) || v < -9223372036854775808.0 || v >= 9223372036854775808.0 {
				return nil // NaN and ±INF fail the first test or the range
			}
			n, _ := new(big.Float).SetFloat64(v).Int64()
			return n
		}
	case "Edm.Decimal", "Edm.Double", "Edm.Single":
		if isNumber(v) {
			return toFloat(v)
		}
	case "Edm.DateTimeOffset":
		switch v := v.(type) {
		case ast.Date:
			return midnightUTC(v)
		case time.Time:
			return v
		}
	case "Edm.String":
		switch v := v.(type) {
		case string:
			return v
		case enumValue:
			name, ok := v.enum.MemberName(v.ord)
			if !ok {
				fail(e, "ordinal %d of %s", v.ord, v.enum.Name)
			}
			return name
		}
	case "Edm.Boolean":
		if _, ok := v.(bool); ok {
			return v
		}
	case "Edm.Date":
		if _, ok := v.(ast.Date); ok {
			return v
		}
	case "Edm.TimeOfDay":
		if _, ok := v.(ast.TimeOfDay); ok {
			return v
		}
	case "Edm.Duration":
		if _, ok := v.(time.Duration); ok {
			return v
		}
	case "Edm.Guid":
		if _, ok := v.(ast.GUID); ok {
			return v
		}
	}
	fail(e, "cannot cast %s to %s", show(v), target)
	return nil
}

// hasSubset is true when every element of b is (eq) an element of a.
func hasSubset(e ast.Expr, a, b []value) value {
	for _, y := range b {
		found := false
		for _, x := range a {
			if equal(e, x, y) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// hasSubsequence is true when the elements of b appear in a in the same
// order, not necessarily next to each other. Taking the earliest match for
// each element of b is enough: a later one never leaves more room.
func hasSubsequence(e ast.Expr, a, b []value) value {
	i := 0
	for _, y := range b {
		for i < len(a) && !equal(e, a[i], y) {
			i++
		}
		if i == len(a) {
			return false
		}
		i++
	}
	return true
}

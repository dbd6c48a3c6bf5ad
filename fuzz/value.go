package fuzz

import (
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// value is a dynamic value of the reference evaluator. Its Go type tells
// the EDM type family:
//
//	nil              null
//	bool             Edm.Boolean
//	int64            Edm.Int64
//	float64          Edm.Decimal and Edm.Double (the engine's documented choice)
//	string           Edm.String
//	enumValue        a member of one of the model's enums
//	ast.Date         Edm.Date
//	time.Time        Edm.DateTimeOffset, in a fixed zone of its own offset
//	ast.TimeOfDay    Edm.TimeOfDay
//	time.Duration    Edm.Duration
//	ast.GUID         Edm.Guid
//	[]value          a collection (machineTags, a list after in, a JSON array)
//	entity           $it, the machine itself
type value = any

// enumValue is a non-null enum member: its enum and its 1-based ordinal.
type enumValue struct {
	enum *schema.Enum
	ord  uint8
}

// entity is the value of $it.
type entity struct{ m *schema.Machine }

// ReferenceError reports a tree the reference cannot give a meaning to: an
// operator or function applied to values the checker should have rejected.
// The reference panics with it; tests recover it and report the filter.
type ReferenceError struct {
	Expr string // the offending sub-expression, printed
	Msg  string
}

// Error says what the reference could not evaluate, and where.
func (e *ReferenceError) Error() string { return "reference: " + e.Msg + " in " + e.Expr }

func fail(e ast.Expr, format string, args ...any) {
	panic(&ReferenceError{Expr: ast.Format(e), Msg: fmt.Sprintf(format, args...)})
}

// Time anchors.
var (
	minDateTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDateTime = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)
)

// midnightUTC is the instant a Date stands for next to a DateTimeOffset.
func midnightUTC(d ast.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// ratFloat returns the float64 nearest to r.
func ratFloat(r *big.Rat) float64 {
	f, _ := r.Float64()
	return f
}

// fitsInt64 returns x as an int64, and false when it does not fit: the
// reference's one overflow test.
func fitsInt64(x *big.Int) (int64, bool) {
	if !x.IsInt64() {
		return 0, false
	}
	return x.Int64(), true
}

// show renders a value for test messages.
func show(v value) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64) + "(float)"
	case enumValue:
		name, _ := v.enum.MemberName(v.ord)
		return v.enum.Name + "'" + name + "'"
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case []value:
		s := "["
		for i, x := range v {
			if i > 0 {
				s += ","
			}
			s += show(x)
		}
		return s + "]"
	}
	return fmt.Sprintf("%v(%T)", v, v)
}

package sqlfilter

import (
	"cmp"
	"math"
	"strings"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// Constants are folded in Go where the database would compute them
// differently or not at all (Decimal and Double arithmetic, GUIDs, date
// parts of literals), following the evaluator's rules.

func constFloat(f float64) scalar { return scalar{k: kFloat, konst: true, fl: f, notNull: true} }

// fixedInstant is an instant constant that does not read now().
func fixedInstant(t time.Time) scalar {
	s := constInstant(func(time.Time) time.Time { return t })
	s.fixed = &t
	return s
}

// asFloat reads a numeric constant as the evaluator's float64.
func asFloat(v scalar) (float64, bool) {
	switch {
	case !v.konst:
		return 0, false
	case v.k == kFloat:
		return v.fl, true
	case v.k == kInt:
		return float64(v.num), true
	}
	return 0, false
}

// foldFloat folds Decimal and Double arithmetic of constants.
func foldFloat(op ast.BinaryOp, x, y scalar) (scalar, bool) {
	a, ok := asFloat(x)
	if !ok {
		return scalar{}, false
	}
	b, ok := asFloat(y)
	if !ok {
		return scalar{}, false
	}
	switch op {
	case ast.OpAdd:
		return constFloat(a + b), true
	case ast.OpSub:
		return constFloat(a - b), true
	case ast.OpMul:
		return constFloat(a * b), true
	case ast.OpMod:
		return constFloat(math.Mod(a, b)), true
	}
	return constFloat(a / b), true // div and divby
}

// foldCompare compares two constants; instants are compared when the
// statement is rendered, since now() may be one of them.
func foldCompare(op ast.BinaryOp, x, y scalar) (cond, bool) {
	if x.k == kDate && y.k == kInstant {
		x = dateInstant(x.num)
	}
	if y.k == kDate && x.k == kInstant {
		y = dateInstant(y.num)
	}
	if x.k == kInstant && y.k == kInstant {
		return cond{bx(func(r *render) string {
			return sqlBool(result(op, x.inst(r.now).Compare(y.inst(r.now)), true))
		}), bx(func(r *render) string {
			return sqlBool(!result(op, x.inst(r.now).Compare(y.inst(r.now)), true))
		})}, true
	}
	c, ordered := 0, true
	switch {
	case x.k == kString && y.k == kString, x.k == kGuid && y.k == kGuid:
		c = strings.Compare(x.str, y.str)
	case x.k == kFloat || y.k == kFloat:
		a, aok := asFloat(x)
		b, bok := asFloat(y)
		if !aok || !bok {
			return cond{}, false
		}
		switch {
		case math.IsNaN(a) || math.IsNaN(b):
			ordered = false
		case x.k == kInt:
			c = compareIntFloat(x.num, b)
		case y.k == kInt:
			c = -compareIntFloat(y.num, a)
		default:
			c = cmp.Compare(a, b)
		}
	case numeric(x.k) && numeric(y.k), x.k == y.k && (x.k == kDate || x.k == kTime || x.k == kDuration):
		c = cmp.Compare(x.num, y.num)
	default:
		return cond{}, false
	}
	if result(op, c, ordered) {
		return condTrue, true
	}
	return condFalse, true
}

// result is the outcome of op for operands that compare as c; unordered
// operands (NaN) are unequal and in no order.
func result(op ast.BinaryOp, c int, ordered bool) bool {
	if !ordered {
		return op == ast.OpNe
	}
	switch op {
	case ast.OpEq:
		return c == 0
	case ast.OpNe:
		return c != 0
	case ast.OpGt:
		return c > 0
	case ast.OpGe:
		return c >= 0
	case ast.OpLt:
		return c < 0
	}
	return c <= 0
}

func sqlBool(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

// compareIntFloat compares i with a non-NaN f without rounding i, as the
// evaluator does.
func compareIntFloat(i int64, f float64) int {
	switch {
	case f >= 9223372036854775808.0:
		return -1
	case f < -9223372036854775808.0:
		return 1
	}
	t := math.Trunc(f)
	if c := cmp.Compare(i, int64(t)); c != 0 {
		return c
	}
	return cmp.Compare(0, f-t)
}

// constPart folds a date or time part of a literal: read in the
// literal's own offset, as the evaluator reads it.
func constPart(name string, x scalar) (scalar, bool) {
	var t time.Time
	switch {
	case x.k == kInstant && x.fixed != nil:
		t = *x.fixed
	case x.k == kDate:
		y, md := x.num/10000, x.num%10000
		if md < 0 {
			y, md = y-1, md+10000
		}
		t = time.Date(int(y), time.Month(md/100), int(md%100), 0, 0, 0, 0, time.UTC)
	case x.k == kTime:
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(x.num))
	default:
		return scalar{}, false
	}
	switch name {
	case "year":
		if x.k == kTime {
			return scalar{}, false
		}
		return constInt(kInt, int64(t.Year())), true
	case "month":
		return constInt(kInt, int64(t.Month())), x.k != kTime
	case "day":
		return constInt(kInt, int64(t.Day())), x.k != kTime
	case "hour":
		return constInt(kInt, int64(t.Hour())), x.k != kDate
	case "minute":
		return constInt(kInt, int64(t.Minute())), x.k != kDate
	case "second":
		return constInt(kInt, int64(t.Second())), x.k != kDate
	case "totaloffsetminutes":
		_, off := t.Zone()
		return constInt(kInt, int64(off/60)), x.k == kInstant
	case "date":
		return constInt(kDate, int64(t.Year())*10000+int64(t.Month())*100+int64(t.Day())), x.k == kInstant
	case "time":
		h, m, s := t.Clock()
		return constInt(kTime, int64(time.Duration(h)*time.Hour+time.Duration(m)*time.Minute+time.Duration(s)*time.Second)+int64(t.Nanosecond())), x.k == kInstant
	}
	return scalar{}, false
}

// numberCall folds round, floor and ceiling of a constant.
func numberCall(name string, x scalar) (scalar, bool) {
	f, ok := asFloat(x)
	if !ok {
		return scalar{}, false
	}
	switch name {
	case "round":
		return constFloat(math.Round(f)), true
	case "floor":
		return constFloat(math.Floor(f)), true
	}
	return constFloat(math.Ceil(f)), true
}

// cast translates cast(x, T) as the evaluator has it: to the same type it
// is x; from null it is null; numbers convert as constants; an enum
// becomes its member's name.
func (tr *translator) cast(e *ast.CallExpr, to *schema.Type) (scalar, bool) {
	if len(e.Args) != 2 {
		return scalar{}, false
	}
	from := tr.typeOf(e.Args[0])
	if from == schema.TypeBoolean || to == schema.TypeBoolean {
		return scalar{}, false // a Boolean cast stands as a Boolean (castBool)
	}
	x, ok := tr.value(e.Args[0])
	if !ok {
		return scalar{}, false
	}
	switch {
	case x.null:
		return scalar{null: true}, true
	case from == to:
		return x, true
	case to == schema.TypeInt64:
		f, ok := asFloat(x)
		if !ok {
			return scalar{}, false
		}
		if f != math.Trunc(f) || f < -9223372036854775808.0 || f >= 9223372036854775808.0 {
			return scalar{null: true}, true
		}
		return constInt(kInt, int64(f)), true
	case to == schema.TypeDecimal || to == schema.TypeDouble:
		f, ok := asFloat(x)
		return constFloat(f), ok
	case to == schema.TypeDateTimeOffset && x.k == kDate && x.konst:
		s := dateInstant(x.num)
		return s, true
	case to == schema.TypeString && from.Kind == schema.KindEnum:
		names := from.Enum
		return scalar{k: kString, sql: func(r *render) string {
			s := "(CASE " + x.sql(r)
			for ord := uint8(1); ; ord++ {
				name, ok := names.MemberName(ord)
				if !ok {
					break
				}
				s += " WHEN " + bindInt(int64(ord))(r) + " THEN " + bindString(name)(r)
			}
			return s + " END)"
		}}, true
	}
	return scalar{}, false
}

func numeric(k kind) bool { return k == kInt || k == kEnum }

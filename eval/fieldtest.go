package eval

import (
	"cmp"
	"math"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// fieldConst compares a field with a constant; it is never null. It is
// planned for String and Int64 fields (enum fields become enumTests,
// DateTimeOffset fields instantConsts).
type fieldConst[T cmp.Ordered] struct {
	op  ast.BinaryOp
	src *schema.Field
	get func(*schema.Machine) (T, bool)
	c   T
}

func (n fieldConst[T]) b(m *schema.Machine, _ *frame) tri {
	v, ok := n.get(m)
	if !ok {
		return nullResult(n.op, false, true)
	}
	return test(n.op, v, n.c)
}

func (n fieldConst[T]) truth() pred   { return n.pred(false) }
func (n fieldConst[T]) falsity() pred { return n.pred(true) }

// pred returns the truth of n, or with neg its falsity: n is never null.
// Int64 comparisons become range tests, String eq and ne one-item sets.
func (n fieldConst[T]) pred(neg bool) pred {
	switch get := any(n.get).(type) {
	case func(*schema.Machine) (int64, bool):
		r := intRangeOf(n.op, any(n.c).(int64))
		if neg {
			r = r.not()
		}
		return intPred(n.src, get, r)
	case func(*schema.Machine) (string, bool):
		if n.op == ast.OpEq || n.op == ast.OpNe {
			return stringSetPred(n.src, get, []string{any(n.c).(string)}, false, neg != (n.op == ast.OpNe))
		}
	}
	op, get, c := n.op, n.get, n.c
	onNull := (nullResult(op, false, true) == tTrue) != neg
	return func(m *schema.Machine, _ *frame) bool {
		v, ok := get(m)
		if !ok {
			return onNull
		}
		return (test(op, v, c) == tTrue) != neg
	}
}

// instantConst compares a DateTimeOffset field with a constant instant.
type instantConst struct {
	op   ast.BinaryOp
	src  *schema.Field
	get  func(*schema.Machine) (schema.DateTimeOffset, bool)
	sec  int64
	nsec int32
}

func (n instantConst) b(m *schema.Machine, _ *frame) tri {
	v, ok := n.get(m)
	if !ok {
		return nullResult(n.op, false, true)
	}
	sec, nsec := v.Unix()
	c := cmp.Compare(sec, n.sec)
	if c == 0 {
		c = cmp.Compare(nsec, n.nsec)
	}
	return result(n.op, c)
}

func (n instantConst) truth() pred   { return n.pred(false) }
func (n instantConst) falsity() pred { return n.pred(true) }

// pred returns the truth of n, or with neg its falsity: n is never null.
func (n instantConst) pred(neg bool) pred {
	o, onNull := outcomesOf(n.op), nullResult(n.op, false, true) == tTrue
	if neg {
		o, onNull = ^o&7, !onNull
	}
	return instantPred(n.src, n.get, n.sec, n.nsec, o, onNull)
}

// outcomes is a set of results of a three-way comparison, those for
// which an ordered test is true: bit 0 for less, bit 1 for equal, bit 2
// for greater. One closure serves all six operators with it.
type outcomes uint8

func (o outcomes) has(c int) bool { return o>>(c+1)&1 != 0 }

// outcomesOf returns the outcomes for which op is true.
func outcomesOf(op ast.BinaryOp) outcomes {
	const lt, eq, gt = 1 << 0, 1 << 1, 1 << 2
	switch op {
	case ast.OpEq:
		return eq
	case ast.OpNe:
		return lt | gt
	case ast.OpGt:
		return gt
	case ast.OpGe:
		return eq | gt
	case ast.OpLt:
		return lt
	}
	return lt | eq
}

// intRange is a comparison of an Int64 value with a constant, as a range:
// true for a value in [lo, lo+span], or with neg for one outside it, and
// onNull for null. The test is one unsigned comparison and no branch: the
// values of a field a filter compares are often close to the constant,
// and a branch on which side of it they lie would often be mispredicted.
type intRange struct {
	lo          int64
	span        uint64
	neg, onNull bool
}

// intRangeOf returns the range test of x op c, true for every int64 x
// where test(op, x, c) is.
func intRangeOf(op ast.BinaryOp, c int64) intRange {
	lo, hi, neg := int64(math.MinInt64), int64(math.MaxInt64), false
	switch op {
	case ast.OpEq:
		lo, hi = c, c
	case ast.OpNe:
		lo, hi, neg = c, c, true
	case ast.OpGt:
		lo, neg = c+1, c == math.MaxInt64
	case ast.OpGe:
		lo = c
	case ast.OpLt:
		hi, neg = c-1, c == math.MinInt64
	case ast.OpLe:
		hi = c
	}
	if neg && op != ast.OpNe {
		// Nothing is greater than the largest value (less than the
		// smallest): outside the whole range.
		lo, hi = math.MinInt64, math.MaxInt64
	}
	return intRange{lo: lo, span: uint64(hi) - uint64(lo), neg: neg, onNull: nullResult(op, false, true) == tTrue}
}

// not returns the test that is true where r is false and false where r is
// true; r is never null.
func (r intRange) not() intRange {
	r.neg, r.onNull = !r.neg, !r.onNull
	return r
}

// has reports whether r is true for the non-null value v.
func (r intRange) has(v int64) bool { return (uint64(v)-uint64(r.lo) <= r.span) != r.neg }

// test reports whether r is true for x. The outcome is a value, not a
// branch, as in the hand-written x.Valid && x.V == c.
func (r intRange) test(x *schema.NullInt64) bool {
	ok := r.onNull
	if x.Valid {
		ok = r.has(x.V)
	}
	return ok
}

// intPred is a pred that is true where r is for the Int64 field f (read by
// get).
//
//go:noinline
func intPred(f *schema.Field, get func(*schema.Machine) (int64, bool), r intRange) pred {
	if id, ok := builtinIn(f, idOSBuild, idRBACGroupID); ok {
		return func(m *schema.Machine, _ *frame) bool { return r.test(intRef(m, id)) }
	}
	return func(m *schema.Machine, _ *frame) bool {
		v, ok := get(m)
		if !ok {
			return r.onNull
		}
		return r.has(v)
	}
}

// instantPred is a pred that compares the DateTimeOffset field f (read by
// get) with the instant sec, nsec: true for the outcomes in o, and onNull
// for null.
//
//go:noinline
func instantPred(f *schema.Field, get func(*schema.Machine) (schema.DateTimeOffset, bool), sec int64, nsec int32, o outcomes, onNull bool) pred {
	if id, ok := builtinIn(f, idFirstSeen, idLastSeen); ok {
		return func(m *schema.Machine, _ *frame) bool {
			t := timeRef(m, id)
			if !t.Valid() {
				return onNull
			}
			s, ns := t.Unix()
			return o.has(compareInstant(s, ns, sec, nsec))
		}
	}
	return func(m *schema.Machine, _ *frame) bool {
		v, ok := get(m)
		if !ok {
			return onNull
		}
		s, ns := v.Unix()
		return o.has(compareInstant(s, ns, sec, nsec))
	}
}

// compareInstant compares two instants given as Unix seconds and
// nanoseconds.
func compareInstant(sec int64, nsec int32, sec2 int64, nsec2 int32) int {
	if c := cmp.Compare(sec, sec2); c != 0 {
		return c
	}
	return cmp.Compare(nsec, nsec2)
}

// boolPred is a pred that reports whether the Boolean field f (read by
// get) is want; null is neither.
//
//go:noinline
func boolPred(f *schema.Field, get func(*schema.Machine) (bool, bool), want bool) pred {
	if builtin[f] == idIsAADJoined {
		return func(m *schema.Machine, _ *frame) bool { return m.IsAADJoined.Valid && m.IsAADJoined.V == want }
	}
	return func(m *schema.Machine, _ *frame) bool {
		v, ok := get(m)
		return ok && v == want
	}
}

// stringSetPred is a pred that reports whether the String field f (read
// by get) is one of items, and for null whether nullIn (null is in the
// list); with neg, the opposite. Go compares strings by length first, so
// an item of another length costs one comparison.
//
//go:noinline
func stringSetPred(f *schema.Field, get func(*schema.Machine) (string, bool), items []string, nullIn, neg bool) pred {
	if id, ok := builtinIn(f, idID, idOSArchitecture); ok {
		return func(m *schema.Machine, _ *frame) bool {
			s := stringRef(m, id)
			if !s.Valid {
				return nullIn != neg
			}
			for _, c := range items {
				if s.V == c {
					return !neg
				}
			}
			return neg
		}
	}
	return func(m *schema.Machine, _ *frame) bool {
		v, ok := get(m)
		if !ok {
			return nullIn != neg
		}
		for _, c := range items {
			if v == c {
				return !neg
			}
		}
		return neg
	}
}

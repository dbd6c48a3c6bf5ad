package eval

import (
	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// enumTest is true when an enum value's ordinal is in a set, null
// counting as ordinal 0; it is never null. It plans x in (list) for enums,
// and every comparison of an enum field with a constant: for each ordinal
// the comparison's outcome is known when planning.
type enumTest struct {
	x   node[uint8]
	src *schema.Field // the field x reads, or nil
	in  ordinals
}

func enumSet(p *planner, x node[uint8], elems []ast.Expr) boolNode {
	var in ordinals
	for _, el := range elems {
		v, ok := typed[uint8](p, el).eval(nil, nil)
		if !ok {
			v = 0
		}
		if v >= 64 {
			return constSet(p, x, elems) // no such member: see ordinals
		}
		in.low |= 1 << v
	}
	return newEnumTest(x, in)
}

func newEnumTest(x node[uint8], in ordinals) enumTest {
	n := enumTest{x: x, in: in}
	if fx, ok := x.(field[uint8]); ok {
		n.src = fx.src
	}
	return n
}

func (n enumTest) b(m *schema.Machine, f *frame) tri {
	v, ok := n.x.eval(m, f)
	if !ok {
		v = 0
	}
	return triOf(n.in.has(v))
}

// combine returns the test that is n and y (n or y), for a y of the same
// field.
func (n enumTest) combine(and bool, y enumTest) enumTest {
	if and {
		n.in = n.in.and(y.in)
	} else {
		n.in = n.in.or(y.in)
	}
	return n
}

func (n enumTest) truth() pred   { return n.pred(n.in) }
func (n enumTest) falsity() pred { return n.pred(n.in.not()) }

func (n enumTest) pred(in ordinals) pred {
	if fx, ok := n.x.(field[uint8]); ok {
		return enumPred(fx.src, fx.get, in)
	}
	x := n.x
	return func(m *schema.Machine, f *frame) bool {
		v, ok := x.eval(m, f)
		if !ok {
			v = 0
		}
		return in.has(v)
	}
}

// enumCompare plans the comparison of an enum field with a member as the
// set of ordinals for which it is true.
func enumCompare(op ast.BinaryOp, x field[uint8], c uint8) boolNode {
	if c >= 64 {
		return fieldConst[uint8]{op, x.src, x.get, c} // no such member: see ordinals
	}
	var in ordinals
	if nullResult(op, false, true) == tTrue {
		in.low |= 1
	}
	for v := uint8(1); v < 64; v++ {
		if test(op, v, c) == tTrue {
			in.low |= 1 << v
		}
	}
	in.high = test(op, 64, c) == tTrue
	return newEnumTest(x, in)
}

// ordinals is a set of enum ordinals, one bit each, with ordinal 0
// standing for null. Ordinals of 64 and more are in the set or out of it
// all together (high): no enum has that many members, so the constants a
// test is planned from are all below 64, and every larger value, which
// only a Machine built by hand could hold, falls on the same side of each
// test.
type ordinals struct {
	low  uint64
	high bool
}

func (s ordinals) has(v uint8) bool {
	if v >= 64 {
		return s.high
	}
	return s.low>>v&1 != 0
}

func (s ordinals) not() ordinals { return ordinals{^s.low, !s.high} }

func (s ordinals) and(t ordinals) ordinals { return ordinals{s.low & t.low, s.high && t.high} }
func (s ordinals) or(t ordinals) ordinals  { return ordinals{s.low | t.low, s.high || t.high} }

// enumPred is a pred that reports whether the enum field f (read by get)
// holds an ordinal in s; null reads as ordinal 0.
//
//go:noinline
func enumPred(f *schema.Field, get func(*schema.Machine) (uint8, bool), s ordinals) pred {
	if id, ok := builtinIn(f, idHealthStatus, idExposureLevel); ok {
		return func(m *schema.Machine, _ *frame) bool { return s.has(enumOf(m, id)) }
	}
	return func(m *schema.Machine, _ *frame) bool {
		v, ok := get(m)
		if !ok {
			v = 0
		}
		return s.has(v)
	}
}

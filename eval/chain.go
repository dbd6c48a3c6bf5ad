package eval

import "github.com/odatafilter/odatafilter/schema"

// chain compiles the and (or) of the truths of ops, or with neg of their
// falsities: allOf's truth and anyOf's falsity are and chains, the others
// or chains.
//
// Every operand compiled to a pred costs a call, and on short filters the
// calls are most of the cost. So when a chain starts with a test of a
// built-in enum field (healthStatus ne 'Active') or a comparison of a
// built-in Int64 field with a constant (rbacGroupId eq 140), or one of
// each, the chain's own closure makes those tests inline and calls only the
// operands after them: healthStatus ne 'Active' and rbacGroupId eq 140
// costs one call, as a hand-written function does. Such tests are true or
// false, never null, and cheap, so testing the two in either order changes
// nothing. The operands keep their order otherwise: the user's order
// decides which fields, and so which parts of the record in memory, are
// read at all, and moving a test first that the user put last measured
// twice as slow on the mixed benchmark filter.
func chain(ops []boolNode, and, neg bool) pred {
	compile := truthOf
	if neg {
		compile = falsityOf
	}
	var g guards
	var rest []boolNode
	for _, x := range ops {
		if len(rest) == 0 && (!g.enum && g.setEnum(x, neg) || !g.int && g.setInt(x, neg)) {
			continue
		}
		rest = append(rest, x)
	}
	if !g.enum && !g.int {
		if and {
			return allPreds(preds(ops, compile))
		}
		return somePreds(preds(ops, compile))
	}
	var r pred // nil: nothing but the guards
	switch {
	case len(rest) > 0 && and:
		r = allPreds(preds(rest, compile))
	case len(rest) > 0:
		r = somePreds(preds(rest, compile))
	}
	if and {
		return g.and(r)
	}
	return g.or(r)
}

// guards are the tests a chain makes inline: ordinal in in for the enum
// field enumID, when enum is set, and r for the Int64 field intID, when int
// is set.
type guards struct {
	enum   bool
	enumID fieldID
	in     ordinals

	int   bool
	intID fieldID
	r     intRange
}

// setEnum makes x the enum guard when it is a test of a built-in enum
// field.
func (g *guards) setEnum(x boolNode, neg bool) bool {
	t, ok := x.(enumTest)
	if !ok {
		return false
	}
	fx, _ := t.x.(field[uint8])
	id, ok := builtinIn(fx.src, idHealthStatus, idExposureLevel)
	if !ok {
		return false
	}
	g.enum, g.enumID, g.in = true, id, t.in
	if neg {
		g.in = g.in.not()
	}
	return true
}

// setInt makes x the Int64 guard when it compares a built-in Int64 field
// with a constant.
func (g *guards) setInt(x boolNode, neg bool) bool {
	t, ok := x.(fieldConst[int64])
	if !ok {
		return false
	}
	id, ok := builtinIn(t.src, idOSBuild, idRBACGroupID)
	if !ok {
		return false
	}
	g.int, g.intID, g.r = true, id, intRangeOf(t.op, t.c)
	if neg {
		g.r = g.r.not()
	}
	return true
}

// enumGuard returns the enum guard's field and ordinals. Without an enum
// test it returns a guard that decides nothing: every ordinal for an and,
// none for an or.
func (g *guards) enumGuard(and bool) (fieldID, ordinals) {
	switch {
	case g.enum:
		return g.enumID, g.in
	case and:
		return idHealthStatus, ordinals{}.not()
	}
	return idHealthStatus, ordinals{}
}

// and returns the pred that is true when the guards and rest are. rest is
// nil when there is nothing more to test; the closure then calls nothing
// and needs no stack frame. The closures capture plain values, which the
// compiler keeps in the closure itself.
//
//go:noinline
func (g *guards) and(rest pred) pred {
	eid, in := g.enumGuard(true)
	iid, r := g.intID, g.r
	switch {
	case rest != nil && !g.int:
		return func(m *schema.Machine, f *frame) bool { return in.has(enumOf(m, eid)) && rest(m, f) }
	case rest != nil:
		return func(m *schema.Machine, f *frame) bool {
			return in.has(enumOf(m, eid)) && r.test(intRef(m, iid)) && rest(m, f)
		}
	case !g.int:
		return func(m *schema.Machine, _ *frame) bool { return in.has(enumOf(m, eid)) }
	}
	return func(m *schema.Machine, _ *frame) bool { return in.has(enumOf(m, eid)) && r.test(intRef(m, iid)) }
}

// or returns the pred that is true when a guard or rest (when not nil) is.
//
//go:noinline
func (g *guards) or(rest pred) pred {
	eid, in := g.enumGuard(false)
	iid, r := g.intID, g.r
	switch {
	case rest != nil && !g.int:
		return func(m *schema.Machine, f *frame) bool { return in.has(enumOf(m, eid)) || rest(m, f) }
	case rest != nil:
		return func(m *schema.Machine, f *frame) bool {
			return in.has(enumOf(m, eid)) || r.test(intRef(m, iid)) || rest(m, f)
		}
	case !g.int:
		return func(m *schema.Machine, _ *frame) bool { return in.has(enumOf(m, eid)) }
	}
	return func(m *schema.Machine, _ *frame) bool { return in.has(enumOf(m, eid)) || r.test(intRef(m, iid)) }
}

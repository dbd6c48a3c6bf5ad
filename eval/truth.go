package eval

import "github.com/odatafilter/odatafilter/schema"

// pred is a Boolean expression compiled for one question: is it true for
// m (a truth), or is it false (a falsity)? Match only asks whether the
// filter is true, and a chain of and, or and not needs no more than these
// two questions of its operands (and is true when all operands are true,
// false when one is false; not x is true when x is false), so the
// three-valued result need not be built and compared at every level.
//
// A pred is a closure rather than a node: a call through a func value is
// the cheapest dynamic call Go has, the closure carries its constants in
// its context, and the common tests read the Machine field directly (see
// fieldID), so a leaf test costs one call, as a hand-written function
// does. Program.Match calls the filter's truth; the nodes stay for the
// three-valued results that case, Boolean comparisons and the fallback
// below need.
type pred func(m *schema.Machine, f *frame) bool

// predicate is implemented by the Boolean nodes that compile to preds of
// their own. Each method returns a new closure; neither is called on the
// hot path.
type predicate interface {
	boolNode
	truth() pred   // reports whether the node is true for m
	falsity() pred // reports whether the node is false for m
}

// truthOf compiles n into a pred that reports whether n is true. A node
// that does not compile itself is asked for its three-valued result.
func truthOf(n boolNode) pred {
	if p, ok := n.(predicate); ok {
		return p.truth()
	}
	return func(m *schema.Machine, f *frame) bool { return n.b(m, f) == tTrue }
}

// falsityOf compiles n into a pred that reports whether n is false.
func falsityOf(n boolNode) pred {
	if p, ok := n.(predicate); ok {
		return p.falsity()
	}
	return func(m *schema.Machine, f *frame) bool { return n.b(m, f) == tFalse }
}

// constPred is a pred whose answer is known.
func constPred(v bool) pred {
	if v {
		return func(*schema.Machine, *frame) bool { return true }
	}
	return func(*schema.Machine, *frame) bool { return false }
}

// allPreds is true when every one of ps is. Short lists get a closure of
// their own, which saves the loop.
func allPreds(ps []pred) pred {
	switch len(ps) {
	case 0:
		return constPred(true)
	case 1:
		return ps[0]
	case 2:
		x, y := ps[0], ps[1]
		return func(m *schema.Machine, f *frame) bool { return x(m, f) && y(m, f) }
	case 3:
		x, y, z := ps[0], ps[1], ps[2]
		return func(m *schema.Machine, f *frame) bool { return x(m, f) && y(m, f) && z(m, f) }
	}
	return func(m *schema.Machine, f *frame) bool {
		for _, p := range ps {
			if !p(m, f) {
				return false
			}
		}
		return true
	}
}

// somePreds is true when one of ps is.
func somePreds(ps []pred) pred {
	switch len(ps) {
	case 0:
		return constPred(false)
	case 1:
		return ps[0]
	case 2:
		x, y := ps[0], ps[1]
		return func(m *schema.Machine, f *frame) bool { return x(m, f) || y(m, f) }
	case 3:
		x, y, z := ps[0], ps[1], ps[2]
		return func(m *schema.Machine, f *frame) bool { return x(m, f) || y(m, f) || z(m, f) }
	}
	return func(m *schema.Machine, f *frame) bool {
		for _, p := range ps {
			if p(m, f) {
				return true
			}
		}
		return false
	}
}

// preds compiles each of ns with compile.
func preds(ns []boolNode, compile func(boolNode) pred) []pred {
	ps := make([]pred, len(ns))
	for i, n := range ns {
		ps[i] = compile(n)
	}
	return ps
}

func (c constBool) truth() pred   { return constPred(tri(c) == tTrue) }
func (c constBool) falsity() pred { return constPred(tri(c) == tFalse) }

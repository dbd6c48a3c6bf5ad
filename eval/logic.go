package eval

import (
	"cmp"
	"slices"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

func (p *planner) binary(e *ast.BinaryExpr) any {
	switch e.Op {
	case ast.OpAnd, ast.OpOr:
		return p.logic(e)
	case ast.OpEq, ast.OpNe, ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe:
		return p.compare(e.Op, e.X, e.Y)
	case ast.OpIn:
		return p.in(e)
	}
	return p.arithmetic(e)
}

func (p *planner) unary(e *ast.UnaryExpr) any {
	if e.Op == ast.OpNot {
		return negate(p.bool(e.X))
	}
	switch p.typeOf(e) {
	case schema.TypeInt64:
		return negInt{typed[int64](p, e.X)}
	case schema.TypeDuration:
		return negDuration{typed[durationT](p, e.X)}
	case schema.TypeNull:
		return constant[int64]{}
	}
	return negFloat{p.float(e.X)}
}

// logic plans a chain of and (or of or) as one node over all its operands:
// a and (b and c) is allOf{a, b, c}, which evaluates with one call per
// operand rather than one per operator. and and or are associative and
// commutative in three-valued logic too, and evaluation has no side
// effects, so the planner may also merge the tests of one field (see
// merge).
func (p *planner) logic(e *ast.BinaryExpr) boolNode {
	var ops []boolNode
	var walk func(x ast.Expr)
	walk = func(x ast.Expr) {
		if b, ok := x.(*ast.BinaryExpr); ok && b.Op == e.Op && p.typeOf(b) != schema.TypeNull {
			walk(b.X)
			walk(b.Y)
			return
		}
		ops = append(ops, p.bool(x))
	}
	walk(e.X)
	walk(e.Y)
	and := e.Op == ast.OpAnd
	ops = merge(and, ops)
	switch {
	case len(ops) == 1:
		return ops[0]
	case and:
		return allOf(ops)
	}
	return anyOf(ops)
}

// merge simplifies the operands of an and (or of an or):
//
//   - a constant that cannot change the outcome (true in an and, false in an
//     or) is dropped, and one that decides it (false in an and, true in an
//     or) replaces the whole chain;
//   - tests of one enum field against constants become one test: each is
//     true or false (never null) for each ordinal, so the and (or) of them is
//     the intersection (union) of their ordinal sets;
//   - in an or, eq tests and constant in-lists of one String or Int64 field
//     become one in-list: x eq a or x eq b is x in (a, b), as both are true
//     exactly when x eq some item is true, and false otherwise.
//
// A merged test takes the place of the first of its operands.
func merge(and bool, ops []boolNode) []boolNode {
	decide, neutral := constBool(tFalse), constBool(tTrue)
	if !and {
		decide, neutral = neutral, decide
	}
	var out []boolNode
	var lists []int // indexes in out of in-lists that grew
	for _, x := range ops {
		switch y := x.(type) {
		case constBool:
			if y == decide {
				return []boolNode{decide}
			}
			if y == neutral {
				continue
			}
		case enumTest:
			if i := findEnum(out, y.src); i >= 0 {
				out[i] = out[i].(enumTest).combine(and, y)
				continue
			}
		}
		if !and {
			i, merged := mergeSet[string](out, x)
			if merged == nil {
				i, merged = mergeSet[int64](out, x)
			}
			if merged != nil {
				out[i] = merged
				lists = append(lists, i)
				continue
			}
		}
		out = append(out, x)
	}
	for _, i := range lists {
		out[i] = normalize(out[i])
	}
	if len(out) == 0 {
		return []boolNode{neutral}
	}
	return out
}

// findEnum returns the index in ops of the test of the field src, or -1.
func findEnum(ops []boolNode, src *schema.Field) int {
	for i, x := range ops {
		if t, ok := x.(enumTest); ok && src != nil && t.src == src {
			return i
		}
	}
	return -1
}

// mergeSet adds x, when it is an eq test or a constant in-list of a field
// of Go type T, to the test of the same field in ops, and returns the
// index of that test and the grown in-list. The list may hold duplicates
// until normalize.
func mergeSet[T cmp.Ordered](ops []boolNode, x boolNode) (int, boolNode) {
	fx, items, null, ok := asSet[T](x)
	if !ok {
		return -1, nil
	}
	for i, y := range ops {
		if fy, yitems, ynull, ok := asSet[T](y); ok && fy.src == fx.src {
			return i, set[T]{x: fy, items: append(slices.Clip(yitems), items...), null: null || ynull}
		}
	}
	return -1, nil
}

// asSet returns the field, items and null flag of x when x is an eq test
// or a constant in-list of a field.
func asSet[T cmp.Ordered](x boolNode) (fx field[T], items []T, null, ok bool) {
	switch y := x.(type) {
	case fieldConst[T]:
		if y.op == ast.OpEq {
			return field[T]{y.src, y.get}, []T{y.c}, false, true
		}
	case set[T]:
		if fy, ok := y.x.(field[T]); ok && fy.src != nil {
			return fy, y.items, y.null, true
		}
	}
	return fx, nil, false, false
}

// normalize returns a merged in-list without duplicates, indexed when long.
func normalize(x boolNode) boolNode {
	switch s := x.(type) {
	case set[string]:
		return newSet(s.x, s.items, s.null)
	case set[int64]:
		return newSet(s.x, s.items, s.null)
	}
	return x
}

// allOf is an and of two or more operands: false when one is false,
// otherwise null when one is null.
type allOf []boolNode

func (n allOf) b(m *schema.Machine, f *frame) tri {
	r := tTrue
	for _, x := range n {
		switch x.b(m, f) {
		case tFalse:
			return tFalse
		case tNull:
			r = tNull
		}
	}
	return r
}

func (n allOf) truth() pred   { return chain(n, true, false) }
func (n allOf) falsity() pred { return chain(n, false, true) }

// anyOf is an or of two or more operands: true when one is true,
// otherwise null when one is null.
type anyOf []boolNode

func (n anyOf) b(m *schema.Machine, f *frame) tri {
	r := tFalse
	for _, x := range n {
		switch x.b(m, f) {
		case tTrue:
			return tTrue
		case tNull:
			r = tNull
		}
	}
	return r
}

func (n anyOf) truth() pred   { return chain(n, false, false) }
func (n anyOf) falsity() pred { return chain(n, true, true) }

// negate plans not x. not not x is x, and the not of an enum test is the
// test of the other ordinals (such a test is never null).
func negate(x boolNode) boolNode {
	switch y := x.(type) {
	case not:
		return y.x
	case enumTest:
		y.in = y.in.not()
		return y
	case constBool:
		return constBool(not{y}.b(nil, nil))
	}
	return not{x}
}

// and3 is the and of two known values.
func and3(x, y tri) tri {
	switch {
	case x == tFalse || y == tFalse:
		return tFalse
	case x == tTrue && y == tTrue:
		return tTrue
	}
	return tNull
}

// or3 is the or of two known values.
func or3(x, y tri) tri {
	switch {
	case x == tTrue || y == tTrue:
		return tTrue
	case x == tFalse && y == tFalse:
		return tFalse
	}
	return tNull
}

// not maps null to null.
type not struct{ x boolNode }

func (n not) b(m *schema.Machine, f *frame) tri {
	switch n.x.b(m, f) {
	case tTrue:
		return tFalse
	case tFalse:
		return tTrue
	}
	return tNull
}

func (n not) truth() pred   { return falsityOf(n.x) }
func (n not) falsity() pred { return truthOf(n.x) }

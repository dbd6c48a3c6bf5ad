package eval

import (
	"slices"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// in plans x in (list) and x in collection: true when x eq some item is
// true, false otherwise.
func (p *planner) in(e *ast.BinaryExpr) boolNode {
	list, isList := p.listOf(e.Y)
	if !isList {
		return inStrings{typed[string](p, e.X), typed[[]string](p, e.Y)}
	}
	tx := p.typeOf(e.X)
	allConst := true
	for _, el := range list.Elems {
		allConst = allConst && p.isConst(el)
	}
	if allConst {
		switch {
		case tx.Kind == schema.KindEnum:
			return enumSet(p, typed[uint8](p, e.X), list.Elems)
		case tx == schema.TypeString:
			return constSet(p, typed[string](p, e.X), list.Elems)
		case tx == schema.TypeInt64 && p.allOf(list.Elems, schema.TypeInt64):
			return constSet(p, typed[int64](p, e.X), list.Elems)
		}
	}
	items := make([]boolNode, len(list.Elems))
	for i, el := range list.Elems {
		items[i] = p.compare(ast.OpEq, e.X, el)
	}
	return anyTrue(items)
}

// listOf returns the list e is, through parameter aliases.
func (p *planner) listOf(e ast.Expr) (*ast.ListExpr, bool) {
	for {
		switch x := e.(type) {
		case *ast.ListExpr:
			return x, true
		case *ast.AliasExpr:
			e = p.c.Aliases[x]
		default:
			return nil, false
		}
	}
}

func (p *planner) allOf(es []ast.Expr, t *schema.Type) bool {
	for _, e := range es {
		if u := p.typeOf(e); u != t && u != schema.TypeNull {
			return false
		}
	}
	return true
}

// anyTrue is true when one of its items is.
type anyTrue []boolNode

func (n anyTrue) b(m *schema.Machine, f *frame) tri {
	for _, x := range n {
		if x.b(m, f) == tTrue {
			return tTrue
		}
	}
	return tFalse
}

// set tests a value against constants; it is never null.
type set[T comparable] struct {
	x     node[T]
	items []T
	index map[T]struct{} // for long lists
	null  bool           // null is in the list
}

func constSet[T comparable](p *planner, x node[T], elems []ast.Expr) boolNode {
	var items []T
	null := false
	for _, el := range elems {
		v, ok := typed[T](p, el).eval(nil, nil)
		if !ok {
			null = true
			continue
		}
		items = append(items, v)
	}
	return newSet(x, items, null)
}

// newSet returns the test of x against items, without duplicates.
func newSet[T comparable](x node[T], items []T, null bool) set[T] {
	s := set[T]{x: x, null: null}
	for _, v := range items {
		if !slices.Contains(s.items, v) {
			s.items = append(s.items, v)
		}
	}
	if len(s.items) > 16 {
		s.index = make(map[T]struct{}, len(s.items))
		for _, v := range s.items {
			s.index[v] = struct{}{}
		}
	}
	return s
}

func (n set[T]) b(m *schema.Machine, f *frame) tri {
	v, ok := n.x.eval(m, f)
	if !ok {
		return triOf(n.null)
	}
	return triOf(n.has(v))
}

func (n set[T]) has(v T) bool {
	if n.index != nil {
		_, in := n.index[v]
		return in
	}
	for _, c := range n.items {
		if c == v {
			return true
		}
	}
	return false
}

func (n set[T]) truth() pred   { return n.pred(false) }
func (n set[T]) falsity() pred { return n.pred(true) }

// pred returns the truth of n, or with neg its falsity: n is never null.
func (n set[T]) pred(neg bool) pred {
	if s, ok := any(n).(set[string]); ok && s.index == nil {
		if fx, ok := s.x.(field[string]); ok {
			return stringSetPred(fx.src, fx.get, s.items, s.null, neg)
		}
	}
	if fx, ok := n.x.(field[T]); ok {
		get := fx.get
		return func(m *schema.Machine, _ *frame) bool {
			v, ok := get(m)
			if !ok {
				return n.null != neg
			}
			return n.has(v) != neg
		}
	}
	return func(m *schema.Machine, f *frame) bool {
		v, ok := n.x.eval(m, f)
		if !ok {
			return n.null != neg
		}
		return n.has(v) != neg
	}
}

// inStrings is x in a string collection.
type inStrings struct {
	x    node[string]
	coll node[[]string]
}

func (n inStrings) b(m *schema.Machine, f *frame) tri {
	v, ok := n.x.eval(m, f)
	if !ok {
		return tFalse
	}
	c, _ := n.coll.eval(m, f)
	return triOf(slices.Contains(c, v))
}

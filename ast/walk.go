package ast

// A Visitor's Visit method is invoked for each node encountered by Walk. If
// the result visitor w is not nil, Walk visits each of the children of node
// with the visitor w, followed by a call of w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses a tree in depth-first order, as go/ast.Walk does: it starts
// by calling v.Visit(node). If the visitor w returned
// by v.Visit(node) is not nil, Walk is invoked recursively with visitor w for
// each of the non-nil children of node, followed by a call of w.Visit(nil).
//
// Children are visited in source order:
//
//	BinaryExpr         X, Y
//	UnaryExpr          X
//	MemberExpr         X
//	LambdaExpr         X, Predicate
//	CountExpr          X, Filter
//	FilterSegmentExpr  X, Predicate
//	CallExpr           X, Args, the values of Named
//	CaseExpr           Cond and Value of each clause
//	ListExpr           Elems
//	ObjectExpr         the values of Members
//
// TypeExpr, AliasExpr and Literal are leaves. Nil children (a MemberExpr's X
// for the first segment, a CountExpr without $filter, an any() without a
// predicate) are skipped, and so is a nil node given to Walk.
func Walk(v Visitor, node Node) {
	if isNilNode(node) {
		return
	}
	if v = v.Visit(node); v == nil {
		return
	}
	switch n := node.(type) {
	case *BinaryExpr:
		walkExprs(v, n.X, n.Y)
	case *UnaryExpr:
		walkExprs(v, n.X)
	case *MemberExpr:
		walkExprs(v, n.X)
	case *LambdaExpr:
		walkExprs(v, n.X, n.Predicate)
	case *CountExpr:
		walkExprs(v, n.X, n.Filter)
	case *FilterSegmentExpr:
		walkExprs(v, n.X, n.Predicate)
	case *CallExpr:
		walkExprs(v, n.X)
		walkExprs(v, n.Args...)
		for _, a := range n.Named {
			walkExprs(v, a.Value)
		}
	case *CaseExpr:
		for _, c := range n.Clauses {
			walkExprs(v, c.Cond, c.Value)
		}
	case *ListExpr:
		walkExprs(v, n.Elems...)
	case *ObjectExpr:
		for _, m := range n.Members {
			walkExprs(v, m.Value)
		}
	}
	v.Visit(nil)
}

func walkExprs(v Visitor, list ...Expr) {
	for _, e := range list {
		if !isNilNode(e) {
			Walk(v, e)
		}
	}
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if f(node) {
		return f
	}
	return nil
}

// Inspect traverses a tree in depth-first order, as go/ast.Inspect does: it
// starts by calling f(node). If f returns true, Inspect
// invokes f recursively for each of the non-nil children of node, in the
// order Walk gives, followed by a call of f(nil). A nil node is ignored.
// Any Expr is a Node, so Inspect(expr, f) walks an expression tree.
func Inspect(node Node, f func(Node) bool) {
	Walk(inspector(f), node)
}

// isNilNode reports whether n is nil or a nil pointer of one of the node
// types, so that a malformed tree is skipped rather than dereferenced.
func isNilNode(n Node) bool {
	switch n := n.(type) {
	case nil:
		return true
	case *BinaryExpr:
		return n == nil
	case *UnaryExpr:
		return n == nil
	case *MemberExpr:
		return n == nil
	case *LambdaExpr:
		return n == nil
	case *CountExpr:
		return n == nil
	case *FilterSegmentExpr:
		return n == nil
	case *CallExpr:
		return n == nil
	case *TypeExpr:
		return n == nil
	case *CaseExpr:
		return n == nil
	case *ListExpr:
		return n == nil
	case *ObjectExpr:
		return n == nil
	case *AliasExpr:
		return n == nil
	case *Literal:
		return n == nil
	}
	return false
}

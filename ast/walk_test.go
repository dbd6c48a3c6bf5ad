package ast

import (
	"fmt"
	"strings"
	"testing"
)

// Tree builders for tests: the parser is a separate package, so trees are
// built by hand. Spans are left zero unless a test needs them.

// path builds a member path from "a/b/c".
func path(p string) Expr {
	var x Expr
	for _, seg := range strings.Split(p, "/") {
		x = &MemberExpr{X: x, Name: seg}
	}
	return x
}

func lit(k LitKind, raw string) *Literal { return &Literal{Kind: k, Raw: raw} }
func num(raw string) *Literal            { return lit(LitInt, raw) }
func str(raw string) *Literal            { return lit(LitString, raw) }

func bin(x Expr, op BinaryOp, y Expr) *BinaryExpr { return &BinaryExpr{Op: op, X: x, Y: y} }
func not(x Expr) *UnaryExpr                       { return &UnaryExpr{Op: OpNot, X: x} }
func neg(x Expr) *UnaryExpr                       { return &UnaryExpr{Op: OpNeg, X: x} }

func call(name string, args ...Expr) *CallExpr {
	return &CallExpr{Name: name, Canonical: true, Args: args}
}

// label names a node for the walk-order tests.
func label(n Node) string {
	switch n := n.(type) {
	case nil:
		return "end"
	case *BinaryExpr:
		return n.Op.String()
	case *UnaryExpr:
		return n.Op.String()
	case *MemberExpr:
		return n.Name
	case *LambdaExpr:
		return n.Kind.String()
	case *CountExpr:
		return "$count"
	case *FilterSegmentExpr:
		return "$filter"
	case *CallExpr:
		return n.Name + "()"
	case *TypeExpr:
		return "<" + n.Name + ">"
	case *CaseExpr:
		return "case"
	case *ListExpr:
		return "list"
	case *ObjectExpr:
		return "object"
	case *AliasExpr:
		return "@" + n.Name
	case *Literal:
		return n.Raw
	}
	return fmt.Sprintf("%T", n)
}

type recorder struct{ got *[]string }

func (r recorder) Visit(n Node) Visitor {
	*r.got = append(*r.got, label(n))
	return r
}

func TestWalkOrder(t *testing.T) {
	tests := []struct {
		name string
		expr Expr
		want string // labels in visit order; "end" is Visit(nil)
	}{
		{"binary", bin(path("a"), OpEq, num("1")), "eq a end 1 end end"},
		{"unary", not(path("a")), "not a end end"},
		{"member", path("a/b"), "b a end end"},
		{"lambda", &LambdaExpr{X: path("tags"), Kind: Any, Var: "t", Predicate: bin(path("t"), OpEq, str("'x'"))},
			"any tags end eq t end 'x' end end end"},
		{"lambda without predicate", &LambdaExpr{X: path("tags"), Kind: All}, "all tags end end"},
		{"count", &CountExpr{X: path("tags")}, "$count tags end end"},
		{"count with filter", &CountExpr{X: path("tags"), Filter: bin(path("$it"), OpNe, str("'x'"))},
			"$count tags end ne $it end 'x' end end end"},
		{"filter segment", &FilterSegmentExpr{X: path("tags"), Predicate: path("$it")}, "$filter tags end $it end end"},
		{"call", &CallExpr{X: path("a"), Name: "NS.Fn", Args: []Expr{num("1")},
			Named: []NamedArg{{Name: "p", Value: num("2")}, {Name: "q", Value: num("3")}}},
			"NS.Fn() a end 1 end 2 end 3 end end"},
		{"cast", call("cast", path("a"), &TypeExpr{Name: "Edm.String"}), "cast() a end <Edm.String> end end"},
		{"case", &CaseExpr{Clauses: []CaseClause{{Cond: path("x"), Value: num("1")}, {Cond: lit(LitBoolean, "true"), Value: num("2")}}},
			"case x end 1 end true end 2 end end"},
		{"list", bin(path("a"), OpIn, &ListExpr{Elems: []Expr{num("1"), num("2")}}), "in a end list 1 end 2 end end end"},
		{"object", &ObjectExpr{Members: []ObjectMember{{Name: "k", Value: num("1")}, {Name: "l", Value: &AliasExpr{Name: "p"}}}},
			"object 1 end @p end end"},
		{"nil children", &BinaryExpr{Op: OpAnd, X: nil, Y: (*MemberExpr)(nil)}, "and end"},
		{"nil list elements", &ListExpr{Elems: []Expr{nil, num("1"), (*Literal)(nil)}}, "list 1 end end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			Walk(recorder{&got}, tt.expr)
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("Walk order\n got: %s\nwant: %s", g, tt.want)
			}
		})
	}
}

func TestWalkNilNode(t *testing.T) {
	var got []string
	Walk(recorder{&got}, nil)
	Walk(recorder{&got}, (*BinaryExpr)(nil))
	if len(got) != 0 {
		t.Errorf("Walk(nil) visited %v", got)
	}
}

func TestInspect(t *testing.T) {
	// (a eq 1) and contains(b,'x'): prune below contains.
	e := bin(bin(path("a"), OpEq, num("1")), OpAnd, call("contains", path("b"), str("'x'")))
	tests := []struct {
		name string
		keep func(Node) bool
		want string
	}{
		{"all", func(Node) bool { return true }, "and eq a end 1 end end contains() b end 'x' end end end"},
		{"prune calls", func(n Node) bool { _, ok := n.(*CallExpr); return !ok }, "and eq a end 1 end end contains() end"},
		{"root only", func(Node) bool { return false }, "and"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			Inspect(e, func(n Node) bool {
				got = append(got, label(n))
				return tt.keep(n)
			})
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("Inspect order\n got: %s\nwant: %s", g, tt.want)
			}
		})
	}
}

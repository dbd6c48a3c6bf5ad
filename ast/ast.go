// Package ast holds the syntax tree of an OData $filter expression and of a
// query string ($filter, $top, $skip), the diagnostics every stage reports,
// and the printers that turn trees and diagnostics back into text.
//
// The tree is built by package parser and never mutated afterwards: later
// stages (the checker in package schema, the planner in package eval) read it
// and return new values. Node names follow the OData URL Conventions the way
// go/ast follows the Go specification.
//
// Every node carries a Span: byte offsets into the text the user wrote. For a
// bare filter that is the expression; for a query string it is the raw,
// still percent-encoded query, so carets land under what the user typed.
//
// This package imports only the standard library.
package ast

// Span is a half-open range [Start, End) of byte offsets into the source text.
type Span struct {
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Node is any node of the tree.
type Node interface {
	Span() Span
}

// Expr is an expression node. Every expression implements Node.
type Expr interface {
	Node
	exprNode()
}

// BinaryOp is an infix operator.
type BinaryOp uint8

// The binary operators of OData 4.01, in the order of the URL Conventions'
// operator table.
const (
	OpEq BinaryOp = iota + 1
	OpNe
	OpGt
	OpGe
	OpLt
	OpLe
	OpHas
	OpIn
	OpAnd
	OpOr
	OpAdd
	OpSub
	OpMul
	OpDiv
	OpDivBy
	OpMod
)

var binaryOpNames = [...]string{
	OpEq: "eq", OpNe: "ne", OpGt: "gt", OpGe: "ge", OpLt: "lt", OpLe: "le",
	OpHas: "has", OpIn: "in", OpAnd: "and", OpOr: "or",
	OpAdd: "add", OpSub: "sub", OpMul: "mul", OpDiv: "div", OpDivBy: "divby", OpMod: "mod",
}

// String returns the operator's keyword, in lower case.
func (op BinaryOp) String() string {
	if int(op) < len(binaryOpNames) && binaryOpNames[op] != "" {
		return binaryOpNames[op]
	}
	return "BinaryOp(?)"
}

// BinaryOpByName maps a lower-case operator keyword to its operator.
var BinaryOpByName = map[string]BinaryOp{
	"eq": OpEq, "ne": OpNe, "gt": OpGt, "ge": OpGe, "lt": OpLt, "le": OpLe,
	"has": OpHas, "in": OpIn, "and": OpAnd, "or": OpOr,
	"add": OpAdd, "sub": OpSub, "mul": OpMul, "div": OpDiv, "divby": OpDivBy, "mod": OpMod,
}

// Precedence returns the operator's binding strength in the URL Conventions'
// table: higher binds tighter. Unary operators sit at PrecUnary.
// Mirror returns the operator that compares the swapped operands: a lt b is
// b gt a. Operators that are not orders (eq, ne, ...) mirror to themselves.
func (op BinaryOp) Mirror() BinaryOp {
	switch op {
	case OpGt:
		return OpLt
	case OpGe:
		return OpLe
	case OpLt:
		return OpGt
	case OpLe:
		return OpGe
	}
	return op
}

func (op BinaryOp) Precedence() int {
	switch op {
	case OpOr:
		return PrecOr
	case OpAnd:
		return PrecAnd
	case OpEq, OpNe:
		return PrecEquality
	case OpGt, OpGe, OpLt, OpLe:
		return PrecRelational
	case OpAdd, OpSub:
		return PrecAdditive
	case OpMul, OpDiv, OpDivBy, OpMod:
		return PrecMultiplicative
	case OpHas, OpIn:
		return PrecPrimary
	}
	return 0
}

// Precedence levels, loosest first. All binary levels are left-associative.
const (
	PrecOr = iota + 1
	PrecAnd
	PrecEquality
	PrecRelational
	PrecAdditive
	PrecMultiplicative
	PrecUnary
	PrecPrimary
)

// BinaryExpr is X Op Y.
type BinaryExpr struct {
	Op     BinaryOp
	X, Y   Expr
	OpSpan Span // the operator keyword
	Loc    Span
}

// UnaryOp is a prefix operator.
type UnaryOp uint8

// The unary operators.
const (
	OpNeg UnaryOp = iota + 1 // -
	OpNot                    // not
)

// String returns the operator as written: "-" or "not".
func (op UnaryOp) String() string {
	switch op {
	case OpNeg:
		return "-"
	case OpNot:
		return "not"
	}
	return "UnaryOp(?)"
}

// UnaryExpr is -X or not X.
type UnaryExpr struct {
	Op  UnaryOp
	X   Expr
	Loc Span
}

// MemberExpr is one segment of a member path: a property, a navigation, a
// type-cast segment (Model.Type), an annotation (@Ns.Term), $count, or the
// implicit variables $it, $root and $this. X is the path before the segment,
// nil for the first one, so Address/Street is
// MemberExpr{X: MemberExpr{Name: "Address"}, Name: "Street"}. A lambda range
// variable is a first segment too: the checker tells it from a property.
type MemberExpr struct {
	X        Expr   // nil for the first segment
	Name     string // as written, e.g. "Street", "$it", "Model.Type", "@Core.Messages"
	NameSpan Span
	Loc      Span
}

// LambdaKind tells any from all.
type LambdaKind uint8

// The lambda operators.
const (
	Any LambdaKind = iota + 1
	All
)

// String returns "any" or "all".
func (k LambdaKind) String() string {
	if k == All {
		return "all"
	}
	return "any"
}

// LambdaExpr is X/any(v: Predicate) or X/all(v: Predicate). For X/any()
// Var is "" and Predicate is nil.
type LambdaExpr struct {
	X         Expr
	Kind      LambdaKind
	Var       string
	VarSpan   Span
	Predicate Expr
	Loc       Span
}

// CountExpr is X/$count, optionally X/$count($filter=Filter).
type CountExpr struct {
	X      Expr
	Filter Expr // nil unless the $count has a $filter option
	Loc    Span
}

// FilterSegmentExpr is the path segment X/$filter(Predicate) of OData 4.01.
type FilterSegmentExpr struct {
	X         Expr
	Predicate Expr
	Loc       Span
}

// CallExpr is a function call. Canonical functions (contains, year, cast,
// isof, ...) have X nil, Canonical true and Name in lower case. Other calls
// are bound or unbound functions and key predicates, e.g. Model.Fn(p=1) or
// Items(1), with the Name as written; X is the path the function is bound to.
type CallExpr struct {
	X         Expr
	Name      string
	NameSpan  Span
	Canonical bool
	Args      []Expr
	Named     []NamedArg // name=value parameters of non-canonical functions
	Loc       Span
}

// NamedArg is one name=value parameter of a non-canonical function call.
type NamedArg struct {
	Name     string
	NameSpan Span
	Value    Expr
}

// TypeExpr is a type name in cast and isof: a qualified name such as
// Edm.String, an unqualified one, or Collection(T).
type TypeExpr struct {
	Name       string // the element type name as written
	Collection bool
	Loc        Span
}

// CaseExpr is the 4.01 case(cond:value, ...) function.
type CaseExpr struct {
	Clauses []CaseClause
	Loc     Span
}

// CaseClause is one cond:value pair of a CaseExpr.
type CaseClause struct {
	Cond, Value Expr
}

// ListExpr is a parenthesised list, the right side of in, or a JSON array
// (JSON true). ('a','b') and ['a','b'] are both lists.
type ListExpr struct {
	Elems []Expr
	JSON  bool
	Loc   Span
}

// ObjectExpr is a JSON object literal, {"name": value, ...}.
type ObjectExpr struct {
	Members []ObjectMember
	Loc     Span
}

// ObjectMember is one "name": value pair of an ObjectExpr.
type ObjectMember struct {
	Name     string // unescaped
	NameSpan Span
	Value    Expr
}

// AliasExpr is a parameter alias, @name, whose value is given elsewhere in
// the query string.
type AliasExpr struct {
	Name string // without the @
	Loc  Span
}

// Literal is a primitive literal. Raw is the literal as it stood in the
// (percent-decoded) filter; Value is the parsed value, whose Go type depends
// on Kind (see LitKind). When the text is well-formed but does not denote a
// value (a 30th of February, an integer beyond Int64, bad base64), Value is
// nil and Problem says why; the checker reports it as bad_literal.
type Literal struct {
	Kind    LitKind
	Raw     string
	Value   any
	Problem string
	Loc     Span
}

// Span returns the node's span.
func (e *BinaryExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *UnaryExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *MemberExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *LambdaExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *CountExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *FilterSegmentExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *CallExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *TypeExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *CaseExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *ListExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *ObjectExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *AliasExpr) Span() Span { return e.Loc }

// Span returns the node's span.
func (e *Literal) Span() Span { return e.Loc }

func (*BinaryExpr) exprNode()        {}
func (*UnaryExpr) exprNode()         {}
func (*MemberExpr) exprNode()        {}
func (*LambdaExpr) exprNode()        {}
func (*CountExpr) exprNode()         {}
func (*FilterSegmentExpr) exprNode() {}
func (*CallExpr) exprNode()          {}
func (*TypeExpr) exprNode()          {}
func (*CaseExpr) exprNode()          {}
func (*ListExpr) exprNode()          {}
func (*ObjectExpr) exprNode()        {}
func (*AliasExpr) exprNode()         {}
func (*Literal) exprNode()           {}

package parser

import (
	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/lexer"
)

// The grammar. One struct a precedence level, loosest first, each level a
// left operand and a list of (operator, right operand) pairs; lowering folds
// the lists left-associatively. The lexer has already decided what is an
// operator (whitespace rules), so the grammar needs no whitespace and no
// backtracking beyond one token of lookahead.

type orExpr struct {
	Left *andExpr  `parser:"@@"`
	Rest []*orRest `parser:"@@*"`
}

type orRest struct {
	Op    plexer.Token `parser:"@OrOp"`
	Right *andExpr     `parser:"@@"`
}

type andExpr struct {
	Left *eqExpr    `parser:"@@"`
	Rest []*andRest `parser:"@@*"`
}

type andRest struct {
	Op    plexer.Token `parser:"@AndOp"`
	Right *eqExpr      `parser:"@@"`
}

type eqExpr struct {
	Left *relExpr  `parser:"@@"`
	Rest []*eqRest `parser:"@@*"`
}

type eqRest struct {
	Op    plexer.Token `parser:"@EqOp"`
	Right *relExpr     `parser:"@@"`
}

type relExpr struct {
	Left *addExpr   `parser:"@@"`
	Rest []*relRest `parser:"@@*"`
}

type relRest struct {
	Op    plexer.Token `parser:"@RelOp"`
	Right *addExpr     `parser:"@@"`
}

type addExpr struct {
	Left *mulExpr   `parser:"@@"`
	Rest []*addRest `parser:"@@*"`
}

type addRest struct {
	Op    plexer.Token `parser:"@AddOp"`
	Right *mulExpr     `parser:"@@"`
}

type mulExpr struct {
	Left *unaryExpr `parser:"@@"`
	Rest []*mulRest `parser:"@@*"`
}

type mulRest struct {
	Op    plexer.Token `parser:"@MulOp"`
	Right *unaryExpr   `parser:"@@"`
}

// unaryExpr is "not X", "-X", or a primary expression.
type unaryExpr struct {
	Op      plexer.Token `parser:"(  @(Not | Minus)"`
	X       *unaryExpr   `parser:"   @@ )"`
	Primary *primaryExpr `parser:"| @@"`
}

// primaryExpr holds has and in, which bind tighter than the unary operators.
type primaryExpr struct {
	Left *operand       `parser:"@@"`
	Rest []*primaryRest `parser:"@@*"`
}

type primaryRest struct {
	Op    plexer.Token `parser:"@(HasOp | InOp)"`
	Right *operand     `parser:"@@"`
}

type operand struct {
	Lit    plexer.Token `parser:"  @(String | JSONString | Number | Boolean | Null | Date | DateTimeOffset | TimeOfDay | Guid | Duration | Binary | Geography | Geometry | Enum)"`
	Group  *group       `parser:"| @@"`
	Array  *array       `parser:"| @@"`
	Object *object      `parser:"| @@"`
	Path   *path        `parser:"| @@"`
}

// group is a parenthesised expression, or a parenthesised list (only after in).
type group struct {
	Open  plexer.Token `parser:"@\"(\""`
	Elems []*orExpr    `parser:"( @@ ( \",\" @@ )* )?"`
	Close plexer.Token `parser:"@\")\""`
}

type array struct {
	Open  plexer.Token `parser:"@\"[\""`
	Elems []*orExpr    `parser:"( @@ ( \",\" @@ )* )?"`
	Close plexer.Token `parser:"@\"]\""`
}

type object struct {
	Open    plexer.Token `parser:"@\"{\""`
	Members []*member    `parser:"( @@ ( \",\" @@ )* )?"`
	Close   plexer.Token `parser:"@\"}\""`
}

type member struct {
	Name  plexer.Token `parser:"@JSONString \":\""`
	Value *orExpr      `parser:"@@"`
}

// path is a member path: segments separated by "/".
type path struct {
	Segments []*segment `parser:"@@ ( \"/\" @@ )*"`
}

type segment struct {
	Call *call        `parser:"  @@"`
	Name plexer.Token `parser:"| @(Ident | At)"`
}

// call is name(args): a canonical function, a lambda, a bound function, a
// key predicate, $count(...) or $filter(...). Lowering tells them apart.
type call struct {
	Name  plexer.Token `parser:"@Func \"(\""`
	Args  []*arg       `parser:"( @@ ( \",\" @@ )* )?"`
	Close plexer.Token `parser:"@\")\""`
}

// arg is one argument: a value, or "x:value" (lambda variable, case clause)
// or "name=value" (named parameter, $filter=).
type arg struct {
	X     *orExpr      `parser:"@@"`
	Sep   plexer.Token `parser:"( @(\":\" | \"=\")"`
	Value *orExpr      `parser:"  @@ )?"`
}

var grammar = participle.MustBuild[orExpr](
	participle.Lexer(lexer.Definition{}),
	participle.UseLookahead(1),
)

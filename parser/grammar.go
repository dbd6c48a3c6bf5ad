package parser

import (
	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"
)

// The grammar. It is written for speed as much as for reading, because
// participle's cost is per grammar node and per capture, not per token:
//
//   - All binary operators share one level: an expression is a flat list
//     of operands separated by operators, and lowering applies the
//     precedence table to it (precedence climbing). One level instead of one
//     per precedence level spares six nested structs, each with a failed
//     "another operator?" attempt, for every operand.
//   - The grammar sees token classes (see classes.go), not the lexer's
//     token types: one Literal for the fourteen literal types, one BinOp for
//     every binary operator, and so on. A class is one cheap token-type test
//     where a choice among types would make participle try each on its own
//     branch.
//   - A list of literals only, "(" Literal ( "," Literal )* ")" as in lists
//     are written, is matched as tokens: the lexer's "(" comes classified
//     LitList when such a list follows it (see literalList), so its items
//     need no expression struct each, and no backtracking.
//   - Runs of simple operands (names and paths, literals and lists, calls
//     and parenthesised lists of runs, prefix operators) and the operators
//     between them are matched by a custom production, simpleRun (see
//     run.go), tried first wherever an operand starts; the alternatives
//     after it match what nests deeper or is wrong, and report the errors.
//     A filter without JSON is one run, so participle builds one struct
//     for it instead of one per operand, call and argument.
//   - Tokens are matched without capturing them, and only what nests is a
//     struct: expressions, calls, parenthesised and JSON values, prefixed
//     operands. A struct's Tokens field holds the tokens it matched, in order
//     (participle fills it with a subslice of its token slice, not a copy);
//     lowering reads operators, names and literals from there, and takes the
//     nested structs in the order their tokens come.
//
// The lexer has already decided what is an operator (whitespace rules), so
// the grammar needs no whitespace and no backtracking beyond one token of
// lookahead.

// expr is an expression: operands separated by binary operators. Most
// operands are inline:
//
//	Name ( "/" ( Name | call ) )*    a path that starts with a name
//	Literal                          a literal
//	LitList Literal ... ")"          a list of literals (or one literal)
//	"(" list ")", "[" list "]"       a parenthesised expression or list, a
//	                                 JSON array; list is Elems
//	call ( "/" ( Name | call ) )*    a path that starts with a call
//	operand                          the rest: prefix operators, JSON objects
//
// Before them, wherever an operand starts, a run (Head, Tail) takes as many
// simple operands and operators as it can. participle tries alternatives in
// order, each on a branch of its own, so the order of the rest follows
// what filters look like: the first operand tries a name first (filters
// start with a field), the others a literal (a field is compared with a
// value).
//
// Each kind of capture has a field for the first operand and one for the
// others (R...), because a field's tag is one piece of the grammar. Read in
// token order, Calls then RCalls are the calls of the paths that start with
// a name, Heads then RHeads those of the paths that start with a call,
// Elems then RElems the list elements, Nested then RNested the other
// operands.
type expr struct {
	Tokens  []plexer.Token
	Head    simpleRun `parser:"(   @@"`
	Calls   []call    `parser:"  | Name ( \"/\" ( Name | @@ ) )* | Literal"`
	Heads   []call    `parser:"  | @@ ( \"/\" ( Name | @@ ) )*"`
	Elems   []expr    `parser:"  | LitList ( Literal ( \",\" Literal )* )? \")\" | \"(\" ( @@ ( \",\" @@ )* )? \")\" | \"[\" ( @@ ( \",\" @@ )* )? \"]\""`
	Nested  []operand `parser:"  | @@ )"`
	Tail    simpleRun `parser:"( BinOp ( @@"`
	RCalls  []call    `parser:"        | Literal | Name ( \"/\" ( Name | @@ ) )*"`
	RElems  []expr    `parser:"        | LitList ( Literal ( \",\" Literal )* )? \")\" | \"(\" ( @@ ( \",\" @@ )* )? \")\" | \"[\" ( @@ ( \",\" @@ )* )? \"]\""`
	RHeads  []call    `parser:"        | @@ ( \"/\" ( Name | @@ ) )*"`
	RNested []operand `parser:"        | @@ ) )*"`
}

// operand is an operand expr does not hold inline: not or unary minus and
// its operand, a JSON object, or a JSON string (valid inside JSON only).
// The first token says which.
type operand struct {
	Tokens  []plexer.Token
	Unary   *prefixed `parser:"  Prefix @@"`
	Members []member  `parser:"| \"{\" ( @@ ( \",\" @@ )* )? \"}\" | JSONString"`
}

// prefixed is the operand of a prefix operator: any operand, as in expr.
// No alternative is tried twice: trying "(" both here and in operand would
// parse a run of "(" that fails at its end 2^n times.
type prefixed struct {
	Tokens []plexer.Token
	Calls  []call   `parser:"  Literal | ( Name | @@ ) ( \"/\" ( Name | @@ ) )*"`
	Elems  []expr   `parser:"| LitList ( Literal ( \",\" Literal )* )? \")\" | \"(\" ( @@ ( \",\" @@ )* )? \")\" | \"[\" ( @@ ( \",\" @@ )* )? \"]\""`
	Nested *operand `parser:"| @@"`
}

// member is "name":value inside a JSON object; Tokens[0] is the name.
type member struct {
	Tokens []plexer.Token
	Value  expr `parser:"JSONString \":\" @@"`
}

// call is name(args): a canonical function, a lambda, a bound function, a
// key predicate, $count(...) or $filter(...); lowering tells them apart.
// An argument is an expression, or two separated by Sep: "x:value" (lambda
// variable, case clause) or "name=value" (named parameter, $filter=).
// Exprs holds them all in order; Tokens (the name, "(", the arguments'
// tokens with separators and commas, ")") says how they pair up.
type call struct {
	Tokens []plexer.Token
	Exprs  []expr `parser:"Func \"(\" ( @@ ( Sep @@ )? ( \",\" @@ ( Sep @@ )? )* )? \")\""`
	Args   []arg  // the arguments, paired up by lowering (not a grammar field)
}

var grammar = participle.MustBuild[expr](
	participle.Lexer(grammarTokens{}),
	participle.UseLookahead(1),
)

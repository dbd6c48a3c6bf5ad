package parser

import (
	"github.com/alecthomas/participle/v2"
	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/lexer"
)

// A run is a stretch of an expression's flat list made only of simple
// operands and the binary operators between them. A simple operand is a
// literal, a list of literals, a path of names and calls whose arguments
// are runs (a/b, startswith(a,'x'), tags/any(t: t eq 'x')), a
// parenthesised list of runs, or a prefix operator and a simple operand.
// Only JSON arrays, objects and strings are not simple, so a run is
// usually a whole filter.
//
// Matched by the grammar, every operand costs participle a branch for each
// alternative tried before the right one, a branch for each optional or
// repeated part, and a struct, captures and boxed values for each
// expression, call and argument. A run is a custom production
// (participle.Parseable) that matches the stretch token by token with one
// look at each token's class, and captures nothing: lowering reads the
// operands from the expression's tokens, as it does for the alternatives
// the grammar matches inline, and builds the calls and list elements a run
// matched from their tokens (callAt, elemAt).
//
// A run matches exactly what the grammar's own alternatives would, so the
// grammar after it sees what it would have seen: an operand is taken whole
// or not at all (anything but a complete simple operand, such as a/ or
// f(a eq) or a path that goes on with "/" and a JSON value, is left to the
// grammar, which also reports its errors), and an operator only together
// with a simple operand after it. The grammar records no error while it
// matches a simple operand (every alternative it tries and drops fails at
// its first token), so none is lost. The grammar tries the run first and
// falls back to its alternatives where the run matches nothing.

// noRuns turns runs off, so that the grammar's alternatives match
// everything; run_test.go compares the two ways.
var noRuns bool

// simpleRun is a run: an operand, then any number of operators each with
// its operand, all simple. The grammar tries it wherever an operand starts.
type simpleRun struct{}

// Parse implements participle.Parseable.
func (*simpleRun) Parse(lex *plexer.PeekingLexer) error {
	if noRuns || !simpleOperand(lex) {
		return participle.NextMatch
	}
	operators(lex)
	return nil
}

// operators matches ( BinOp operand )* while the operands are simple, and
// reports whether it matched any.
func operators(lex *plexer.PeekingLexer) bool {
	matched := false
	for lex.Peek().Type == classBinOp {
		cp := lex.MakeCheckpoint()
		lex.Next()
		if !simpleOperand(lex) {
			lex.LoadCheckpoint(cp)
			break
		}
		matched = true
	}
	return matched
}

// simpleOperand matches a simple operand, or consumes nothing and returns
// false: a literal, a list of literals, a parenthesised list of runs, or a
// path of names and calls whose arguments are runs, which does not go on
// with "/".
func simpleOperand(lex *plexer.PeekingLexer) bool {
	cp := lex.MakeCheckpoint()
	ok := false
	switch t := lex.Peek(); {
	case t.Type == classLiteral:
		lex.Next()
		return true
	case t.Type == classLitList: // the lexer classified it: literals and commas up to ")"
		lex.Next()
		for t := lex.Next(); !isPunct(t, ")") && t.Type != lexer.EOF; t = lex.Next() {
		}
		return true
	case t.Type == classPrefix: // not, unary minus, and their operand
		lex.Next()
		ok = simpleOperand(lex)
	case isPunct(t, "("):
		lex.Next()
		ok = runs(lex, false)
	case t.Type == className || t.Type == lexer.Func:
		ok = segment(lex)
		for ok && isPunct(lex.Peek(), "/") {
			lex.Next()
			ok = segment(lex)
		}
	}
	if !ok {
		lex.LoadCheckpoint(cp)
	}
	return ok
}

// run matches an operand, then operators with their operands, all simple.
func run(lex *plexer.PeekingLexer) bool {
	if !simpleOperand(lex) {
		return false
	}
	operators(lex)
	return true
}

// segment matches a name, or a call whose arguments are runs.
func segment(lex *plexer.PeekingLexer) bool {
	switch lex.Peek().Type {
	case className:
		lex.Next()
		return true
	case lexer.Func:
		lex.Next()
		if !isPunct(lex.Peek(), "(") {
			return false
		}
		lex.Next()
		return runs(lex, true)
	}
	return false
}

// runs matches what follows the "(" of a call or a parenthesised list:
// ( run ( "," run )* )? ")", and in a call Sep run after any run.
func runs(lex *plexer.PeekingLexer, call bool) bool {
	if isPunct(lex.Peek(), ")") {
		lex.Next()
		return true
	}
	for {
		if !run(lex) {
			return false
		}
		if call && lex.Peek().Type == classSep {
			lex.Next()
			if !run(lex) {
				return false
			}
		}
		switch t := lex.Next(); {
		case isPunct(t, ")"):
			return true
		case !isPunct(t, ","):
			return false
		}
	}
}

func isPunct(t *plexer.Token, value string) bool { return t.Type == lexer.Punct && t.Value == value }

// isPrefix reports whether t is a prefix operator: not or unary minus.
func isPrefix(t *plexer.Token) bool { return t.Type == lexer.Not || t.Type == lexer.Minus }

// nestedAt reports whether the next of nested is the operand that starts
// with the token t, rather than one a run matched.
func nestedAt(nested *inOrder[operand], t *plexer.Token) bool {
	n := nested.peek()
	return n != nil && n.Tokens[0].Pos.Offset == t.Pos.Offset
}

// callAt returns the call whose Func token is toks[i]: the next of calls if
// the grammar captured it, or else one built from the tokens, for a call a
// run matched.
func callAt(calls *inOrder[call], toks []plexer.Token, i int) *call {
	if c := calls.peek(); c != nil && c.Tokens[0].Pos.Offset == toks[i].Pos.Offset {
		return calls.next()
	}
	end := closing(toks, i+1)
	c := &call{Tokens: toks[i : end+1]}
	for k := i + 2; k < end; {
		n := argEnd(toks, k, true) - k
		c.Exprs = append(c.Exprs, expr{Tokens: toks[k : k+n]})
		k += n + 1
	}
	return c
}

// soleCall returns the call that is all of e, or nil.
func soleCall(e *expr) *call {
	if e.Tokens[0].Type != lexer.Func {
		return nil
	}
	if c := callAt(&inOrder[call]{a: e.Heads}, e.Tokens, 0); len(c.Tokens) == len(e.Tokens) {
		return c
	}
	return nil
}

// elemAt returns the element of a parenthesised list that starts at
// toks[i]: the next of elems if the grammar captured it, or else one built
// from the tokens, for a list a run matched.
func elemAt(elems *inOrder[expr], toks []plexer.Token, i int) *expr {
	if e := elems.peek(); e != nil && e.Tokens[0].Pos.Offset == toks[i].Pos.Offset {
		return elems.next()
	}
	return &expr{Tokens: toks[i:argEnd(toks, i, false)]}
}

// closing returns the index of the bracket that closes toks[open].
func closing(toks []plexer.Token, open int) int {
	depth := 0
	for k := open; ; k++ {
		if toks[k].Type != lexer.Punct {
			continue
		}
		switch toks[k].Value {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			if depth--; depth == 0 {
				return k
			}
		}
	}
}

// argEnd returns the index of the token that ends the expression at
// toks[i]: a "," or a closing bracket at its level, or in a call a
// separator.
func argEnd(toks []plexer.Token, i int, call bool) int {
	for k := i; ; k++ {
		t := toks[k]
		if t.Type != lexer.Punct {
			continue
		}
		switch t.Value {
		case "(", "[", "{":
			k = closing(toks, k)
		case ")", "]", "}", ",":
			return k
		case ":", "=":
			if call {
				return k
			}
		}
	}
}

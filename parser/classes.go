package parser

import (
	"errors"
	"io"
	"sort"

	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/lexer"
)

// Token classes: the token types the grammar sees. The lexer's types are
// finer than the grammar needs; folding them into classes lets one
// token-type test stand where the grammar would otherwise try a choice of
// types one branch at a time. Func, JSONString, EOF and the punctuation
// but ":" and "=" keep their lexer types, and the grammar matches
// punctuation by its text.
const (
	classLiteral plexer.TokenType = -100 - iota // every literal type but JSONString
	className                                   // Ident, At
	classBinOp                                  // every binary operator
	classPrefix                                 // not, unary minus
	classSep                                    // ":" and "=", between an argument's parts
	classLitList                                // a "(" that opens a list of literals only
)

// grammarTokens is the participle lexer definition the grammar is built
// with: it names the classes. Parsing goes through ParseFromLexer with
// tokens the parser has lexed and classified itself, so Lex is never used.
type grammarTokens struct{}

var classSymbols = map[string]plexer.TokenType{
	"EOF": lexer.EOF, "Func": lexer.Func, "Punct": lexer.Punct, "JSONString": lexer.JSONString,
	"Literal": classLiteral, "Name": className, "BinOp": classBinOp, "Prefix": classPrefix, "Sep": classSep, "LitList": classLitList,
}

func (grammarTokens) Symbols() map[string]plexer.TokenType { return classSymbols }

func (grammarTokens) Lex(string, io.Reader) (plexer.Lexer, error) {
	return nil, errors.New("the grammar parses classified tokens, see parseExpr")
}

// class returns the class of a lexer token.
func class(t plexer.Token) plexer.TokenType {
	switch {
	case t.Type == lexer.Punct:
		if t.Value == ":" || t.Value == "=" {
			return classSep
		}
		return t.Type
	case t.Type == lexer.JSONString:
		return t.Type
	case lexer.IsLiteral(t.Type):
		return classLiteral
	case t.Type == lexer.Ident || t.Type == lexer.At:
		return className
	case lexer.IsOperator(t.Type):
		return classBinOp
	case t.Type == lexer.Not || t.Type == lexer.Minus:
		return classPrefix
	}
	return t.Type
}

// literalList reports whether toks[i] is a "(" that opens a list of
// literals only, "()" or "(" Literal ( "," Literal )* ")", and returns the
// index of its ")". The grammar matches such a list inline, as tokens
// (LitList), instead of an expression struct per element: in lists are
// the common case, and participle's cost is per struct.
func literalList(toks []plexer.Token, i int) (end int, ok bool) {
	if t := toks[i]; t.Type != lexer.Punct || t.Value != "(" || i > 0 && toks[i-1].Type == lexer.Func {
		return 0, false // not a "(", or the one of a call
	}
	for j := i + 1; j < len(toks); j += 2 {
		if t := toks[j]; t.Type == lexer.Punct && t.Value == ")" && j == i+1 {
			return j, true
		}
		if class(toks[j]) != classLiteral || j+1 == len(toks) {
			return 0, false
		}
		switch t := toks[j+1]; {
		case t.Type != lexer.Punct:
			return 0, false
		case t.Value == ")":
			return j + 1, true
		case t.Value != ",":
			return 0, false
		}
	}
	return 0, false
}

// tokens are the lexer's tokens of one input, ending with EOF; a
// participle lexer that feeds them to the grammar classified. Participle's
// tokens are copies with the class as their type, and a literal, name or
// operator has an empty value there: participle boxes every token it
// matches into an interface, which an empty string does without
// allocating. restore maps them back to the lexer's tokens for lowering.
type tokens struct {
	toks []plexer.Token
	i    int
}

// Next feeds the grammar the next token, classified.
func (ts *tokens) Next() (plexer.Token, error) {
	t := ts.toks[ts.i]
	if _, ok := literalList(ts.toks, ts.i); ok {
		t.Type = classLitList
	}
	if ts.i < len(ts.toks)-1 {
		ts.i++
	}
	if c := class(t); c != t.Type {
		t.Type = c
		if c != classSep { // the grammar matches ":" by its text
			t.Value = ""
		}
	}
	return t, nil
}

// restore returns the lexer's tokens for a run of participle's tokens.
func (ts *tokens) restore(run []plexer.Token) []plexer.Token {
	if len(run) == 0 {
		return run
	}
	off := run[0].Pos.Offset
	i := sort.Search(len(ts.toks), func(i int) bool { return ts.toks[i].Pos.Offset >= off })
	return ts.toks[i : i+len(run)]
}

package parser

import (
	"errors"
	"strconv"

	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/lexer"
)

// tokenize lexes src and checks the limits token by token, before participle
// sees any token. It stops at the first lexical error or the first limit
// exceeded (nesting depth, node count or list length), so a megabyte of "("
// stops at the first "(" too deep, without lexing the rest.
//
// Depth counts open brackets plus unary operators still in force. A unary
// operator stays in force until a binary operator looser than it (anything
// but has and in), a comma, a colon or the bracket around it closes it: so
// "not not not x" is three deep and "not a and not b" one.
//
// It also rejects a prefix operator right after has or in ("a in not b"):
// has and in bind tighter than not and unary minus, so their right operand
// cannot start with one. The grammar, which has one level for every binary
// operator, cannot say so.
func tokenize(src string, pos positions, lim Limits) ([]plexer.Token, ast.Diagnostics) {
	type frame struct {
		unary, items int
		open         plexer.Token
	}
	stack := make([]frame, 1, 16)
	depth, nodes := 0, 0
	var prev plexer.TokenType
	sc := lexer.NewScanner(src)
	toks := make([]plexer.Token, 0, min(len(src)/4, 256)+2) // grows past 256 tokens
	for {
		t, err := sc.Next()
		if err != nil {
			var le *lexer.Error
			if errors.As(err, &le) {
				ds := diag(pos, le.Offset, le.End, ast.CodeSyntax, le.Message)
				ds[0].Suggestion = le.Suggestion
				return nil, ds
			}
			return nil, diag(pos, 0, len(src), ast.CodeSyntax, err.Error())
		}
		top := &stack[len(stack)-1]
		switch t.Type {
		case lexer.Punct:
			switch t.Value {
			case "(", "[", "{":
				depth++
				stack = append(stack, frame{open: t, items: 1})
			case ")", "]", "}":
				if len(stack) > 1 {
					depth -= 1 + top.unary
					stack = stack[:len(stack)-1]
				}
			case ",":
				depth -= top.unary
				top.unary = 0
				top.items++
				if top.items > lim.MaxInList {
					o := top.open.Pos.Offset
					return nil, diag(pos, o, t.Pos.Offset+1, ast.CodeListTooLong,
						"list has more than "+strconv.Itoa(lim.MaxInList)+" items, the limit")
				}
			case ":":
				depth -= top.unary
				top.unary = 0
			}
		case lexer.Not, lexer.Minus:
			if prev == lexer.HasOp || prev == lexer.InOp {
				return nil, diag(pos, t.Pos.Offset, t.Pos.Offset+len(t.Value), ast.CodeSyntax,
					"unexpected operator "+strconv.Quote(t.Value)+": an operand is missing")
			}
			depth++
			top.unary++
			nodes++
		case lexer.HasOp, lexer.InOp:
			nodes++
		case lexer.OrOp, lexer.AndOp, lexer.EqOp, lexer.RelOp, lexer.AddOp, lexer.MulOp:
			depth -= top.unary
			top.unary = 0
			nodes++
		case lexer.EOF:
		default:
			nodes++
		}
		if depth > lim.MaxDepth {
			return nil, diag(pos, t.Pos.Offset, t.Pos.Offset+len(t.Value), ast.CodeTooDeep,
				"expression is nested more than "+strconv.Itoa(lim.MaxDepth)+" levels deep, the limit")
		}
		if nodes > lim.MaxNodes {
			return nil, diag(pos, t.Pos.Offset, t.Pos.Offset+len(t.Value), ast.CodeTooManyNodes,
				"expression has more than "+strconv.Itoa(lim.MaxNodes)+" names, literals and operators, the limit")
		}
		toks = append(toks, t)
		prev = t.Type
		if t.Type == lexer.EOF {
			return toks, nil
		}
	}
}

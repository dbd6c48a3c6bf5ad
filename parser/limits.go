package parser

import (
	"strconv"

	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/lexer"
)

// checkLimits walks the tokens once, before participle sees them, and reports
// the first limit exceeded: nesting depth, node count or list length.
//
// Depth counts open brackets plus unary operators still in force. A unary
// operator stays in force until a binary operator looser than it (anything
// but has and in), a comma, a colon or the bracket around it closes it: so
// "not not not x" is three deep and "not a and not b" one.
func checkLimits(toks []plexer.Token, pos positions, lim Limits) ast.Diagnostics {
	type frame struct {
		unary, items int
		open         plexer.Token
	}
	stack := make([]frame, 1, 16)
	depth, nodes := 0, 0
	for _, t := range toks {
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
					return diag(pos, o, t.Pos.Offset+1, ast.CodeListTooLong,
						"list has more than "+strconv.Itoa(lim.MaxInList)+" items, the limit")
				}
			case ":":
				depth -= top.unary
				top.unary = 0
			}
		case lexer.Not, lexer.Minus:
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
			return diag(pos, t.Pos.Offset, t.Pos.Offset+len(t.Value), ast.CodeTooDeep,
				"expression is nested more than "+strconv.Itoa(lim.MaxDepth)+" levels deep, the limit")
		}
		if nodes > lim.MaxNodes {
			return diag(pos, t.Pos.Offset, t.Pos.Offset+len(t.Value), ast.CodeTooManyNodes,
				"expression has more than "+strconv.Itoa(lim.MaxNodes)+" names, literals and operators, the limit")
		}
	}
	return nil
}

package ast

import (
	"math/rand"
	"strings"
	"testing"
)

// TestFormatReparses prints random operator trees and reads them back with a
// small precedence-climbing parser that follows the OData table and the two
// lexer rules Format relies on ("-" directly before a digit, INF or NaN is a
// sign; "not" needs a space after it). The parse must give the same tree,
// compared through Debug. The real parser lives in another package; this one
// covers only operators, paths and numbers, which is what precedence touches.
func TestFormatReparses(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		e := randomExpr(rng, 4)
		text := Format(e)
		back, err := miniParse(text)
		if err != "" {
			t.Fatalf("Format(%s) = %q does not parse: %s", Debug(e), text, err)
		}
		if got, want := Debug(back), Debug(e); got != want {
			t.Fatalf("Format(%s) = %q re-parses as %s", want, text, got)
		}
	}
}

var randomLeaves = []string{"a", "b/c", "INFO", "nano", "1", "-2", "3.5", "INF", "-INF", "NaN", "2018-08-01"}

func randomExpr(rng *rand.Rand, depth int) Expr {
	if depth == 0 || rng.Intn(4) == 0 {
		leaf := randomLeaves[rng.Intn(len(randomLeaves))]
		if e, ok := leafExpr(leaf); ok {
			return e
		}
		return path(leaf)
	}
	switch rng.Intn(5) {
	case 0:
		return not(randomExpr(rng, depth-1))
	case 1:
		return neg(randomExpr(rng, depth-1))
	}
	op := BinaryOp(1 + rng.Intn(int(OpMod)))
	return bin(randomExpr(rng, depth-1), op, randomExpr(rng, depth-1))
}

// leafExpr reads a number token: a digit, or INF or NaN, after an optional
// sign.
func leafExpr(tok string) (Expr, bool) {
	body := strings.TrimPrefix(tok, "-")
	switch {
	case body == "INF" || body == "NaN":
		return lit(LitDouble, tok), true
	case body == "":
		return nil, false
	case body[0] >= '0' && body[0] <= '9':
		return num(tok), true
	}
	return nil, false
}

type miniParser struct {
	toks []string
	err  string
}

func miniParse(text string) (Expr, string) {
	p := &miniParser{toks: miniLex(text)}
	e := p.expr(0)
	if p.err == "" && len(p.toks) > 0 {
		p.err = "trailing " + p.toks[0]
	}
	return e, p.err
}

// miniLex splits text into "(", ")", "-", "not", operator keywords and
// words; a "-" directly followed by a number stays part of the word.
func miniLex(s string) []string {
	var toks []string
	for len(s) > 0 {
		switch {
		case s[0] == ' ':
			s = s[1:]
		case s[0] == '(' || s[0] == ')':
			toks, s = append(toks, s[:1]), s[1:]
		case s[0] == '-' && !startsNumber([]byte(s[1:])):
			toks, s = append(toks, "-"), s[1:]
		case strings.HasPrefix(s, "not "):
			toks, s = append(toks, "not"), s[4:]
		default:
			n := strings.IndexAny(s, " ()")
			if n < 0 {
				n = len(s)
			}
			toks, s = append(toks, s[:n]), s[n:]
		}
	}
	return toks
}

func (p *miniParser) next() string {
	if len(p.toks) == 0 {
		p.err = "unexpected end"
		return ""
	}
	t := p.toks[0]
	p.toks = p.toks[1:]
	return t
}

func (p *miniParser) expr(least int) Expr {
	x := p.unary()
	for p.err == "" && len(p.toks) > 0 {
		op, ok := BinaryOpByName[p.toks[0]]
		if !ok || op.Precedence() < least {
			break
		}
		p.next()
		x = bin(x, op, p.expr(op.Precedence()+1))
	}
	return x
}

func (p *miniParser) unary() Expr {
	switch t := p.next(); t {
	case "not":
		return not(p.expr(PrecUnary))
	case "-":
		return neg(p.expr(PrecUnary))
	case "(":
		x := p.expr(0)
		if p.next() != ")" && p.err == "" {
			p.err = "missing )"
		}
		return x
	case "", ")":
		p.err = "unexpected " + t
		return nil
	default:
		if e, ok := leafExpr(t); ok {
			return e
		}
		return path(t)
	}
}

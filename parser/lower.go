package parser

import (
	"fmt"
	"strings"

	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/lexer"
)

// lowerer turns the participle parse tree into ast nodes. It reports what
// the grammar cannot say (arities, where a name may stand, list contents) as
// diagnostics and keeps going, so one parse reports several problems.
type lowerer struct {
	src  string
	pos  positions
	lim  Limits
	toks *tokens
	ds   ast.Diagnostics
	json int // > 0 inside a JSON array or object
}

func (l *lowerer) span(start, end int) ast.Span {
	return ast.Span{Start: l.pos.at(start), End: l.pos.at(end)}
}

func (l *lowerer) tokSpan(t plexer.Token) ast.Span {
	return l.span(t.Pos.Offset, t.Pos.Offset+len(t.Value))
}

func (l *lowerer) errorf(span ast.Span, format string, args ...any) {
	l.ds.Add(span, ast.CodeSyntax, format, args...)
}

func join(x, y ast.Expr) ast.Span {
	return ast.Span{Start: x.Span().Start, End: y.Span().End}
}

func (l *lowerer) binary(x ast.Expr, op ast.BinaryOp, opTok *plexer.Token, y ast.Expr) ast.Expr {
	if x == nil || y == nil {
		return nil
	}
	return &ast.BinaryExpr{Op: op, X: x, Y: y, OpSpan: l.tokSpan(*opTok), Loc: join(x, y)}
}

// inOrder hands out the elements of a, then those of b.
type inOrder[T any] struct{ a, b []T }

func (s *inOrder[T]) next() *T {
	if len(s.a) == 0 {
		s.a, s.b = s.b, nil
	}
	x := &s.a[0]
	s.a = s.a[1:]
	return x
}

// peek returns the element next would, or nil.
func (s *inOrder[T]) peek() *T {
	switch {
	case len(s.a) > 0:
		return &s.a[0]
	case len(s.b) > 0:
		return &s.b[0]
	}
	return nil
}

// walker reads the operands of one expr (or prefixed) from its tokens,
// taking the structs the grammar captured for them in token order: calls of
// paths that start with a name, calls of paths that start with a call,
// elements of lists, and nested operands.
type walker struct {
	toks   []plexer.Token
	i      int // the next token
	calls  inOrder[call]
	heads  inOrder[call]
	elems  inOrder[expr]
	nested inOrder[operand]
}

// next returns the next operator and its binding power; 0 at the end.
func (w *walker) next() (ast.BinaryOp, int) {
	if w.i == len(w.toks) || !lexer.IsOperator(w.toks[w.i].Type) {
		return 0, 0
	}
	op := binaryOp(w.toks[w.i].Value)
	return op, op.Precedence()
}

// binaryOp is ast.BinaryOpByName[word] for the lexer's lower-case
// operator words, without hashing.
func binaryOp(word string) ast.BinaryOp {
	switch word {
	case "eq":
		return ast.OpEq
	case "ne":
		return ast.OpNe
	case "gt":
		return ast.OpGt
	case "ge":
		return ast.OpGe
	case "lt":
		return ast.OpLt
	case "le":
		return ast.OpLe
	case "and":
		return ast.OpAnd
	case "or":
		return ast.OpOr
	case "in":
		return ast.OpIn
	case "has":
		return ast.OpHas
	case "add":
		return ast.OpAdd
	case "sub":
		return ast.OpSub
	case "mul":
		return ast.OpMul
	case "div":
		return ast.OpDiv
	case "divby":
		return ast.OpDivBy
	case "mod":
		return ast.OpMod
	}
	return 0
}

// expr lowers an expression by precedence climbing over its flat list.
func (l *lowerer) expr(n *expr) ast.Expr {
	n.Tokens = l.toks.restore(n.Tokens)
	w := walker{
		toks:   n.Tokens,
		calls:  inOrder[call]{n.Calls, n.RCalls},
		heads:  inOrder[call]{n.Heads, n.RHeads},
		elems:  inOrder[expr]{n.Elems, n.RElems},
		nested: inOrder[operand]{n.Nested, n.RNested},
	}
	return l.climb(&w, l.term(&w), ast.PrecOr)
}

// climb folds operators of binding power min and above into x, left
// associatively.
func (l *lowerer) climb(w *walker, x ast.Expr, min int) ast.Expr {
	for op, p := w.next(); p >= min; op, p = w.next() {
		tok := &w.toks[w.i]
		w.i++
		y := l.term(w)
		for _, q := w.next(); q > p; _, q = w.next() {
			y = l.climb(w, y, q)
		}
		x = l.binary(x, op, tok, y)
	}
	return x
}

// term lowers the next operand with the has and in operators after it,
// which bind tighter than the prefix operators in front of it: "not a in
// b" is not (a in b). The right operands of has and in have no prefix
// operators (tokenize rejects them).
func (l *lowerer) term(w *walker) ast.Expr {
	var x ast.Expr
	var prefix [4]*plexer.Token
	ops := prefix[:0]
	switch t := &w.toks[w.i]; {
	case t.Type != lexer.Not && t.Type != lexer.Minus:
		x = l.operandAt(w, false)
	case !nestedAt(&w.nested, t):
		// A run matched the prefix operators and their operand.
		for ; isPrefix(&w.toks[w.i]); w.i++ {
			ops = append(ops, &w.toks[w.i])
		}
		x = l.operandAt(w, false)
	default:
		n := w.nested.next()
		w.i += len(n.Tokens)
		for k := w.i - len(n.Tokens); ; k++ { // a prefix token, then its operand
			ops = append(ops, &w.toks[k])
			if p := n.Unary; p.Nested == nil || p.Nested.Unary == nil {
				x = l.prefixed(p)
				break
			}
			n = n.Unary.Nested
		}
	}
	for op, p := w.next(); p > ast.PrecUnary; op, p = w.next() {
		tok := &w.toks[w.i]
		w.i++
		x = l.binary(x, op, tok, l.operandAt(w, op == ast.OpIn))
	}
	for i := len(ops) - 1; i >= 0; i-- {
		x = l.unary(ops[i], x)
	}
	return x
}

// operandAt lowers the operand at the walker's position, as its first
// token says. After in (list true) a parenthesised group is a list.
func (l *lowerer) operandAt(w *walker, list bool) ast.Expr {
	switch t := &w.toks[w.i]; {
	case t.Type == lexer.Ident || t.Type == lexer.At:
		return l.path(w.toks, &w.i, &w.calls)
	case t.Type == lexer.Func:
		return l.path(w.toks, &w.i, &w.heads)
	case lexer.IsLiteral(t.Type) && t.Type != lexer.JSONString:
		w.i++
		return l.literal(*t)
	case t.Type == lexer.Punct && (t.Value == "(" || t.Value == "["):
		if end, ok := literalList(w.toks, w.i); ok {
			return l.group(nil, l.literals(w, end), l.span(t.Pos.Offset, w.toks[end].Pos.Offset+1), list)
		}
		elems, loc := l.list(w)
		if t.Value == "(" {
			return l.group(elems, nil, loc, list)
		}
		l.json++
		defer func() { l.json-- }()
		return &ast.ListExpr{Elems: l.exprs(elems), JSON: true, Loc: loc}
	}
	n := w.nested.next()
	w.i += len(n.Tokens)
	return l.operand(n)
}

// literals lowers the literals of the list of literals at the walker's
// position, up to its ")" at toks[end], and moves past it.
func (l *lowerer) literals(w *walker, end int) []ast.Expr {
	lits := make([]ast.Expr, 0, (end-w.i)/2)
	for k := w.i + 1; k < end; k += 2 {
		lits = append(lits, l.literal(w.toks[k]))
	}
	w.i = end + 1
	return lits
}

// list reads a bracketed list at the walker's position: the bracket, the
// elements separated by commas, the closing bracket.
func (l *lowerer) list(w *walker) ([]*expr, ast.Span) {
	open := w.toks[w.i]
	w.i++
	var elems []*expr
	if t := w.toks[w.i]; t.Value != ")" && t.Value != "]" {
		for {
			e := elemAt(&w.elems, w.toks, w.i)
			elems = append(elems, e)
			w.i += len(e.Tokens)
			if w.toks[w.i].Value != "," {
				break
			}
			w.i++
		}
	}
	w.i++ // the closing bracket
	return elems, l.span(open.Pos.Offset, w.toks[w.i-1].Pos.Offset+1)
}

func (l *lowerer) unary(t *plexer.Token, x ast.Expr) ast.Expr {
	if x == nil {
		return nil
	}
	op := ast.OpNot
	if t.Value == "-" {
		op = ast.OpNeg
	}
	return &ast.UnaryExpr{Op: op, X: x, Loc: ast.Span{Start: l.pos.at(t.Pos.Offset), End: x.Span().End}}
}

// operand lowers an operand expr does not hold inline, as its first token
// says.
func (l *lowerer) operand(n *operand) ast.Expr {
	n.Tokens = l.toks.restore(n.Tokens)
	switch first := &n.Tokens[0]; {
	case first.Type == lexer.Not || first.Type == lexer.Minus:
		return l.unary(first, l.prefixed(n.Unary))
	case first.Type == lexer.JSONString:
		return l.literal(*first)
	}
	return l.object(n)
}

// prefixed lowers the operand of a prefix operator.
func (l *lowerer) prefixed(n *prefixed) ast.Expr {
	if n.Nested != nil {
		return l.operand(n.Nested)
	}
	n.Tokens = l.toks.restore(n.Tokens)
	// One path at most, so its calls serve both kinds of path.
	w := walker{toks: n.Tokens, calls: inOrder[call]{a: n.Calls}, heads: inOrder[call]{a: n.Calls}, elems: inOrder[expr]{a: n.Elems}}
	return l.operandAt(&w, false)
}

// enclosing is the span from the first token to the end of the last.
func (l *lowerer) enclosing(toks []plexer.Token) ast.Span {
	first, last := toks[0], toks[len(toks)-1]
	return l.span(first.Pos.Offset, last.Pos.Offset+len(last.Value))
}

func (l *lowerer) exprs(ns []*expr) []ast.Expr {
	out := make([]ast.Expr, 0, len(ns))
	for _, n := range ns {
		if e := l.expr(n); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// group lowers a parenthesised expression, or list after in: its elements
// as the grammar captured them (g), or, for a list of literals only,
// already lowered (lits).
func (l *lowerer) group(g []*expr, lits []ast.Expr, loc ast.Span, list bool) ast.Expr {
	switch n := len(g) + len(lits); {
	case n == 1 && !list:
		if lits != nil {
			return lits[0]
		}
		return l.expr(g[0])
	case n == 0 && !list:
		l.errorf(loc, "empty parentheses are not an expression")
		return nil
	case !list:
		l.errorf(loc, "a parenthesised list is only allowed after in")
		return nil
	case lits != nil:
		return &ast.ListExpr{Elems: lits, Loc: loc}
	}
	elems := l.exprs(g)
	if len(elems) == 1 {
		switch e := elems[0].(type) {
		case *ast.Literal, *ast.AliasExpr:
		default:
			// Not a list: the ABNF's listExpr holds literals, so this is a
			// parenthesised expression, "x in (Tags)" a longer "x in Tags".
			return e
		}
	}
	if len(elems) > 1 {
		// The ABNF's listExpr holds literals (and aliases).
		for _, e := range elems {
			switch e.(type) {
			case *ast.Literal, *ast.AliasExpr:
			default:
				if m, ok := e.(*ast.MemberExpr); ok && m.X == nil && !strings.HasPrefix(m.Name, "$") {
					// in (High, Low): names that lost their quotes.
					d := l.ds.Add(e.Span(), ast.CodeSyntax, "a list after in holds literals only: "+
						"a string or an enum member is written in quotes (a JSON array [...] may hold expressions)")
					d.Suggestion = "'" + m.Name + "'"
					return nil
				}
				l.errorf(e.Span(), "a list after in holds literals only; use a JSON array [...] for expressions")
				return nil
			}
		}
	}
	return &ast.ListExpr{Elems: elems, Loc: loc}
}

func (l *lowerer) object(o *operand) ast.Expr {
	l.json++
	defer func() { l.json-- }()
	obj := &ast.ObjectExpr{Loc: l.enclosing(o.Tokens)}
	for i := range o.Members {
		m := &o.Members[i]
		t := m.Tokens[0]
		name, ok := jsonUnquote(t.Value)
		if !ok {
			l.errorf(l.tokSpan(t), "malformed JSON string %s", t.Value)
		}
		if v := l.expr(&m.Value); v != nil {
			obj.Members = append(obj.Members, ast.ObjectMember{Name: name, NameSpan: l.tokSpan(t), Value: v})
		}
	}
	return obj
}

// path lowers the member path starting at toks[*i], segment by segment,
// and moves *i past it. A segment is a name, or a call: a Func token, the
// rest of the call's tokens, and the next of calls. A "/" separates them.
func (l *lowerer) path(toks []plexer.Token, i *int, calls *inOrder[call]) ast.Expr {
	var x ast.Expr
	for first := true; ; first = false {
		if t := &toks[*i]; t.Type == lexer.Func {
			c := callAt(calls, toks, *i)
			*i += len(c.Tokens)
			if x != nil || first {
				x = l.callSegment(x, c, first)
			}
		} else {
			*i++
			alone := first && !l.slashAt(toks, *i)
			if x != nil || first {
				x = l.nameSegment(x, *t, first, alone)
			}
		}
		if !l.slashAt(toks, *i) {
			return x
		}
		*i++
	}
}

func (l *lowerer) slashAt(toks []plexer.Token, i int) bool {
	return i < len(toks) && toks[i].Type == lexer.Punct && toks[i].Value == "/"
}

func (l *lowerer) from(x ast.Expr, t plexer.Token) int {
	if x != nil {
		return x.Span().Start
	}
	return l.pos.at(t.Pos.Offset)
}

func (l *lowerer) nameSegment(x ast.Expr, t plexer.Token, first, alone bool) ast.Expr {
	ts := l.tokSpan(t)
	loc := ast.Span{Start: l.from(x, t), End: ts.End}
	name := t.Value
	if t.Type == lexer.At {
		if first && alone && !strings.ContainsAny(name, ".#") {
			return &ast.AliasExpr{Name: name[1:], Loc: ts}
		}
		return &ast.MemberExpr{X: x, Name: name, NameSpan: ts, Loc: loc}
	}
	switch name {
	case "$count":
		if first {
			l.errorf(ts, "$count needs a collection before it, as in Tags/$count")
			return nil
		}
		return &ast.CountExpr{X: x, Loc: loc}
	case "$filter":
		l.errorf(ts, "$filter as a path segment needs a predicate: Tags/$filter(...)")
		return nil
	case "$it", "$root", "$this":
		if !first {
			l.errorf(ts, "%s may only start a path", name)
			return nil
		}
	}
	if first && strings.Contains(name, ".") {
		l.errorf(ts, "a qualified name cannot start a path: call it as a function, %s(), or use it as a type cast after a path", name)
		return nil
	}
	return &ast.MemberExpr{X: x, Name: name, NameSpan: ts, Loc: loc}
}

// plainName returns the token of an argument that is a single name, as
// needed for lambda variables, named parameters, $filter= and type names.
func plainName(e *expr) (plexer.Token, bool) {
	if e == nil || len(e.Tokens) != 1 || e.Tokens[0].Type != lexer.Ident {
		return plexer.Token{}, false
	}
	return e.Tokens[0], true
}

func (l *lowerer) callSpan(x ast.Expr, c *call) ast.Span {
	return ast.Span{Start: l.from(x, c.name()), End: l.pos.at(c.close().Pos.Offset + 1)}
}

func (l *lowerer) callSegment(x ast.Expr, c *call, first bool) ast.Expr {
	c.Args = l.args(c)
	name := c.name().Value
	low := strings.ToLower(name)
	ns := l.tokSpan(c.name())
	loc := l.callSpan(x, c)
	switch {
	case name == "$count":
		return l.countCall(x, c, first)
	case name == "$filter":
		if first || len(c.Args) != 1 || c.Args[0].sep() != "" {
			l.errorf(loc, "$filter as a path segment follows a collection and takes one predicate: Tags/$filter(...)")
			return nil
		}
		p := l.expr(c.Args[0].X)
		if p == nil {
			return nil
		}
		return &ast.FilterSegmentExpr{X: x, Predicate: p, Loc: loc}
	case name == "$it" || name == "$root" || name == "$this":
		l.errorf(ns, "%s is not a function", name)
		return nil
	case low == "any" || low == "all":
		if first {
			l.errorf(ns, "%s needs a collection before it, as in Tags/%s(t: t eq 'x')", low, low)
			return nil
		}
		return l.lambda(x, c, low)
	case first && lexer.IsOperatorWord(name):
		l.errorf(ns, "%s is an operator and needs whitespace after it, as in %s (...)", name, low)
		return nil
	}
	if fn, ok := canonical[low]; ok && first {
		return l.canonicalCall(c, low, fn, loc)
	}
	return l.functionCall(x, c, loc)
}

func (l *lowerer) countCall(x ast.Expr, c *call, first bool) ast.Expr {
	loc := l.callSpan(x, c)
	if first {
		l.errorf(loc, "$count needs a collection before it, as in Tags/$count")
		return nil
	}
	ce := &ast.CountExpr{X: x, Loc: loc}
	for i := range c.Args {
		a := &c.Args[i]
		t, ok := plainName(a.X)
		if !ok || a.sep() != "=" || (t.Value != "$filter" && !strings.EqualFold(t.Value, "filter")) {
			l.errorf(l.enclosing(c.Tokens), "$count(...) supports only the $filter option, as in Tags/$count($filter=$it eq 'x')")
			return nil
		}
		if ce.Filter != nil {
			l.errorf(l.tokSpan(t), "$filter is repeated in $count(...)")
			return nil
		}
		if ce.Filter = l.expr(a.Value); ce.Filter == nil {
			return nil
		}
	}
	return ce
}

func (l *lowerer) lambda(x ast.Expr, c *call, kind string) ast.Expr {
	loc := l.callSpan(x, c)
	k := ast.Any
	if kind == "all" {
		k = ast.All
	}
	if len(c.Args) == 0 {
		if k == ast.All {
			l.errorf(loc, "all needs a range variable and a predicate, as in Tags/all(t: t ne 'x')")
			return nil
		}
		return &ast.LambdaExpr{X: x, Kind: k, Loc: loc}
	}
	a := &c.Args[0]
	v, ok := plainName(a.X)
	if len(c.Args) != 1 || a.sep() != ":" || !ok || strings.Contains(v.Value, ".") || strings.HasPrefix(v.Value, "$") {
		l.errorf(loc, "%s takes a range variable and a predicate, as in Tags/%s(t: t eq 'x')", kind, kind)
		return nil
	}
	pred := l.expr(a.Value)
	if pred == nil {
		return nil
	}
	return &ast.LambdaExpr{X: x, Kind: k, Var: v.Value, VarSpan: l.tokSpan(v), Predicate: pred, Loc: loc}
}

// arity is the number of arguments a canonical function takes.
type arity struct{ min, max int }

// canonical lists the canonical functions of OData 4.01 with their arities.
// max < 0 means any number (case).
var canonical = map[string]arity{
	"concat": {2, 2}, "contains": {2, 2}, "endswith": {2, 2}, "indexof": {2, 2}, "length": {1, 1},
	"startswith": {2, 2}, "substring": {2, 3}, "matchespattern": {2, 2}, "tolower": {1, 1},
	"toupper": {1, 1}, "trim": {1, 1}, "hassubset": {2, 2}, "hassubsequence": {2, 2},
	"year": {1, 1}, "month": {1, 1}, "day": {1, 1}, "hour": {1, 1}, "minute": {1, 1}, "second": {1, 1},
	"fractionalseconds": {1, 1}, "totalseconds": {1, 1}, "date": {1, 1}, "time": {1, 1},
	"totaloffsetminutes": {1, 1}, "mindatetime": {0, 0}, "maxdatetime": {0, 0}, "now": {0, 0},
	"round": {1, 1}, "floor": {1, 1}, "ceiling": {1, 1},
	"cast": {1, 2}, "isof": {1, 2},
	"geo.distance": {2, 2}, "geo.length": {1, 1}, "geo.intersects": {2, 2},
	"case": {1, -1},
}

func plural(n int) string {
	if n == 1 {
		return "argument"
	}
	return "arguments"
}

func (l *lowerer) canonicalCall(c *call, name string, fn arity, loc ast.Span) ast.Expr {
	n := len(c.Args)
	if n < fn.min || fn.max >= 0 && n > fn.max {
		want := fmt.Sprintf("%d %s", fn.min, plural(fn.min))
		switch {
		case fn.max < 0:
			want = fmt.Sprintf("at least %d %s", fn.min, plural(fn.min))
		case fn.max != fn.min:
			want = fmt.Sprintf("%d or %d arguments", fn.min, fn.max)
		}
		l.errorf(loc, "%s takes %s, not %d", name, want, n)
		return nil
	}
	ce := &ast.CallExpr{Name: name, NameSpan: l.tokSpan(c.name()), Canonical: true, Loc: loc}
	if name == "case" {
		return l.caseCall(c, loc)
	}
	ce.Args = make([]ast.Expr, 0, n)
	for i := range c.Args {
		a := &c.Args[i]
		if sep := a.sep(); sep != "" {
			l.errorf(l.tokSpan(*a.Sep), "unexpected %q in the arguments of %s", sep, name)
			return nil
		}
		var e ast.Expr
		if (name == "cast" || name == "isof") && i == n-1 {
			e = l.typeName(a.X, name)
		} else {
			e = l.expr(a.X)
		}
		if e == nil {
			return nil
		}
		ce.Args = append(ce.Args, e)
	}
	return ce
}

func (l *lowerer) caseCall(c *call, loc ast.Span) ast.Expr {
	ce := &ast.CaseExpr{Loc: loc}
	for i := range c.Args {
		a := &c.Args[i]
		if a.sep() != ":" {
			l.errorf(loc, "case takes condition:value pairs, as in case(x gt 0:1,true:0)")
			return nil
		}
		cond, val := l.expr(a.X), l.expr(a.Value)
		if cond == nil || val == nil {
			return nil
		}
		ce.Clauses = append(ce.Clauses, ast.CaseClause{Cond: cond, Value: val})
	}
	return ce
}

// typeName lowers the type argument of cast and isof: Name, Ns.Name or
// Collection(Ns.Name).
func (l *lowerer) typeName(e *expr, fn string) ast.Expr {
	if t, ok := plainName(e); ok && !strings.HasPrefix(t.Value, "$") {
		return &ast.TypeExpr{Name: t.Value, Loc: l.tokSpan(t)}
	}
	if c := soleCall(e); c != nil {
		if args := l.args(c); c.name().Value == "Collection" && len(args) == 1 && args[0].sep() == "" {
			if t, ok := plainName(args[0].X); ok {
				return &ast.TypeExpr{Name: t.Value, Collection: true, Loc: l.enclosing(c.Tokens)}
			}
		}
	}
	x := l.expr(e)
	if x != nil {
		l.errorf(x.Span(), "the last argument of %s is a type name, such as Edm.String", fn)
	}
	return nil
}

func (c *call) name() plexer.Token  { return c.Tokens[0] }
func (c *call) close() plexer.Token { return c.Tokens[len(c.Tokens)-1] }

// arg is one argument of a call: X, or X, a separator and Value.
type arg struct {
	X, Value *expr
	Sep      *plexer.Token // ":" or "=", nil without Value
}

// sep returns the separator, ":" or "=", or "".
func (a *arg) sep() string {
	if a.Sep == nil {
		return ""
	}
	return a.Sep.Value
}

// args pairs up the call's expressions into arguments, reading the
// separators and commas from its tokens. It restores the lexer's tokens of
// the call and of the arguments (see tokens.restore), which plainName and
// typeName read before lowering them.
func (l *lowerer) args(c *call) []arg {
	c.Tokens = l.toks.restore(c.Tokens)
	for i := range c.Exprs {
		c.Exprs[i].Tokens = l.toks.restore(c.Exprs[i].Tokens)
	}
	args := make([]arg, 0, len(c.Exprs))
	// The tokens are the name, "(", then each argument's and a "," or the
	// closing ")" after it.
	i := 2
	for k := 0; k < len(c.Exprs); i++ {
		a := arg{X: &c.Exprs[k]}
		i += len(a.X.Tokens)
		k++
		if t := &c.Tokens[i]; t.Value == ":" || t.Value == "=" {
			a.Sep, a.Value = t, &c.Exprs[k]
			i += 1 + len(a.Value.Tokens)
			k++
		}
		args = append(args, a)
	}
	return args
}

// functionCall lowers a call that is not canonical: a bound or unbound
// function with named parameters, or a key predicate with positional ones.
func (l *lowerer) functionCall(x ast.Expr, c *call, loc ast.Span) ast.Expr {
	ce := &ast.CallExpr{X: x, Name: c.name().Value, NameSpan: l.tokSpan(c.name()), Loc: loc}
	named := len(c.Args) > 0 && c.Args[0].sep() == "="
	for i := range c.Args {
		a := &c.Args[i]
		if (a.sep() == "=") != named || a.sep() == ":" {
			l.errorf(loc, "the arguments of %s must be all name=value or all values", c.name().Value)
			return nil
		}
		if !named {
			e := l.expr(a.X)
			if e == nil {
				return nil
			}
			ce.Args = append(ce.Args, e)
			continue
		}
		t, ok := plainName(a.X)
		if !ok || strings.ContainsAny(t.Value, ".$") {
			l.errorf(loc, "a parameter name must be a plain name, as in %s(name=value)", c.name().Value)
			return nil
		}
		v := l.expr(a.Value)
		if v == nil {
			return nil
		}
		ce.Named = append(ce.Named, ast.NamedArg{Name: t.Value, NameSpan: l.tokSpan(t), Value: v})
	}
	return ce
}

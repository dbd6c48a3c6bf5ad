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

func (l *lowerer) binary(x ast.Expr, op plexer.Token, y ast.Expr) ast.Expr {
	if x == nil || y == nil {
		return nil
	}
	return &ast.BinaryExpr{Op: ast.BinaryOpByName[op.Value], X: x, Y: y, OpSpan: l.tokSpan(op), Loc: join(x, y)}
}

func (l *lowerer) orExpr(n *orExpr) ast.Expr {
	x := l.andExpr(n.Left)
	for _, r := range n.Rest {
		x = l.binary(x, r.Op, l.andExpr(r.Right))
	}
	return x
}

func (l *lowerer) andExpr(n *andExpr) ast.Expr {
	x := l.eqExpr(n.Left)
	for _, r := range n.Rest {
		x = l.binary(x, r.Op, l.eqExpr(r.Right))
	}
	return x
}

func (l *lowerer) eqExpr(n *eqExpr) ast.Expr {
	x := l.relExpr(n.Left)
	for _, r := range n.Rest {
		x = l.binary(x, r.Op, l.relExpr(r.Right))
	}
	return x
}

func (l *lowerer) relExpr(n *relExpr) ast.Expr {
	x := l.addExpr(n.Left)
	for _, r := range n.Rest {
		x = l.binary(x, r.Op, l.addExpr(r.Right))
	}
	return x
}

func (l *lowerer) addExpr(n *addExpr) ast.Expr {
	x := l.mulExpr(n.Left)
	for _, r := range n.Rest {
		x = l.binary(x, r.Op, l.mulExpr(r.Right))
	}
	return x
}

func (l *lowerer) mulExpr(n *mulExpr) ast.Expr {
	x := l.unaryExpr(n.Left)
	for _, r := range n.Rest {
		x = l.binary(x, r.Op, l.unaryExpr(r.Right))
	}
	return x
}

func (l *lowerer) unaryExpr(n *unaryExpr) ast.Expr {
	if n.Primary != nil {
		return l.primaryExpr(n.Primary)
	}
	x := l.unaryExpr(n.X)
	if x == nil {
		return nil
	}
	op := ast.OpNot
	if n.Op.Type == lexer.Minus {
		op = ast.OpNeg
	}
	return &ast.UnaryExpr{Op: op, X: x, Loc: ast.Span{Start: l.pos.at(n.Op.Pos.Offset), End: x.Span().End}}
}

func (l *lowerer) primaryExpr(n *primaryExpr) ast.Expr {
	x := l.operand(n.Left, false)
	for _, r := range n.Rest {
		x = l.binary(x, r.Op, l.operand(r.Right, r.Op.Type == lexer.InOp))
	}
	return x
}

// operand lowers a literal, a parenthesised expression, a JSON value or a
// path. After in (list true) a parenthesised group is a list.
func (l *lowerer) operand(n *operand, list bool) ast.Expr {
	switch {
	case n.Lit.Type != 0:
		return l.literal(n.Lit)
	case n.Group != nil:
		return l.group(n.Group, list)
	case n.Array != nil:
		l.json++
		elems := l.exprs(n.Array.Elems)
		l.json--
		return &ast.ListExpr{Elems: elems, JSON: true, Loc: l.span(n.Array.Open.Pos.Offset, n.Array.Close.Pos.Offset+1)}
	case n.Object != nil:
		return l.object(n.Object)
	default:
		return l.path(n.Path)
	}
}

func (l *lowerer) exprs(ns []*orExpr) []ast.Expr {
	out := make([]ast.Expr, 0, len(ns))
	for _, n := range ns {
		if e := l.orExpr(n); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func (l *lowerer) group(g *group, list bool) ast.Expr {
	loc := l.span(g.Open.Pos.Offset, g.Close.Pos.Offset+1)
	switch {
	case len(g.Elems) == 1 && !list:
		return l.orExpr(g.Elems[0])
	case !list && len(g.Elems) == 0:
		l.errorf(loc, "empty parentheses are not an expression")
		return nil
	case !list:
		l.errorf(loc, "a parenthesised list is only allowed after in")
		return nil
	}
	elems := l.exprs(g.Elems)
	if len(elems) > 1 {
		// The ABNF's listExpr holds literals (and aliases); a collection
		// expression stands alone, e.g. "x in (Tags)".
		for _, e := range elems {
			switch e.(type) {
			case *ast.Literal, *ast.AliasExpr:
			default:
				l.errorf(e.Span(), "a list after in holds literals only; use a JSON array [...] for expressions")
				return nil
			}
		}
	}
	return &ast.ListExpr{Elems: elems, Loc: loc}
}

func (l *lowerer) object(o *object) ast.Expr {
	l.json++
	defer func() { l.json-- }()
	obj := &ast.ObjectExpr{Loc: l.span(o.Open.Pos.Offset, o.Close.Pos.Offset+1)}
	for _, m := range o.Members {
		name, ok := jsonUnquote(m.Name.Value)
		if !ok {
			l.errorf(l.tokSpan(m.Name), "malformed JSON string %s", m.Name.Value)
		}
		if v := l.orExpr(m.Value); v != nil {
			obj.Members = append(obj.Members, ast.ObjectMember{Name: name, NameSpan: l.tokSpan(m.Name), Value: v})
		}
	}
	return obj
}

// path lowers a member path segment by segment.
func (l *lowerer) path(p *path) ast.Expr {
	var x ast.Expr
	for i, seg := range p.Segments {
		if seg.Call != nil {
			x = l.callSegment(x, seg.Call, i == 0)
		} else {
			x = l.nameSegment(x, seg.Name, i == 0, len(p.Segments) == 1)
		}
		if x == nil {
			return nil
		}
	}
	return x
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
func plainName(e *orExpr) (plexer.Token, bool) {
	p := singlePath(e)
	if p == nil || len(p.Segments) != 1 || p.Segments[0].Call != nil || p.Segments[0].Name.Type != lexer.Ident {
		return plexer.Token{}, false
	}
	return p.Segments[0].Name, true
}

func (l *lowerer) callSpan(x ast.Expr, c *call) ast.Span {
	return ast.Span{Start: l.from(x, c.Name), End: l.pos.at(c.Close.Pos.Offset + 1)}
}

func (l *lowerer) callSegment(x ast.Expr, c *call, first bool) ast.Expr {
	name := c.Name.Value
	low := strings.ToLower(name)
	ns := l.tokSpan(c.Name)
	loc := l.callSpan(x, c)
	switch {
	case name == "$count":
		return l.countCall(x, c, first)
	case name == "$filter":
		if first || len(c.Args) != 1 || c.Args[0].Sep.Type != 0 {
			l.errorf(loc, "$filter as a path segment follows a collection and takes one predicate: Tags/$filter(...)")
			return nil
		}
		p := l.orExpr(c.Args[0].X)
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
	for _, a := range c.Args {
		t, ok := plainName(a.X)
		if !ok || a.Sep.Value != "=" || (t.Value != "$filter" && !strings.EqualFold(t.Value, "filter")) {
			l.errorf(l.span(c.Name.Pos.Offset, c.Close.Pos.Offset+1), "$count(...) supports only the $filter option, as in Tags/$count($filter=$it eq 'x')")
			return nil
		}
		if ce.Filter != nil {
			l.errorf(l.tokSpan(t), "$filter is repeated in $count(...)")
			return nil
		}
		if ce.Filter = l.orExpr(a.Value); ce.Filter == nil {
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
	a := c.Args[0]
	v, ok := plainName(a.X)
	if len(c.Args) != 1 || a.Sep.Value != ":" || !ok || strings.Contains(v.Value, ".") || strings.HasPrefix(v.Value, "$") {
		l.errorf(loc, "%s takes a range variable and a predicate, as in Tags/%s(t: t eq 'x')", kind, kind)
		return nil
	}
	pred := l.orExpr(a.Value)
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
	ce := &ast.CallExpr{Name: name, NameSpan: l.tokSpan(c.Name), Canonical: true, Loc: loc}
	if name == "case" {
		return l.caseCall(c, loc)
	}
	for i, a := range c.Args {
		if a.Sep.Type != 0 {
			l.errorf(l.tokSpan(a.Sep), "unexpected %q in the arguments of %s", a.Sep.Value, name)
			return nil
		}
		var e ast.Expr
		if (name == "cast" || name == "isof") && i == n-1 {
			e = l.typeName(a.X, name)
		} else {
			e = l.orExpr(a.X)
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
	for _, a := range c.Args {
		if a.Sep.Value != ":" {
			l.errorf(loc, "case takes condition:value pairs, as in case(x gt 0:1,true:0)")
			return nil
		}
		cond, val := l.orExpr(a.X), l.orExpr(a.Value)
		if cond == nil || val == nil {
			return nil
		}
		ce.Clauses = append(ce.Clauses, ast.CaseClause{Cond: cond, Value: val})
	}
	return ce
}

// typeName lowers the type argument of cast and isof: Name, Ns.Name or
// Collection(Ns.Name).
func (l *lowerer) typeName(e *orExpr, fn string) ast.Expr {
	if t, ok := plainName(e); ok && !strings.HasPrefix(t.Value, "$") {
		return &ast.TypeExpr{Name: t.Value, Loc: l.tokSpan(t)}
	}
	if p := singlePath(e); p != nil && len(p.Segments) == 1 && p.Segments[0].Call != nil {
		c := p.Segments[0].Call
		if c.Name.Value == "Collection" && len(c.Args) == 1 && c.Args[0].Sep.Type == 0 {
			if t, ok := plainName(c.Args[0].X); ok {
				return &ast.TypeExpr{Name: t.Value, Collection: true, Loc: l.span(c.Name.Pos.Offset, c.Close.Pos.Offset+1)}
			}
		}
	}
	x := l.orExpr(e)
	if x != nil {
		l.errorf(x.Span(), "the last argument of %s is a type name, such as Edm.String", fn)
	}
	return nil
}

// singlePath returns the path of an argument that is nothing but a path.
func singlePath(e *orExpr) *path {
	if e == nil || len(e.Rest) > 0 || len(e.Left.Rest) > 0 || len(e.Left.Left.Rest) > 0 ||
		len(e.Left.Left.Left.Rest) > 0 || len(e.Left.Left.Left.Left.Rest) > 0 {
		return nil
	}
	u := e.Left.Left.Left.Left.Left.Left
	if u.Primary == nil || len(u.Primary.Rest) > 0 {
		return nil
	}
	return u.Primary.Left.Path
}

// functionCall lowers a call that is not canonical: a bound or unbound
// function with named parameters, or a key predicate with positional ones.
func (l *lowerer) functionCall(x ast.Expr, c *call, loc ast.Span) ast.Expr {
	ce := &ast.CallExpr{X: x, Name: c.Name.Value, NameSpan: l.tokSpan(c.Name), Loc: loc}
	named := len(c.Args) > 0 && c.Args[0].Sep.Value == "="
	for _, a := range c.Args {
		if (a.Sep.Value == "=") != named || a.Sep.Value == ":" {
			l.errorf(loc, "the arguments of %s must be all name=value or all values", c.Name.Value)
			return nil
		}
		if !named {
			e := l.orExpr(a.X)
			if e == nil {
				return nil
			}
			ce.Args = append(ce.Args, e)
			continue
		}
		t, ok := plainName(a.X)
		if !ok || strings.ContainsAny(t.Value, ".$") {
			l.errorf(loc, "a parameter name must be a plain name, as in %s(name=value)", c.Name.Value)
			return nil
		}
		v := l.orExpr(a.Value)
		if v == nil {
			return nil
		}
		ce.Named = append(ce.Named, ast.NamedArg{Name: t.Value, NameSpan: l.tokSpan(t), Value: v})
	}
	return ce
}

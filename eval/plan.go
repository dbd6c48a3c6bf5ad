package eval

import (
	"fmt"
	"math/big"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// planner turns a checked tree into evaluation nodes.
type planner struct {
	c       *schema.Checked
	slots   map[*ast.LambdaExpr]int
	depth   int
	maxVars int
	usesNow bool
	reads   int // nodes planned so far that read the record, a range variable or the clock
	err     error

	maxPattern   int           // parser.Limits.MaxPatternSize
	patternInsts int           // instructions of the constant patterns planned so far
	patterns     *patternCache // the computed patterns' cache; nil when there are none
}

func plan(c *schema.Checked, cfg config) (*Program, error) {
	q := c.Query
	p := &Program{checked: c, clock: cfg.clock, hasTop: q.HasTop, top: q.Top, skip: q.Skip, test: constPred(true), steps: cfg.maxSteps}
	p.match = p.test
	p.cost = int64(len(q.Text))*textCost + programBaseCost
	if q.Filter == nil {
		return p, nil
	}
	pl := &planner{c: c, slots: map[*ast.LambdaExpr]int{}, maxPattern: cfg.limits.WithDefaults().MaxPatternSize}
	root := pl.bool(q.Filter)
	if pl.err != nil {
		return nil, pl.err
	}
	p.cost += int64(pl.patternInsts) * patternInstCost
	if pl.patterns != nil {
		p.cost += int64(pl.maxPattern) * (patternInstCost + maxCachedPatterns) // programs, and keys of up to maxPattern bytes
	}
	p.root, p.vars, p.usesNow = root, pl.maxVars, pl.usesNow
	p.frame = pl.maxVars > 0 || pl.usesNow
	p.test = truthOf(root)
	p.match = p.test
	if p.frame {
		p.match = p.matchFrame
	}
	return p, nil
}

// fail records an internal inconsistency between the checker and the
// planner. It is a bug, reported as an error rather than a panic.
func (p *planner) fail(e ast.Expr, format string, args ...any) {
	if p.err == nil {
		var ds ast.Diagnostics
		ds.Add(e.Span(), ast.CodeUnsupported, "internal error: "+format, args...)
		p.err = ds
	}
}

// typeOf returns the checked type of e. For an alias it is the type of the
// use: one alias may stand where a string and where an enum is expected.
func (p *planner) typeOf(e ast.Expr) *schema.Type {
	if a, ok := e.(*ast.AliasExpr); ok {
		if t, ok := p.c.Types[a]; ok {
			return t
		}
		return p.typeOf(p.c.Aliases[a])
	}
	return p.c.Types[e]
}

// isConst reports whether e reads neither the record, a range variable
// nor the clock, looking at e before planning it (value finds the same
// while planning, for free).
func (p *planner) isConst(e ast.Expr) bool {
	v := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.MemberExpr, *ast.LambdaExpr, *ast.CountExpr:
			v = false
		case *ast.CallExpr:
			v = v && x.Name != "now"
		case *ast.AliasExpr:
			v = v && p.isConst(p.c.Aliases[x])
		}
		return v
	})
	return v
}

// bool plans a Boolean expression.
func (p *planner) bool(e ast.Expr) boolNode {
	if p.typeOf(e) == schema.TypeNull {
		return constBool(tNull)
	}
	n, ok := p.value(e).(boolNode)
	if !ok {
		p.fail(e, "expected a Boolean, planned %T", n)
		return constBool(tNull)
	}
	return n
}

// typed plans e as a node of Go type T.
func typed[T any](p *planner, e ast.Expr) node[T] {
	if p.typeOf(e) == schema.TypeNull {
		return constant[T]{}
	}
	n, ok := p.value(e).(node[T])
	if !ok {
		var zero T
		p.fail(e, "expected a %T node for %s, planned %T", zero, p.typeOf(e), p.value(e))
		return constant[T]{}
	}
	return n
}

// float plans a number as float64, promoting Int64.
func (p *planner) float(e ast.Expr) node[float64] {
	if p.typeOf(e) == schema.TypeInt64 {
		return intToFloat{typed[int64](p, e)}
	}
	return typed[float64](p, e)
}

// instant plans a DateTimeOffset or a Date (midnight UTC) as a
// DateTimeOffset.
func (p *planner) instant(e ast.Expr) node[schema.DateTimeOffset] {
	if p.typeOf(e) == schema.TypeDate {
		return dateToInstant{typed[date](p, e)}
	}
	return typed[schema.DateTimeOffset](p, e)
}

// value plans e as the node of its type: boolNode for Booleans, node[T]
// otherwise (see node). Constant sub-expressions are folded: e is
// constant when planning it planned nothing that reads the record, a
// range variable or the clock (build counts those in p.reads), so that it
// can be evaluated once, here.
func (p *planner) value(e ast.Expr) any {
	reads := p.reads
	n := p.build(e)
	if p.err != nil || p.reads != reads {
		return n
	}
	return fold(n)
}

func (p *planner) build(e ast.Expr) any {
	switch x := e.(type) {
	case *ast.Literal:
		return p.literal(x)
	case *ast.AliasExpr:
		if lit, ok := p.c.Aliases[x].(*ast.Literal); ok {
			return p.literalAs(lit, p.typeOf(x))
		}
		return p.value(p.c.Aliases[x])
	case *ast.MemberExpr:
		p.reads++
		return p.member(x)
	case *ast.BinaryExpr:
		return p.binary(x)
	case *ast.UnaryExpr:
		return p.unary(x)
	case *ast.LambdaExpr:
		p.reads++
		return p.lambda(x)
	case *ast.CountExpr:
		p.reads++
		return count{typed[[]string](p, x.X)}
	case *ast.CallExpr:
		if x.Name == "now" {
			p.reads++
		}
		return p.call(x)
	case *ast.CaseExpr:
		return p.caseExpr(x)
	}
	p.fail(e, "cannot plan %T", e)
	return constBool(tNull)
}

func (p *planner) literal(lit *ast.Literal) any {
	return p.literalAs(lit, p.typeOf(lit))
}

// literalAs plans lit where a value of type t is expected: a string
// literal where an enum is expected names a member.
func (p *planner) literalAs(lit *ast.Literal, t *schema.Type) any {
	if t != nil && t.Kind == schema.KindEnum {
		if ord, ok := p.c.Members[lit]; ok {
			return constant[uint8]{ord, true}
		}
		if s, ok := lit.Value.(string); ok {
			ord, _ := t.Enum.MemberExact(s)
			return constant[uint8]{ord, ord != 0}
		}
	}
	switch v := lit.Value.(type) {
	case nil:
		return constBool(tNull)
	case bool:
		return constBool(triOf(v))
	case int64:
		return constant[int64]{v, true}
	case *big.Rat:
		f, _ := v.Float64()
		return constant[float64]{f, true}
	case float64:
		return constant[float64]{v, true}
	case string:
		return constant[string]{v, true}
	case ast.Date:
		return constant[date]{daysOf(v.Year, v.Month, v.Day), true}
	case time.Time:
		return constant[schema.DateTimeOffset]{schema.DateTimeOffsetOf(v), true}
	case ast.TimeOfDay:
		return constant[timeOfDay]{timeOfDay(v.Duration()), true}
	case time.Duration:
		return constant[time.Duration]{v, true}
	case ast.GUID:
		return constant[string]{v.String(), true}
	}
	p.fail(lit, "cannot plan a %s literal", lit.Kind)
	return constBool(tNull)
}

// daysOf returns the days from 1970-01-01 to the given civil date.
func daysOf(y, m, d int) date {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return date(t.Unix() / 86400)
}

func (p *planner) member(e *ast.MemberExpr) any {
	if lam, ok := p.c.Vars[e]; ok {
		return variable{p.slots[lam]}
	}
	f, ok := p.c.Fields[e]
	if !ok {
		p.fail(e, "unresolved member %s", e.Name)
		return constBool(tNull)
	}
	switch {
	case f.String != nil:
		return field[string]{f, f.String}
	case f.Int != nil:
		return field[int64]{f, f.Int}
	case f.Enum != nil:
		return field[uint8]{f, f.Enum}
	case f.Time != nil:
		return field[schema.DateTimeOffset]{f, f.Time}
	case f.Bool != nil:
		return boolField{f, f.Bool}
	case f.Strings != nil:
		return stringsField{f, f.Strings}
	}
	p.fail(e, "field %s has no getter the planner knows", f.Name)
	return constBool(tNull)
}

func (p *planner) lambda(e *ast.LambdaExpr) any {
	coll := typed[[]string](p, e.X)
	if e.Predicate == nil {
		return nonEmpty{coll}
	}
	if pred, ok := p.elemPredicate(e.Predicate, e); ok {
		return elemLambda{coll: coll, pred: pred, all: e.Kind == ast.All}
	}
	slot := p.depth
	p.slots[e] = slot
	p.depth++
	p.maxVars = max(p.maxVars, p.depth)
	pred := p.bool(e.Predicate)
	p.depth--
	return lambda{coll: coll, pred: pred, slot: slot, all: e.Kind == ast.All}
}

// fold evaluates a constant node once.
func fold(n any) any {
	switch x := n.(type) {
	case constBool, constant[int64], constant[float64], constant[string], constant[uint8],
		constant[schema.DateTimeOffset], constant[date], constant[timeOfDay], constant[time.Duration]:
		return n
	case boolNode:
		return constBool(x.b(nil, nil))
	case node[int64]:
		return foldValue(x)
	case node[float64]:
		return foldValue(x)
	case node[string]:
		return foldValue(x)
	case node[uint8]:
		return foldValue(x)
	case node[schema.DateTimeOffset]:
		return foldValue(x)
	case node[date]:
		return foldValue(x)
	case node[timeOfDay]:
		return foldValue(x)
	case node[time.Duration]:
		return foldValue(x)
	}
	return n
}

func foldValue[T any](n node[T]) node[T] {
	v, ok := n.eval(nil, nil)
	return constant[T]{v, ok}
}

var _ = fmt.Sprint

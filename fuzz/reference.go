package fuzz

import (
	"math/big"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// Eval evaluates the checked filter of c against m, with now as the value of
// now(), and returns true, false or nil (null). A query without a filter is
// true. It panics with a *ReferenceError on a tree the checker should have
// rejected.
func Eval(c *schema.Checked, now time.Time, m *schema.Machine) (result any) {
	if c.Query == nil || c.Query.Filter == nil {
		return true
	}
	ev := &evaluator{c: c, now: now, m: m, vars: map[*ast.LambdaExpr]value{}}
	v := ev.eval(c.Query.Filter)
	switch v.(type) {
	case nil, bool:
		return v
	}
	fail(c.Query.Filter, "the filter is %s, not a Boolean", show(v))
	return nil
}

// Keep reports whether the filter keeps m: only a true filter does; false
// and null drop the record.
func Keep(c *schema.Checked, now time.Time, m *schema.Machine) bool {
	return Eval(c, now, m) == true
}

// ApplyReference filters ms with c's filter, then skips c.Query.Skip records
// and keeps at most c.Query.Top, in order. The result is a new slice.
func ApplyReference(c *schema.Checked, now time.Time, ms []schema.Machine) []schema.Machine {
	out := []schema.Machine{}
	for i := range ms {
		if Keep(c, now, &ms[i]) {
			out = append(out, ms[i])
		}
	}
	if c.Query.HasSkip {
		if c.Query.Skip >= int64(len(out)) {
			out = out[:0]
		} else {
			out = out[c.Query.Skip:]
		}
	}
	if c.Query.HasTop && c.Query.Top < int64(len(out)) {
		out = out[:c.Query.Top]
	}
	return out
}

// evaluator is one evaluation of a filter against one machine.
type evaluator struct {
	c    *schema.Checked
	now  time.Time
	m    *schema.Machine
	vars map[*ast.LambdaExpr]value // the current element of each lambda being evaluated
}

func (ev *evaluator) eval(e ast.Expr) value {
	switch e := e.(type) {
	case *ast.Literal:
		return ev.literal(e)
	case *ast.MemberExpr:
		return ev.member(e)
	case *ast.UnaryExpr:
		return ev.unary(e)
	case *ast.BinaryExpr:
		return ev.binary(e)
	case *ast.LambdaExpr:
		return ev.lambda(e)
	case *ast.CountExpr:
		return int64(len(ev.collection(e.X)))
	case *ast.CallExpr:
		return ev.call(e)
	case *ast.CaseExpr:
		return ev.caseExpr(e)
	case *ast.AliasExpr:
		val, ok := ev.c.Aliases[e]
		if !ok {
			fail(e, "alias not resolved by the checker")
		}
		// An alias value is checked without the lambda scope (it cannot
		// name a range variable), and takes the type of the place it is
		// used in: a string where an enum is expected names a member.
		return ev.conform(e, ev.eval(val))
	case *ast.ListExpr:
		out := make([]value, len(e.Elems))
		for i, x := range e.Elems {
			out[i] = ev.eval(x)
		}
		return out
	}
	fail(e, "unexpected node %T", e)
	return nil
}

func (ev *evaluator) literal(l *ast.Literal) value {
	switch l.Kind {
	case ast.LitNull:
		return nil
	case ast.LitBoolean:
		return l.Value.(bool)
	case ast.LitInt:
		return l.Value.(int64)
	case ast.LitDecimal:
		return ratFloat(l.Value.(*big.Rat)) // Decimal is carried as float64
	case ast.LitDouble:
		return l.Value.(float64)
	case ast.LitString:
		// A string literal stays a string; where it meets an enum the
		// comparison reads it as a member name (see equal and order). This
		// is the contract's "a string literal compared with an enum field
		// names a member", and it does not depend on per-literal checker
		// notes, which an alias used in two places would share.
		return l.Value.(string)
	case ast.LitDate:
		return l.Value.(ast.Date)
	case ast.LitDateTimeOffset:
		return l.Value.(time.Time)
	case ast.LitTimeOfDay:
		return l.Value.(ast.TimeOfDay)
	case ast.LitDuration:
		return l.Value.(time.Duration)
	case ast.LitGuid:
		return l.Value.(ast.GUID)
	case ast.LitEnum:
		ord, ok := ev.c.Members[l]
		t := ev.c.Types[l]
		if !ok || t == nil || t.Kind != schema.KindEnum {
			fail(l, "enum literal not resolved by the checker")
		}
		return enumValue{enum: t.Enum, ord: ord}
	}
	fail(l, "literal of kind %s", l.Kind)
	return nil
}

func (ev *evaluator) member(e *ast.MemberExpr) value {
	if lam, ok := ev.c.Vars[e]; ok {
		v, bound := ev.vars[lam]
		if !bound {
			fail(e, "range variable %s used outside its lambda", e.Name)
		}
		return v
	}
	if f, ok := ev.c.Fields[e]; ok {
		return readField(f, ev.m)
	}
	if e.X == nil && e.Name == "$it" {
		return entity{ev.m}
	}
	fail(e, "member %s not resolved by the checker", e.Name)
	return nil
}

// readField reads f from m through the model's getter, null as nil. A
// missing collection is empty.
func readField(f *schema.Field, m *schema.Machine) value {
	switch {
	case f.String != nil:
		if s, ok := f.String(m); ok {
			return s
		}
	case f.Int != nil:
		if n, ok := f.Int(m); ok {
			return n
		}
	case f.Bool != nil:
		if b, ok := f.Bool(m); ok {
			return b
		}
	case f.Time != nil:
		if t, ok := f.Time(m); ok {
			return t.Time()
		}
	case f.Enum != nil:
		if o, ok := f.Enum(m); ok {
			return enumValue{enum: f.Type.Enum, ord: o}
		}
	case f.Strings != nil:
		out := []value{}
		for _, s := range f.Strings(m) {
			out = append(out, s)
		}
		return out
	default:
		panic(&ReferenceError{Expr: f.Name, Msg: "field without a getter the reference knows"})
	}
	return nil
}

// collection evaluates e, which the checker typed as a collection.
func (ev *evaluator) collection(e ast.Expr) []value {
	v := ev.eval(e)
	if v == nil {
		return nil // a null collection is empty
	}
	xs, ok := v.([]value)
	if !ok {
		fail(e, "%s is not a collection", show(v))
	}
	return xs
}

// lambda evaluates any and all. any is true when the predicate is true for
// some element (any() when there is an element); all when it is true for
// every element. null counts as not true, so neither is ever null.
func (ev *evaluator) lambda(e *ast.LambdaExpr) value {
	xs := ev.collection(e.X)
	if e.Predicate == nil {
		if e.Kind == ast.All {
			// Reading: the parser rejects all(); were it admitted, with no
			// condition every element qualifies.
			return true
		}
		return len(xs) > 0
	}
	outer, had := ev.vars[e]
	defer func() {
		if had {
			ev.vars[e] = outer
		} else {
			delete(ev.vars, e)
		}
	}()
	for _, x := range xs {
		ev.vars[e] = x
		p := ev.eval(e.Predicate) == true
		if e.Kind == ast.Any && p {
			return true
		}
		if e.Kind == ast.All && !p {
			return false
		}
	}
	return e.Kind == ast.All
}

// caseExpr gives the value of the first clause whose condition is true, and
// null when none is.
func (ev *evaluator) caseExpr(e *ast.CaseExpr) value {
	for _, cl := range e.Clauses {
		if ev.eval(cl.Cond) == true {
			return ev.conform(e, ev.eval(cl.Value))
		}
	}
	return nil
}

// conform converts v to the static type the checker gave e, where a case or
// an alias may hold a value of a related type: an Int64 where the clauses
// promote to Decimal or Double becomes a float64; a string where an enum is
// expected becomes the member it names.
//
// Reading: the contract does not say that case(true:1,false:1.5) add 1 is
// float arithmetic; the checker types it Decimal, so the reference computes
// it as a Decimal, which is what a static planner would do.
func (ev *evaluator) conform(e ast.Expr, v value) value {
	t := ev.c.Types[e]
	if t == nil {
		return v
	}
	switch x := v.(type) {
	case int64:
		if t == schema.TypeDecimal || t == schema.TypeDouble {
			return float64(x)
		}
	case string:
		if t.Kind == schema.KindEnum {
			if ord, ok := t.Enum.MemberExact(x); ok {
				return enumValue{enum: t.Enum, ord: ord}
			}
			fail(e, "%q names no member of %s", x, t.Enum.Name)
		}
	}
	return v
}

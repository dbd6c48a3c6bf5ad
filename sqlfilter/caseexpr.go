package sqlfilter

import (
	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// caseConds translates the conditions of case(c1:v1, ...), which must be
// exact: a clause is chosen when its condition is true and every earlier
// one is not, a complement.
func (tr *translator) caseConds(e *ast.CaseExpr) ([]bexp, bool) {
	var ts []bexp
	for _, cl := range e.Clauses {
		c, ok := tr.exact(cl.Cond)
		if !ok {
			return nil, false
		}
		ts = append(ts, c.t)
	}
	return ts, true
}

// chosen returns, for each clause, the SQL that is true when the clause is
// the one case() takes.
func chosen(ts []bexp) []bexp {
	out := make([]bexp, len(ts))
	var earlier []bexp
	for i, t := range ts {
		out[i] = and(append(append([]bexp(nil), earlier...), t)...)
		earlier = append(earlier, isNotTrue(t))
	}
	return out
}

// caseBool translates a Boolean case(): true when the chosen clause's
// value is true, false when it is false, null when none is chosen.
func (tr *translator) caseBool(e *ast.CaseExpr) (cond, bool) {
	ts, ok := tr.caseConds(e)
	if !ok {
		return cond{}, false
	}
	var t, f []bexp
	for i, when := range chosen(ts) {
		v := tr.boolean(e.Clauses[i].Value)
		t, f = append(t, and(when, v.t)), append(f, and(when, v.f))
	}
	return cond{or(t...), or(f...)}, true
}

// caseValue translates a case() of single values as SQL CASE.
func (tr *translator) caseValue(e *ast.CaseExpr) (scalar, bool) {
	ts, ok := tr.caseConds(e)
	if !ok {
		return scalar{}, false
	}
	var vals []scalar
	k := kind(0)
	for _, cl := range e.Clauses {
		v, ok := tr.value(cl.Value)
		if !ok {
			return scalar{}, false
		}
		if !v.null {
			if k != 0 && v.k != k {
				return scalar{}, false
			}
			k = v.k
		}
		vals = append(vals, v)
	}
	switch k {
	case 0:
		return scalar{null: true}, true
	case kString, kInt, kEnum, kDate, kTime, kInstant:
	default:
		return scalar{}, false // constants kept only for folding
	}
	build := func(part func(scalar) frag) frag {
		return func(r *render) string {
			s := "(CASE"
			for i, when := range ts {
				s += " WHEN " + when.render(r) + " THEN " // binds in the order written
				if vals[i].null {
					s += "NULL"
				} else {
					s += part(vals[i])(r)
				}
			}
			return s + " END)"
		}
	}
	out := scalar{k: k, sql: build(func(v scalar) frag { return v.sql })}
	if k == kInstant {
		out.nsec = build(func(v scalar) frag { return v.nsec })
	}
	return out, true
}

// isof translates isof(x, T): decided by x's static type, true when x is
// not null.
func (tr *translator) isof(e *ast.CallExpr) (cond, bool) {
	if len(e.Args) != 2 {
		return cond{}, false
	}
	x := e.Args[0]
	if tr.typeOf(x) != tr.typeOf(e.Args[1]) {
		return condFalse, true
	}
	switch tr.typeOf(x) {
	case schema.TypeEntity:
		return condTrue, true
	case schema.TypeBoolean:
		c, ok := tr.exact(x)
		if !ok {
			return cond{}, false
		}
		return cond{or(c.t, c.f), and(isNotTrue(c.t), isNotTrue(c.f))}, true
	}
	v, ok := tr.value(x)
	if !ok {
		return cond{}, false
	}
	if v.null {
		return condFalse, true
	}
	return cond{isNotNull(v), isNull(v)}, true
}

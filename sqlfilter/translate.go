package sqlfilter

import (
	"fmt"
	"slices"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// Translation is a checked $filter written as SQL for one dialect. It is
// immutable and safe for concurrent use; Where and WhereFalse render it into
// a statement's arguments, once per query (now() is bound then).
type Translation struct {
	dialect  Dialect
	root     cond
	residual []string
}

// Translate writes c's filter as SQL in dialect d. A filter the dialect
// cannot express exactly in every part is not an error: the parts it cannot
// express are left to the evaluator (see Exact and Residual). The error is
// for an unknown dialect, or an internal error (a bug) reported rather than
// a panic. Translate assumes c compiles with eval (eval.New): it does not
// repeat eval's limits on matchesPattern's programs.
func Translate(c *schema.Checked, d Dialect) (_ *Translation, err error) {
	if d != SQLite && d != PostgreSQL {
		return nil, errDialect(d)
	}
	defer func() {
		if r := recover(); r != nil { // a bug, reported rather than crashing the caller
			err = fmt.Errorf("sqlfilter: internal error translating %s: %v", ast.Format(c.Filter()), r)
		}
	}()
	t := &Translation{dialect: d, root: condTrue}
	if f := c.Filter(); f != nil {
		tr := &translator{c: c, d: d, vars: map[*ast.LambdaExpr]string{}}
		t.root = tr.boolean(f)
		t.residual = tr.residual
	}
	return t, nil
}

// Where returns the SQL condition, over MachinesTable as M, that is true for
// every record the filter keeps: exactly those when Exact is true, a superset
// of them otherwise. Its values are bound into a; now is what now() reads.
func (t *Translation) Where(a *Args, now time.Time) string {
	return t.root.t.render(&render{a: a, d: t.dialect, now: now})
}

// WhereFalse returns the SQL condition that is true for every record the
// filter is OData-false for: exactly those when Exact is true, a superset of
// them otherwise. A record the filter is null for satisfies neither.
func (t *Translation) WhereFalse(a *Args, now time.Time) string {
	return t.root.f.render(&render{a: a, d: t.dialect, now: now})
}

// Exact reports whether Where is exactly the filter. When it is false, the
// caller re-checks each candidate row with the evaluator (package eval) and
// applies $skip and $top after the re-check.
func (t *Translation) Exact() bool { return len(t.residual) == 0 }

// Residual returns the parts of the filter the SQL does not decide exactly,
// each in canonical form (ast.Format), for --explain: the evaluator decides
// them on each candidate. It is empty when Exact is true.
func (t *Translation) Residual() []string { return slices.Clone(t.residual) }

// translator holds the state of one Translate.
type translator struct {
	c        *schema.Checked
	d        Dialect
	vars     map[*ast.LambdaExpr]string // the tags alias of each lambda in scope
	nvars    int
	residual []string
}

// cond is a Boolean translated twice: t is SQL-true exactly when the
// expression is OData-true, f exactly when it is OData-false. Neither is
// ever wrapped in SQL NOT.
type cond struct{ t, f bexp }

var (
	condTrue  = cond{sqlTrue, sqlFalse}
	condFalse = cond{sqlFalse, sqlTrue}
	condNull  = cond{sqlFalse, sqlFalse}
	condAny   = cond{sqlTrue, sqlTrue} // a residual: the evaluator decides
)

func (c cond) not() cond { return cond{c.f, c.t} }

// boolean translates a Boolean expression. And, or and not combine their
// operands' two translations; every other Boolean is an atom, and an atom
// this package cannot write exactly becomes a residual: TRUE in both
// translations, a superset either way.
func (tr *translator) boolean(e ast.Expr) cond {
	if tr.c.Types[e] == schema.TypeNull {
		return condNull
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		switch x.Op {
		case ast.OpAnd:
			l, r := tr.boolean(x.X), tr.boolean(x.Y)
			return cond{and(l.t, r.t), or(l.f, r.f)}
		case ast.OpOr:
			l, r := tr.boolean(x.X), tr.boolean(x.Y)
			return cond{or(l.t, r.t), and(l.f, r.f)}
		}
	case *ast.UnaryExpr:
		if x.Op == ast.OpNot {
			return tr.boolean(x.X).not()
		}
	case *ast.AliasExpr:
		return tr.boolean(tr.c.Aliases[x])
	case *ast.Literal:
		if v, ok := x.Value.(bool); ok {
			if v {
				return condTrue
			}
			return condFalse
		}
	}
	c, ok := tr.atom(e)
	if ok && (tr.tooLong(c.t) || tr.tooLong(c.f)) {
		ok = false
	}
	if !ok {
		tr.residual = append(tr.residual, ast.Format(e))
		return condAny
	}
	return c
}

// maxAtomSQL bounds the SQL text of one translation of an atom: a
// Boolean comparison writes each operand in several states, so nesting
// them could grow the text exponentially; a longer atom is left to eval.
const maxAtomSQL = 64 << 10

func (tr *translator) tooLong(b bexp) bool {
	return b.k == 0 && len(b.f(&render{a: NewArgs(tr.d), d: tr.d})) > maxAtomSQL
}

// exact translates e and reports whether it came out exact: a form that
// takes the complement of e's truth (all, eq null over a Boolean) needs it.
func (tr *translator) exact(e ast.Expr) (cond, bool) {
	n := len(tr.residual)
	c := tr.boolean(e)
	if len(tr.residual) != n {
		tr.residual = tr.residual[:n]
		return c, false
	}
	return c, true
}

// atom translates a Boolean that is not and, or or not.
func (tr *translator) atom(e ast.Expr) (cond, bool) {
	switch x := e.(type) {
	case *ast.BinaryExpr:
		switch x.Op {
		case ast.OpEq, ast.OpNe, ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe:
			return tr.compare(x.Op, x.X, x.Y)
		case ast.OpIn:
			return tr.in(x.X, x.Y)
		}
	case *ast.LambdaExpr:
		return tr.lambda(x)
	case *ast.CallExpr:
		return tr.boolCall(x)
	case *ast.CaseExpr:
		return tr.caseBool(x)
	}
	return cond{}, false
}

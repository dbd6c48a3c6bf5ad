package parser

import (
	"errors"
	"strconv"

	"github.com/odatafilter/odatafilter/ast"
)

// checkWork checks the limits on the work a filter asks of each record:
// the nesting of lambdas (MaxLambdaDepth, too_deep) and the size of the
// programs of its literal matchesPattern patterns, together
// (MaxPatternSize, too_complex). Aliases are followed, so a lambda or a
// pattern behind @p counts where it is used; a cycle is left to the
// checker. q is nil for a bare filter.
func checkWork(filter ast.Expr, q *ast.Query, lim Limits) ast.Diagnostics {
	w := workChecker{q: q, lim: lim, active: map[string]bool{}}
	w.walk(filter, 0)
	return w.ds
}

type workChecker struct {
	q        *ast.Query
	lim      Limits
	active   map[string]bool // aliases being walked, against cycles
	patterns int             // instructions of the patterns so far
	ds       ast.Diagnostics
}

func (w *workChecker) walk(e ast.Expr, depth int) {
	ast.Inspect(e, func(n ast.Node) bool {
		if len(w.ds) > 0 {
			return false
		}
		switch x := n.(type) {
		case *ast.LambdaExpr:
			if x.Predicate == nil {
				return true
			}
			if depth+1 > w.lim.MaxLambdaDepth {
				w.ds.Add(x.Loc, ast.CodeTooDeep,
					"lambdas are nested more than %d deep, the limit: each level multiplies the work by the size of its collection", w.lim.MaxLambdaDepth)
				return false
			}
			w.walk(x.X, depth)
			w.walk(x.Predicate, depth+1)
			return false
		case *ast.AliasExpr:
			w.alias(x, depth)
			return false
		case *ast.CallExpr:
			if x.Canonical && x.Name == "matchespattern" && len(x.Args) == 2 {
				w.pattern(x.Args[1])
			}
		}
		return true
	})
}

func (w *workChecker) alias(a *ast.AliasExpr, depth int) {
	if w.q == nil || w.active[a.Name] {
		return
	}
	v, ok := w.q.Alias(a.Name)
	if !ok {
		return
	}
	w.active[a.Name] = true
	w.walk(v, depth)
	delete(w.active, a.Name)
}

// pattern adds the size of a literal pattern (or an alias of one) to the
// query's total. A pattern that does not compile is the checker's to
// report.
func (w *workChecker) pattern(e ast.Expr) {
	if a, ok := e.(*ast.AliasExpr); ok && w.q != nil {
		if v, ok := w.q.Alias(a.Name); ok {
			e = v
		}
	}
	lit, ok := e.(*ast.Literal)
	if !ok {
		return
	}
	s, ok := lit.Value.(string)
	if !ok {
		return
	}
	left := w.lim.MaxPatternSize - w.patterns
	n, err := PatternSize(s, left)
	var tc *PatternTooComplexError
	switch {
	case errors.As(err, &tc):
		msg := "the regular expression compiles to more than " + strconv.Itoa(w.lim.MaxPatternSize) + " instructions, the limit"
		if w.patterns > 0 {
			msg = "with this regular expression, the query's patterns compile to more than " + strconv.Itoa(w.lim.MaxPatternSize) + " instructions, the limit"
		}
		w.ds.Add(lit.Loc, ast.CodeTooComplex, "%s: simplify it (counted repetitions such as {0,1000} are copied once for each count)", msg)
	case err == nil:
		w.patterns += n
	}
}

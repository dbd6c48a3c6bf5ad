package sqlfilter

import (
	"math"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// swapOp mirrors an operator for swapped operands: a lt b is b gt a.
func swapOp(op ast.BinaryOp) ast.BinaryOp {
	switch op {
	case ast.OpGt:
		return ast.OpLt
	case ast.OpGe:
		return ast.OpLe
	case ast.OpLt:
		return ast.OpGt
	case ast.OpLe:
		return ast.OpGe
	}
	return op
}

// negOp is the operator true exactly when op is false, for two non-null
// operands.
func negOp(op ast.BinaryOp) ast.BinaryOp {
	return map[ast.BinaryOp]ast.BinaryOp{
		ast.OpEq: ast.OpNe, ast.OpNe: ast.OpEq, ast.OpGt: ast.OpLe,
		ast.OpGe: ast.OpLt, ast.OpLt: ast.OpGe, ast.OpLe: ast.OpGt,
	}[op]
}

var sqlOps = map[ast.BinaryOp]string{
	ast.OpEq: " = ", ast.OpNe: " <> ", ast.OpGt: " > ", ast.OpGe: " >= ", ast.OpLt: " < ", ast.OpLe: " <= ",
}

// compare translates x op y for eq, ne, gt, ge, lt and le.
func (tr *translator) compare(op ast.BinaryOp, ex, ey ast.Expr) (cond, bool) {
	if tr.typeOf(ex) == schema.TypeBoolean || tr.typeOf(ey) == schema.TypeBoolean {
		return tr.compareBool(op, ex, ey)
	}
	x, ok := tr.value(ex)
	if !ok {
		return cond{}, false
	}
	y, ok := tr.value(ey)
	if !ok {
		return cond{}, false
	}
	if x.null || y.null {
		return compareNull(op, x, y), true
	}
	if y.column && !x.column {
		x, y, op = y, x, swapOp(op)
	}
	// Unify the kinds: a date beside an instant is midnight UTC of it; an
	// integer beside a decimal or double constant is folded.
	switch {
	case x.k == kFloat && y.k == kInt:
		x, y, op = y, x, swapOp(op)
		fallthrough
	case x.k == kInt && y.k == kFloat:
		return tr.intFloat(op, x, y.fl), true
	case x.k == kInstant && y.k == kDate && y.konst:
		y = dateInstant(y.num)
	case x.k == kDate && x.konst && y.k == kInstant:
		x = dateInstant(x.num)
	}
	if x.k == kEnum {
		x.k = kInt
	}
	if y.k == kEnum {
		y.k = kInt
	}
	if x.k != y.k || x.k == kFloat || x.k == kDuration {
		return cond{}, false
	}
	return tr.compareValues(op, x, y), true
}

// dateInstant is the instant of midnight UTC of the date ymd.
func dateInstant(ymd int64) scalar {
	y, md := ymd/10000, ymd%10000
	if md < 0 {
		y, md = y-1, md+10000
	}
	t := time.Date(int(y), time.Month(md/100), int(md%100), 0, 0, 0, 0, time.UTC)
	return constInstant(func(time.Time) time.Time { return t })
}

// compareNull is a comparison with a null side: eq and ne test for null,
// gt and lt are false, ge and le are eq (null ge null is true).
func compareNull(op ast.BinaryOp, x, y scalar) cond {
	switch op {
	case ast.OpGt, ast.OpLt:
		return condFalse
	case ast.OpGe, ast.OpLe:
		op = ast.OpEq
	}
	other := x
	if x.null {
		other = y
		if y.null {
			if op == ast.OpEq {
				return condTrue
			}
			return condFalse
		}
	}
	c := cond{isNull(other), isNotNull(other)}
	if op == ast.OpNe {
		return c.not()
	}
	return c
}

func isNull(v scalar) bexp {
	if v.notNull {
		return sqlFalse
	}
	return bx(join(v.sql, text(" IS NULL")))
}

func isNotNull(v scalar) bexp {
	if v.notNull {
		return sqlTrue
	}
	return bx(join(v.sql, text(" IS NOT NULL")))
}

// compareValues compares two values of one kind, either of which may be
// null in the data.
func (tr *translator) compareValues(op ast.BinaryOp, x, y scalar) cond {
	t, f := tr.sqlCompare(op, x, y), tr.sqlCompare(negOp(op), x, y)
	xn, yn := isNull(x), isNull(y)
	bothNull := and(xn, yn)
	oneNull := or(and(xn, isNotNull(y)), and(isNotNull(x), yn))
	if x.notNull || y.notNull {
		oneNull = or(xn, yn)
	}
	switch op {
	case ast.OpEq, ast.OpGe, ast.OpLe: // true for two nulls, false for one
		return cond{or(t, bothNull), or(f, oneNull)}
	case ast.OpNe: // false for two nulls, true for one
		return cond{or(t, oneNull), or(f, bothNull)}
	}
	return cond{t, or(f, xn, yn)} // gt, lt: false with a null side
}

// sqlCompare writes the plain SQL comparison x op y, NULL when a side is.
func (tr *translator) sqlCompare(op ast.BinaryOp, x, y scalar) bexp {
	if x.k == kInstant {
		return bx(join(text("("), x.sql, text(", "), x.nsec, text(")"+sqlOps[op]+"("), y.sql, text(", "), y.nsec, text(")")))
	}
	left := x.sql
	if x.k == kString && tr.d == PostgreSQL && !x.column && op != ast.OpEq && op != ast.OpNe {
		left = join(text("("), x.sql, text(` COLLATE "C")`))
	}
	return bx(join(left, text(sqlOps[op]), y.sql))
}

// intFloat compares an integer value with a Decimal or Double constant the
// way the evaluator does, exactly, by folding the constant into an integer
// bound.
func (tr *translator) intFloat(op ast.BinaryOp, x scalar, c float64) cond {
	never := func(op ast.BinaryOp) cond { // x op c is false for every non-null x
		if op == ast.OpNe {
			return condTrue
		}
		return condFalse
	}
	always := func(op ast.BinaryOp) cond { // true for every non-null x, eq and ne aside
		switch op {
		case ast.OpEq:
			return condFalse
		case ast.OpNe:
			return condTrue
		}
		return cond{isNotNull(x), isNull(x)}
	}
	switch {
	case math.IsNaN(c):
		return never(op)
	case c >= 9223372036854775808.0: // every integer is below c
		if op == ast.OpLt || op == ast.OpLe || op == ast.OpNe {
			return always(op)
		}
		return never(op)
	case c < -9223372036854775808.0:
		if op == ast.OpGt || op == ast.OpGe || op == ast.OpNe {
			return always(op)
		}
		return never(op)
	}
	t := math.Trunc(c)
	n := int64(t)
	switch frac := c - t; {
	case frac > 0: // n < c < n+1
		switch op {
		case ast.OpEq, ast.OpNe:
			return never(op)
		case ast.OpGt, ast.OpGe:
			op = ast.OpGt
		default:
			op = ast.OpLe
		}
	case frac < 0: // n-1 < c < n
		switch op {
		case ast.OpEq, ast.OpNe:
			return never(op)
		case ast.OpGt, ast.OpGe:
			op = ast.OpGe
		default:
			op = ast.OpLt
		}
	}
	return tr.compareValues(op, x, constInt(kInt, n))
}

// compareBool translates a comparison of Booleans: with null, true or
// false on one side (b eq null, b eq true); the rest is left to eval.
func (tr *translator) compareBool(op ast.BinaryOp, ex, ey ast.Expr) (cond, bool) {
	if op != ast.OpEq && op != ast.OpNe {
		return cond{}, false
	}
	k, b := tr.boolConst(ex), ey
	if k == 0 {
		k, b = tr.boolConst(ey), ex
	}
	if k == 0 {
		return cond{}, false
	}
	if kb := tr.boolConst(b); kb != 0 {
		if (k == kb) == (op == ast.OpEq) {
			return condTrue, true
		}
		return condFalse, true
	}
	c, ok := tr.exact(b)
	if !ok {
		return cond{}, false
	}
	var r cond
	switch k {
	case 2: // b eq null: neither true nor false
		r = cond{and(isNotTrue(c.t), isNotTrue(c.f)), or(c.t, c.f)}
	case 1: // b eq true
		r = cond{c.t, isNotTrue(c.t)}
	case -1: // b eq false
		r = cond{c.f, isNotTrue(c.f)}
	}
	if op == ast.OpNe {
		r = r.not()
	}
	return r, true
}

// boolConst tells a Boolean constant: 1 true, -1 false, 2 null, 0 none.
func (tr *translator) boolConst(e ast.Expr) int {
	if tr.typeOf(e) == schema.TypeNull {
		return 2
	}
	if a, ok := e.(*ast.AliasExpr); ok {
		e = tr.c.Aliases[a]
	}
	if lit, ok := e.(*ast.Literal); ok {
		if v, ok := lit.Value.(bool); ok {
			if v {
				return 1
			}
			return -1
		}
	}
	return 0
}

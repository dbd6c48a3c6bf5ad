package sqlfilter

import (
	"math"
	"strings"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

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
	if x.konst && y.konst {
		return foldCompare(op, x, y)
	}
	if y.column && !x.column {
		x, y, op = y, x, op.Mirror()
	}
	// Unify the kinds: a date beside an instant is midnight UTC of it; an
	// integer beside a decimal or double constant is folded.
	switch {
	case x.k == kFloat && y.k == kInt:
		x, y, op = y, x, op.Mirror()
		fallthrough
	case x.k == kInt && y.k == kFloat:
		return tr.intFloat(op, x, y.fl), true
	case x.k == kInstant && y.k == kDate && y.konst:
		y = dateInstant(y.num)
	case x.k == kDate && x.konst && y.k == kInstant:
		x = dateInstant(x.num)
	case x.k == kInstant && y.k == kDate:
		y = midnightUTC(y)
	case x.k == kDate && y.k == kInstant:
		x = midnightUTC(x)
	}
	if x.k == kEnum {
		x.k = kInt
	}
	if y.k == kEnum {
		y.k = kInt
	}
	if x.k != y.k || x.k == kFloat || x.k == kDuration || x.k == kGuid {
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
	return fixedInstant(time.Date(int(y), time.Month(md/100), int(md%100), 0, 0, 0, 0, time.UTC))
}

// midnightUTC is the instant of midnight UTC of a computed date (a signed
// yyyymmdd), as the evaluator compares a date with a DateTimeOffset: the
// days from the civil date (H. Hinnant's days_from_civil, in integer SQL
// that divides only non-negative numbers but for the era) times 86400.
func midnightUTC(d scalar) scalar {
	part := func(s string) frag { // s with each '#' written as the date
		pieces := strings.Split(s, "#")
		return func(r *render) string {
			out := pieces[0]
			for _, p := range pieces[1:] {
				out += "(" + d.sql(r) + ")" + p
			}
			return out
		}
	}
	const (
		md    = "((# % 10000 + 10000) % 10000)"
		year  = "((# - " + md + ") / 10000)"
		month = "(" + md + " / 100)"
		day   = "(" + md + " % 100)"
		y     = "(" + year + " - (CASE WHEN " + month + " <= 2 THEN 1 ELSE 0 END))"
		era   = "((CASE WHEN " + y + " >= 0 THEN " + y + " ELSE " + y + " - 399 END) / 400)"
		yoe   = "(" + y + " - " + era + " * 400)"
		doy   = "((153 * (CASE WHEN " + month + " > 2 THEN " + month + " - 3 ELSE " + month + " + 9 END) + 2) / 5 + " + day + " - 1)"
		doe   = "(" + yoe + " * 365 + " + yoe + " / 4 - " + yoe + " / 100 + " + doy + ")"
		days  = "(" + era + " * 146097 + " + doe + " - 719468)"
	)
	return scalar{k: kInstant, sql: part("(" + days + " * 86400)"), nsec: part("(CASE WHEN # IS NULL THEN NULL ELSE 0 END)")}
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
		row := join(text("("), x.sql, text(", "), x.nsec, text(")"+sqlOps[op]+"("), y.sql, text(", "), y.nsec, text(")"))
		if tr.d == PostgreSQL && (x.column || y.column) {
			// PostgreSQL estimates a row comparison at a fixed third of the
			// rows, so a narrow lastSeen range planned as a scan of the whole
			// table in ord order (4.3 s for 166 of 1,000,000 machines, against
			// 2.5 ms). A bound on the seconds alone gives the planner the
			// column's histogram. It is true whenever the row comparison is,
			// and false only where that is false, so the AND has the row
			// comparison's value, NULL included.
			switch op {
			case ast.OpGt, ast.OpGe:
				return bx(join(x.sql, text(" >= "), y.sql, text(" AND "), row))
			case ast.OpLt, ast.OpLe:
				return bx(join(x.sql, text(" <= "), y.sql, text(" AND "), row))
			}
		}
		return bx(row)
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

// compareBool translates a comparison of Booleans (false < true). Each
// side is in one of three states, true, false or null, each an SQL
// condition when the side is exact; the comparison is never null, so it
// is true for some pairs of states and false for the others.
func (tr *translator) compareBool(op ast.BinaryOp, ex, ey ast.Expr) (cond, bool) {
	x, ok := tr.exact(ex)
	if !ok {
		return cond{}, false
	}
	y, ok := tr.exact(ey)
	if !ok {
		return cond{}, false
	}
	states := func(c cond) [3]bexp { // false, true, null
		return [3]bexp{c.f, c.t, and(isNotTrue(c.t), isNotTrue(c.f))}
	}
	sx, sy := states(x), states(y)
	var t, f []bexp
	for i := range 3 {
		for j := range 3 {
			pair := and(sx[i], sy[j])
			if boolResult(op, i, j) {
				t = append(t, pair)
			} else {
				f = append(f, pair)
			}
		}
	}
	return cond{or(t...), or(f...)}, true
}

// boolResult is the outcome of x op y for Booleans in states i and j
// (0 false, 1 true, 2 null).
func boolResult(op ast.BinaryOp, i, j int) bool {
	if i == 2 || j == 2 {
		both := i == j
		switch op {
		case ast.OpEq, ast.OpGe, ast.OpLe:
			return both
		case ast.OpNe:
			return !both
		}
		return false
	}
	switch op {
	case ast.OpEq:
		return i == j
	case ast.OpNe:
		return i != j
	case ast.OpGt:
		return i > j
	case ast.OpGe:
		return i >= j
	case ast.OpLt:
		return i < j
	}
	return i <= j
}

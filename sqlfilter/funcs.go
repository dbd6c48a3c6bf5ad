package sqlfilter

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// bindInt32 binds a small integer where PostgreSQL wants an integer, not a
// bigint (substr, left, right).
func bindInt32(n int64) frag {
	return func(r *render) string {
		p := r.a.Bind(n)
		if r.d == PostgreSQL {
			return "CAST(" + p + " AS integer)"
		}
		return p
	}
}

// strArgs translates the arguments of a string function; null reports a
// null argument (the function is then null).
func (tr *translator) strArgs(args []ast.Expr) (vs []scalar, null, ok bool) {
	for _, a := range args {
		v, ok := tr.value(a)
		if !ok {
			return nil, false, false
		}
		if v.null {
			null = true
		} else if v.k != kString && v.k != kInt {
			return nil, false, false
		}
		vs = append(vs, v)
	}
	return vs, null, true
}

// boolCall translates the Boolean canonical functions.
func (tr *translator) boolCall(e *ast.CallExpr) (cond, bool) {
	switch e.Name {
	case "contains", "startswith", "endswith", "matchespattern":
	case "isof":
		return tr.isof(e)
	case "cast": // to Edm.Boolean: of a Boolean it is the Boolean, of null null
		if len(e.Args) == 2 && (tr.typeOf(e.Args[0]) == schema.TypeBoolean || tr.typeOf(e.Args[0]) == schema.TypeNull) {
			return tr.boolean(e.Args[0]), true
		}
		return cond{}, false
	case "hassubset", "hassubsequence":
		return tr.subset(e)
	default:
		return cond{}, false
	}
	vs, null, ok := tr.strArgs(e.Args)
	if !ok {
		return cond{}, false
	}
	if null {
		return condNull, true
	}
	x, p := vs[0], vs[1]
	switch e.Name {
	case "startswith":
		if p.konst {
			return tr.startsWith(x, p.str), true
		}
		prefix := dialectFrag(join(text("substr("), x.sql, text(", 1, length("), p.sql, text("))")),
			join(text("left("), x.sql, text(", char_length("), p.sql, text("))")))
		return cond{bx(join(prefix, text(" = "), p.sql)), bx(join(prefix, text(" <> "), p.sql))}, true
	case "endswith":
		if p.konst {
			if p.str == "" {
				return cond{isNotNull(x), sqlFalse}, true
			}
			n := int64(utf8.RuneCountInString(p.str))
			suffix := dialectFrag(join(text("substr("), x.sql, text(", "), bindInt(-n), text(")")),
				join(text("right("), x.sql, text(", "), bindInt32(n), text(")")))
			return cond{bx(join(suffix, text(" = "), p.sql)), bx(join(suffix, text(" <> "), p.sql))}, true
		}
		if tr.d == PostgreSQL {
			suffix := join(text("right("), x.sql, text(", char_length("), p.sql, text("))"))
			return cond{bx(join(suffix, text(" = "), p.sql)), bx(join(suffix, text(" <> "), p.sql))}, true
		}
		ends := func(longer, cmp string) bexp {
			return bx(join(text("(CASE WHEN length("), p.sql, text(") > length("), x.sql, text(") THEN "+longer+" ELSE substr("),
				x.sql, text(", length("), x.sql, text(") - length("), p.sql, text(") + 1)"+cmp), p.sql, text(" END)")))
		}
		return cond{ends("0", " = "), ends("1", " <> ")}, true
	case "contains":
		if p.konst && tr.d == PostgreSQL {
			// LIKE, which a pg_trgm index can serve; E'\\' is one backslash
			// whatever standard_conforming_strings says.
			pat := bindString("%" + likeEscape(p.str) + "%")
			return cond{bx(join(x.sql, text(" LIKE "), pat, text(` ESCAPE E'\\'`))), bx(join(x.sql, text(" NOT LIKE "), pat, text(` ESCAPE E'\\'`)))}, true
		}
		pos := dialectFrag(join(text("instr("), x.sql, text(", "), p.sql, text(")")),
			join(text("strpos("), x.sql, text(", "), p.sql, text(")")))
		return cond{bx(join(pos, text(" > 0"))), bx(join(pos, text(" = 0")))}, true
	case "matchespattern":
		// PostgreSQL's regular expressions are not RE2; a computed pattern
		// has the evaluator's size limits, which eval applies.
		if tr.d != SQLite || !p.konst {
			return cond{}, false
		}
		m := join(text(fnRegexp+"("), p.sql, text(", "), x.sql, text(")"))
		return cond{bx(join(m, text(" = 1"))), bx(join(m, text(" = 0")))}, true
	}
	return cond{}, false
}

// likeEscape escapes LIKE's wildcards and its escape character.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// startsWith is startswith(x, p) for a constant p, as a range of x:
// x >= p and x < the successor of p, which an index serves (code-point
// order is UTF-8 byte order, and PostgreSQL text compares in "C").
func (tr *translator) startsWith(x scalar, p string) cond {
	if p == "" {
		return cond{isNotNull(x), sqlFalse}
	}
	lo := tr.sqlCompare(ast.OpGe, x, constString(p))
	below := tr.sqlCompare(ast.OpLt, x, constString(p))
	succ, ok := successor(p)
	if !ok {
		return cond{lo, below}
	}
	return cond{and(lo, tr.sqlCompare(ast.OpLt, x, constString(succ))), or(below, tr.sqlCompare(ast.OpGe, x, constString(succ)))}
}

// successor returns the least string above every string that starts with
// p: p with its last code point incremented (skipping the surrogates),
// after dropping trailing U+10FFFF; false when there is none.
func successor(p string) (string, bool) {
	for p != "" {
		r, n := utf8.DecodeLastRuneInString(p)
		p = p[:len(p)-n]
		switch {
		case r == utf8.MaxRune:
			continue
		case r == 0xD7FF:
			r = 0xE000
		default:
			r++
		}
		return p + string(r), true
	}
	return "", false
}

// spaces are the code points strings.TrimSpace removes (unicode.IsSpace).
const spaces = "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

// call translates the canonical functions that give a single value.
func (tr *translator) call(e *ast.CallExpr, t *schema.Type) (scalar, bool) {
	switch e.Name {
	case "now":
		return constInstant(func(now time.Time) time.Time { return now }), true
	case "mindatetime":
		return fixedInstant(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)), true
	case "maxdatetime":
		return fixedInstant(time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)), true
	case "round", "floor", "ceiling":
		x, ok := tr.value(e.Args[0])
		if !ok || x.null {
			return scalar{null: x.null}, ok
		}
		return numberCall(e.Name, x)
	case "cast":
		return tr.cast(e, t)
	case "length", "indexof", "substring", "tolower", "toupper", "trim", "concat":
		return tr.stringCall(e)
	case "year", "month", "day", "hour", "minute", "second", "totaloffsetminutes", "date", "time":
		return tr.timeCall(e)
	}
	return scalar{}, false // cast, round, floor, ceiling, fractionalseconds, totalseconds, case: eval
}

func (tr *translator) stringCall(e *ast.CallExpr) (scalar, bool) {
	vs, null, ok := tr.strArgs(e.Args)
	if !ok {
		return scalar{}, false
	}
	k := kString
	if e.Name == "length" || e.Name == "indexof" {
		k = kInt
	}
	if null {
		return nullOf(k), true
	}
	x := vs[0]
	pg := tr.d == PostgreSQL
	switch e.Name {
	case "length":
		return scalar{k: kInt, sql: dialectFrag(join(text("length("), x.sql, text(")")),
			join(text("CAST(char_length("), x.sql, text(") AS bigint)")))}, true
	case "indexof":
		return scalar{k: kInt, sql: dialectFrag(join(text("(instr("), x.sql, text(", "), vs[1].sql, text(") - 1)")),
			join(text("(CAST(strpos("), x.sql, text(", "), vs[1].sql, text(") AS bigint) - 1)")))}, true
	case "concat":
		return scalar{k: kString, sql: join(text("("), x.sql, text(" || "), vs[1].sql, text(")"))}, true
	case "trim":
		fn := "trim("
		if pg {
			fn = "btrim("
		}
		return scalar{k: kString, sql: join(text(fn), x.sql, text(", "), bindString(spaces), text(")"))}, true
	case "tolower", "toupper":
		if pg { // PostgreSQL's case mapping is its collation's, not Unicode's
			return scalar{}, false
		}
		fn := fnLower
		if e.Name == "toupper" {
			fn = fnUpper
		}
		return scalar{k: kString, sql: join(text(fn+"("), x.sql, text(")"))}, true
	case "substring":
		return tr.substring(x, vs[1], vs[2:]), true
	}
	return scalar{}, false
}

// substring(x, i[, n]) on code points: a negative i counts from the end
// (at most back to the start), an i past the end gives ”, and a negative
// n gives null. SQLite's and PostgreSQL's substr count from 1 and read
// negative positions and lengths otherwise, so the start is clamped first.
func (tr *translator) substring(x, i scalar, n []scalar) scalar {
	length := dialectFrag(join(text("length("), x.sql, text(")")), join(text("char_length("), x.sql, text(")")))
	// The 1-based start, NULL when i or x is. CASE rather than
	// PostgreSQL's least and greatest, which skip NULLs.
	start := join(text("(CASE WHEN "), i.sql, text(" < 0 THEN (CASE WHEN "), length, text(" + "), i.sql, text(" > 0 THEN "),
		length, text(" + "), i.sql, text(" ELSE 0 END) WHEN "), i.sql, text(" >= 0 THEN (CASE WHEN "), i.sql, text(" < "), length,
		text(" THEN "), i.sql, text(" ELSE "), length, text(" END) END + 1)"))
	if tr.d == PostgreSQL {
		start = join(text("CAST("), start, text(" AS integer)"))
	}
	if len(n) == 0 {
		return scalar{k: kString, sql: join(text("substr("), x.sql, text(", "), start, text(")"))}
	}
	count := n[0].sql
	if tr.d == PostgreSQL {
		count = join(text("CAST((CASE WHEN "), n[0].sql, text(" < "), length, text(" THEN "), n[0].sql, text(" ELSE "), length, text(" END) AS integer)"))
	}
	return scalar{k: kString, sql: join(text("(CASE WHEN "), n[0].sql, text(" >= 0 THEN substr("), x.sql, text(", "), start, text(", "), count, text(") END)"))}
}

// timeCall translates the date and time parts of lastSeen (and of
// date(lastSeen) and time(lastSeen)), read in the value's own offset from
// the columns the loader computed; of a constant they are left to eval.
func (tr *translator) timeCall(e *ast.CallExpr) (scalar, bool) {
	x, ok := tr.value(e.Args[0])
	if !ok {
		return scalar{}, false
	}
	k := kInt
	switch e.Name {
	case "date":
		k = kDate
	case "time":
		k = kTime
	}
	if x.null {
		return nullOf(k), true
	}
	if x.konst {
		return constPart(e.Name, x)
	}
	// The SQL over the columns, or "" when x has none; xMark stands for x
	// where x is a computed date or time, written anew at each mark so that
	// its arguments are bound in order.
	const xMark = "\x00"
	var ymd, nsOfDay, sod string
	switch {
	case x.k == kInstant && x.column:
		ymd, sod = M+".ls_ymd", M+".ls_sod"
		nsOfDay = "(" + M + ".ls_sod * 1000000000 + " + M + ".ls_nsec)"
	case x.k == kDate:
		ymd = "(" + xMark + ")"
	case x.k == kTime:
		nsOfDay = "(" + xMark + ")"
		sod = "(" + nsOfDay + " / 1000000000)"
	default:
		return scalar{}, false
	}
	md := "((" + ymd + " % 10000 + 10000) % 10000)"
	var s string
	switch {
	case e.Name == "year" && ymd != "":
		s = "((" + ymd + " - " + md + ") / 10000)"
	case e.Name == "month" && ymd != "":
		s = "(" + md + " / 100)"
	case e.Name == "day" && ymd != "":
		s = "(" + md + " % 100)"
	case e.Name == "hour" && sod != "":
		s = "(" + sod + " / 3600)"
	case e.Name == "minute" && sod != "":
		s = "(" + sod + " / 60 % 60)"
	case e.Name == "second" && sod != "":
		s = "(" + sod + " % 60)"
	case e.Name == "totaloffsetminutes" && x.k == kInstant:
		s = M + ".ls_off"
	case e.Name == "date" && x.k == kInstant:
		s = ymd
	case e.Name == "time" && x.k == kInstant:
		s = nsOfDay
	default:
		return scalar{}, false
	}
	parts := strings.Split(s, xMark)
	return scalar{k: k, sql: func(r *render) string {
		out := parts[0]
		for _, p := range parts[1:] {
			out += x.sql(r) + p
		}
		return out
	}}, true
}

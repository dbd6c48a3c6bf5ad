package fuzz

import (
	"strings"

	"github.com/odatafilter/odatafilter/ast"
)

var (
	intOps   = []ast.BinaryOp{ast.OpAdd, ast.OpSub, ast.OpMul, ast.OpDiv, ast.OpMod}
	floatOps = []ast.BinaryOp{ast.OpAdd, ast.OpSub, ast.OpMul, ast.OpDiv, ast.OpDivBy, ast.OpMod}
)

// integer is an Edm.Int64 expression (never Decimal: substring needs Int64).
func (g *exprGen) integer(depth int) gexpr {
	d := depth - 1
	switch g.pick(20, 5, 6, 4, 6, 5, 4, 3, 2, 3) {
	case 0:
		return g.bin(intOps[g.r.Intn(len(intOps))], g.gen(tInt, d), g.gen(tInt, d))
	case 1:
		return g.neg(g.gen(tInt, d))
	case 2:
		return g.call("length", g.gen(tString, d))
	case 3:
		return g.call("indexof", g.gen(tString, d), g.gen(tString, d))
	case 4:
		fn := g.oneOf("year", "month", "day")
		return g.call(fn, g.gen([]gtype{tDate, tDTO}[g.r.Intn(2)], d))
	case 5:
		fn := g.oneOf("hour", "minute", "second")
		return g.call(fn, g.gen([]gtype{tTOD, tDTO}[g.r.Intn(2)], d))
	case 6:
		return g.call("totaloffsetminutes", g.gen(tDTO, d))
	case 7:
		return atom(g.tags().text + "/$count")
	case 8:
		return g.call("cast", g.gen(g.sameFamily(tInt), d), atom(g.typeName(tInt)))
	case 9:
		return g.caseOf(tInt, d)
	}
	panic("unreachable")
}

// float is an Edm.Decimal or Edm.Double expression (either fits where a
// number is wanted).
func (g *exprGen) float(t gtype, depth int) gexpr {
	d := depth - 1
	switch g.pick(16, 6, 4, 6, 4, 3, 3, 3, 3) {
	case 0:
		return g.bin(floatOps[g.r.Intn(len(floatOps))], g.gen(t, d), g.gen(g.sameFamily(t), d))
	case 1:
		return g.bin(ast.OpDivBy, g.gen(tInt, d), g.gen(tInt, d))
	case 2:
		return g.neg(g.gen(t, d))
	case 3:
		fn := g.oneOf("round", "floor", "ceiling")
		return g.call(fn, g.gen(g.sameFamily(t), d))
	case 4:
		return g.call("fractionalseconds", g.gen([]gtype{tTOD, tDTO}[g.r.Intn(2)], d))
	case 5:
		return g.call("totalseconds", g.gen(tDuration, d))
	case 6:
		return g.call("cast", g.gen(g.sameFamily(t), d), atom(g.typeName(t)))
	case 7:
		return g.caseOf(t, d)
	case 8:
		return g.bin(floatOps[g.r.Intn(len(floatOps))], g.gen(tInt, d), g.gen(t, d))
	}
	panic("unreachable")
}

// str is an Edm.String expression.
func (g *exprGen) str(depth int) gexpr {
	d := depth - 1
	switch g.pick(6, 6, 3, 8, 5, 3, 2, 3) {
	case 0:
		return g.call(g.oneOf("tolower", "toupper", "trim", "toLower", "ToUpper"), g.gen(tString, d))
	case 1:
		return g.call("concat", g.gen(tString, d), g.gen(tString, d))
	case 2:
		return g.call("substring", g.gen(tString, d), g.gen(tInt, d))
	case 3:
		return g.call("substring", g.gen(tString, d), g.small(d), g.length(d))
	case 4:
		t := []gtype{tRisk, tHealth}[g.r.Intn(2)]
		return g.call("cast", g.gen(t, d), atom("Edm.String"))
	case 5:
		return g.call("cast", g.gen(tString, d), atom("Edm.String"))
	case 6:
		return g.caseOf(tString, d)
	case 7:
		return g.leaf(tString)
	}
	panic("unreachable")
}

// small is an Int64 that is usually a small index or length.
func (g *exprGen) small(d int) gexpr {
	if g.chance(3, 4) {
		return atom(g.oneOf("0", "1", "2", "3", "5", "-1", "-2", "10", "100", "9223372036854775807", "-9223372036854775808"))
	}
	return g.gen(tInt, d)
}

// length is substring's third argument: a literal is never negative (that
// is a checker error, as OData 4.01 makes it a bad request); a computed one
// may be, and is then null.
func (g *exprGen) length(d int) gexpr {
	if g.chance(3, 4) {
		return atom(g.oneOf("0", "1", "2", "3", "5", "10", "100", "9223372036854775807"))
	}
	return atom("(" + g.gen(tInt, d).text + " add 0)")
}

// temporal is a Date, DateTimeOffset, TimeOfDay or Duration expression.
// A DateTimeOffset and a Duration are never null in arithmetic: the checker
// would take null for the other operand's type.
func (g *exprGen) temporal(t gtype, depth int) gexpr {
	d := depth - 1
	// A null, or a case whose values are all null, would take the other
	// operand's type: lastSeen add null is not a DateTimeOffset.
	nonNull := func(t gtype) gexpr {
		for {
			e := g.gen(t, d)
			if e.text != "null" && !strings.HasPrefix(strings.ToLower(e.text), "case(") {
				return e
			}
		}
	}
	if g.chance(1, 8) {
		return g.caseOf(t, d)
	}
	switch t {
	case tDate:
		switch g.pick(2, 3, 1, 2) {
		case 0:
			return g.leaf(t)
		case 1:
			return g.call("date", g.gen(tDTO, d))
		case 2:
			return g.call("cast", g.gen(tDate, d), atom("Edm.Date"))
		}
		op := ast.OpAdd
		if g.chance(1, 2) {
			op = ast.OpSub
		}
		return g.bin(op, nonNull(tDate), nonNull(tDuration))
	case tDTO:
		switch g.pick(2, 4, 2, 2, 1) {
		case 0:
			return g.leaf(t)
		case 1:
			op := ast.OpAdd
			if g.chance(1, 2) {
				op = ast.OpSub
			}
			return g.bin(op, nonNull(tDTO), nonNull(tDuration))
		case 2:
			return atom(g.kw(g.oneOf("now", "mindatetime", "maxdatetime", "now")) + "()")
		case 3:
			return g.call("cast", g.gen(tDate, d), atom("Edm.DateTimeOffset"))
		}
		return g.call("cast", g.gen(tDTO, d), atom("Edm.DateTimeOffset"))
	case tTOD:
		if g.chance(1, 2) {
			return g.call("time", g.gen(tDTO, d))
		}
		return g.leaf(t)
	}
	// Duration
	switch g.pick(2, 4, 2, 3, 2, 3) {
	case 0:
		return g.leaf(t)
	case 1:
		return g.bin(ast.OpSub, nonNull(tDTO), nonNull(tDTO))
	case 2:
		return g.bin(ast.OpSub, nonNull(tDate), nonNull(tDate))
	case 3:
		op := ast.OpAdd
		if g.chance(1, 2) {
			op = ast.OpSub
		}
		return g.bin(op, nonNull(tDuration), nonNull(tDuration))
	case 4:
		return g.neg(nonNull(tDuration))
	}
	// Scaled by a number: times, or divided by. A null number would make
	// the product null-typed, so the number is a literal or rbacGroupId.
	n := g.literal(g.sameFamily(tInt))
	if g.chance(1, 3) {
		n = atom(g.spell("rbacGroupId"))
	}
	switch g.pick(2, 2, 2, 1) {
	case 0:
		return g.bin(ast.OpMul, nonNull(tDuration), n)
	case 1:
		return g.bin(ast.OpMul, n, nonNull(tDuration))
	case 2:
		return g.bin(ast.OpDiv, nonNull(tDuration), n)
	}
	return g.bin(ast.OpDivBy, nonNull(tDuration), n)
}

// enumExpr is a RiskScore or HealthStatus expression.
func (g *exprGen) enumExpr(t gtype, depth int) gexpr {
	if g.chance(1, 4) {
		return g.caseOf(t, depth-1)
	}
	return g.leaf(t)
}

// memberString is a string literal naming a member of t, exactly: member
// names are case-sensitive.
func (g *exprGen) memberString(t gtype) gexpr {
	return atom(quote(g.member(t)))
}

func (g *exprGen) member(t gtype) string {
	if t == tRisk {
		return g.oneOf("None", "Informational", "Low", "Medium", "High")
	}
	return g.oneOf("Active", "Inactive", "ImpairedCommunication", "NoSensorData",
		"NoSensorDataImpairedCommunication", "Unknown")
}

// enumLiteral is a qualified enum literal, Namespace.Type'Member', with the
// namespace in any case or shortened.
func (g *exprGen) enumLiteral(t gtype) gexpr {
	typ := "RiskScore"
	if t == tHealth {
		typ = "HealthStatus"
	}
	ns := g.oneOf("Microsoft.WindowsDefenderATP.Api.", "Microsoft.WindowsDefenderATP.Api.",
		"microsoft.windowsdefenderatp.api.", "Api.", "Microsoft.WindowsDefenderATP.Api.")
	if g.chance(1, 10) {
		typ = strings.ToLower(typ)
	}
	return atom(ns + typ + "'" + g.memberString(t).text[1:])
}

// caseOf is case(c1:v1, ...) with values of type t; numbers mix Int64,
// Decimal and Double where t is a float type, and enum clauses after the
// first may name members as strings.
func (g *exprGen) caseOf(t gtype, d int) gexpr {
	n := 1 + g.r.Intn(3)
	clauses := make([]string, n)
	for i := range clauses {
		cond := g.gen(tBool, d/2)
		if i == n-1 && g.chance(1, 3) {
			cond = atom("true")
		}
		vt := t
		if t == tDecimal || t == tDouble {
			vt = g.sameFamily(t)
		}
		var val gexpr
		switch {
		case t.enum() && i > 0 && g.chance(1, 2):
			val = g.enumString(t)
		case t.enum():
			val = g.gen(t, d/2)
			if val.text == "null" || strings.HasPrefix(val.text, "@") {
				val = atom(g.spell(fieldsOf[t][0])) // the first value fixes the type
			}
		default:
			val = g.gen(vt, d/2)
		}
		if c := cond.text[len(cond.text)-1]; '0' <= c && c <= '9' {
			// 13:20:1 would lex as one time of day
			cond = atom("(" + cond.text + ")")
		}
		clauses[i] = cond.text + ":" + val.text
	}
	return atom(g.kw("case") + "(" + strings.Join(clauses, ",") + ")")
}

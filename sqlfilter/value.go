package sqlfilter

import (
	"math/big"
	"time"
	"unicode/utf8"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// kind is the shape of a translated single value.
type kind uint8

const (
	kString   kind = iota + 1
	kInt           // an Int64
	kEnum          // an enum member's ordinal
	kFloat         // a Decimal or Double constant, kept only to fold comparisons with integers
	kInstant       // a DateTimeOffset: seconds and nanoseconds since the Unix epoch, UTC
	kDate          // a date as a signed yyyymmdd integer (ls_ymd)
	kTime          // a time of day in nanoseconds
	kDuration      // a Duration constant, kept only to move constant instants
	kGuid          // a GUID: aadDeviceId as written, or a constant's canonical text
)

// scalar is a translated single value. Its SQL is NULL exactly when the
// OData value is null.
type scalar struct {
	k       kind
	null    bool // the value is the null literal (or a function of it)
	sql     frag // the value; for an instant, its seconds
	nsec    frag // an instant's nanoseconds
	notNull bool // the value is never null
	column  bool // sql is a bare column of the layout (PostgreSQL: COLLATE "C", indexed)

	// A constant's value, known at translation: str (kString), num (kInt,
	// kEnum, kDate, kTime, kDuration), fl (kFloat). An instant constant is
	// inst, which may read now().
	konst bool
	str   string
	num   int64
	fl    float64
	inst  func(now time.Time) time.Time
	fixed *time.Time // an instant constant that does not read now()
}

// columns maps the model's filterable single-valued fields to their
// columns and kinds. It is the only source of identifiers.
var columns = map[string]struct {
	col string
	k   kind
}{
	"id":               {"id", kString},
	"computerDnsName":  {"computer_dns_name", kString},
	"lastIpAddress":    {"last_ip_address", kString},
	"osPlatform":       {"os_platform", kString},
	"version":          {"version", kString},
	"onboardingStatus": {"onboarding_status", kString},
	"healthStatus":     {"health_status", kEnum},
	"riskScore":        {"risk_score", kEnum},
	"deviceValue":      {"device_value", kEnum},
	"exposureLevel":    {"exposure_level", kEnum},
	"rbacGroupId":      {"rbac_group_id", kInt},
	"lastSeen":         {"ls_sec", kInstant},
	"aadDeviceId":      {"aad_device_id", kGuid},
}

// typeOf returns the checked type of e; for an alias, the type of its use.
func (tr *translator) typeOf(e ast.Expr) *schema.Type {
	if a, ok := e.(*ast.AliasExpr); ok {
		if t, ok := tr.c.Types[a]; ok {
			return t
		}
		return tr.typeOf(tr.c.Aliases[a])
	}
	return tr.c.Types[e]
}

func constString(s string) scalar {
	return scalar{k: kString, konst: true, str: s, notNull: true, sql: bindString(s)}
}

func constInt(k kind, n int64) scalar {
	return scalar{k: k, konst: true, num: n, notNull: true, sql: bindInt(n)}
}

func constInstant(at func(now time.Time) time.Time) scalar {
	sec := func(r *render) string { return bindInt(at(r.now).Unix())(r) }
	nsec := func(r *render) string { return bindInt(int64(at(r.now).Nanosecond()))(r) }
	return scalar{k: kInstant, konst: true, inst: at, notNull: true, sql: sec, nsec: nsec}
}

func nullOf(k kind) scalar { return scalar{k: k, null: true} }

// maxValueSQL bounds the SQL text of one value. Some forms repeat their
// operands (a guarded Int64 operation, substring), so nesting them could
// grow the text exponentially; a value longer than this is left to eval.
const maxValueSQL = 4096

// value translates a single value; false when this package cannot write
// it exactly.
func (tr *translator) value(e ast.Expr) (scalar, bool) {
	v, ok := tr.value1(e)
	if ok && v.sql != nil {
		if len(v.sql(&render{a: NewArgs(tr.d), d: tr.d})) > maxValueSQL {
			return scalar{}, false
		}
	}
	return v, ok
}

func (tr *translator) value1(e ast.Expr) (scalar, bool) {
	t := tr.typeOf(e)
	if t == schema.TypeNull {
		return scalar{null: true}, true
	}
	switch x := e.(type) {
	case *ast.Literal:
		return tr.literal(x, t)
	case *ast.AliasExpr:
		if lit, ok := tr.c.Aliases[x].(*ast.Literal); ok {
			return tr.literal(lit, t)
		}
		return tr.value(tr.c.Aliases[x])
	case *ast.MemberExpr:
		return tr.member(x)
	case *ast.BinaryExpr:
		return tr.arith(x, t)
	case *ast.UnaryExpr:
		if x.Op == ast.OpNeg && (t == schema.TypeDecimal || t == schema.TypeDouble) {
			v, ok := tr.value(x.X)
			if !ok || v.null {
				return scalar{null: v.null}, ok
			}
			f, ok := asFloat(v)
			return constFloat(-f), ok
		}
		if x.Op == ast.OpNeg && t == schema.TypeInt64 {
			v, ok := tr.value(x.X)
			if !ok || v.k != kInt {
				return scalar{}, false
			}
			if v.null {
				return nullOf(kInt), true
			}
			return tr.intOp(ast.OpSub, constInt(kInt, 0), v), true
		}
	case *ast.CallExpr:
		return tr.call(x, t)
	case *ast.CaseExpr:
		return tr.caseValue(x)
	case *ast.CountExpr:
		if _, ok := tr.collection(x.X); !ok {
			return scalar{}, false
		}
		return scalar{k: kInt, notNull: true, sql: text("(SELECT count(*) FROM " + TagsTable + " c WHERE c.ord = " + M + ".ord)")}, true
	}
	return scalar{}, false
}

// literal translates lit where a value of type t is expected.
func (tr *translator) literal(lit *ast.Literal, t *schema.Type) (scalar, bool) {
	if t != nil && t.Kind == schema.KindEnum {
		if ord, ok := tr.c.Members[lit]; ok {
			return constInt(kEnum, int64(ord)), true
		}
		if s, ok := lit.Value.(string); ok {
			if ord, ok := t.Enum.MemberExact(s); ok {
				return constInt(kEnum, int64(ord)), true
			}
		}
		return scalar{}, false
	}
	switch v := lit.Value.(type) {
	case int64:
		return constInt(kInt, v), true
	case *big.Rat:
		f, _ := v.Float64()
		return scalar{k: kFloat, konst: true, fl: f, notNull: true}, true
	case float64:
		return scalar{k: kFloat, konst: true, fl: v, notNull: true}, true
	case string:
		// PostgreSQL text holds neither U+0000 nor invalid UTF-8, and the
		// loader refuses them in the data: leave such a literal to eval.
		if !utf8.ValidString(v) || containsNUL(v) {
			return scalar{}, false
		}
		return constString(v), true
	case ast.Date:
		if v.Year < -9999 || v.Year > 9999 {
			return scalar{}, false
		}
		return constInt(kDate, int64(v.Year)*10000+int64(v.Month)*100+int64(v.Day)), true
	case time.Time:
		return fixedInstant(v), true
	case ast.GUID:
		return scalar{k: kGuid, konst: true, str: v.String(), notNull: true}, true
	case ast.TimeOfDay:
		return constInt(kTime, int64(v.Duration())), true
	case time.Duration:
		return scalar{k: kDuration, konst: true, num: int64(v), notNull: true}, true
	}
	return scalar{}, false
}

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}

// member translates a field or a lambda's range variable.
func (tr *translator) member(e *ast.MemberExpr) (scalar, bool) {
	if lam, ok := tr.c.Vars[e]; ok {
		alias, ok := tr.vars[lam]
		if !ok {
			return scalar{}, false
		}
		return scalar{k: kString, notNull: true, column: true, sql: text(alias + ".tag")}, true
	}
	f, ok := tr.c.Fields[e]
	if !ok {
		return scalar{}, false
	}
	c, ok := columns[f.Name]
	if !ok {
		return scalar{}, false
	}
	if c.k == kInstant {
		return scalar{k: kInstant, column: true, sql: text(M + ".ls_sec"), nsec: text(M + ".ls_nsec")}, true
	}
	return scalar{k: c.k, column: true, sql: text(M + "." + c.col)}, true
}

// arith translates add, sub, mul, div and mod over integers, and a
// constant instant moved by a constant duration.
func (tr *translator) arith(e *ast.BinaryExpr, t *schema.Type) (scalar, bool) {
	switch e.Op {
	case ast.OpAdd, ast.OpSub, ast.OpMul, ast.OpDiv, ast.OpMod:
	default:
		return scalar{}, false
	}
	x, ok := tr.value(e.X)
	if !ok {
		return scalar{}, false
	}
	y, ok := tr.value(e.Y)
	if !ok {
		return scalar{}, false
	}
	switch {
	case t == schema.TypeDecimal || t == schema.TypeDouble:
		if x.null || y.null {
			return scalar{null: true}, true
		}
		return foldFloat(e.Op, x, y)
	case t == schema.TypeInt64:
		if x.null || y.null {
			return nullOf(kInt), true
		}
		if x.k != kInt || y.k != kInt {
			return scalar{}, false
		}
		return tr.intOp(e.Op, x, y), true
	case t == schema.TypeDateTimeOffset && (e.Op == ast.OpAdd || e.Op == ast.OpSub):
		if x.null || y.null {
			return nullOf(kInstant), true
		}
		if x.k != kInstant || y.k != kDuration {
			return scalar{}, false
		}
		d := time.Duration(y.num)
		if e.Op == ast.OpSub {
			if d == -d && d != 0 { // the minimum duration has no negation
				return scalar{}, false
			}
			d = -d
		}
		if !x.konst {
			return shiftInstant(x, d), true
		}
		at := x.inst
		// Constants far from the epoch could leave the instant's range;
		// leave those to eval.
		if lit, ok := e.X.(*ast.Literal); ok {
			if tm, ok := lit.Value.(time.Time); ok && (tm.Year() < -200000 || tm.Year() > 200000) {
				return scalar{}, false
			}
		}
		return constInstant(func(now time.Time) time.Time { return at(now).Add(d) }), true
	}
	return scalar{}, false
}

// shiftInstant is a computed instant moved by a constant duration d, in
// whole seconds ds and the nanoseconds dn in [0, 1e9) left over. A stored
// instant has at most nine-digit years, so its seconds stay far inside
// Int64 (the evaluator's result is null only beyond them).
func shiftInstant(x scalar, d time.Duration) scalar {
	ds, dn := int64(d/time.Second), int64(d%time.Second)
	if dn < 0 {
		ds, dn = ds-1, dn+int64(time.Second)
	}
	carry := join(text("(("), x.nsec, text(" + "), bindInt(dn), text(") / 1000000000)"))
	return scalar{
		k:    kInstant,
		sql:  join(text("("), x.sql, text(" + "), bindInt(ds), text(" + "), carry, text(")")),
		nsec: join(text("(("), x.nsec, text(" + "), bindInt(dn), text(") % 1000000000)")),
	}
}

const (
	minInt64 = "-9223372036854775808"
	maxInt64 = "9223372036854775807"
)

// intOp writes x op y over Int64 as the evaluator defines it: null on
// overflow and on division or modulo by zero. SQLite turns an overflowing
// integer into a REAL (kept only if it is still an integer); PostgreSQL
// computes in numeric and keeps the result only inside Int64, so neither
// raises an error.
func (tr *translator) intOp(op ast.BinaryOp, x, y scalar) scalar {
	if tr.d == SQLite {
		sym := map[ast.BinaryOp]string{ast.OpAdd: " + ", ast.OpSub: " - ", ast.OpMul: " * ", ast.OpDiv: " / ", ast.OpMod: " % "}[op]
		e := join(text("("), x.sql, text(sym), y.sql, text(")"))
		if op == ast.OpMod { // SQLite's % never overflows; by zero it is NULL
			return scalar{k: kInt, sql: e}
		}
		return scalar{k: kInt, sql: join(text("(CASE WHEN typeof("), e, text(") = 'integer' THEN "), e, text(" END)"))}
	}
	var e frag
	switch op {
	case ast.OpAdd, ast.OpSub, ast.OpMul:
		sym := map[ast.BinaryOp]string{ast.OpAdd: " + ", ast.OpSub: " - ", ast.OpMul: " * "}[op]
		e = join(text("(CAST("), x.sql, text(" AS numeric)"+sym+"CAST("), y.sql, text(" AS numeric))"))
	case ast.OpDiv:
		e = join(text("div(CAST("), x.sql, text(" AS numeric), CAST(NULLIF("), y.sql, text(", 0) AS numeric))"))
	case ast.OpMod:
		return scalar{k: kInt, sql: join(text("("), x.sql, text(" % NULLIF("), y.sql, text(", 0))"))}
	}
	return scalar{k: kInt, sql: join(text("(CASE WHEN "), e, text(" BETWEEN "+minInt64+" AND "+maxInt64+" THEN CAST("), e, text(" AS bigint) END)"))}
}

package parser

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	plexer "github.com/alecthomas/participle/v2/lexer"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/lexer"
)

// literal turns a literal token into an ast.Literal with its value. The
// lexer has checked the shape; what is left are value checks (calendar,
// ranges), which become Problems for the checker to report, so that a
// syntax-only check accepts what the ABNF accepts.
func (l *lowerer) literal(t plexer.Token) ast.Expr {
	lit := &ast.Literal{Raw: t.Value, Loc: l.tokSpan(t)}
	raw := t.Value
	switch t.Type {
	case lexer.Null:
		lit.Kind = ast.LitNull
	case lexer.Boolean:
		lit.Kind, lit.Value = ast.LitBoolean, strings.EqualFold(raw, "true")
	case lexer.Number:
		number(lit)
	case lexer.String:
		lit.Kind, lit.Value = ast.LitString, unquote(raw)
	case lexer.JSONString:
		if l.json == 0 {
			l.errorf(lit.Loc, "OData strings use single quotes: '%s'; double quotes are only for strings inside JSON arrays and objects", strings.Trim(raw, `"`))
			if s, ok := jsonUnquote(raw); ok {
				l.ds[len(l.ds)-1].Suggestion = "'" + strings.ReplaceAll(s, "'", "''") + "'"
			}
			return nil
		}
		s, ok := jsonUnquote(raw)
		if !ok {
			l.errorf(lit.Loc, "malformed JSON string %s", raw)
			return nil
		}
		lit.Kind, lit.Value = ast.LitString, s
	case lexer.Date:
		lit.Kind = ast.LitDate
		d, problem := parseDate(raw)
		lit.Value, lit.Problem = d, problem
		if problem != "" {
			lit.Value = nil
		}
	case lexer.DateTimeOffset:
		lit.Kind = ast.LitDateTimeOffset
		v, problem := parseDateTimeOffset(raw)
		if problem != "" {
			lit.Problem = problem
		} else {
			lit.Value = v
		}
	case lexer.TimeOfDay:
		lit.Kind, lit.Value = ast.LitTimeOfDay, parseTime(raw)
	case lexer.Guid:
		var g ast.GUID
		_, _ = hex.Decode(g[:], []byte(strings.ReplaceAll(raw, "-", "")))
		lit.Kind, lit.Value = ast.LitGuid, g
	case lexer.Duration:
		lit.Kind = ast.LitDuration
		d, problem, ok := parseDuration(body(raw))
		if !ok {
			l.errorf(lit.Loc, "malformed duration %s: write duration'[-]PnDTnHnMn.nS' (no years or months)", raw)
			return nil
		}
		if problem != "" {
			lit.Problem = problem
		} else {
			lit.Value = d
		}
	case lexer.Binary:
		lit.Kind = ast.LitBinary
		b, err := decodeBase64URL(body(raw))
		if err != nil {
			lit.Problem = "binary'...' holds base64url (RFC 4648 §5) text: " + err.Error()
		} else {
			lit.Value = b
		}
	case lexer.Geography, lexer.Geometry:
		lit.Kind = ast.LitGeography
		if t.Type == lexer.Geometry {
			lit.Kind = ast.LitGeometry
		}
		g, ok := parseGeo(body(raw))
		if !ok {
			l.errorf(lit.Loc, "malformed %s literal: expected SRID=n;Point(x y) or another WKT shape", strings.ToLower(raw[:strings.IndexByte(raw, '\'')]))
			return nil
		}
		lit.Value = g
	case lexer.Enum:
		q := strings.IndexByte(raw, '\'')
		lit.Kind = ast.LitEnum
		lit.Value = ast.EnumValue{Type: raw[:q], Members: strings.Split(body(raw), ",")}
	}
	return lit
}

// body returns the text between the quotes of prefix'body'.
func body(raw string) string {
	q := strings.IndexByte(raw, '\'')
	return strings.ReplaceAll(raw[q+1:len(raw)-1], "''", "'")
}

func unquote(raw string) string {
	return strings.ReplaceAll(raw[1:len(raw)-1], "''", "'")
}

func jsonUnquote(raw string) (string, bool) {
	var s string
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return "", false
	}
	return s, true
}

// number classifies a numeric literal as OData does: an exponent, INF or NaN
// make a Double, a fraction a Decimal, and anything else an Int64.
func number(lit *ast.Literal) {
	raw := lit.Raw
	switch raw {
	case "INF":
		lit.Kind, lit.Value = ast.LitDouble, math.Inf(1)
		return
	case "-INF":
		lit.Kind, lit.Value = ast.LitDouble, math.Inf(-1)
		return
	case "NaN":
		lit.Kind, lit.Value = ast.LitDouble, math.NaN()
		return
	}
	if strings.ContainsAny(raw, "eE") {
		lit.Kind = ast.LitDouble
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			lit.Problem = raw + " is beyond the range of Edm.Double"
			return
		}
		lit.Value = f
		return
	}
	if strings.Contains(raw, ".") {
		lit.Kind = ast.LitDecimal
		r, ok := new(big.Rat).SetString(raw)
		if !ok {
			lit.Problem = raw + " is not a decimal number"
			return
		}
		lit.Value = r
		return
	}
	lit.Kind = ast.LitInt
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		lit.Problem = raw + " is beyond the range of Edm.Int64"
		return
	}
	lit.Value = n
}

// parseDate reads [-]YYYY-MM-DD (shape checked by the lexer) and says
// whether the day exists.
func parseDate(raw string) (ast.Date, string) {
	neg := strings.HasPrefix(raw, "-")
	s := strings.TrimPrefix(raw, "-")
	dash := strings.IndexByte(s, '-')
	y, err := strconv.Atoi(s[:dash])
	if err != nil || y > 999999 {
		return ast.Date{}, "year " + s[:dash] + " is out of range"
	}
	if neg {
		y = -y
	}
	d := ast.Date{Year: y, Month: atoi2(s[dash+1:]), Day: atoi2(s[dash+4:])}
	if max := daysIn(d.Year, d.Month); d.Day > max {
		return d, d.String() + " is not a date: " + time.Month(d.Month).String() + " " + strconv.Itoa(d.Year) + " has " + strconv.Itoa(max) + " days"
	}
	return d, ""
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseTime reads HH:MM[:SS[.fraction]]; digits past nanoseconds are
// dropped (time values have nanosecond precision).
func parseTime(s string) ast.TimeOfDay {
	t := ast.TimeOfDay{Hour: atoi2(s), Minute: atoi2(s[3:])}
	if len(s) >= 8 {
		t.Second = atoi2(s[6:])
	}
	if len(s) > 9 {
		frac := s[9:]
		for len(frac) < 9 {
			frac += "0"
		}
		t.Nanosecond, _ = strconv.Atoi(frac[:9])
	}
	return t
}

// parseDateTimeOffset reads a DateTimeOffset, including Defender's
// date-with-Z (2018-08-01Z, midnight UTC).
func parseDateTimeOffset(raw string) (time.Time, string) {
	i := strings.IndexAny(raw[1:], "Tt") + 1
	if i == 0 {
		i = len(raw) - 1 // the date-with-Z form
	}
	d, problem := parseDate(raw[:i])
	if problem != "" {
		return time.Time{}, problem
	}
	rest := raw[i:]
	var tod ast.TimeOfDay
	zone := rest
	if rest[0] == 'T' || rest[0] == 't' {
		z := strings.IndexAny(rest, "Zz+-")
		tod, zone = parseTime(rest[1:z]), rest[z:]
	}
	if tod.Second == 60 {
		return time.Time{}, "second 60 (a leap second) cannot be represented"
	}
	loc := time.UTC
	if zone[0] == '+' || zone[0] == '-' {
		off := atoi2(zone[1:])*3600 + atoi2(zone[4:])*60
		if zone[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, tod.Hour, tod.Minute, tod.Second, tod.Nanosecond, loc), ""
}

// parseDuration reads [-]P[nD][T[nH][nM][n[.n]S]]. ok is false when the
// text is not a duration at all; problem is set when it is one the engine
// cannot hold.
func parseDuration(s string) (d time.Duration, problem string, ok bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if !strings.HasPrefix(s, "P") {
		return 0, "", false
	}
	s = s[1:]
	var total big.Rat
	units := map[byte]int64{'D': 86400e9, 'H': 3600e9, 'M': 60e9, 'S': 1e9}
	inTime, seen := false, false
	order := "D"
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, "", false
			}
			inTime, order = true, "HMS"
			s = s[1:]
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		// The ABNF's 1*DIGIT [ "." 1*DIGIT ]: digits on both sides of a point.
		if i == 0 || i == len(s) || s[0] == '.' || s[i-1] == '.' {
			return 0, "", false
		}
		u := s[i]
		k := strings.IndexByte(order, u)
		if k < 0 || strings.Contains(s[:i], ".") && u != 'S' {
			return 0, "", false
		}
		order = order[k+1:]
		var n big.Rat
		if _, ok := n.SetString(s[:i]); !ok {
			return 0, "", false
		}
		total.Add(&total, n.Mul(&n, new(big.Rat).SetInt64(units[u])))
		seen = true
		s = s[i+1:]
	}
	if !seen {
		return 0, "duration has no days, hours, minutes or seconds", true
	}
	ns := new(big.Int).Quo(total.Num(), total.Denom())
	if !ns.IsInt64() {
		return 0, "duration is longer than about 292 years, the longest the engine holds", true
	}
	d = time.Duration(ns.Int64())
	if neg {
		d = -d
	}
	return d, "", true
}

func decodeBase64URL(s string) ([]byte, error) {
	if strings.HasSuffix(s, "=") {
		return base64.URLEncoding.DecodeString(s)
	}
	return base64.RawURLEncoding.DecodeString(s)
}

// parseGeo checks SRID=n;Shape(...) with balanced parentheses.
func parseGeo(s string) (ast.Geo, bool) {
	rest, ok := strings.CutPrefix(strings.ToUpper(s[:min(5, len(s))]), "SRID=")
	_ = rest
	if !ok {
		return ast.Geo{}, false
	}
	semi := strings.IndexByte(s, ';')
	if semi < 0 {
		return ast.Geo{}, false
	}
	srid, err := strconv.Atoi(s[5:semi])
	if err != nil || srid < 0 {
		return ast.Geo{}, false
	}
	wkt := s[semi+1:]
	open := strings.IndexByte(wkt, '(')
	if open <= 0 || !strings.HasSuffix(wkt, ")") {
		return ast.Geo{}, false
	}
	switch strings.ToLower(wkt[:open]) {
	case "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "collection", "geometrycollection":
	default:
		return ast.Geo{}, false
	}
	depth := 0
	for i := open; i < len(wkt); i++ {
		switch wkt[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 || depth == 0 && i != len(wkt)-1 {
				return ast.Geo{}, false
			}
		}
	}
	return ast.Geo{SRID: srid, WKT: wkt}, depth == 0
}

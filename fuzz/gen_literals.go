package fuzz

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
)

// The value pools are shared by the filter and the machine generators, so
// that generated comparisons are sometimes true.
var (
	stringPool = []string{
		"", "a", "A", "abc", "ABC", "x", "Windows10", "Windows11", "WindowsServer2019", "Linux", "macOS",
		"O'Neil", "''", "é", "É", "日本語", "🙂", "ß", "İ", "ǅ", " x ", "\tpad\t", "10.0.0.1", "192.168.1.20",
		"High", "high", "Active", "tag", "Tag", "ExampleTag", "%", "&", "+", "#", "=", "a b", "100%",
		"contoso-pc.contoso.com", "DESKTOP-ÄÖÜ", "ℌ", "\u00a0nbsp\u00a0", "1e5", "null",
		"1e4d9c4d9f9a7c1b2a3f4e5d6c7b8a9f0e1d2c3b",
	}
	intPool = []string{
		"0", "1", "-1", "2", "7", "-7", "140", "255", "1000", "-1000", "007", "+3",
		"9223372036854775807", "-9223372036854775808", "9223372036854775806", "-9223372036854775807",
		"9007199254740993", "9007199254740992", "4611686018427387904", "3037000500", "-3037000500",
		"4294967296", "2147483647", "-2147483648",
	}
	decimalPool = []string{
		"1.5", "-0.5", "0.1", "2.0", "140.0", "9007199254740993.0", "-9223372036854775808.0",
		"9223372036854775807.5", "0.000000001", "123.456", "+2.5", "1.00000000000000000001", "0.0", "-0.0",
		"0.5", "2.5", "-2.5", "1.0", "7.25",
	}
	doublePool = []string{
		"1e3", "1E3", "-2.5e-3", "INF", "-INF", "NaN", "1e308", "-1e308", "4.9e-324", "9.007199254740993e15",
		"9.223372036854775807e18", "1.5e+2", "0e0", "1E-10", "-0e0", "2.5e0", "1.4e1",
	}
	datePool = []string{
		"2018-08-01", "2024-02-29", "2024-12-31", "2025-01-01", "1970-01-01", "0001-01-01", "9999-12-31",
		"2000-02-29", "2024-06-15", "2024-06-14",
	}
	guidPool = []string{
		"01234567-89ab-cdef-0123-456789abcdef", "01234567-89AB-CDEF-0123-456789ABCDEF",
		"00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
	}
	durationPool = []string{
		"P1D", "PT1H", "PT1H30M", "P2DT3H4M5.5S", "-P1D", "PT0S", "PT0.000000001S", "-PT0.000000001S",
		"P106751DT23H47M16.854775807S", "-P106751DT23H47M16.854775807S", "PT36H", "P365D", "P7D", "-P7D",
		"PT59M59.999999999S", "P0D", "PT1M", "P1DT1S",
	}
	offsetPool = []string{"Z", "Z", "z", "+00:00", "-00:00", "-02:00", "+05:30", "+14:00", "-12:00", "+23:59", "-23:59", "+01:00"}
)

// quote writes s as an OData string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// jsonString writes s as a JSON string, with some characters escaped.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == 'é':
			b.WriteString(`\u00e9`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// stringValue returns a string from the pool, sometimes two joined.
func (g *exprGen) stringValue() string {
	s := stringPool[g.r.Intn(len(stringPool))]
	if g.chance(1, 8) {
		s += stringPool[g.r.Intn(len(stringPool))]
	}
	return s
}

// literal returns a literal of type t. It never returns anything but a
// single literal token: lists after in hold only literals.
func (g *exprGen) literal(t gtype) gexpr {
	switch t {
	case tBool:
		return atom(g.oneOf("true", "false", "true", "false", "TRUE", "False"))
	case tInt:
		if g.chance(1, 3) {
			return atom(strconv.Itoa(g.r.Intn(2001) - 1000))
		}
		return atom(g.oneOf(intPool...))
	case tDecimal:
		return atom(g.oneOf(decimalPool...))
	case tDouble:
		return atom(g.oneOf(doublePool...))
	case tString:
		return atom(quote(g.stringValue()))
	case tDate:
		return atom(g.oneOf(datePool...))
	case tDTO:
		return atom(dtoText(g.r, true))
	case tTOD:
		return atom(g.oneOf("00:00", "13:20", "23:59:59", "12:00:00.5", "07:05:03.123456789", "23:59:59.999999999", "10:00:00"))
	case tDuration:
		return atom(g.oneOf("duration", "duration", "Duration", "DURATION") + "'" + g.oneOf(durationPool...) + "'")
	case tGuid:
		return atom(g.oneOf(guidPool...))
	case tRisk, tHealth:
		return g.enumLiteral(t)
	}
	panic("literal of unknown type")
}

// dtoText writes a DateTimeOffset as OData and Defender write them: the
// date, "T", hh:mm with optional seconds and 1 to 12 fractional digits, and
// Z or an offset; in a filter (literal true) also Defender's 2018-08-01Z.
// Most instants fall within a few weeks of the test clock.
func dtoText(r *rand.Rand, literal bool) string {
	if literal && r.Intn(12) == 0 {
		return datePool[r.Intn(len(datePool))] + []string{"Z", "z"}[r.Intn(2)]
	}
	switch r.Intn(25) {
	case 0:
		return "0001-01-01T00:00:00Z"
	case 1:
		return "9999-12-31T23:59:59.9999999Z"
	case 2:
		return "2024-12-31T23:30:00-02:00"
	case 3:
		return "2018-08-02T14:55:03.7791856Z"
	}
	year := 2024
	month, day := 6, 1+r.Intn(30)
	if r.Intn(4) == 0 {
		year, month, day = 1990+r.Intn(45), 1+r.Intn(12), 1+r.Intn(28)
	}
	s := fmt.Sprintf("%04d-%02d-%02d%s%02d:%02d", year, month, day, []string{"T", "T", "T", "t"}[r.Intn(4)], r.Intn(24), r.Intn(60))
	if r.Intn(5) != 0 {
		s += fmt.Sprintf(":%02d", r.Intn(60))
		if r.Intn(2) == 0 {
			digits := 1 + r.Intn(12)
			frac := ""
			for i := 0; i < digits; i++ {
				frac += strconv.Itoa(r.Intn(10))
			}
			s += "." + frac
		}
	}
	return s + offsetPool[r.Intn(len(offsetPool))]
}

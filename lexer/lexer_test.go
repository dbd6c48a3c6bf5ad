package lexer_test

import (
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/lexer"
)

// show renders the tokens of s, without the final EOF, as
// "Type(Value) Type(Value) ...", or "error at N" when the lexer fails.
func show(t *testing.T, s string) string {
	t.Helper()
	toks, err := lexer.Tokenize(s)
	if err != nil {
		return "error: " + err.Error()
	}
	if len(toks) == 0 || toks[len(toks)-1].Type != lexer.EOF {
		t.Fatalf("%q: tokens do not end with EOF", s)
	}
	parts := make([]string, 0, len(toks))
	for _, tk := range toks[:len(toks)-1] {
		parts = append(parts, lexer.TypeName(tk.Type)+"("+tk.Value+")")
	}
	return strings.Join(parts, " ")
}

type lexCase struct{ in, want string }

func runLexCases(t *testing.T, cases []lexCase) {
	t.Helper()
	for _, c := range cases {
		if got := show(t, c.in); got != c.want {
			t.Errorf("%q\n got: %s\nwant: %s", c.in, got, c.want)
		}
	}
}

// TestLiterals covers every primitive literal form of OData 4.01 URLs, plus
// Defender's date-with-Z.
func TestLiterals(t *testing.T) {
	runLexCases(t, []lexCase{
		// null is case-sensitive; booleans are not.
		{"null", "Null(null)"},
		{"Null", "Ident(Null)"},
		{"NULL", "Ident(NULL)"},
		{"true", "Boolean(true)"},
		{"false", "Boolean(false)"},
		{"TRUE", "Boolean(TRUE)"},
		{"tRuE", "Boolean(tRuE)"},
		{"False", "Boolean(False)"},
		{"trueish", "Ident(trueish)"},

		// Integers, signed, decimals, doubles.
		{"0", "Number(0)"},
		{"42", "Number(42)"},
		{"-42", "Number(-42)"},
		{"+42", "Number(+42)"},
		{"9223372036854775808", "Number(9223372036854775808)"},
		{"1.5", "Number(1.5)"},
		{"-0.5", "Number(-0.5)"},
		{"1e5", "Number(1e5)"},
		{"1E+5", "Number(1E+5)"},
		{"1.5e-3", "Number(1.5e-3)"},
		{"-1.5E10", "Number(-1.5E10)"},
		{"+1.5e+3", "Number(+1.5e+3)"},

		// INF, -INF and NaN are case-sensitive names of doubles.
		{"INF", "Number(INF)"},
		{"-INF", "Number(-INF)"},
		{"NaN", "Number(NaN)"},
		{"inf", "Ident(inf)"},
		{"Inf", "Ident(Inf)"},
		{"nan", "Ident(nan)"},
		{"NAN", "Ident(NAN)"},
		{"-inf", "Minus(-) Ident(inf)"},
		{"INFO", "Ident(INFO)"},
		{"-INFO", "Minus(-) Ident(INFO)"},
		{"-NaN", "Minus(-) Number(NaN)"},

		// Strings: '' is a quote; the text is kept as written.
		{"'abc'", "String('abc')"},
		{"''", "String('')"},
		{"'O''Neil'", "String('O''Neil')"},
		{"''''", "String('''')"},
		{"'a b  c'", "String('a b  c')"},
		{"'eq and ( \"'", "String('eq and ( \"')"},
		{"'ä€😀'", "String('ä€😀')"},

		// Dates, DateTimeOffsets (any offset, up to 12 fractional digits),
		// and Defender's date-with-Z.
		{"2012-12-03", "Date(2012-12-03)"},
		{"0001-01-01", "Date(0001-01-01)"},
		{"-0001-01-01", "Date(-0001-01-01)"},
		{"12345-12-31", "Date(12345-12-31)"},
		{"2012-02-30", "Date(2012-02-30)"}, // the calendar is the parser's business
		{"2012-12-03T07:16Z", "DateTimeOffset(2012-12-03T07:16Z)"},
		{"2012-12-03T07:16:23Z", "DateTimeOffset(2012-12-03T07:16:23Z)"},
		{"2012-12-03t07:16:23z", "DateTimeOffset(2012-12-03t07:16:23z)"},
		{"2012-12-03T07:16:23.5+01:00", "DateTimeOffset(2012-12-03T07:16:23.5+01:00)"},
		{"2012-12-03T07:16:23-08:30", "DateTimeOffset(2012-12-03T07:16:23-08:30)"},
		{"2012-12-03T07:16:23.123456789012Z", "DateTimeOffset(2012-12-03T07:16:23.123456789012Z)"},
		{"2012-12-03T23:59:60Z", "DateTimeOffset(2012-12-03T23:59:60Z)"}, // a leap second
		{"2018-08-01Z", "DateTimeOffset(2018-08-01Z)"},
		{"2018-08-01z", "DateTimeOffset(2018-08-01z)"},

		// TimeOfDay.
		{"13:52", "TimeOfDay(13:52)"},
		{"00:00", "TimeOfDay(00:00)"},
		{"23:59:59", "TimeOfDay(23:59:59)"},
		{"13:52:01.5", "TimeOfDay(13:52:01.5)"},
		{"13:52:01.123456789012", "TimeOfDay(13:52:01.123456789012)"},
		// A colon without two digits after it ends the time (or, after two
		// digits, the number): case(x eq 10:1,...), case(x eq 13:52:'y').
		{"10:1", "Number(10) Punct(:) Number(1)"},
		{"13:52:x", "TimeOfDay(13:52) Punct(:) Ident(x)"},
		{"13:52:'y'", "TimeOfDay(13:52) Punct(:) String('y')"},

		// Durations: the prefix in any case; without it, a duration is a
		// string (the 4.01 ABNF allows both, the value decides).
		{"duration'P1D'", "Duration(duration'P1D')"},
		{"DURATION'PT1H'", "Duration(DURATION'PT1H')"},
		{"Duration'-P1DT2H3M4.5S'", "Duration(Duration'-P1DT2H3M4.5S')"},
		{"'P1D'", "String('P1D')"},
		{"P1D", "Ident(P1D)"},

		// GUIDs, including those that start with letters.
		{"01234567-89ab-cdef-0123-456789abcdef", "Guid(01234567-89ab-cdef-0123-456789abcdef)"},
		{"ABCDEF01-2345-6789-ABCD-EF0123456789", "Guid(ABCDEF01-2345-6789-ABCD-EF0123456789)"},
		{"abcdef01-2345-6789-abcd-ef0123456789", "Guid(abcdef01-2345-6789-abcd-ef0123456789)"},
		{"deadbeef-dead-beef-dead-beefdeadbeef", "Guid(deadbeef-dead-beef-dead-beefdeadbeef)"},
		{"ABCDEF01-2345", "Ident(ABCDEF01) Number(-2345)"},
		{"ABCDEF01-2345-6789-ABCD-EF0123456789x", "Ident(ABCDEF01) Number(-2345) Number(-6789) Minus(-) Ident(ABCD) Minus(-) Ident(EF0123456789x)"},

		// Enum literals: a qualified type name directly followed by a quote.
		{"Ns.Type'Member'", "Enum(Ns.Type'Member')"},
		{"Sales.Pattern'Yellow,Red'", "Enum(Sales.Pattern'Yellow,Red')"},
		{"Sales.Pattern'1'", "Enum(Sales.Pattern'1')"},
		{"A.B.C'x''y'", "Enum(A.B.C'x''y')"},
		{"Ns.Type 'Member'", "Ident(Ns.Type) String('Member')"},

		// Binary, geography and geometry, prefixes in any case.
		{"binary'AQID'", "Binary(binary'AQID')"},
		{"BINARY'T0RhdGE='", "Binary(BINARY'T0RhdGE=')"},
		{"geography'SRID=0;Point(142.1 64.1)'", "Geography(geography'SRID=0;Point(142.1 64.1)')"},
		{"Geography'SRID=4326;LineString(1 1,2 2)'", "Geography(Geography'SRID=4326;LineString(1 1,2 2)')"},
		{"geometry'SRID=0;Polygon((0 0,1 1,0 0))'", "Geometry(geometry'SRID=0;Polygon((0 0,1 1,0 0))')"},

		// JSON arrays and objects are punctuation around values; JSON strings
		// are double-quoted with backslash escapes.
		{`["a",1]`, `Punct([) JSONString("a") Punct(,) Number(1) Punct(])`},
		{`{"k":"v"}`, `Punct({) JSONString("k") Punct(:) JSONString("v") Punct(})`},
		{`"say \"hi\" \\"`, `JSONString("say \"hi\" \\")`},
		{`[]`, `Punct([) Punct(])`},
	})
}

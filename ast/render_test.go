package ast

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRender(t *testing.T) {
	long := strings.Repeat("a eq 1 and ", 10) // 110 bytes
	tests := []struct {
		name string
		src  string
		diag Diagnostic
		want string
	}{
		{"suggestion", "riskScor eq 'High'",
			Diagnostic{Span{0, 8}, CodeUnknownField, "unknown field 'riskScor'", "riskScore"}, `
error: unknown field 'riskScor' [unknown_field]
 | riskScor eq 'High'
 | ^~~~~~~~
 = did you mean ` + "`riskScore`" + `?
`},
		{"quoted suggestion kept", "riskScore eq 'Hgh'",
			Diagnostic{Span{13, 18}, CodeUnknownEnumMember, "no member 'Hgh'", "'High'"}, `
error: no member 'Hgh' [unknown_enum_member]
 | riskScore eq 'Hgh'
 |              ^~~~~
 = did you mean 'High'?
`},
		{"empty span at end", "a eq", Diagnostic{Span{4, 4}, CodeSyntax, "expected a value", ""}, `
error: expected a value [syntax]
 | a eq
 |     ^
`},
		{"no code, empty source", "", Diagnostic{Span{0, 0}, "", "empty filter", ""}, `
error: empty filter
 | 
 | ^
`},
		{"runes before the span", "näme eq 'x' and y gt 1", Diagnostic{Span{17, 18}, CodeUnknownField, "unknown field 'y'", ""}, `
error: unknown field 'y' [unknown_field]
 | näme eq 'x' and y gt 1
 |                 ^
`},
		{"wide runes take two columns", "name eq '日本' and y gt 1", Diagnostic{Span{21, 22}, CodeUnknownField, "unknown field 'y'", ""}, `
error: unknown field 'y' [unknown_field]
 | name eq '日本' and y gt 1
 |                    ^
`},
		{"span over wide runes", "name eq '日本'", Diagnostic{Span{8, 16}, CodeTypeMismatch, "bad", ""}, `
error: bad [type_mismatch]
 | name eq '日本'
 |         ^~~~~~
`},
		{"tab shown as space", "a\teq 1 and\tb", Diagnostic{Span{11, 12}, CodeUnknownField, "unknown field 'b'", ""}, `
error: unknown field 'b' [unknown_field]
 | a eq 1 and b
 |            ^
`},
		{"second line", "a eq 1\r\nand b eq\n2", Diagnostic{Span{12, 100}, CodeUnknownField, "unknown field 'b'", "c"}, `
error: unknown field 'b' [unknown_field]
2 | and b eq
  |     ^~~~
  = did you mean ` + "`c`" + `?
`},
		{"end of first line", "a eq\r\n", Diagnostic{Span{5, 6}, CodeSyntax, "expected a value", ""}, `
error: expected a value [syntax]
1 | a eq
  |     ^
`},
		{"clipped both sides", long + "bad" + long, Diagnostic{Span{110, 113}, CodeSyntax, "unexpected 'bad'", ""}, `
error: unexpected 'bad' [syntax]
 | ...d a eq 1 and a eq 1 and a eq 1 and bada eq 1 and a eq 1 and a eq 1 and a e...
 |                                       ^~~
`},
		{"clipped left, at end", long + "x", Diagnostic{Span{111, 111}, CodeSyntax, "unexpected end", ""}, `
error: unexpected end [syntax]
 | ... 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 and x
 |                                                                              ^
`},
		{"clipped right", "x" + long, Diagnostic{Span{0, 1}, CodeUnknownField, "unknown field 'x'", ""}, `
error: unknown field 'x' [unknown_field]
 | xa eq 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 ...
 | ^
`},
		{"wide span clipped", long, Diagnostic{Span{11, 1000}, CodeTooLong, "too long", ""}, `
error: too long [too_long]
 | ...a eq 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 and a eq 1 a...
 |    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
`},
		{"clamped and sanitised", "x\x1b[1m eq \xff", Diagnostic{Span{-5, 1000}, CodeSyntax, "bad", ""}, `
error: bad [syntax]
 | x` + "\uFFFD" + `[1m eq ` + "\uFFFD" + `
 | ^~~~~~~~~~
`},
		{"start beyond the end", "a eq", Diagnostic{Span{99, 3}, CodeSyntax, "bad", ""}, `
error: bad [syntax]
 | a eq
 |     ^
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.TrimPrefix(tt.want, "\n")
			if got := tt.diag.Render(tt.src); got != want {
				t.Errorf("Render\n got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestDiagnosticsRender(t *testing.T) {
	src := "riskScor eq 'Hgh'"
	var ds Diagnostics
	ds.Add(Span{0, 8}, CodeUnknownField, "unknown field %q", "riskScor").Suggestion = "riskScore"
	ds = append(ds, nil)
	ds.Add(Span{12, 17}, CodeUnknownEnumMember, "no member %s", "'Hgh'")
	want := `error: unknown field "riskScor" [unknown_field]
 | riskScor eq 'Hgh'
 | ^~~~~~~~
 = did you mean ` + "`riskScore`" + `?
error: no member 'Hgh' [unknown_enum_member]
 | riskScor eq 'Hgh'
 |             ^~~~~
`
	if got := ds.Render(src); got != want {
		t.Errorf("Render\n got:\n%s\nwant:\n%s", got, want)
	}
	if got := Diagnostics(nil).Render(src); got != "" {
		t.Errorf("empty Render = %q", got)
	}
	if got := (*Diagnostic)(nil).Render(src); got != "" {
		t.Errorf("nil Render = %q", got)
	}
}

// TestRenderNeverPanics renders random spans over random text, with line
// breaks, tabs, wide runes, combining marks, controls and invalid UTF-8.
// Where the line is plain ASCII it also checks that the carets stand under
// the span's own characters, clipped or not.
func TestRenderNeverPanics(t *testing.T) {
	pieces := []string{"a", "b", " ", "eq", "'x'", "\t", "\n", "\r", "\r\n", "ä", "日本", "e\u0301", "\xff", "\xe6\x97", "\x1b", "\u202e", "\U0001F600"}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		ascii := rng.Intn(2) == 0
		for n := rng.Intn(200); n > 0; n-- {
			if ascii {
				b.WriteString(pieces[rng.Intn(5)])
			} else {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
		}
		src := b.String()
		sp := Span{rng.Intn(len(src)+20) - 10, rng.Intn(len(src)+20) - 10}
		if rng.Intn(10) == 0 {
			sp = Span{-1 << 62, 1 << 62}
		}
		d := &Diagnostic{Span: sp, Code: CodeSyntax, Message: "m", Suggestion: "s"}
		out := d.Render(src)
		if !utf8.ValidString(out) {
			t.Fatalf("Render(%q, %v) is not valid UTF-8: %q", src, sp, out)
		}
		lines := strings.Split(out, "\n")
		gutter := strings.Index(lines[min(1, len(lines)-1)], " | ") + len(" | ")
		if len(lines) != 5 || lines[4] != "" || gutter < 3 ||
			strings.Repeat(" ", gutter-3)+" | " != lines[2][:min(gutter, len(lines[2]))] ||
			strings.Trim(lines[2][gutter:], " ^~") != "" || strings.Count(lines[2], "^") != 1 {
			t.Fatalf("Render(%q, %v) has a bad shape:\n%s", src, sp, out)
		}
		if ascii && sp.Start >= 0 && sp.Start < sp.End && sp.End <= len(src) {
			text, carets := lines[1][gutter:], lines[2][gutter:]
			col := strings.IndexByte(carets, '^')
			under := text[col:min(len(text), len(carets))]
			under = strings.TrimSuffix(under, clipMarker)
			if !strings.HasPrefix(src[sp.Start:sp.End], under) || under == "" {
				t.Fatalf("Render(%q, %v): carets under %q\n%s", src, sp, under, out)
			}
		}
	}
}

package ast

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxColumns is the widest source excerpt Render prints; longer lines are
// clipped around the span, with clipMarker on each side that was cut.
const (
	maxColumns = 80
	clipMarker = "..."
)

// Render returns the diagnostic as people read it, for the source text src
// its Span indexes into:
//
//	error: unknown field 'riskScor' [unknown_field]
//	 | riskScor eq 'High'
//	 | ^~~~~~~~
//	 = did you mean `riskScore`?
//
// The first line is the message and the code. Then comes the source line
// holding Span.Start, and a caret under the span: "^" under its first
// character and "~" under the rest, or a single "^" just after the last
// character when the span is empty or at the end of the input. The last
// line is present only when Suggestion is not empty; it shows the
// suggestion as DidYouMean does. Every line ends with a newline.
//
// Columns follow runes, not bytes: a wide (East Asian) character takes two
// columns and a combining mark none, so carets stay under their characters
// in a terminal. A tab is shown as one space; other control characters,
// bidirectional-text controls and each byte of invalid UTF-8 are shown as
// U+FFFD. When src has several lines ("\n", "\r\n" or "\r"), only the line
// holding Span.Start is shown and the gutter carries its number, as in
// "2 | ...". A line wider than 80 columns is clipped around the span, with
// "..." where text was cut; a span running past the end of its line is cut
// at the line's end. Spans outside src are clamped: Render never panics.
func (d *Diagnostic) Render(src string) string {
	if d == nil {
		return ""
	}
	var b strings.Builder
	d.render(&b, src)
	return b.String()
}

// Render renders each diagnostic as Diagnostic.Render does, one after the
// other, all against the same source text; nil entries are skipped.
func (ds Diagnostics) Render(src string) string {
	var b strings.Builder
	for _, d := range ds {
		if d != nil {
			d.render(&b, src)
		}
	}
	return b.String()
}

func (d *Diagnostic) render(b *strings.Builder, src string) {
	b.WriteString("error: ")
	b.WriteString(d.Message)
	if d.Code != "" {
		b.WriteString(" [" + string(d.Code) + "]")
	}
	b.WriteByte('\n')

	x := excerptAt(src, d.Span)
	num := ""
	if x.multiLine {
		num = strconv.Itoa(x.line)
	}
	pad := strings.Repeat(" ", len(num))
	b.WriteString(num + " | " + x.text + "\n")
	b.WriteString(pad + " | " + strings.Repeat(" ", x.col) + "^" + strings.Repeat("~", x.width-1) + "\n")
	if s := d.DidYouMean(); s != "" {
		b.WriteString(pad + " = " + s + "\n")
	}
}

// excerpt is the part of a source line Render shows, and where the caret
// goes under it, in columns of the shown text.
type excerpt struct {
	line      int  // 1-based number of the line shown
	multiLine bool // src has more than one line
	text      string
	col       int // columns before the caret
	width     int // columns the caret covers, at least 1
}

func excerptAt(src string, sp Span) excerpt {
	start := min(max(sp.Start, 0), len(src))
	end := min(max(sp.End, start), len(src))
	if start > 0 && start < len(src) && src[start-1] == '\r' && src[start] == '\n' {
		start-- // between \r and \n: the end of the line the \r closes
	}
	lineStart := strings.LastIndexAny(src[:start], "\r\n") + 1
	lineEnd := len(src)
	if i := strings.IndexAny(src[start:], "\r\n"); i >= 0 {
		lineEnd = start + i
	}
	end = min(end, lineEnd)

	// Decode the line: shown runes, and cols[i], the columns before rune i.
	var runes []rune
	cols := []int{0}
	ci, ce := -1, -1 // runes where the span starts and ends
	for off := lineStart; off < lineEnd; {
		r, size := utf8.DecodeRuneInString(src[off:lineEnd])
		if ci < 0 && off+size > start {
			ci = len(runes)
		}
		if ce < 0 && off >= end {
			ce = len(runes)
		}
		r = shownRune(r)
		runes = append(runes, r)
		cols = append(cols, cols[len(cols)-1]+runeWidth(r))
		off += size
	}
	n := len(runes)
	if ci < 0 {
		ci = n
	}
	if ce < 0 {
		ce = n
	}

	lo, hi := 0, n
	if total := cols[n]; total > maxColumns {
		w := maxColumns - 2*len(clipMarker)
		spanCols := min(max(cols[ce]-cols[ci], 1), w)
		loCol := min(max(cols[ci]-(w-spanCols)/2, 0), total-w)
		lo = sort.SearchInts(cols, loCol)
		hi = sort.SearchInts(cols, cols[lo]+w+1) - 1
	}

	var t strings.Builder
	col := cols[ci] - cols[lo]
	if lo > 0 {
		t.WriteString(clipMarker)
		col += len(clipMarker)
	}
	t.WriteString(string(runes[lo:hi]))
	if hi < n {
		t.WriteString(clipMarker)
	}
	return excerpt{
		line:      1 + countLines(src[:lineStart]),
		multiLine: strings.ContainsAny(src, "\r\n"),
		text:      t.String(),
		col:       col,
		width:     max(cols[min(ce, hi)]-cols[ci], 1),
	}
}

// countLines counts the line breaks in s: "\n", "\r\n" and a lone "\r".
func countLines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || (s[i] == '\r' && (i+1 == len(s) || s[i+1] != '\n')) {
			n++
		}
	}
	return n
}

// shownRune returns the rune Render prints for r: a space for a tab, and
// U+FFFD for anything that would move, reorder or hide text in a terminal.
func shownRune(r rune) rune {
	switch {
	case r == '\t':
		return ' '
	case unicode.In(r, unicode.Cc, unicode.Zl, unicode.Zp, unicode.Bidi_Control):
		return utf8.RuneError
	}
	return r
}

// runeWidth returns the terminal columns r takes: 0 for combining marks and
// invisible format characters, 2 for East Asian wide and full-width
// characters, 1 otherwise.
func runeWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1100 && (r <= 0x115f || // Hangul Jamo
		r >= 0x2e80 && r <= 0xa4cf && r != 0x303f || // CJK ... Yi
		r >= 0xac00 && r <= 0xd7a3 || // Hangul syllables
		r >= 0xf900 && r <= 0xfaff || // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f || // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60 || // full-width forms
		r >= 0xffe0 && r <= 0xffe6 ||
		r >= 0x1f300 && r <= 0x1f64f || // symbols and emoticons
		r >= 0x1f900 && r <= 0x1f9ff ||
		r >= 0x20000 && r <= 0x3fffd): // CJK extensions
		return 2
	}
	return 1
}

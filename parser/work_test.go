package parser

import (
	"errors"
	"regexp/syntax"
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/ast"
)

// TestWorkLimits: lambdas nested past MaxLambdaDepth are too_deep at the
// lambda too deep, and literal patterns past MaxPatternSize (together)
// too_complex at the pattern, through aliases too.
func TestWorkLimits(t *testing.T) {
	lim := Limits{MaxLambdaDepth: 2, MaxPatternSize: 100}
	tests := []struct {
		query string
		code  ast.Code
		at    string // the text the error's span starts at
	}{
		{"$filter=machineTags/any(a: machineTags/any(b: b eq a))", "", ""},
		{"$filter=machineTags/any(a: machineTags/any(b: machineTags/any(c: c eq a)))", ast.CodeTooDeep, "machineTags/any(c:"},
		{"$filter=machineTags/any(a: a eq 'x') and machineTags/all(b: machineTags/any(c: c eq b))", "", ""},
		{"$filter=machineTags/any(a: @p)&@p=machineTags/any(b: machineTags/any(c: c eq b))", ast.CodeTooDeep, "machineTags/any(c:"},
		{"$filter=machineTags/any(a: machineTags/any())", "", ""}, // any() has no predicate to nest
		{"$filter=matchesPattern(id,'^[a-z]{1,20}$')", "", ""},
		{"$filter=matchesPattern(id,'[a-z]{0,200}')", ast.CodeTooComplex, "'[a-z]"},
		{"$filter=matchesPattern(id,'[a-z]{0,40}') or matchesPattern(id,'[0-9]{0,40}')", ast.CodeTooComplex, "'[0-9]"},
		{"$filter=matchesPattern(id,@p)&@p='[a-z]{0,200}'", ast.CodeTooComplex, "'[a-z]"},
		{"$filter=matchesPattern(id,'(')", "", ""}, // a bad pattern is the checker's
		{"$filter=@a&@a=@b&@b=@a", "", ""},         // a cycle is the checker's
	}
	for _, tt := range tests {
		_, err := (&Parser{Limits: lim}).ParseQuery(tt.query)
		var ds ast.Diagnostics
		switch {
		case tt.code == "" && err != nil:
			t.Errorf("%s: %v", tt.query, err)
		case tt.code == "":
		case !errors.As(err, &ds):
			t.Errorf("%s: %v, want %s", tt.query, err, tt.code)
		case ds[0].Code != tt.code || !strings.HasPrefix(tt.query[ds[0].Span.Start:], tt.at):
			t.Errorf("%s: %s at %q, want %s at %q", tt.query, ds[0].Code, tt.query[ds[0].Span.Start:], tt.code, tt.at)
		}
	}
	// The defaults: 3 lambdas deep, 10,000 instructions.
	if _, err := ParseFilter("machineTags/any(a: machineTags/any(b: machineTags/any(c: machineTags/any(d: d eq a))))"); err == nil {
		t.Error("4 lambdas deep parsed with the default limits")
	}
}

// TestPatternSize: the size is the compiled program's, and a pattern far
// past the limit is refused from its parse tree, before Go builds the
// program (which takes seconds for this one).
func TestPatternSize(t *testing.T) {
	for _, pat := range []string{"a", "^[0-9a-f]{40}$", "(a|b)*c{2,5}", `(?i)host\d+\.contoso\.com`, "[a-z]{0,300}[0-9]+", "(ab){3}|x{0,10}"} {
		n, err := PatternSize(pat, 10000)
		re, _ := syntax.Parse(pat, syntax.Perl)
		prog, _ := syntax.Compile(re.Simplify())
		if err != nil || n != len(prog.Inst) {
			t.Errorf("PatternSize(%q) = %d, %v; the program has %d instructions", pat, n, err, len(prog.Inst))
		}
		if est := estimateSize(re, 1<<30); est < len(prog.Inst)/2 {
			t.Errorf("%q: estimated %d instructions, compiled %d: the estimate lets through programs twice the limit", pat, est, len(prog.Inst))
		}
	}
	start := time.Now()
	_, err := PatternSize(strings.Repeat("[a-z]{0,1000}", 300), 10000)
	var tc *PatternTooComplexError
	if !errors.As(err, &tc) || tc.Max != 10000 || tc.Size <= 10000 {
		t.Errorf("a 600,000-instruction pattern: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Logf("refused after %v: was the program built?", d) // a timing is a hint, not an assertion
	}
	if _, err := PatternSize("(", 10000); err == nil || errors.As(err, &tc) {
		t.Errorf("a syntax error: %v", err)
	}
}

package parser

import (
	"fmt"
	"regexp"
	"regexp/syntax"
)

// PatternTooComplexError reports a matchesPattern regular expression
// whose compiled program is larger than the limit (Limits.MaxPatternSize).
type PatternTooComplexError struct {
	Size int // the program's size in instructions, or a lower bound of it
	Max  int // the limit
}

// Error says how large the program is and what the limit is.
func (e *PatternTooComplexError) Error() string {
	return fmt.Sprintf("the regular expression compiles to more than %d instructions (at least %d), the limit", e.Max, e.Size)
}

// CompilePattern compiles an RE2 pattern as regexp.Compile does, unless its
// program would have more than max instructions: then the error is a
// *PatternTooComplexError, found before the program is built (a pattern of
// a few kilobytes can otherwise take seconds and hundreds of megabytes to
// compile). It returns the program's size in instructions, which is what
// a match costs per byte of its subject.
func CompilePattern(pattern string, max int) (*regexp.Regexp, int, error) {
	n, err := PatternSize(pattern, max)
	if err != nil {
		return nil, n, err
	}
	rx, err := regexp.Compile(pattern)
	return rx, n, err
}

// PatternSize returns the size in instructions of the program of an RE2
// pattern, or a *PatternTooComplexError when it has more than max (found
// from the parse tree, before the program is built), or the pattern's
// syntax error.
func PatternSize(pattern string, max int) (int, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return 0, err
	}
	if n := estimateSize(re, max); n > max {
		return n, &PatternTooComplexError{Size: n, Max: max}
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0, err
	}
	if n := len(prog.Inst); n > max {
		return n, &PatternTooComplexError{Size: n, Max: max}
	}
	return len(prog.Inst), nil
}

// estimateSize estimates the instructions of re's program from the parsed
// tree, as Go's compiler lays them out (a counted repetition is copied
// once for each count), stopping past max.
func estimateSize(re *syntax.Regexp, max int) int {
	sat := func(n int) int { return min(n, max+1) }
	switch re.Op {
	case syntax.OpLiteral:
		return sat(len(re.Rune))
	case syntax.OpCapture:
		return sat(2 + estimateSize(re.Sub[0], max))
	case syntax.OpConcat, syntax.OpAlternate:
		n := len(re.Sub)
		for _, s := range re.Sub {
			if n += estimateSize(s, max); n > max {
				return max + 1
			}
		}
		return n
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return sat(1 + estimateSize(re.Sub[0], max))
	case syntax.OpRepeat:
		s := estimateSize(re.Sub[0], max) + 1
		copies := re.Max
		if copies < 0 {
			copies = re.Min + 1
		}
		if copies > 0 && s > (max+1)/copies {
			return max + 1
		}
		return sat(copies*s + 1)
	}
	return 1
}

package fuzz

import (
	"strings"
	"unicode"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// stringFunc evaluates the string functions on non-null arguments. Indexes
// and lengths count runes (code points), not bytes.
func stringFunc(e *ast.CallExpr, args []value) (value, bool) {
	str := func(i int) string {
		s, ok := args[i].(string)
		if !ok {
			fail(e, "argument %d of %s is %s, not a string", i+1, e.Name, show(args[i]))
		}
		return s
	}
	integer := func(i int) int64 {
		n, ok := args[i].(int64)
		if !ok {
			fail(e, "argument %d of %s is %s, not an Int64", i+1, e.Name, show(args[i]))
		}
		return n
	}
	switch e.Name {
	case "contains":
		return strings.Contains(str(0), str(1)), true
	case "startswith":
		return strings.HasPrefix(str(0), str(1)), true
	case "endswith":
		return strings.HasSuffix(str(0), str(1)), true
	case "indexof":
		return runeIndex([]rune(str(0)), []rune(str(1))), true
	case "length":
		return int64(len([]rune(str(0)))), true
	case "substring":
		if len(args) == 3 && integer(2) < 0 {
			return nil, true // 4.01: a bad request; computed, it is null
		}
		s := []rune(str(0))
		i := integer(1)
		if i < 0 { // 4.01: a negative start counts from the end
			i = max(int64(len(s))+i, 0)
		}
		if i >= int64(len(s)) {
			return "", true // a start past the end gives ''
		}
		s = s[i:]
		if len(args) == 3 {
			n := integer(2)
			switch {
			case n < int64(len(s)):
				s = s[:n]
			}
		}
		return string(s), true
	case "tolower":
		return strings.ToLower(str(0)), true
	case "toupper":
		return strings.ToUpper(str(0)), true
	case "trim":
		return strings.TrimFunc(str(0), unicode.IsSpace), true
	case "concat":
		return str(0) + str(1), true
	case "matchespattern":
		// Reading: a pattern that is not a literal (a field, a concat) and
		// does not compile as RE2 gives null, as an argument without a
		// value does; the checker rejects a bad literal pattern. So does
		// one over the size limit (a literal one is a too_complex error).
		re, _, err := parser.CompilePattern(str(1), parser.DefaultLimits.MaxPatternSize)
		if err != nil {
			return nil, true
		}
		return re.MatchString(str(0)), true
	}
	return nil, false
}

// runeIndex returns the rune index of the first occurrence of t in s, or -1.
func runeIndex(s, t []rune) int64 {
	for i := 0; i+len(t) <= len(s); i++ {
		match := true
		for j := range t {
			if s[i+j] != t[j] {
				match = false
				break
			}
		}
		if match {
			return int64(i)
		}
	}
	return -1
}

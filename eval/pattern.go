package eval

import (
	"errors"
	"regexp"
	"sync"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// matchStepBytes is how many bytes of subject times program instructions
// one step of the budget stands for: a match costs about the product of
// the two (Go's regexp is linear in each).
const matchStepBytes = 32

// matches is matchesPattern: an unanchored RE2 search. A constant pattern
// is compiled once, when planning; a computed one once per distinct
// pattern, in a small cache of the program's.
type matches struct {
	x     node[string]
	re    *regexp.Regexp // a constant pattern; nil for a computed one
	insts int            // re's program size
	pat   node[string]
	cache *patternCache
}

func (n matches) b(m *schema.Machine, f *frame) tri {
	x, ok := n.x.eval(m, f)
	if !ok {
		return tNull
	}
	re, insts := n.re, n.insts
	if re == nil {
		pat, ok := n.pat.eval(m, f)
		if !ok || f.spend(len(pat)) {
			return tNull
		}
		if re, insts = n.cache.get(pat); re == nil {
			return tNull
		}
	}
	if f.spend(len(x)*insts/matchStepBytes + 1) {
		return tNull
	}
	return triOf(re.MatchString(x))
}

// patternCache holds the compiled computed patterns of one program (all
// its matchesPattern calls share it), at
// most max instructions of them together (each at most max: a larger one,
// or one that is not a valid pattern, is remembered as nil). When a new
// one does not fit, the cache starts over: a filter that computes a
// different pattern for every record compiles each once, as it must, and
// holds no more than one limit's worth.
type patternCache struct {
	max int

	mu    sync.Mutex
	res   map[string]cachedPattern
	insts int
}

type cachedPattern struct {
	re    *regexp.Regexp // nil: invalid or too complex, which matches as null
	insts int
}

// maxCachedPatterns bounds the entries (of any size) a patternCache keeps.
const maxCachedPatterns = 64

func (c *patternCache) get(pat string) (*regexp.Regexp, int) {
	c.mu.Lock()
	e, ok := c.res[pat]
	c.mu.Unlock()
	if ok {
		return e.re, e.insts
	}
	re, n, err := parser.CompilePattern(pat, c.max)
	if err != nil {
		re, n = nil, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.res == nil || c.insts+n > c.max || len(c.res) >= maxCachedPatterns || len(pat) > c.max {
		c.res, c.insts = map[string]cachedPattern{}, 0
	}
	if len(pat) <= c.max { // do not keep long keys
		c.res[pat] = cachedPattern{re, n}
		c.insts += n
	}
	return re, n
}

// matchesPattern plans matchesPattern. A constant pattern (a literal, or
// one folded from constants) is compiled here and counts towards the
// program's total (parser.Limits.MaxPatternSize): past it, planning fails
// with too_complex. One that is not a valid pattern is null.
func (p *planner) matchesPattern(e *ast.CallExpr) any {
	n := matches{x: typed[string](p, e.Args[0]), pat: typed[string](p, e.Args[1])}
	c, ok := n.pat.(constant[string])
	if !ok {
		if p.patterns == nil { // one cache for the program's computed patterns
			p.patterns = &patternCache{max: p.maxPattern}
		}
		n.cache = p.patterns
		return n
	}
	if !c.ok {
		return constBool(tNull)
	}
	re, insts, err := parser.CompilePattern(c.v, p.maxPattern-p.patternInsts)
	var tc *parser.PatternTooComplexError
	switch {
	case errors.As(err, &tc):
		if p.err == nil {
			var ds ast.Diagnostics
			ds.Add(e.Args[1].Span(), ast.CodeTooComplex,
				"the query's regular expressions compile to more than %d instructions, the limit: simplify the pattern", p.maxPattern)
			p.err = ds
		}
		return constBool(tNull)
	case err != nil:
		return constBool(tNull) // a computed pattern that is no regular expression
	}
	p.patternInsts += insts
	n.re, n.insts = re, insts
	return n
}

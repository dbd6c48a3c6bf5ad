package eval

import (
	"fmt"
	"strings"
	"testing"
)

func TestPatternCacheCompilesOncePerPattern(t *testing.T) {
	c := &patternCache{max: 10000}
	a, n := c.get("^host[0-9]+$")
	b, _ := c.get("^host[0-9]+$")
	if a == nil || a != b || n == 0 {
		t.Fatalf("two gets of one pattern: %p and %p (%d instructions); want one compiled program", a, b, n)
	}
	if re, _ := c.get("("); re != nil {
		t.Error("an invalid pattern compiled")
	}
	if re, _ := c.get(strings.Repeat("[a-z]{0,1000}", 20)); re != nil {
		t.Error("a pattern over the limit compiled")
	}
	// A different pattern for every record: the cache holds at most its
	// limit of instructions and of entries.
	for i := range 1000 {
		c.get(fmt.Sprintf("^host%d[a-z]{0,50}$", i))
		if c.insts > c.max || len(c.res) > maxCachedPatterns {
			t.Fatalf("after %d patterns: %d instructions in %d entries; the bounds are %d and %d",
				i+1, c.insts, len(c.res), c.max, maxCachedPatterns)
		}
	}
}

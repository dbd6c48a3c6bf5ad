package parser_test

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// alphabet holds the pieces random inputs are built from: tokens of every
// kind, fragments that are almost tokens, and query-string syntax.
var alphabet = []string{
	"a", "b/c", "Tags", "Ns.T", "ä", " ", " ", " ", "\t",
	"eq", "ne", "gt", "le", "and", "or", "not", "-", "add", "sub", "mul", "divby", "mod", "has", "in",
	"(", ")", "[", "]", "{", "}", ",", ":", "/", "=", ";",
	"'x'", "''", "'", `"k"`, `"`, "1", "-1", "1.5", "1e5", "1.", "INF", "-INF", "NaN", "null", "true",
	"2018-08-01", "2018-08-01Z", "2018-08-01T00:00:00Z", "2012-13-01", "13:52", "24:00",
	"duration'P1D'", "binary'AQID'", "geography'SRID=0;Point(1 2)'", "Ns.T'M'",
	"01234567-89ab-cdef-0123-456789abcdef", "ABCDEF01-2345-6789-ABCD-EF0123456789",
	"any(", "all(", "t:", "t", "$it", "$root", "$count", "$count(", "$filter(", "$filter=", "$IT",
	"contains(", "substring(", "cast(", "isof(", "Edm.String", "Collection(", "case(", "now()", "@p",
	"&", "$top=", "$skip=", "$filter=", "?", "%", "%20", "%2B", "%27", "%zz", "+", "@p=", "$orderby=",
}

// seeds are valid filters that mutation starts from.
var seeds = []string{
	"riskScore eq 'High'",
	"healthStatus ne 'Active' and rbacGroupId eq 140",
	"startswith(computerDnsName,'mymachine') or machineTags/any(t: t eq 'test tag 1')",
	"lastSeen gt 2018-08-01T00:00:00Z and (osPlatform eq 'Windows10' or osPlatform eq 'Windows11') and not (riskScore in ('Low','None'))",
	"Tags/$count($filter=$it eq 'x') gt 0 and cast(a,Collection(Edm.String)) eq [\"x\"]",
	"case(a gt 0:-1,true:duration'P1D') add -INF mul 1e5 has Ns.T'M'",
}

func randomInput(r *rand.Rand) string {
	var b strings.Builder
	for n := r.Intn(16); n > 0; n-- {
		if r.Intn(8) == 0 {
			b.WriteByte(byte(r.Intn(256)))
		} else {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
	}
	return b.String()
}

// mutate applies a few random edits to a seed: delete, duplicate or replace
// a range, insert a piece of the alphabet or a random byte.
func mutate(r *rand.Rand, s string) string {
	for n := 1 + r.Intn(3); n > 0; n-- {
		i := r.Intn(len(s) + 1)
		j := min(len(s), i+r.Intn(6))
		switch r.Intn(4) {
		case 0:
			s = s[:i] + s[j:]
		case 1:
			s = s[:j] + s[i:j] + s[j:]
		case 2:
			s = s[:i] + alphabet[r.Intn(len(alphabet))] + s[j:]
		default:
			s = s[:i] + string(rune(r.Intn(256))) + s[i:]
		}
	}
	return s
}

// TestNoPanic runs a few thousand random and mutated inputs through
// ParseFilter and ParseQuery. Nothing may panic; every result is either a
// tree or diagnostics, and every span lies inside the input.
func TestNoPanic(t *testing.T) {
	r := rand.New(rand.NewSource(20180801))
	parsed := 0
	for i := 0; i < 3000; i++ {
		for _, in := range []string{randomInput(r), mutate(r, seeds[r.Intn(len(seeds))])} {
			if noPanic(t, in) {
				parsed++
			}
		}
	}
	t.Logf("%d of 6000 inputs parsed as filters", parsed)
}

// noPanic checks one input and reports whether it parsed as a filter.
func noPanic(t *testing.T, in string) (ok bool) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("panic on %q: %v", in, p)
		}
	}()
	e, err := parser.ParseFilter(in)
	switch {
	case err != nil && e != nil:
		t.Errorf("ParseFilter(%q) returned a tree and an error", in)
	case err != nil:
		checkDiagSpans(t, in, err)
	case e == nil:
		t.Errorf("ParseFilter(%q) returned neither a tree nor an error", in)
	default:
		checkSpans(t, in, e)
		ok = true
	}
	q, err := parser.ParseQuery(in)
	if err != nil {
		checkDiagSpans(t, in, err)
		return ok
	}
	checkSpans(t, in, q.Filter)
	for _, a := range q.Aliases {
		checkSpans(t, in, a.Value)
	}
	for _, s := range []ast.Span{q.FilterSpan, q.TopSpan, q.SkipSpan} {
		if s.Start < 0 || s.End < s.Start || s.End > len(in) {
			t.Errorf("ParseQuery(%q): option span %v outside the input", in, s)
		}
	}
	return ok
}

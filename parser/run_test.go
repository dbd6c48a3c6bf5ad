package parser

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
)

// TestRunsMatchTheGrammar parses filters with runs and without them (the
// grammar's alternatives matching everything) and expects the same tree,
// spans included, or the same diagnostics: a run must match exactly what
// the grammar would, and lose none of its errors. The filters are every
// prefix of some realistic ones and random strings of filter pieces, most
// of them wrong.
func TestRunsMatchTheGrammar(t *testing.T) {
	filters := []string{
		`startswith(computerDnsName,'mymachine') or machineTags/any(t: t eq 'test tag 1')`,
		`lastSeen gt 2018-08-01T00:00:00Z and (osPlatform eq 'Windows10' or osPlatform eq 'Windows11') and not (riskScore in ('Low','None'))`,
		`not -a/b/f(x:1,y=[1,"j",{"k":2}])/any(t: not (t/x in (1,2)) and cast(t, Collection(Edm.String)) has @p)`,
		`ipAddresses/any(ip: ip/ipAddress eq '10.0.0.1' and contains(tolower(ip/type), 'ether'))`,
	}
	var inputs []string
	for _, f := range filters {
		for i := 1; i <= len(f); i++ {
			inputs = append(inputs, f[:i])
		}
	}
	pieces := []string{"a", "b/c", "t", "'s'", "1", "-", "not ", "null", "(", ")", "[", "]", "{", "}", ",", ":", "=", "/",
		"f(", "any(", "tags/all(t:", "startswith(", "cast(", "Collection(", "Edm.String", "$it", "$count", "@p", `"j"`,
		" eq ", " and ", " or ", " in ", " has ", " add ", "('a','b')", "()", " "}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	defer func() { noRuns = false }()
	for _, in := range inputs {
		noRuns = false
		with := parsed(in)
		noRuns = true
		without := parsed(in)
		if with != without {
			t.Fatalf("%q:\nwith runs:    %s\nwithout runs: %s", in, with, without)
		}
	}
}

func parsed(filter string) string {
	e, err := ParseFilter(filter)
	if err != nil {
		return fmt.Sprintf("%+v", err.(ast.Diagnostics)[0])
	}
	return ast.DebugAnnotated(e, ast.SpanNote)
}

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueryWorkBudget: query refuses the attacks of issue 11 (exit 1 with
// a positioned error, or the record that needed too much work), and
// --trusted lifts the limits.
func TestQueryWorkBudget(t *testing.T) {
	tags := make([]string, 300)
	for j := range tags {
		tags[j] = fmt.Sprintf(`"t%d"`, j)
	}
	var b strings.Builder
	for i := range 3 {
		fmt.Fprintf(&b, `{"id":"m%d","computerDnsName":"host%d","machineTags":[%s]}`+"\n", i, i, strings.Join(tags, ","))
	}
	data := filepath.Join(t.TempDir(), "tags.ndjson")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	nested := func(depth int) string {
		var f strings.Builder
		for i := range depth {
			fmt.Fprintf(&f, "machineTags/any(t%d: ", i)
		}
		return f.String() + "t0 eq 'x'" + strings.Repeat(")", depth)
	}
	run := func(args ...string) (int, string, string) {
		var stdout, stderr strings.Builder
		code := Main(append([]string{"query"}, args...), strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--filter", nested(4), data}, ExitInvalid, "lambdas are nested more than 3 deep"},
		{[]string{"--filter", "matchesPattern(id,'" + strings.Repeat("[a-z]{0,1000}", 300) + "')", data}, ExitInvalid, "compiles to more than 10000 instructions"},
		{[]string{"--query", "$filter=" + nested(4), data}, ExitInvalid, "lambdas are nested more than 3 deep"},
		// 300^3 steps for the first machine: over the budget.
		{[]string{"--filter", nested(3), data}, ExitInvalid, data + ": record 1 at byte 0: the filter needs more than 10000000 steps"},
		{[]string{"--ndjson", "--filter", nested(3), data}, ExitInvalid, "(--trusted lifts the limit)"},
		// A computed pattern is compiled once per distinct pattern: quick.
		{[]string{"--filter", "matchesPattern(computerDnsName,concat(computerDnsName,'([a-z]{0,100}[0-9]{0,100}){1,5}'))", data}, ExitOK, ""},
		{[]string{"--trusted", "--filter", nested(4), "--top", "0", data}, ExitOK, ""},
		{[]string{"--trusted", "--filter", nested(3), data}, ExitOK, ""},
	}
	for _, tt := range tests {
		code, _, stderr := run(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("query %.80q: exit %d, stderr %.300q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.stderr)
		}
	}
}

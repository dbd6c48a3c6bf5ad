package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestInvalidUTF8: a filter holding invalid UTF-8 (in a string literal,
// where it used to pass and be echoed raw, or escaped in a query string) is
// an error in check, check --json and query alike, with its position.
func TestInvalidUTF8(t *testing.T) {
	cases := []struct {
		args []string
		want string // in stdout for --json, in stderr otherwise
	}{
		{[]string{"check", "computerDnsName eq 'a\xffb'"}, "invalid UTF-8 byte 0xff: a filter must be UTF-8 text [syntax]"},
		{[]string{"check", "--json", "computerDnsName eq 'a\xffb'"}, `"code":"syntax","message":"invalid UTF-8 byte 0xff: a filter must be UTF-8 text","start":21,"end":22`},
		{[]string{"check", "--json", "$filter=computerDnsName+eq+'a\xffb'"}, `"code":"syntax","message":"invalid UTF-8 byte 0xff: a query string must be UTF-8 text","start":29,"end":30`},
		{[]string{"check", "--json", "$filter=computerDnsName+eq+'a%FFb'"}, `"code":"bad_escape","message":"%FF does not decode to UTF-8 text`},
		{[]string{"query", "--filter", "computerDnsName eq 'a\xffb'"}, "[syntax]"},
		{[]string{"query", "--query", "$filter=computerDnsName+eq+'a%FFb'"}, "[bad_escape]"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		code := Main(c.args, strings.NewReader(""), &out, &errOut)
		got := errOut.String()
		if c.args[1] == "--json" {
			got = out.String()
		}
		if code != ExitInvalid || !strings.Contains(got, c.want) {
			t.Errorf("%q: exit %d, output %q; want exit 1 and %q", c.args, code, got, c.want)
		}
		if c.args[0] == "query" && out.Len() > 0 {
			t.Errorf("%q: printed %q", c.args, out.String())
		}
	}
}

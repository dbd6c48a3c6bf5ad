package cli

import (
	"errors"
	"flag"
	"reflect"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args []string
		pos  []string
		json bool
		top  string
		err  string // a substring of the error; "" for none
	}{
		{args: []string{"q"}, pos: []string{"q"}},
		{args: []string{"--json", "q"}, pos: []string{"q"}, json: true},
		{args: []string{"q", "--json"}, pos: []string{"q"}, json: true},
		{args: []string{"-json", "q"}, pos: []string{"q"}, json: true},
		{args: []string{"--json=false", "q"}, pos: []string{"q"}},
		{args: []string{"--top", "5", "q"}, pos: []string{"q"}, top: "5"},
		{args: []string{"q", "--top=5"}, pos: []string{"q"}, top: "5"},
		{args: []string{"--top", "--", "q"}, pos: []string{"q"}, top: "--"},
		{args: []string{"--", "--json", "-1 eq x"}, pos: []string{"--json", "-1 eq x"}},
		{args: []string{"--json", "--", "q"}, pos: []string{"q"}, json: true},
		{args: []string{"-"}, pos: []string{"-"}},
		{args: []string{"a", "b"}, pos: []string{"a", "b"}},
		{args: []string{}, pos: nil},
		{args: []string{"--jsn"}, err: "unknown flag --jsn"},
		{args: []string{"---json"}, err: "unknown flag ---json"},
		{args: []string{"-1 eq x"}, err: "unknown flag -1 eq x"},
		{args: []string{"q", "--top"}, err: "flag --top needs a value"},
		{args: []string{"--json=maybe"}, err: `invalid value "maybe" for --json: want true or false`},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "")
		top := fs.String("top", "", "")
		pos, err := parseArgs(fs, tt.args)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseArgs(%q) error = %v, want %q", tt.args, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseArgs(%q): %v", tt.args, err)
			continue
		}
		if !reflect.DeepEqual(pos, tt.pos) || *asJSON != tt.json || *top != tt.top {
			t.Errorf("parseArgs(%q) = %q json=%v top=%q, want %q json=%v top=%q",
				tt.args, pos, *asJSON, *top, tt.pos, tt.json, tt.top)
		}
	}
}

func TestParseArgsHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help", "-help"} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		if _, err := parseArgs(fs, []string{"q", arg}); !errors.Is(err, errHelp) {
			t.Errorf("parseArgs(%q) error = %v, want errHelp", arg, err)
		}
	}
}

// TestMainExitCodes covers the exit codes in-process; the scripts in
// cmd/odatafilter/testdata/script cover the output.
func TestMainExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"check", "--syntax-only", "riskScore eq 'High'"}, ExitOK},
		{[]string{"check", "--syntax-only", "--json", "riskScore eq"}, ExitInvalid},
		{[]string{"check", "--syntax-only", "$top=10001"}, ExitInvalid},
		{[]string{"check", "riskScore eq 'High'"}, ExitOK},
		{[]string{"check", "riskScor eq 'High'"}, ExitInvalid},
		{[]string{"check", "--model", "2021", "exposureLevel eq 'High'"}, ExitOK},
		{[]string{"check", "exposureLevel eq 'High'"}, ExitInvalid},
		{[]string{"check", "--model", "1999", "riskScore eq 'High'"}, ExitUsage},
		{[]string{"check"}, ExitUsage},
		{[]string{"nope"}, ExitUsage},
		{nil, ExitUsage},
		{[]string{"help", "check"}, ExitOK},
		{[]string{"help", "check", "extra"}, ExitUsage},
	}
	for _, tt := range tests {
		var out, errOut strings.Builder
		if got := Main(tt.args, strings.NewReader(""), &out, &errOut); got != tt.want {
			t.Errorf("Main(%q) = %d, want %d\nstdout: %s\nstderr: %s", tt.args, got, tt.want, out.String(), errOut.String())
		}
	}
}

// TestCount: counts in messages are English: "1 machine", not "1
// machines" (serve said "1 token(s)").
func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 machines"}, {1, "1 machine"}, {2, "2 machines"}, {300, "300 machines"}} {
		if got := count(tc.n, "machine", "machines"); got != tc.want {
			t.Errorf("count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestJSONAsked: check answers a usage error in JSON when an argument
// before "--" asks for --json, in any spelling the flag parser takes.
func TestJSONAsked(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"--json"}, true},
		{[]string{"-json", "x"}, true},
		{[]string{"--bogus", "--json=true"}, true},
		{[]string{"--json=1"}, true},
		{[]string{"--json=false"}, false},
		{[]string{"--json=maybe"}, false},
		{[]string{"x eq 1"}, false},
		{[]string{"--", "--json"}, false},
		{[]string{"json"}, false},
		{[]string{"--jsonx"}, false},
	} {
		if got := jsonAsked(tc.args); got != tc.want {
			t.Errorf("jsonAsked(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

package cli

import (
	"strconv"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/fleet"
)

// TestQueryCount: --count prints one line, the number of machines the
// filter matches, ignoring --top and --skip as OData's $count ignores $top
// and $skip; it still checks every record (bad data after the matches
// exits 1), and --ndjson or --explain with it is a usage error.
func TestQueryCount(t *testing.T) {
	ndjson := `{"id":"a","riskScore":"High"}` + "\n" + `{"id":"b","riskScore":"Low"}` + "\n" + `{"id":"c","riskScore":"High"}` + "\n"
	bad := ndjson + `{"id":"d","riskScore":"High","healthStatus":"Actve"}` + "\n"
	for _, tc := range []struct {
		in       string
		args     []string
		code     int
		out, err string // the output exactly; a part of stderr
	}{
		{ndjson, []string{"--filter", "riskScore eq 'High'"}, ExitOK, "2\n", ""},
		{ndjson, []string{"--filter", "riskScore eq 'High'", "--top", "1"}, ExitOK, "2\n", ""},
		{ndjson, []string{"--filter", "riskScore eq 'High'", "--skip", "5", "--top", "0"}, ExitOK, "2\n", ""},
		{ndjson, []string{"--query", "$filter=riskScore+eq+'High'&$top=1&$skip=1"}, ExitOK, "2\n", ""},
		{ndjson, []string{"--filter", "riskScore eq 'Medium'"}, ExitOK, "0\n", ""},
		{ndjson, nil, ExitOK, "3\n", ""},
		{`{"value":[` + strings.ReplaceAll(strings.TrimSuffix(ndjson, "\n"), "\n", ",") + `]}`, []string{"--filter", "riskScore eq 'Low'"}, ExitOK, "1\n", ""},
		{`{"value":[{"id":"a"}],"@odata.nextLink":"https://x/api/machines?$skip=1"}`, nil, ExitOK, "1\n", "one page of a longer list"},
		{bad, []string{"--filter", "riskScore eq 'High'", "--top", "1"}, ExitInvalid, "", "record 4 at byte"},
		{"", nil, ExitInvalid, "", "empty"},
		{ndjson, []string{"--filter", "riskScor eq 'High'"}, ExitInvalid, "", "did you mean"},
		{ndjson, []string{"--top", "x"}, ExitUsage, "", "--top must be a non-negative integer"},
		{ndjson, []string{"--query", "$top=10001"}, ExitInvalid, "", "10000"},
		{ndjson, []string{"--ndjson"}, ExitUsage, "", "give --count or --ndjson, not both"},
		{ndjson, []string{"--db", "sqlite:x.db", "--explain"}, ExitUsage, "", "give --count or --explain, not both"},
		{ndjson, []string{"--count"}, ExitUsage, "", "flag"},
	} {
		args := append([]string{"query", "--count"}, tc.args...)
		code, out, errOut := runMain([]byte(tc.in), append(args, "-")...)
		if code != tc.code || out != tc.out || !strings.Contains(errOut, tc.err) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d, stdout %q, stderr with %q",
				args, code, out, errOut, tc.code, tc.out, tc.err)
		}
	}
}

// TestQueryCountEqualsLines: over the sample fleet, --count is the number
// of lines query --ndjson prints without --top and --skip.
func TestQueryCountEqualsLines(t *testing.T) {
	for _, filter := range []string{"riskScore eq 'High'", "healthStatus ne 'Active' and rbacGroupId eq 140", "true"} {
		_, lines, _ := runMain(fleet.Sample(), "query", "--ndjson", "--filter", filter, "-")
		code, out, errOut := runMain(fleet.Sample(), "query", "--count", "--top", "1", "--filter", filter, "-")
		want := strings.Count(lines, "\n")
		if code != ExitOK || out != strconv.Itoa(want)+"\n" {
			t.Errorf("--count --filter %q: exit %d, %q (stderr %q); --ndjson printed %d lines", filter, code, out, errOut, want)
		}
	}
}

// TestQueryNextLinkNoteAtTop: the note that a saved page is one page of a
// longer list comes when the page was read to its end, and never once
// --top is reached in it (the first matches are the list's first then),
// whether or not the reader had got as far as the @odata.nextLink after
// the records: it came in 22 or 26 runs of 30 through a pipe, and in all
// 30 from the FILE.
func TestQueryNextLinkNoteAtTop(t *testing.T) {
	page := `{"value":[` + strings.Repeat(`{"id":"a","riskScore":"High"},`, 3999) + `{"id":"b"}],"@odata.nextLink":"https://x/api/machines?$skip=4000"}`
	for _, tc := range []struct {
		args []string
		note bool
	}{
		{nil, true},
		{[]string{"--top", "3900"}, false},
		{[]string{"--top", "3900", "--ndjson"}, false},
		{[]string{"--top", "4000"}, true}, // 3999 matches: --top is not reached
		{[]string{"--top", "3900", "--count"}, true},
	} {
		for range 5 {
			args := append(append([]string{"query", "--filter", "riskScore eq 'High'"}, tc.args...), "-")
			code, _, errOut := runMain([]byte(page), args...)
			if code != ExitOK || strings.Contains(errOut, "one page of a longer list") != tc.note {
				t.Errorf("%q: exit %d, stderr %q; want the note %v", args, code, errOut, tc.note)
				break
			}
		}
	}
}

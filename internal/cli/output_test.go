package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
)

// failingWriter fails every write after the first n bytes, as a full disk
// does.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, syscall.ENOSPC
}

// TestWriteErrors: every command that cannot write its output exits 1 and
// says so once (issue 9 §1, issue 11 §3). Before, check and help exited 0.
func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "m.ndjson")
	if err := os.WriteFile(data, []byte(`{"id":"a","riskScore":"High"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", "riskScore eq 'High'"},
		{"check", "--json", "riskScore eq 'High'"},
		{"check", "--json", "riskScor eq 'High'"},
		{"check", "--help"},
		{"help"},
		{"help", "query"},
		{"version"},
		{"--version"},
		{"query", data},
		{"query", "--ndjson", data},
		{"gen", "-n", "2"},
		{"gen", "-n", "2", "--ndjson"},
	} {
		for _, after := range []int{0, 10} {
			var errOut bytes.Buffer
			code := Main(args, nil, &failingWriter{n: after}, &errOut)
			if code != ExitInvalid || strings.Count(errOut.String(), "no space left on device") != 1 {
				t.Errorf("%q, failing after %d bytes: exit %d, stderr %q; want exit 1 and the write error once", args, after, code, errOut.String())
			}
		}
	}
}

func TestVersionLine(t *testing.T) {
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified}}
	}
	rev := "5397b18abcdef0123456789abcdef0123456789a"
	tests := []struct {
		info *debug.BuildInfo
		want string
	}{
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: vcs(rev, "2026-12-04T17:00:00Z", "false")},
			"odatafilter v1.2.0 (revision 5397b18abcde, 2026-12-04T17:00:00Z; go1.26.0)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261204170000-5397b18abcde+dirty"}, Settings: vcs(rev, "2026-12-04T17:00:00Z", "true")},
			"odatafilter v0.0.0-20261204170000-5397b18abcde+dirty (revision 5397b18abcde, 2026-12-04T17:00:00Z, with uncommitted changes; go1.26.0)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "", "false")},
			"odatafilter development build (revision 5397b18abcde; go1.26.0)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"odatafilter development build (no version control revision recorded: built by go run or go test, or with -buildvcs=false; go1.26.0)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}},
			"odatafilter v1.2.0 (no version control revision recorded: built by go run or go test, or with -buildvcs=false; go1.26.0)"},
		{nil, "odatafilter development build (no version control revision recorded: built by go run or go test, or with -buildvcs=false; go1.26.0)"},
	}
	for _, tt := range tests {
		if got := versionLine(tt.info, "go1.26.0"); got != tt.want {
			t.Errorf("versionLine(%+v)\n got %s\nwant %s", tt.info, got, tt.want)
		}
	}
}

func TestStdinState(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "m.json")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	closed, _ := os.Open(file)
	closed.Close()
	dirFile, err := os.Open(filepath.Dir(file))
	if err != nil {
		t.Fatal(err)
	}
	defer dirFile.Close()
	tests := []struct {
		name string
		in   any
		data bool
		what string
	}{
		{"regular file", f, true, "data"},
		{"directory", dirFile, true, "data"},
		{"pipe", r, true, "data"},
		{"not a file", strings.NewReader(""), true, "data"},
		{"closed", closed, false, "closed"},
		{"nil", nil, false, "closed"},
	}
	if null, err := os.Open(os.DevNull); err == nil {
		defer null.Close()
		tests = append(tests, struct {
			name string
			in   any
			data bool
			what string
		}{"/dev/null", null, false, os.DevNull})
	}
	for _, tt := range tests {
		var data bool
		var what string
		switch in := tt.in.(type) {
		case nil:
			data, what = stdinState(nil)
		case *os.File:
			data, what = stdinState(in)
		case *strings.Reader:
			data, what = stdinState(in)
		}
		if data != tt.data || what != tt.what {
			t.Errorf("%s: stdinState = %v, %q; want %v, %q", tt.name, data, what, tt.data, tt.what)
		}
	}
}

// TestReadQueryFile: the final line break goes, white space inside stays.
func TestReadQueryFile(t *testing.T) {
	got, err := readQueryFile("-", strings.NewReader("a eq 'x  y'\r\n\n"))
	if err != nil || got != "a eq 'x  y'" {
		t.Errorf("readQueryFile = %q, %v", got, err)
	}
	if _, err := readQueryFile("-", nil); err == nil {
		t.Error("readQueryFile of a closed stdin: no error")
	}
	if _, err := readQueryFile(filepath.Join(t.TempDir(), "none"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("readQueryFile of a missing file: %v", err)
	}
}

// TestReadQueryFileEncodings: a UTF-8 byte order mark (Notepad, PowerShell
// 7) is dropped; UTF-16 (Windows PowerShell 5's '>') is named, with how to
// convert it; JSON (the machines given as the filter file) is named too.
func TestReadQueryFileEncodings(t *testing.T) {
	got, err := readQueryFile("-", strings.NewReader("\xef\xbb\xbfriskScore eq 'High'\r\n"))
	if err != nil || got != "riskScore eq 'High'" {
		t.Errorf("with a UTF-8 BOM: %q, %v", got, err)
	}
	utf16 := func(le, bom bool) string {
		var b []byte
		if bom {
			b = []byte{0xFE, 0xFF}
			if le {
				b = []byte{0xFF, 0xFE}
			}
		}
		for _, c := range []byte("a eq 1") {
			if le {
				b = append(b, c, 0)
			} else {
				b = append(b, 0, c)
			}
		}
		return string(b)
	}
	for _, c := range []struct {
		in, want string
	}{
		{utf16(true, true), "standard input is UTF-16 (little-endian, with a byte order mark), not UTF-8: convert it first, as with iconv -f UTF-16 -t UTF-8"},
		{utf16(false, true), "UTF-16 (big-endian, with a byte order mark)"},
		{utf16(true, false), "iconv -f UTF-16LE -t UTF-8"},
		{utf16(false, false), "iconv -f UTF-16BE -t UTF-8"},
		{`{"value":[]}`, "standard input holds JSON (machines?), not a query: the machines are the FILE argument"},
		{"\n [\n {\"id\":\"a\"}]", "holds JSON"},
		{"[]", "holds JSON"},
	} {
		_, err := readQueryFile("-", strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("readQueryFile(%q) = %v, want an error containing %q", c.in, err, c.want)
		}
	}
	// A filter may start with an array literal.
	if got, err := readQueryFile("-", strings.NewReader("['a','b'] eq x")); err != nil || got != "['a','b'] eq x" {
		t.Errorf("an array literal first: %q, %v", got, err)
	}
}

// TestTopKeepsLateContext: with --top, an envelope whose @odata.context
// comes after "value" still gives its context to the output (issue 11
// §2). The input is many batches long, so that the $top'th match is found
// long before the context is read; before, the output then carried the
// API's default context.
func TestTopKeepsLateContext(t *testing.T) {
	var in strings.Builder
	in.WriteString(`{"value":[`)
	for i := range 100000 {
		if i > 0 {
			in.WriteString(",\n")
		}
		fmt.Fprintf(&in, `{"id":"%d","riskScore":"High","computerDnsName":"machine-%d.contoso.com"}`, i, i)
	}
	in.WriteString(`],"@odata.context":"https://example.test/api/$metadata#Machines"}`)
	for _, args := range [][]string{{"--top", "1"}, {"--top", "3", "--skip", "2"}, {"--query", "$top=1"}} {
		var out, errOut bytes.Buffer
		code := Main(append(append([]string{"query"}, args...), "-"), strings.NewReader(in.String()), &out, &errOut)
		if code != ExitOK || !strings.HasPrefix(out.String(), `{"@odata.context":"https://example.test/api/$metadata#Machines","value":[`) {
			t.Errorf("query %q: exit %d, stderr %q, output starts %.90q; want the input's context", args, code, errOut.String(), out.String())
		}
	}
}

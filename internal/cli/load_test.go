package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/internal/sqltest"
)

// runMain runs the command line args with stdin and returns the exit
// code, stdout and stderr.
func runMain(stdin []byte, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(args, bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// dbURLs runs f with the URL of a new, empty SQLite database and of a new,
// empty PostgreSQL schema (skipped, saying why, without a server).
func dbURLs(t *testing.T, f func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) { f(t, "sqlite:"+sqltest.SQLitePath(t)) })
	t.Run("postgresql", func(t *testing.T) { f(t, sqltest.PostgresURL(t)) })
}

// TestQueryDBEqualsQueryFile: after load, query --db prints byte for byte
// what query FILE prints, for the same flags; load twice stores one copy.
func TestQueryDBEqualsQueryFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sample.json")
	if err := os.WriteFile(file, fleet.Sample(), 0o644); err != nil {
		t.Fatal(err)
	}
	dbURLs(t, func(t *testing.T, url string) {
		code, _, errOut := runMain(nil, "load", "--db", url, file)
		if code != ExitOK || !strings.Contains(errOut, "300 machines loaded, 0 skipped as duplicates") {
			t.Fatalf("load: exit %d\n%s", code, errOut)
		}
		code, _, errOut = runMain(fleet.Sample(), "load", "--db", url, "-")
		if code != ExitOK || !strings.Contains(errOut, "0 machines loaded, 300 skipped as duplicates") {
			t.Fatalf("load again: exit %d\n%s", code, errOut)
		}
		for _, args := range [][]string{
			{},
			{"--ndjson"},
			{"--filter", "riskScore eq 'High'"},
			{"--filter", "healthStatus ne 'Active' and rbacGroupId eq 140", "--top", "3", "--skip", "2", "--ndjson"},
			{"--query", "$filter=machineTags/any(t:+startswith(t,'t'))&$skip=1"},
			{"--filter", "lastSeen lt now() and year(lastSeen) ge 2018", "--model", "2021", "--top", "10000"},
			{"--top", "0"},
			{"--count", "--filter", "riskScore eq 'High'"},
			{"--count", "--query", "$filter=healthStatus+ne+'Active'&$top=1&$skip=3"},
		} {
			wantCode, want, wantErr := runMain(nil, append([]string{"query", file}, args...)...)
			code, got, errOut := runMain(nil, append([]string{"query", "--db", url}, args...)...)
			if code != wantCode || got != want || errOut != wantErr {
				t.Errorf("query %q: --db exits %d with %d bytes (stderr %q); FILE exits %d with %d bytes (stderr %q)",
					args, code, len(got), errOut, wantCode, len(want), wantErr)
			}
		}
		code, out, errOut := runMain(nil, "query", "--db", url, "--filter", "riskScore eq 'High'", "--top", "5", "--explain")
		if code != ExitOK || !strings.Contains(out, "SELECT m.ord, m.raw FROM machines m") ||
			!(strings.Contains(out, "-- exact:") || strings.Contains(out, "--   riskScore eq 'High'")) {
			t.Errorf("--explain: exit %d\n%s%s", code, out, errOut)
		}
	})
}

// TestDBCommandErrors: the exit codes and messages of --db's mistakes.
func TestDBCommandErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"load"}, ExitUsage, "--db URL is required"},
		{[]string{"load", "--db", "mysql://h/db"}, ExitUsage, `unknown scheme "mysql"`},
		{[]string{"load", "--db", "mysql://h/db", filepath.Join(dir, "nope.json")}, ExitUsage, `unknown scheme "mysql"`},
		{[]string{"load", "--db", "sqlite:" + missing, "a", "b"}, ExitUsage, "at most one FILE"},
		{[]string{"load", "--db", "sqlite:" + missing, filepath.Join(dir, "nope.json")}, ExitInvalid, "no such file"},
		{[]string{"load", "--db", "postgres://postgres@127.0.0.1:1/test?sslmode=disable&connect_timeout=5", "-"}, ExitInvalid, "connecting to PostgreSQL at 127.0.0.1:1"},
		{[]string{"load", "--db", "host=127.0.0.1 user=postgres dbname=x", "-"}, ExitUsage, "keyword string"},
		{[]string{"load", "--db", "file:" + missing + "?mode=ro", "-"}, ExitUsage, "parameters after '?'"},
		{[]string{"query", "--db", ""}, ExitUsage, "--db is empty"},
		{[]string{"serve", "--db", ""}, ExitUsage, "--db is empty"},
		{[]string{"query", "--db", "sqlite:" + missing}, ExitInvalid, "does not exist"},
		{[]string{"query", "--db", "sqlite:" + empty}, ExitInvalid, "holds no machines table"},
		{[]string{"query", "--db", "ftp://x"}, ExitUsage, `unknown scheme "ftp"`},
		{[]string{"query", "--db", "sqlite:" + empty, "machines.json"}, ExitUsage, "--db reads the machines from the database"},
		{[]string{"query", "--explain"}, ExitUsage, "--explain shows the SQL of --db"},
		{[]string{"query", "--db", "sqlite:" + empty, "--filter", "riskScor eq 'High'"}, ExitInvalid, "did you mean `riskScore`"},
		{[]string{"serve", "--data", "x.json", "--db", "sqlite:" + empty}, ExitUsage, "not both"},
		{[]string{"serve", "--db", "ftp://x"}, ExitUsage, `unknown scheme "ftp"`},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--db", "sqlite:" + missing}, ExitInvalid, "does not exist"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--db", "sqlite:" + empty}, ExitInvalid, "holds no machines table"},
	} {
		code, _, errOut := runMain(nil, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%q: exit %d, want %d saying %q; stderr:\n%s", tc.args, code, tc.code, tc.msg, errOut)
		}
	}
	// No FILE and no standard input (a terminal, or none, as under cron):
	// never the sample fleet.
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"load", "--db", "sqlite:" + missing}, nil, &stdout, &stderr); code != ExitUsage ||
		!strings.Contains(stderr.String(), "no FILE, and nothing is piped") {
		t.Errorf("load with no FILE and no stdin: exit %d, want %d; stderr:\n%s", code, ExitUsage, stderr.String())
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("query --db or load created %s", missing)
	}
	// Bad data stores nothing and names the record.
	db := "sqlite:" + filepath.Join(dir, "bad.db")
	code, _, errOut := runMain([]byte(`{"id":"a"}`+"\n"+`{"id":"b","healthStatus":"Actve"}`+"\n"), "load", "--db", db)
	if code != ExitInvalid || !strings.Contains(errOut, "record 2 at byte") || !strings.Contains(errOut, "nothing was stored") {
		t.Errorf("bad data: exit %d\n%s", code, errOut)
	}
	if code, out, _ := runMain(nil, "query", "--db", db, "--ndjson"); code != ExitOK || out != "" {
		t.Errorf("after a failed load: exit %d, %q; want exit 0 and no machines", code, out)
	}
}

func TestFormatArg(t *testing.T) {
	for _, tc := range []struct {
		arg  any
		want string
	}{
		{"O'Neil", "'O''Neil'"},
		{int64(-5), "-5"},
		{[]int64{140, 141}, "{140, 141}"},
		{[]string{"a", "b'"}, "{'a', 'b'''}"},
		{[]byte{0, 255}, "x'00ff'"},
	} {
		if got := formatArg(tc.arg); got != tc.want {
			t.Errorf("formatArg(%#v) = %s, want %s", tc.arg, got, tc.want)
		}
	}
}

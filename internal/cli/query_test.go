package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/fleet"
)

// samplingReader calls sample every 1 MiB read.
type samplingReader struct {
	r      io.Reader
	n      int
	sample func()
}

func (s *samplingReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if s.n += n; s.n >= 1<<20 {
		s.n = 0
		s.sample()
	}
	return n, err
}

// queryPeakHeap runs query over a generated fleet of n machines on stdin,
// every machine selected so the spool holds them all, and returns the
// peak heap in use above the starting point.
func queryPeakHeap(t *testing.T, n int, args ...string) uint64 {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(fleet.Generate(pw, n, 7, false)) }()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, uint64(0)
	sample := func() {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > base {
			peak = max(peak, ms.HeapInuse-base)
		}
	}
	var errOut bytes.Buffer
	code := Main(append(append([]string{"query"}, args...), "-"), &samplingReader{r: pr, sample: sample}, io.Discard, &errOut)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	sample()
	return peak
}

// TestQueryMemoryFlat: query's peak heap on 100,000 machines (about 90 MB,
// all of them spooled) is about the same as on 6,000 (about 5 MB).
func TestQueryMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 95 MB")
	}
	t.Setenv("TMPDIR", t.TempDir())
	for _, args := range [][]string{nil, {"--ndjson", "--filter", "healthStatus ne 'Active' and rbacGroupId eq 140"}} {
		small := queryPeakHeap(t, 6000, args...)
		large := queryPeakHeap(t, 100000, args...)
		t.Logf("query %q: peak heap +%d KiB on 6,000 machines, +%d KiB on 100,000", args, small>>10, large>>10)
		if large > 2*small+4<<20 {
			t.Errorf("query %q: peak heap grew with the input: +%d KiB on 100,000 machines, +%d KiB on 6,000", args, large>>10, small>>10)
		}
	}
}

// TestQueryStdinFile: a regular file redirected to standard input (query
// < FILE), read by parts on every core, gives what query FILE gives, also
// when standard input's offset is not at the file's start (a shell that
// read a line of it first): the query starts there. It leaves standard
// input at the file's end, as reading it in order does, so that a second
// command reading the same standard input finds it empty (it found the
// file from byte 262,144 on, and could print a count and exit 0).
func TestQueryStdinFile(t *testing.T) {
	var gen bytes.Buffer
	if err := fleet.Generate(&gen, 3000, 1, true); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file, rest := filepath.Join(dir, "machines.ndjson"), filepath.Join(dir, "rest.ndjson")
	first := bytes.IndexByte(gen.Bytes(), '\n') + 1
	if err := os.WriteFile(file, gen.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rest, gen.Bytes()[first:], 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"query", "--ndjson", "--filter", "riskScore eq 'High' or healthStatus ne 'Active'"}
	for _, skip := range []int64{0, int64(first)} {
		want := file
		if skip > 0 {
			want = rest
		}
		code, wantOut, errOut := runMain(nil, append(args, want)...)
		if code != ExitOK || strings.Count(wantOut, "\n") < 100 {
			t.Fatalf("query FILE: exit %d, %d lines\n%s", code, strings.Count(wantOut, "\n"), errOut)
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Seek(skip, 0); err != nil {
			t.Fatal(err)
		}
		var out, stderr bytes.Buffer
		code = Main(args, f, &out, &stderr)
		if code != ExitOK || out.String() != wantOut {
			t.Errorf("query < FILE from byte %d: exit %d, %d lines, want %d\n%s", skip, code, strings.Count(out.String(), "\n"), strings.Count(wantOut, "\n"), stderr.String())
		}
		// Standard input is left at the end, as reading it in order
		// leaves it: a second command reading it finds nothing.
		if off, err := f.Seek(0, io.SeekCurrent); err != nil || off != int64(gen.Len()) {
			t.Errorf("query < FILE from byte %d: standard input left at %d (%v), want %d", skip, off, err, gen.Len())
		}
		out.Reset()
		stderr.Reset()
		if code = Main([]string{"query", "--count"}, f, &out, &stderr); code != ExitInvalid || !strings.Contains(stderr.String(), "empty") {
			t.Errorf("a second query < FILE: exit %d, %s%s; want the input is empty", code, out.String(), stderr.String())
		}
		f.Close()
	}
}

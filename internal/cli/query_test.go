package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/fleet"
)

func TestSpool(t *testing.T) {
	for _, limit := range []int{1 << 20, 100, 0} {
		t.Run(fmt.Sprint("memory ", limit), func(t *testing.T) {
			defer func(old int) { spoolMemory = old }(spoolMemory)
			spoolMemory = limit
			var want [][]byte
			for i := range 300 {
				want = append(want, []byte(fmt.Sprintf(`{"id":"%d","pad":"%s"}`, i, strings.Repeat("x", i))))
			}
			want = append(want, []byte{}, []byte(strings.Repeat("y", 70000)))
			var sp spool
			defer sp.close()
			for _, raw := range want {
				if err := sp.add(raw); err != nil {
					t.Fatal(err)
				}
			}
			if (sp.file != nil) != (limit < 1<<20) {
				t.Errorf("spooled to a file: %v, with %d bytes of memory", sp.file != nil, limit)
			}
			var got [][]byte
			if err := sp.replay(func(raw []byte) error { got = append(got, bytes.Clone(raw)); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("replayed %d records, want %d", len(got), len(want))
			}
			for i := range want {
				if !bytes.Equal(got[i], want[i]) {
					t.Fatalf("record %d came back as %.40q, want %.40q", i, got[i], want[i])
				}
			}
		})
	}
}

// runQueryMain runs "odatafilter query ARGS..." in-process on stdin.
func runQueryMain(stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Main(append([]string{"query"}, args...), stdin, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestQuerySpooled: an envelope that passes through the temporary file
// is the same as one kept in memory; bad data found after the spool has
// moved to a file still leaves stdout empty, and the file is gone.
func TestQuerySpooled(t *testing.T) {
	var fleetDoc bytes.Buffer
	if err := fleet.Generate(&fleetDoc, 500, 3, false); err != nil {
		t.Fatal(err)
	}
	code, inMemory, stderr := runQueryMain(bytes.NewReader(fleetDoc.Bytes()), "-")
	if code != ExitOK || inMemory != fleetDoc.String() {
		t.Fatalf("exit %d, stderr %q; output same as input: %v", code, stderr, inMemory == fleetDoc.String())
	}

	defer func(old int) { spoolMemory = old }(spoolMemory)
	spoolMemory = 10 << 10
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	code, spooled, stderr := runQueryMain(bytes.NewReader(fleetDoc.Bytes()), "--filter", "rbacGroupId ne 999999", "-")
	if code != ExitOK || spooled != inMemory {
		t.Errorf("spooled: exit %d, stderr %q; same output as in memory: %v", code, stderr, spooled == inMemory)
	}

	bad := strings.TrimSuffix(fleetDoc.String(), "\n]}\n") + `,{"id":"x","riskScore":"Hihg"}]}`
	code, stdout, stderr := runQueryMain(strings.NewReader(bad), "-")
	if code != ExitInvalid || stdout != "" || !strings.Contains(stderr, "record 501 at byte ") {
		t.Errorf("bad data after spooling: exit %d, %d bytes on stdout, stderr %q", code, len(stdout), stderr)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

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

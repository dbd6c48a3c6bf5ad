package cli

import (
	"bytes"
	"io"
	"runtime"
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

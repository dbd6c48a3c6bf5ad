package odatafilter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
)

// viewAt is an io.ReaderAt whose bytes depend on where a read starts:
// old before from, now from there on (a file changed while it is read:
// the parts read before and after the change no longer meet). It
// records the reads, and fails those from failAt on with err.
type viewAt struct {
	old, now     []byte
	from, failAt int64
	err          error

	mu    sync.Mutex
	reads [][2]int64 // [off, off+n)
}

func (v *viewAt) ReadAt(p []byte, off int64) (int, error) {
	v.mu.Lock()
	v.reads = append(v.reads, [2]int64{off, off + int64(len(p))})
	v.mu.Unlock()
	if v.err != nil && off >= v.failAt {
		return 0, v.err
	}
	data := v.old
	if off >= v.from {
		data = v.now
	}
	if off >= int64(len(data)) {
		return 0, io.EOF
	}
	n := copy(p, data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// overlapping reports whether a read began before the end of another
// that began before it: the windows of positioned batches, which a
// reading in sequence never makes.
func (v *viewAt) overlapping() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, a := range v.reads {
		for _, b := range v.reads[:i] {
			if b[0] < a[0] && a[0] < b[1] {
				return true
			}
		}
	}
	return false
}

// tempFile is a new temporary file holding data, open for reading; it is
// closed when the test ends.
func tempFile(t *testing.T, data []byte) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "machines")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// selectAll runs Select over in and returns the records selected.
func selectAll(t *testing.T, prog *eval.Program, in io.Reader) ([]string, error) {
	t.Helper()
	var got []string
	_, err := Select(context.Background(), prog, in, func(rec records.Record) error {
		got = append(got, string(rec.Raw))
		return nil
	})
	return got, err
}

// generatedWant is 3,000 generated machines (2.7 MB), as NDJSON or as
// a document, and the records prog selects from them by the sequential
// reference.
func generatedWant(t *testing.T, prog *eval.Program, ndjson bool) ([]byte, []string) {
	t.Helper()
	var gen bytes.Buffer
	if err := fleet.Generate(&gen, 3000, 3, ndjson); err != nil {
		t.Fatal(err)
	}
	in := gen.Bytes()
	want, _, err := sequential(in, prog)
	if err != nil || len(want) < 100 {
		t.Fatalf("reference: %d records, %v", len(want), err)
	}
	return in, want
}

// TestPositioned: over an io.SectionReader, a query reads by positioned
// batches (their reads overlap, by the window each looks for a cut in)
// and selects what the sequential reference does, in both formats and at
// several batch sizes, the first record long or short; over an *os.File
// too, which it leaves at its end, as reading it in order does. When the
// input changes while it is read — shorter than it was, its parts
// shifted by a byte inserted, or a read failing — the query ends with an
// error (errChanged, or the read's own) after a prefix of the records,
// never with wrong ones.
func TestPositioned(t *testing.T) {
	defer func(b int) { batchBytes = b }(batchBytes)
	prog, err := eval.CompileFilter("healthStatus ne 'Active' or riskScore eq 'High'")
	if err != nil {
		t.Fatal(err)
	}
	for _, ndjson := range []bool{true, false} {
		in, want := generatedWant(t, prog, ndjson)
		isPrefix := func(got []string) bool {
			return len(got) <= len(want) && fmt.Sprint(got) == fmt.Sprint(want[:len(got)])
		}
		for _, size := range []int{256 << 10, 10000, 1} {
			batchBytes = size
			what := fmt.Sprintf("NDJSON %v, batches of %d bytes", ndjson, size)

			v := &viewAt{old: in, now: in}
			got, err := selectAll(t, prog, io.NewSectionReader(v, 0, int64(len(in))))
			if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: %d records, %v; want %d", what, len(got), err, len(want))
			}
			if !v.overlapping() {
				t.Errorf("%s: no positioned batches", what)
			}

			// From half way on, the input is a third shorter.
			half := int64(len(in) / 2)
			v = &viewAt{old: in, now: in[:len(in)*2/3], from: half}
			got, err = selectAll(t, prog, io.NewSectionReader(v, 0, int64(len(in))))
			if !errors.Is(err, errChanged) || !isPrefix(got) {
				t.Errorf("%s, shortened: %d records, %v; want a prefix and %v", what, len(got), err, errChanged)
			}

			// From half way on, a space is inserted a quarter in: every
			// record is still whole, but shifted by a byte.
			at := len(in)/4 + bytes.IndexByte(in[len(in)/4:], ',') + 1
			shifted := append(append(append([]byte{}, in[:at]...), ' '), in[at:]...)
			v = &viewAt{old: in, now: shifted, from: half}
			got, err = selectAll(t, prog, io.NewSectionReader(v, 0, int64(len(in))))
			if !errors.Is(err, errChanged) || !isPrefix(got) {
				t.Errorf("%s, shifted: %d records, %v; want a prefix and %v", what, len(got), err, errChanged)
			}

			// From half way on, reads fail.
			failed := errors.New("disk on fire")
			v = &viewAt{old: in, now: in, failAt: half, err: failed}
			got, err = selectAll(t, prog, io.NewSectionReader(v, 0, int64(len(in))))
			if !errors.Is(err, failed) || !isPrefix(got) || len(got) == 0 {
				t.Errorf("%s, failing: %d records, %v; want a prefix and %v", what, len(got), err, failed)
			}
		}
		batchBytes = 256 << 10

		// A file appended to while it is read: what was appended is read
		// too. It is appended to as the first record is passed to emit,
		// before the reader goroutine, 8 batches of 10,000 bytes ahead at
		// most, has reached the end of the file.
		if ndjson {
			batchBytes = 10000
			more := in[:len(in)/3+bytes.IndexByte(in[len(in)/3:], '\n')+1]
			wantGrown, _, _ := sequential(append(append([]byte{}, in...), more...), prog)
			f := tempFile(t, in)
			path := f.Name()
			var got []string
			appended := false
			_, err := Select(context.Background(), prog, f, func(rec records.Record) error {
				if !appended {
					appended = true
					w, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
					if err != nil {
						return err
					}
					defer w.Close()
					if _, err := w.Write(more); err != nil {
						return err
					}
				}
				got = append(got, string(rec.Raw))
				return nil
			})
			if err != nil || fmt.Sprint(got) != fmt.Sprint(wantGrown) {
				t.Errorf("a file appended to: %d records, %v; want %d", len(got), err, len(wantGrown))
			}
			batchBytes = 256 << 10
		}

		// Once Select has returned, at an error from emit, no ReadAt is
		// under way and none starts.
		v := &viewAt{old: in, now: in}
		stop := errors.New("stop")
		_, err := Select(context.Background(), prog, io.NewSectionReader(v, 0, int64(len(in))), func(rec records.Record) error {
			if rec.Index > 500 {
				return stop
			}
			return nil
		})
		v.mu.Lock()
		reads := len(v.reads)
		v.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		v.mu.Lock()
		if err != stop || len(v.reads) != reads {
			t.Errorf("NDJSON %v, emit failing: %v, %d reads after the return", ndjson, err, len(v.reads)-reads)
		}
		v.mu.Unlock()

		// A first record longer than a batch, and a file.
		long := bytes.Replace(in, []byte(`"computerDnsName":"`), []byte(`"computerDnsName":"`+strings.Repeat("x", 300<<10)), 1)
		want, _, wantErr := sequential(long, prog)
		f := tempFile(t, long)
		got, err := selectAll(t, prog, f)
		if off, err := f.Seek(0, io.SeekCurrent); off != int64(len(long)) {
			t.Errorf("NDJSON %v: the file is left at %d (%v), want its end, %d", ndjson, off, err, len(long))
		}
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("NDJSON %v, a file with a long first record: %d records, %v; want %d, %v", ndjson, len(got), err, len(want), wantErr)
		}
	}
}

// TestPositionedLongRecords: records longer than a positioned batch's
// window, or inputs with no cut for long stretches, are read whole by
// the batch they start in (or the batch after, once it knows where it
// starts), the batches they span passing the handoff on, with the
// records and errors of the sequential reference, at several batch
// sizes, in both formats, from an in-memory reader and from a file; and
// so they are when streamed.
func TestPositionedLongRecords(t *testing.T) {
	defer func(b int) { batchBytes = b }(batchBytes)
	prog, err := eval.CompileFilter("riskScore eq 'High' or computerDnsName eq 'long'")
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{}
	for _, ndjson := range []bool{true, false} {
		var gen bytes.Buffer
		if err := fleet.Generate(&gen, 2000, 4, ndjson); err != nil {
			t.Fatal(err)
		}
		in := gen.Bytes()
		// Long records here and there, of 5 KB to 700 KB, some one after
		// another.
		long := in
		for i, n := range []int{5000, 70 << 10, 700 << 10, 3000, 200 << 10, 200 << 10, 9000} {
			at := 300 + 250*i
			if i == 5 {
				at = 300 + 250*4 + 1 // the record after the one before
			}
			long = replaceNth(long, `"computerDnsName":"`, `"computerDnsName":"long","x":"`+strings.Repeat("y", n), at)
		}
		name := map[bool]string{true: "NDJSON", false: "document"}[ndjson]
		inputs[name+" long records"] = long
		inputs[name+" long record malformed"] = replaceNth(long, strings.Repeat("y", 70<<10), strings.Repeat("y", 40000)+`\q`+strings.Repeat("y", 70<<10-40002), 1) // a bad escape in the 70 KiB one
		inputs[name+" long record truncated"] = long[:bytes.Index(long, []byte(strings.Repeat("y", 700<<10)))+300<<10]
		if !ndjson {
			// Records whose first member is not the first record's: no
			// cut anywhere after the first.
			inputs["document without cuts"] = bytes.ReplaceAll(in, []byte(`},{"id":`), []byte(`},{"aadDeviceId":null,"id":`))
		}
	}
	for name, in := range inputs {
		want, _, wantErr := sequential(in, prog)
		for _, size := range []int{256 << 10, 10000, 1} {
			batchBytes = size
			v := &viewAt{old: in, now: in}
			got, err := selectAll(t, prog, io.NewSectionReader(v, 0, int64(len(in))))
			if fmt.Sprint(err) != fmt.Sprint(wantErr) || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, batches of %d bytes: %d records, %v; want %d, %v", name, size, len(got), err, len(want), wantErr)
			}
			if !v.overlapping() {
				t.Errorf("%s, batches of %d bytes: no positioned batches", name, size)
			}
			// And from a file, read through its mapping where the
			// system allows (TestMappedFile).
			got, err = selectAll(t, prog, tempFile(t, in))
			if fmt.Sprint(err) != fmt.Sprint(wantErr) || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, a file, batches of %d bytes: %d records, %v; want %d, %v", name, size, len(got), err, len(want), wantErr)
			}
			// And streamed, where a batch after one sent without a cut
			// grows to the next cut.
			got, err = selectAll(t, prog, struct{ io.Reader }{bytes.NewReader(in)})
			if fmt.Sprint(err) != fmt.Sprint(wantErr) || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, streamed, batches of %d bytes: %d records, %v; want %d, %v", name, size, len(got), err, len(want), wantErr)
			}
		}
	}
}

// replaceNth replaces the n'th occurrence (from 1) of old in in by new.
func replaceNth(in []byte, old, new string, n int) []byte {
	i := -1
	for ; n > 0; n-- {
		k := bytes.Index(in[i+1:], []byte(old))
		if k < 0 {
			panic("replaceNth: too few " + old)
		}
		i += k + 1
	}
	return append(append(append([]byte{}, in[:i]...), new...), in[i+len(old):]...)
}

// FuzzPositioned: a query over an in-memory reader (positioned batches of
// 8 to 518 bytes, so that every cut, window and handoff is tried) selects
// the records, and ends with the error, of the sequential reference, over
// any tail after a first 260 KB of generated records (the Reader reads
// 256 KiB before the batches start) in each of the three formats. Run it
// with -fuzzminimizetime 5x (as .ci/run does): the pipeline's coverage
// differs from run to run, so the fuzzer takes nearly every input for new
// coverage and would spend its time minimizing them.
func FuzzPositioned(f *testing.F) {
	var nd, doc bytes.Buffer
	if err := fleet.Generate(&nd, 300, 9, true); err != nil {
		f.Fatal(err)
	}
	if err := fleet.Generate(&doc, 300, 9, false); err != nil {
		f.Fatal(err)
	}
	// The prefixes end where a record may start, past 260 KB; the seeds go
	// on from there, a few records each (the fuzzer minimizes every input
	// that finds new coverage, which a concurrent pipeline does often).
	after := func(b []byte, sep string) int {
		i := bytes.Index(b[260<<10:], []byte(sep))
		if i < 0 {
			f.Fatalf("no %q past 260 KB", sep)
		}
		return 260<<10 + i + len(sep)
	}
	k := after(nd.Bytes(), "\n")
	ndPrefix, ndTail := nd.Bytes()[:k], nd.Bytes()[k:]
	ndTail = ndTail[:bytes.IndexByte(ndTail[3000:], '\n')+3001]
	value := doc.Bytes()[bytes.Index(doc.Bytes(), []byte(`"value":[`))+len(`"value":[`) : bytes.LastIndexByte(doc.Bytes(), ']')]
	k = after(value, "},\n")
	docPrefix := append([]byte(`{"@odata.context":"c","value":[`), value[:k]...)
	arrayPrefix := append([]byte("["), value[:k]...)
	tail := value[k:]
	tail = tail[:bytes.Index(tail[3000:], []byte("},\n"))+3001]
	prefixes := [3][]byte{ndPrefix, docPrefix, arrayPrefix}
	f.Add(uint8(0), uint8(0), ndTail)
	f.Add(uint8(0), uint8(100), bytes.ReplaceAll(ndTail, []byte("\n"), []byte("\n\n  ")))
	f.Add(uint8(1), uint8(7), append(append([]byte{}, tail...), `],"@odata.nextLink":"n"}`...))
	f.Add(uint8(2), uint8(255), append(append([]byte{}, tail...), ']'))
	f.Add(uint8(2), uint8(30), append(bytes.ReplaceAll(tail, []byte(`{"id"`), []byte(`{"x":[{"id":1},{"id":2}],"id"`)), ']'))
	f.Add(uint8(1), uint8(3), []byte(`{"id":"a","riskScore":"High","x":"`+strings.Repeat("z", 3000)+`"}]}`))

	prog, err := eval.CompileFilter("riskScore eq 'High'")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, format, step uint8, tail []byte) {
		defer func(b, s int) { batchBytes, minStep = b, s }(batchBytes, minStep)
		batchBytes, minStep = 8+2*int(step), 1
		pre := prefixes[format%3]
		in := append(pre[:len(pre):len(pre)], tail...)
		want, wantRes, wantErr := sequential(in, prog)
		var got []string
		v := &viewAt{old: in, now: in}
		res, err := Select(context.Background(), prog, io.NewSectionReader(v, 0, int64(len(in))), func(rec records.Record) error {
			got = append(got, string(rec.Raw))
			return nil
		})
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("error %v, want %v", err, wantErr)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%d records, want %d", len(got), len(want))
		}
		if wantErr == nil && res != wantRes {
			t.Fatalf("%+v, want %+v", res, wantRes)
		}
		if len(tail) > 2*batchBytes && !v.overlapping() {
			t.Fatal("no positioned batches")
		}
	})
}

// mapping is where the file at path is mapped into the process, and how
// much of it is resident, from Linux's /proc/self/smaps; ok is false
// when it is not mapped, or that cannot be told.
type mapping struct {
	lo, hi uintptr
	rssKB  int
}

func mappedNow(path string) (m mapping, ok bool) {
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return m, false
	}
	in := false
	for line := range strings.Lines(string(smaps)) {
		f := strings.Fields(line)
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"): // a mapping's first line
			if in = len(f) >= 6 && f[5] == path; in {
				fmt.Sscanf(f[0], "%x-%x", &m.lo, &m.hi)
				ok = true
			}
		case in && len(f) >= 2 && f[0] == "Rss:":
			fmt.Sscan(f[1], &m.rssKB)
		}
	}
	return m, ok
}

// TestMappedFile: a file a query filters is read, on Linux, through a
// mapping (the test sees it in /proc/self/smaps while the query runs, and
// gone once it has returned), with the sequential reference's records,
// which reach emit copied out of the mapping, the pages of the runs
// scanned let go as the query goes; elsewhere by ReadAt, with the same
// records. A file truncated under the mapping, its pages past the new
// end faulting where they are read (and the rest of the page it ends in
// reading as zeros), ends the query with errChanged after a prefix of the
// records, as a short read does, at a page boundary or not, in the file's
// last run too.
func TestMappedFile(t *testing.T) {
	defer func(b int) { batchBytes = b }(batchBytes)
	batchBytes = 10000 // 8 batches ahead: the workers are 80 KB ahead of the first emit
	prog, err := eval.CompileFilter("healthStatus ne 'Active' or riskScore eq 'High'")
	if err != nil {
		t.Fatal(err)
	}
	for _, ndjson := range []bool{true, false} {
		in, want := generatedWant(t, prog, ndjson)

		f := tempFile(t, in)
		var (
			got           []string
			during, last  mapping
			mapped, inMap bool
		)
		_, err := Select(context.Background(), prog, f, func(rec records.Record) error {
			switch len(got) {
			case 0:
				during, mapped = mappedNow(f.Name())
			case len(want) - 1:
				last, _ = mappedNow(f.Name())
			}
			if a := uintptr(unsafe.Pointer(unsafe.SliceData(rec.Raw))); a >= during.lo && a < during.hi {
				inMap = true
			}
			got = append(got, string(rec.Raw))
			return nil
		})
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("NDJSON %v, a file: %d records, %v; want %d", ndjson, len(got), err, len(want))
		}
		if runtime.GOOS == "linux" {
			_, after := mappedNow(f.Name())
			// Mapped while the query ran, not after; the records emit
			// sees are copies, out of the mapping; and at the last one,
			// the pages of the runs scanned have been let go: what is
			// resident is the runs in flight (8 of 10,000 bytes and the
			// 64 KiB blocks around them), not the file's 2.7 MB.
			if !mapped || after || inMap || last.rssKB*1024 > len(in)/2 {
				t.Errorf("NDJSON %v: mapped while the query ran: %v, after it: %v; a record's text in the mapping: %v; resident at the last record: %d KiB of %d",
					ndjson, mapped, after, inMap, last.rssKB, len(in)>>10)
			}
		}

		// At a page boundary, inside a page (the rest of which reads as
		// zeros), and inside the last run, which looks for no cut past
		// its end, where only zeros are met.
		for _, size := range []int64{1 << 20, 1<<20 + 1234, int64(len(in) - 1), int64(len(in) - 777)} {
			f := tempFile(t, in)
			var got []string
			_, err := Select(context.Background(), prog, f, func(rec records.Record) error {
				if len(got) == 0 {
					if err := os.Truncate(f.Name(), size); err != nil {
						return err
					}
				}
				got = append(got, string(rec.Raw))
				return nil
			})
			isPrefix := len(got) <= len(want) && fmt.Sprint(got) == fmt.Sprint(want[:len(got)])
			if !errors.Is(err, errChanged) || !isPrefix {
				t.Errorf("NDJSON %v, truncated to %d bytes while read: %d records, %v; want a prefix and %v", ndjson, size, len(got), err, errChanged)
			}
		}
	}
}

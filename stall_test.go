package odatafilter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/records"
)

// lineSignal is an io.Writer that sends each complete line written to it.
type lineSignal struct {
	buf   bytes.Buffer
	lines chan string
}

func (l *lineSignal) Write(p []byte) (int, error) {
	l.buf.Write(p)
	for {
		line, err := l.buf.ReadString('\n')
		if err != nil {
			l.buf.WriteString(line) // not a whole line yet
			return len(p), nil
		}
		l.lines <- strings.TrimSuffix(line, "\n")
	}
}

// TestSlowInputWrittenAtOnce: with an input that delivers one record and
// then waits (tail -f, a slow download), each match is passed to emit,
// and written out by Query with NDJSON, while the input waits, not once a
// batch has filled or the input has ended. The next record is written to
// the input only after the match before it came out, so a pipeline that
// holds matches back fails here (before, the first one waited forever).
func TestSlowInputWrittenAtOnce(t *testing.T) {
	prog, err := eval.CompileFilter("riskScore eq 'High'")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"ndjson", "envelope", "array"} {
		for _, api := range []string{"Select", "Query"} {
			t.Run(format+" "+api, func(t *testing.T) {
				pr, pw := io.Pipe()
				defer pr.Close()
				sig := &lineSignal{lines: make(chan string, 10)}
				emit := func(rec records.Record) error { sig.lines <- string(rec.Raw); return nil }
				done := make(chan error, 1)
				go func() {
					var err error
					if api == "Select" {
						_, err = Select(context.Background(), prog, pr, emit)
					} else {
						_, err = Query(context.Background(), prog, pr, sig, Options{NDJSON: true})
					}
					done <- err
				}()
				open, sep, end := "", "\n", ""
				switch format {
				case "envelope":
					open, sep, end = `{"@odata.context":"c","value":[`, ",\n", "]}"
				case "array":
					open, sep, end = "[", ",\n", "]"
				}
				io.WriteString(pw, open)
				for i := range 3 {
					if i > 0 {
						io.WriteString(pw, sep)
					}
					want := fmt.Sprintf(`{"id":"m%d","riskScore":"High"}`, i)
					io.WriteString(pw, `{"id":"x","riskScore":"Low"}`+sep+want)
					select {
					case got := <-sig.lines:
						if got != want {
							t.Fatalf("match %d: %s, want %s", i, got, want)
						}
					case err := <-done:
						t.Fatalf("ended early: %v", err)
					case <-time.After(5 * time.Second):
						t.Fatalf("match %d not out 5 s after it was read, while the input waits", i)
					}
				}
				io.WriteString(pw, end)
				pw.Close()
				if err := <-done; err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestStallKeepsOrder: with batches handed over at every stall (a Read
// that waits longer than stallAfter, here 0), records still come out in
// input order, each once, and a record that does not decode is still
// reported with its place; the stall timer runs beside the reader
// goroutine, which go test -race checks.
func TestStallKeepsOrder(t *testing.T) {
	defer func(old time.Duration) { stallAfter = old }(stallAfter)
	stallAfter = 0
	prog, err := eval.Compile("")
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for i := range 300 {
		fmt.Fprintf(&in, `{"id":"m%d"}`+"\n", i)
	}
	var out bytes.Buffer
	_, err = Query(context.Background(), prog, &slowReader{r: strings.NewReader(in.String()), n: 7}, &out, Options{NDJSON: true})
	if err != nil || out.String() != in.String() {
		t.Fatalf("%v; got %d bytes, want the %d bytes of input back in order", err, out.Len(), in.Len())
	}
	bad := in.String() + `{"id":1}` + "\n" + `{"id":"after"}` + "\n"
	_, err = Query(context.Background(), prog, &slowReader{r: strings.NewReader(bad), n: 7}, io.Discard, Options{NDJSON: true})
	var re *records.Error
	if !errors.As(err, &re) || re.Index != 300 {
		t.Errorf("bad record 301: %v, want a *records.Error naming it", err)
	}
}

// slowReader returns at most n bytes a Read, after a pause, so that the
// stall timer fires while Reads are under way.
type slowReader struct {
	r io.Reader
	n int
}

func (s *slowReader) Read(p []byte) (int, error) {
	time.Sleep(20 * time.Microsecond)
	return s.r.Read(p[:min(len(p), s.n)])
}

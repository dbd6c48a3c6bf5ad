package odatafilter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
)

// TestQueryOutput: the records come out byte for byte, in a response
// document with the input's context (or the one asked for, or the
// default), or as NDJSON; Result says what was read and selected.
func TestQueryOutput(t *testing.T) {
	doc := `{"@odata.context":"in-ctx","value":[` + "\n" +
		`{"id":"a","riskScore":"High","x":1.50},` + "\n" +
		`{"id":"b","riskScore":"Low"},` + "\n" +
		`{ "riskScore" : "High", "id":"c\u0041" }]}`
	ndjson := `{"id":"a","riskScore":"High","x":1.50}` + "\n" + `{"id":"b","riskScore":"Low"}` + "\n" + `{ "riskScore" : "High",` + "\n" + ` "id":"c\u0041" }`
	late := `{"value":[` + strings.Repeat(`{"id":"a","riskScore":"High","x":1.50},`, 5000) + `{"id":"z"}],"@odata.context":"late","@odata.nextLink":"next"}`
	const a, c = `{"id":"a","riskScore":"High","x":1.50}`, `{ "riskScore" : "High", "id":"c\u0041" }`
	for _, tc := range []struct {
		name, in, query string
		opts            Options
		want            string
		res             Result
	}{
		{"envelope", doc, "$filter=riskScore eq 'High'", Options{},
			`{"@odata.context":"in-ctx","value":[` + "\n" + a + ",\n" + c + "\n]}\n",
			Result{records.Envelope, "in-ctx", "", 2}},
		{"context asked for", doc, "$filter=riskScore eq 'High'&$skip=1", Options{Context: "mine"},
			`{"@odata.context":"mine","value":[` + "\n" + c + "\n]}\n",
			Result{records.Envelope, "in-ctx", "", 1}},
		{"default context", "[" + a + "]", "", Options{},
			`{"@odata.context":"` + records.DefaultContext + `","value":[` + "\n" + a + "\n]}\n",
			Result{records.Array, "", "", 1}},
		{"nothing selected", doc, "$filter=id eq 'z'", Options{},
			`{"@odata.context":"in-ctx","value":[]}` + "\n",
			Result{records.Envelope, "in-ctx", "", 0}},
		{"ndjson", ndjson, "$filter=riskScore eq 'High'", Options{NDJSON: true},
			a + "\n" + `{ "riskScore" : "High",  "id":"c\u0041" }` + "\n", // the line break is a space
			Result{records.NDJSON, "", "", 2}},
		{"top", doc, "$top=1", Options{NDJSON: true}, a + "\n", Result{records.Envelope, "in-ctx", "", 1}},
		{"top 0 reads nothing", "not even JSON", "$top=0", Options{NDJSON: true}, "", Result{}},
		{"late context and link, read on for the context", late, "$top=1", Options{},
			`{"@odata.context":"late","value":[` + "\n" + a + "\n]}\n",
			Result{records.Envelope, "late", "next", 1}},
		{"late context and link, not read on with a context given", late, "$top=1", Options{Context: "mine"},
			`{"@odata.context":"mine","value":[` + "\n" + a + "\n]}\n",
			Result{records.Envelope, "", "", 1}},
		{"late context and link, not read on for NDJSON", late, "$top=1", Options{NDJSON: true},
			a + "\n", Result{records.Envelope, "", "", 1}},
		{"late context and link, read to the end", late, "$filter=id eq 'z'", Options{NDJSON: true},
			`{"id":"z"}` + "\n", Result{records.Envelope, "late", "next", 1}},
		{"early link", `{"@odata.nextLink":"next","value":[` + a + `]}`, "", Options{NDJSON: true},
			a + "\n", Result{records.Envelope, "", "next", 1}},
	} {
		prog, err := eval.Compile(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		res, err := Query(context.Background(), prog, strings.NewReader(tc.in), &out, tc.opts)
		if err != nil || out.String() != tc.want || res != tc.res {
			t.Errorf("%s: %v, %+v\n%s\nwant %+v\n%s", tc.name, err, res, out.String(), tc.res, tc.want)
		}
	}
}

// TestQueryCanceledWhileReading: a Query or ReadMachines whose input
// blocks in a Read waits for that Read after its context ends (ctx cannot
// end it), and returns ctx's error once it does: closing the input when
// ctx ends, as the doc says, ends the wait.
func TestQueryCanceledWhileReading(t *testing.T) {
	prog, err := eval.Compile("")
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]func(ctx context.Context, in io.Reader) error{
		"Query": func(ctx context.Context, in io.Reader) error {
			_, err := Query(ctx, prog, in, io.Discard, Options{})
			return err
		},
		"ReadMachines": func(ctx context.Context, in io.Reader) error {
			_, err := ReadMachines(ctx, in)
			return err
		},
	}
	for name, call := range calls {
		pr, pw := io.Pipe()
		go pw.Write([]byte(`{"value":[{"id":"a"},`)) // and then nothing
		in := &watchedReader{r: pr}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		done := make(chan error, 1)
		go func() { done <- call(ctx, in); in.returned.Store(true) }()
		<-ctx.Done()
		select {
		case err := <-done:
			t.Errorf("%s: returned (%v) while a Read of its input was blocked", name, err)
		case <-time.After(50 * time.Millisecond):
		}
		pr.CloseWithError(errors.New("closed when the context ended"))
		select {
		case err := <-done:
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s: got %v, want context.DeadlineExceeded", name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading 10 s after the input was closed", name)
		}
		in.check(t, name)
		cancel()
	}
}

// watchedReader reads a fleet in small pieces, slowly, and notes a Read
// under way when the call reading it returned (returned set) or one begun
// after: the reader goroutine of the pipeline outliving its call.
type watchedReader struct {
	r        io.Reader
	delay    time.Duration // before each Read returns
	inRead   atomic.Int32  // Reads under way
	returned atomic.Bool   // set by the test once the call has returned
	late     atomic.Int32  // Reads under way at, or begun after, returned
}

func (w *watchedReader) Read(p []byte) (int, error) {
	w.inRead.Add(1)
	defer w.inRead.Add(-1)
	if w.returned.Load() {
		w.late.Add(1)
	}
	time.Sleep(w.delay)
	return w.r.Read(p[:min(len(p), 4096)])
}

// check fails the test if a Read was under way when the call returned, or
// begins within a while after it.
func (w *watchedReader) check(t *testing.T, name string) {
	t.Helper()
	w.returned.Store(true)
	if n := w.inRead.Load(); n != 0 {
		t.Errorf("%s: returned with %d Read of its input under way", name, n)
	}
	time.Sleep(20 * time.Millisecond)
	if n := w.late.Load(); n != 0 {
		t.Errorf("%s: %d Read of its input after it returned", name, n)
	}
}

// TestNoReadAfterReturn: Query, Select and ReadMachines return only once
// no Read of their input is under way and none will start, however they
// end: at $top, on an error from emit, on bad data, on cancel. Before,
// the pipeline's reader went on reading its batch after the call had
// returned, racing with a caller that closed or reused the input (go test
// -race saw it as a race on the caller's reader).
func TestNoReadAfterReturn(t *testing.T) {
	compile := func(q string) *eval.Program {
		prog, err := eval.Compile(q)
		if err != nil {
			t.Fatal(err)
		}
		return prog
	}
	stop := errors.New("stop")
	calls := []struct {
		name string
		bad  bool // the fleet comes after a record that does not decode
		call func(ctx context.Context, in io.Reader) error
	}{
		{"Query NDJSON at $top", false, func(ctx context.Context, in io.Reader) error {
			_, err := Query(ctx, compile("$top=2"), in, io.Discard, Options{NDJSON: true})
			return err
		}},
		{"Query document at $top", false, func(ctx context.Context, in io.Reader) error {
			_, err := Query(ctx, compile("$filter=riskScore eq 'High'&$top=1"), in, io.Discard, Options{})
			return err
		}},
		{"Select, emit fails", false, func(ctx context.Context, in io.Reader) error {
			_, err := Select(ctx, compile(""), in, func(rec records.Record) error {
				if rec.Index == 3 {
					return stop
				}
				return nil
			})
			if err != stop {
				return fmt.Errorf("got %v, want emit's error", err)
			}
			return nil
		}},
		{"Query bad data", true, func(ctx context.Context, in io.Reader) error {
			_, err := Query(ctx, compile(""), in, io.Discard, Options{NDJSON: true})
			return wantRecordsError(err)
		}},
		{"ReadMachines bad data", true, func(ctx context.Context, in io.Reader) error {
			_, err := ReadMachines(ctx, in)
			return wantRecordsError(err)
		}},
		{"Query canceled", false, func(ctx context.Context, in io.Reader) error {
			ctx, cancel := context.WithCancel(ctx)
			_, err := Query(ctx, compile(""), &cancelingReader{r: in, n: 64 << 10, cancel: cancel}, io.Discard, Options{NDJSON: true})
			if !errors.Is(err, context.Canceled) {
				return fmt.Errorf("got %v, want context.Canceled", err)
			}
			return nil
		}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pr.Close()
			go func() {
				if c.bad {
					pw.Write([]byte(`{"id":"a"}` + "\n" + `{"id":1}` + "\n"))
				}
				pw.CloseWithError(fleet.Generate(pw, 1_000_000, 1, c.bad))
			}()
			in := &watchedReader{r: pr, delay: 50 * time.Microsecond}
			if err := c.call(context.Background(), in); err != nil {
				t.Error(err)
			}
			in.check(t, c.name)
		})
	}
}

// wantRecordsError is nil for a *records.Error, else an error saying so.
func wantRecordsError(err error) error {
	var re *records.Error
	if !errors.As(err, &re) {
		return fmt.Errorf("got %v, want a *records.Error", err)
	}
	return nil
}

// TestQueryBudget: a record that needs more work than the program's
// budget ends the query with a *records.Error naming it that wraps the
// *eval.BudgetError; without a budget it matches.
func TestQueryBudget(t *testing.T) {
	in := `[{"id":"a","machineTags":["x"]},{"id":"b","machineTags":["1","2","3","4","5","6","7","8","9","10"]}]`
	const filter = "$filter=machineTags/any(a:machineTags/any(b:b eq a and a eq 'none'))"
	prog, err := eval.Compile(filter, eval.WithMaxSteps(50))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_, err = Query(context.Background(), prog, strings.NewReader(in), &out, Options{})
	var re *records.Error
	var be *eval.BudgetError
	if !errors.As(err, &re) || re.Index != 1 || re.Offset != 32 || !errors.As(err, &be) || out.Len() > 0 {
		t.Errorf("over the budget: %v (%#v), %d bytes written; want record 2 at byte 32, a *eval.BudgetError, nothing written", err, re, out.Len())
	}
	prog, err = eval.Compile(filter, eval.WithMaxSteps(-1))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := Select(context.Background(), prog, strings.NewReader(in), func(records.Record) error { return nil }); err != nil || res.Selected != 0 {
		t.Errorf("no budget: %v, %d selected", err, res.Selected)
	}
}

// TestNilArguments: a nil program, input, output or emit is an error,
// not a panic (a nil input used to panic on the reader goroutine, taking
// the process down).
func TestNilArguments(t *testing.T) {
	prog, err := eval.Compile("")
	if err != nil {
		t.Fatal(err)
	}
	emit := func(records.Record) error { return nil }
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{"Query nil program", second(Query(context.Background(), nil, strings.NewReader("[]"), io.Discard, Options{})), errNoProgram},
		{"Select nil program", second(Select(context.Background(), nil, strings.NewReader("[]"), emit)), errNoProgram},
		{"Query nil input", second(Query(context.Background(), prog, nil, io.Discard, Options{})), errNoInput},
		{"Query nil input NDJSON", second(Query(context.Background(), prog, nil, io.Discard, Options{NDJSON: true})), errNoInput},
		{"Select nil input", second(Select(context.Background(), prog, nil, emit)), errNoInput},
		{"ReadMachines nil input", second(ReadMachines(context.Background(), nil)), errNoInput},
		{"Query nil output", second(Query(context.Background(), prog, strings.NewReader("[]"), nil, Options{})), errNoOutput},
		{"Select nil emit", second(Select(context.Background(), prog, strings.NewReader("[]"), nil)), errNoEmit},
		{"Count nil program", second(Count(context.Background(), nil, strings.NewReader("[]"))), errNoProgram},
		{"Count nil input", second(Count(context.Background(), prog, nil)), errNoInput},
	} {
		if tc.err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

// second returns the error of a call's two results.
func second[T any](_ T, err error) error { return err }

// TestSelect: emit sees each selected record with its place in the
// input; an error from emit ends Select and comes back as it is.
func TestSelect(t *testing.T) {
	in := `[{"id":"a","riskScore":"High"}, {"id":"b"}, {"id":"c","riskScore":"High"}, {"id":"d","riskScore":"High"}]`
	prog, err := eval.CompileFilter("riskScore eq 'High'")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	stop := errors.New("stop")
	res, err := Select(context.Background(), prog, strings.NewReader(in), func(rec records.Record) error {
		if !strings.HasPrefix(in[rec.Offset:], string(rec.Raw)) {
			t.Errorf("record %d: offset %d does not hold %s", rec.Index, rec.Offset, rec.Raw)
		}
		got = append(got, string(rec.Raw))
		if rec.Index == 2 {
			return stop
		}
		return nil
	})
	if err != stop || res.Selected != 1 || len(got) != 2 || got[1] != `{"id":"c","riskScore":"High"}` {
		t.Errorf("Select: %v, %+v, %q", err, res, got)
	}
}

// TestCount: Count counts the matches of the whole input, ignoring $skip
// and $top as OData's $count does, and still checks every record: bad data
// after the matches is an error naming it.
func TestCount(t *testing.T) {
	in := `[{"id":"a","riskScore":"High"}, {"id":"b"}, {"id":"c","riskScore":"High"}, {"id":"d","riskScore":"High"}]`
	bad := `{"id":"a","riskScore":"High"}` + "\n" + `{"id":"b","riskScore":"High","healthStatus":"Actve"}` + "\n"
	for _, tc := range []struct {
		query, in string
		want      int64
		errAt     int // the index of the bad record, -1 for none
	}{
		{"$filter=riskScore eq 'High'", in, 3, -1},
		{"$filter=riskScore eq 'High'&$top=1&$skip=1", in, 3, -1},
		{"$top=0", in, 4, -1},
		{"$filter=riskScore eq 'Low'", in, 0, -1},
		{"$filter=riskScore eq 'High'&$top=1", bad, 1, 1},
		{"$filter=riskScore eq 'High'", "[]", 0, -1},
	} {
		prog, err := eval.Compile(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Count(context.Background(), prog, strings.NewReader(tc.in))
		var re *records.Error
		switch {
		case tc.errAt < 0 && err != nil:
			t.Errorf("Count(%q): %v", tc.query, err)
		case tc.errAt >= 0 && (!errors.As(err, &re) || re.Index != tc.errAt):
			t.Errorf("Count(%q): %v, want an error at record %d", tc.query, err, tc.errAt)
		case tc.errAt < 0 && res.Selected != tc.want:
			t.Errorf("Count(%q) = %d, want %d", tc.query, res.Selected, tc.want)
		}
	}
}

// cancelingReader cancels its context once n bytes have been read, and
// goes on reading.
type cancelingReader struct {
	r      io.Reader
	n      int
	cancel context.CancelFunc
}

func (c *cancelingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n -= n; c.n <= 0 {
		c.cancel()
	}
	return n, err
}

// TestQueryCanceled: a context canceled before or during a query ends it
// with the context's error, long before the input's end; the response
// document is then not written at all.
func TestQueryCanceled(t *testing.T) {
	prog, err := eval.CompileFilter("riskScore ne 'High'")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	if _, err := Query(ctx, prog, strings.NewReader(`[]`), &out, Options{}); !errors.Is(err, context.Canceled) || out.Len() > 0 {
		t.Errorf("canceled before: %v, %d bytes written", err, out.Len())
	}

	for _, opts := range []Options{{}, {NDJSON: true}} {
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(fleet.Generate(pw, 1_000_000, 1, true)) }()
		ctx, cancel := context.WithCancel(context.Background())
		in := &cancelingReader{r: pr, n: 1 << 20, cancel: cancel}
		counted := &countingReader{r: in}
		var out bytes.Buffer
		_, err := Query(ctx, prog, counted, &out, opts)
		pr.Close()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%+v: canceled after 1 MiB: %v", opts, err)
		}
		if !opts.NDJSON && out.Len() > 0 {
			t.Errorf("%+v: canceled after 1 MiB, but %d bytes written", opts, out.Len())
		}
		// The batches in flight, and the reader's own buffer.
		if limit := int64(batchesAhead+2)*int64(batchBytes) + 2<<20; counted.n.Load() > limit {
			t.Errorf("%+v: read %d bytes after the cancel, want at most %d", opts, counted.n.Load(), limit)
		}
	}
}

// TestQueryLateContext: a response document whose @odata.context comes
// after the records is read to its end for the context once $top records
// are out, checked as JSON but not decoded: a record that does not decode
// after the $top'th is not an error, malformed JSON is, in batches of any
// size.
func TestQueryLateContext(t *testing.T) {
	const a = `{"id":"a","riskScore":"High"}`
	bad := strings.Repeat(`{"id":"b","healthStatus":"Actve"},`, 3000)
	undecodable := `{"value":[` + a + `,` + bad + a + `],"@odata.context":"late"}`
	malformed := `{"value":[` + a + `,` + bad + `{"id":"c","riskScore":,},` + a + `],"@odata.context":"late"}`
	prog, err := eval.Compile("$top=1")
	if err != nil {
		t.Fatal(err)
	}
	defer func(old int) { batchBytes = old }(batchBytes)
	for _, size := range []int{256 << 10, 1000} {
		batchBytes = size
		var out bytes.Buffer
		res, err := Query(context.Background(), prog, strings.NewReader(undecodable), &out, Options{})
		want := `{"@odata.context":"late","value":[` + "\n" + a + "\n]}\n"
		if err != nil || out.String() != want || res.Context != "late" {
			t.Errorf("batches of %d bytes, a record that does not decode after $top: %v, %+v\n%s", size, err, res, out.String())
		}
		out.Reset()
		_, err = Query(context.Background(), prog, strings.NewReader(malformed), &out, Options{})
		var re *records.Error
		if !errors.As(err, &re) || re.Index != 3001 || !strings.Contains(err.Error(), "unexpected ','") || out.Len() != 0 {
			t.Errorf("batches of %d bytes, malformed JSON after $top: %v, output %q; want record 3001's error and no output", size, err, out.String())
		}
	}
}

package odatafilter

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

// sequential is Select as it was before the pipeline, the
// reference: one record at a time, each decoded whole, through
// Program.All. It returns the records selected, the error, and the
// Reader's Result (its Format, Context and NextLink, and the records
// selected).
func sequential(in []byte, prog *eval.Program) ([]string, Result, error) {
	rd := records.NewReader(bytes.NewReader(in))
	var cur records.Record
	var bad error
	machines := func(yield func(*schema.Machine) bool) {
		var m schema.Machine
		for {
			rec, err := rd.Next()
			if err != nil {
				if err != io.EOF {
					bad = err
				}
				return
			}
			if err := m.UnmarshalJSON(rec.Raw); err != nil {
				bad = records.DecodeError(rec, err)
				return
			}
			cur = rec
			if !yield(&m) {
				return
			}
		}
	}
	var out []string
	for range prog.All(machines) {
		out = append(out, string(cur.Raw))
	}
	return out, Result{Format: rd.Format(), Context: rd.Context(), NextLink: rd.NextLink(), Selected: int64(len(out))}, bad
}

// TestPipelineAgrees: the pipeline selects the same records, in the same
// order, and stops at the same error, as the sequential reference, over
// a fleet in all three formats (read by chunks: chunks.go), clean and
// broken at several places, with records spanning lines, with nested
// objects that look like records to the reader's cuts, and the
// envelope's members after the records, for several filters with and
// without $top and $skip, with batches of the usual size and of one
// record, read from a strings.Reader (by positioned batches: readat.go)
// and from a plain io.Reader (by chunks the reader goroutine reads).
// Without $top, the Result is the same too.
func TestPipelineAgrees(t *testing.T) {
	var envelope, ndjson bytes.Buffer
	if err := fleet.Generate(&envelope, 1500, 5, false); err != nil {
		t.Fatal(err)
	}
	if err := fleet.Generate(&ndjson, 1500, 5, true); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]string{"envelope": envelope.String(), "ndjson": ndjson.String()}
	// breakAt damages the n'th occurrence of old.
	breakAt := func(in, old, new string, n int) string {
		i := 0
		for ; n > 0; n-- {
			i += strings.Index(in[i:], old) + 1
		}
		return in[:i-1] + new + in[i-1+len(old):]
	}
	doc := envelope.String()
	inputs["bad enum early"] = breakAt(doc, `"healthStatus":"Active"`, `"healthStatus":"Actve"`, 3)
	inputs["bad enum late"] = breakAt(doc, `"healthStatus":"Active"`, `"healthStatus":"Actve"`, 1100)
	inputs["bad type"] = breakAt(doc, `"osBuild":`, `"osBuild":1.5,"x":`, 700)
	inputs["malformed"] = breakAt(doc, `"riskScore":`, `"riskScore":,`, 900)
	inputs["truncated"] = doc[:len(doc)*2/3]
	inputs["empty"] = `{"value":[],"@odata.context":"c"}`
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, envelope.Bytes(), "", " \t"); err != nil {
		t.Fatal(err)
	}
	inputs["pretty"] = pretty.String()
	var env struct{ Value json.RawMessage }
	if err := json.Unmarshal(envelope.Bytes(), &env); err != nil {
		t.Fatal(err)
	}
	inputs["array"] = string(env.Value)
	inputs["array truncated"] = string(env.Value[:len(env.Value)/3])
	inputs["array bad enum"] = breakAt(string(env.Value), `"healthStatus":"Active"`, `"healthStatus":"Actve"`, 1100)
	// A member the Reader's cuts take for the records' first member, in
	// a nested array: wrong guesses, scanned again.
	inputs["nested like records"] = strings.ReplaceAll(doc, `"osBuild":`, `"x":[{"id":1},{"id":"},{\"id\":"}],"osBuild":`)
	inputs["late context"] = `{"value":` + string(env.Value) + `,"@odata.context":"late","x":[{}],"@odata.nextLink":"next"}`
	inputs["late context malformed"] = `{"value":` + string(env.Value) + `,"@odata.context":"late","x":[{,}]}`
	inputs["two documents"] = doc + doc
	nd := ndjson.String()
	inputs["ndjson bad enum"] = breakAt(nd, `"healthStatus":"Active"`, `"healthStatus":"Actve"`, 1100)
	inputs["ndjson malformed"] = breakAt(nd, `"riskScore":`, `"riskScore":,`, 900)
	inputs["ndjson two a line"] = breakAt(nd, "}\n{", "} {", 800)
	inputs["ndjson truncated"] = nd[:len(nd)*2/3]
	inputs["ndjson no last line feed"] = strings.TrimSuffix(nd, "\n")
	var prettyLines bytes.Buffer // NDJSON whose records span lines, as jq without -c writes
	for line := range strings.Lines(nd) {
		if err := json.Indent(&prettyLines, []byte(line), "", "  "); err != nil {
			t.Fatal(err)
		}
	}
	inputs["ndjson pretty"] = prettyLines.String()
	inputs["ndjson pretty malformed"] = breakAt(prettyLines.String(), `"riskScore":`, `"riskScore":,`, 900)

	filters := []string{
		"",
		"healthStatus ne 'Active' and rbacGroupId eq 140",
		"riskScore eq 'High' or lastSeen lt now()",
		"startswith(computerDnsName,'desktop') and machineTags/any(t: t eq 'PCI')",
		"onboardingStatus eq 'Onboarded' and exposureLevel ge 'Medium' and aadDeviceId ne null",
	}
	pages := [][2]string{{"", ""}, {"7", ""}, {"40", "25"}, {"", "300"}, {"0", ""}}
	now := time.Now()
	clock := eval.WithClock(func() time.Time { return now })
	sizes := []struct{ bytes, records, ahead int }{{256 << 10, 4096, 8}, {1, 1, 1}, {5000, 3, 2}}

	for name, in := range inputs {
		for _, filter := range filters {
			for _, page := range pages {
				prog, err := eval.Compile(rawQuery(filter, page[0], page[1]), eval.WithModel(schema.Machines2021), clock)
				if err != nil {
					t.Fatalf("%q: %v", filter, err)
				}
				want, wantRes, wantErr := sequential([]byte(in), prog)
				for i, size := range sizes {
					batchBytes, batchRecords, batchesAhead = size.bytes, size.records, size.ahead
					var got []string
					var r io.Reader = strings.NewReader(in)
					if (i+len(filter)+len(page[0]))%2 == 1 { // half the cases, to keep the test short
						r = struct{ io.Reader }{r}
					}
					res, err := Select(context.Background(), prog, r, func(rec records.Record) error {
						got = append(got, string(rec.Raw))
						return nil
					})
					what := fmt.Sprintf("%s, %q top %q skip %q, batches %v, %T", name, filter, page[0], page[1], size, r)
					if fmt.Sprint(err) != fmt.Sprint(wantErr) {
						t.Errorf("%s: error %v, want %v", what, err, wantErr)
					}
					if page[0] == "" && wantErr == nil && res != wantRes {
						t.Errorf("%s: %+v, want %+v", what, res, wantRes)
					}
					if len(got) != len(want) {
						t.Errorf("%s: %d records, want %d", what, len(got), len(want))
						continue
					}
					for i := range got {
						if got[i] != want[i] {
							t.Errorf("%s: record %d is %.60s, want %.60s", what, i, got[i], want[i])
							break
						}
					}
				}
			}
		}
	}
	batchBytes, batchRecords, batchesAhead = 256<<10, 4096, 8
}

// rawQuery is the raw query string of a filter, $top and $skip, each
// left out when empty.
func rawQuery(filter, top, skip string) string {
	v := url.Values{}
	for name, val := range map[string]string{"$filter": filter, "$top": top, "$skip": skip} {
		if val != "" {
			v.Set(name, val)
		}
	}
	return v.Encode()
}

// TestPipelineStopsEarly: once $top records are out, the reader stops
// within a few batches, however long the input.
func TestPipelineStopsEarly(t *testing.T) {
	pr, pw := io.Pipe()
	defer pr.Close()
	go func() { pw.CloseWithError(fleet.Generate(pw, 1_000_000, 1, true)) }()
	counted := &countingReader{r: pr}
	prog, err := eval.Compile("$top=3")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res, err := Query(context.Background(), prog, counted, &out, Options{NDJSON: true})
	if err != nil || strings.Count(out.String(), "\n") != 3 || res.Selected != 3 {
		t.Fatalf("%v, %d lines, %d selected", err, strings.Count(out.String(), "\n"), res.Selected)
	}
	// The batches in flight, and the reader's own buffer.
	if limit := int64(batchesAhead+2)*int64(batchBytes) + 1<<20; counted.n.Load() > limit {
		t.Errorf("read %d bytes to print 3 records, want at most %d", counted.n.Load(), limit)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestChunksReadError: a read error in the middle of the input ends a
// query by chunks with the records and the error of one read on the
// reader goroutine, at any batch size, in both formats.
func TestChunksReadError(t *testing.T) {
	defer func(old bool) { splitChunks = old }(splitChunks)
	for _, ndjson := range []bool{true, false} {
		var gen bytes.Buffer
		if err := fleet.Generate(&gen, 300, 2, ndjson); err != nil {
			t.Fatal(err)
		}
		in := gen.Bytes()[:gen.Len()/2]
		prog, err := eval.Compile("")
		if err != nil {
			t.Fatal(err)
		}
		run := func() (int, error) {
			n := 0
			_, err := Select(context.Background(), prog, io.MultiReader(bytes.NewReader(in), iotest.ErrReader(io.ErrUnexpectedEOF)), func(records.Record) error {
				n++
				return nil
			})
			return n, err
		}
		splitChunks = false
		want, wantErr := run()
		splitChunks = true
		for _, size := range []int{256 << 10, 1000, 1} {
			batchBytes = size
			got, err := run()
			if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) || wantErr == nil {
				t.Errorf("NDJSON %v, batches of %d bytes: %d records, %v; want %d, %v", ndjson, size, got, err, want, wantErr)
			}
		}
		batchBytes = 256 << 10
	}
}

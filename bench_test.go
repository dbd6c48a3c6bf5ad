package odatafilter

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

// BenchmarkReadMachines: ReadMachines over a generated Defender document
// of 20,000 machines (18 MB), against a baseline in the same run: the
// same reader and decoder one record at a time on one goroutine.
func BenchmarkReadMachines(b *testing.B) {
	var doc bytes.Buffer
	if err := fleet.Generate(&doc, 20000, 3, false); err != nil {
		b.Fatal(err)
	}
	b.Run("ReadMachines", func(b *testing.B) {
		b.SetBytes(int64(doc.Len()))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ReadMachines(context.Background(), bytes.NewReader(doc.Bytes())); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sequential", func(b *testing.B) {
		b.SetBytes(int64(doc.Len()))
		b.ReportAllocs()
		for b.Loop() {
			rd := records.NewReader(bytes.NewReader(doc.Bytes()))
			var ms []schema.Machine
			for {
				rec, err := rd.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				ms = append(ms, schema.Machine{})
				if err := schema.AllFields.UnmarshalMembers(rec.Raw, rec.Members, &ms[len(ms)-1]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkQuery: Query writing NDJSON over 50,000 generated machines
// (45 MB, one machine a line), with the filter of bench/query/run.sh,
// against a baseline in the same run: the same reader, projection,
// decoder and program one record at a time on one goroutine, writing
// through the same Writer.
func BenchmarkQuery(b *testing.B) {
	var doc bytes.Buffer
	if err := fleet.Generate(&doc, 50000, 1, true); err != nil {
		b.Fatal(err)
	}
	prog, err := eval.CompileFilter("healthStatus ne 'Active' and rbacGroupId eq 140")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Query", func(b *testing.B) {
		b.SetBytes(int64(doc.Len()))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Query(context.Background(), prog, bytes.NewReader(doc.Bytes()), io.Discard, Options{NDJSON: true}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/50000, "ns/record")
	})
	b.Run("sequential", func(b *testing.B) {
		b.SetBytes(int64(doc.Len()))
		b.ReportAllocs()
		fields := fieldsRead(prog)
		for b.Loop() {
			rd := records.NewReader(bytes.NewReader(doc.Bytes()))
			w := records.NewNDJSONWriter(io.Discard)
			var m schema.Machine
			for {
				rec, err := rd.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				if err := fields.UnmarshalMembers(rec.Raw, rec.Members, &m); err != nil {
					b.Fatal(err)
				}
				if ok, err := prog.MatchContext(context.Background(), &m); err != nil {
					b.Fatal(err)
				} else if ok {
					w.Write(rec.Raw)
				}
			}
			w.Close()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/50000, "ns/record")
	})
}

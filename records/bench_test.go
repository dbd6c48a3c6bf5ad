package records_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
)

// BenchmarkReader measures Reader.Next over a synthetic fleet of realistic
// records (fleet.Generate), in MB/s of input: finding each record's end
// and checking its JSON, without decoding.
func BenchmarkReader(b *testing.B) {
	for _, format := range []struct {
		name   string
		ndjson bool
	}{{"envelope", false}, {"ndjson", true}} {
		var in bytes.Buffer
		if err := fleet.Generate(&in, 20000, 1, format.ndjson); err != nil {
			b.Fatal(err)
		}
		b.Run(format.name, func(b *testing.B) {
			b.SetBytes(int64(in.Len()))
			b.ReportAllocs()
			for b.Loop() {
				rd := records.NewReader(bytes.NewReader(in.Bytes()))
				n := 0
				for {
					_, err := rd.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != 20000 {
					b.Fatalf("%d records", n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/20000, "ns/record")
		})
	}
}

// BenchmarkCopy reads a fleet and writes every record back out as an
// envelope: the pass-through path of odatafilter query without a filter.
func BenchmarkCopy(b *testing.B) {
	var in bytes.Buffer
	if err := fleet.Generate(&in, 20000, 1, false); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(in.Len()))
	b.ReportAllocs()
	for b.Loop() {
		rd := records.NewReader(bytes.NewReader(in.Bytes()))
		w := records.NewEnvelopeWriter(io.Discard, rd.Context())
		for {
			rec, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if err := w.Write(rec.Raw); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

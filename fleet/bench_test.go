package fleet

import (
	"io"
	"testing"
)

// BenchmarkGenerate measures generation speed in MB/s: each iteration
// writes a fleet of 10,000 machines as a document, and as NDJSON, to
// io.Discard.
func BenchmarkGenerate(b *testing.B) {
	for _, bc := range []struct {
		name   string
		ndjson bool
	}{{"document", false}, {"ndjson", true}} {
		b.Run(bc.name, func(b *testing.B) {
			const n = 10000
			var cw countingWriter
			if err := Generate(&cw, n, 1, bc.ndjson); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			for b.Loop() {
				if err := Generate(io.Discard, n, 1, bc.ndjson); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
		})
	}
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

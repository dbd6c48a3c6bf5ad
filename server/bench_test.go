package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// discardWriter is a ResponseWriter that keeps nothing, so that the
// benchmarks measure the handler and not a recorder's buffer.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return io.Discard.Write(p) }
func (w *discardWriter) WriteHeader(int)             {}

// BenchmarkHandler serves 25,000 small records in-process: a full page,
// a selective filter that scans everything, and a bad query (cached).
func BenchmarkHandler(b *testing.B) {
	raws, _ := bigFleet(25000)
	h, err := New(toRecords(raws...), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, bm := range []struct {
		name, target string
		scanned      int // records looked at per request
	}{
		{"page", "/api/machines", 10001},
		{"filter", "/api/machines?$filter=riskScore+eq+'High'+and+rbacGroupId+eq+141", 25000},
		{"bad", "/api/machines?$filter=riskScor+eq+'High'", 0},
		{"entity", "/api/machines/m12345", 0},
	} {
		b.Run(bm.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", bm.target, nil)
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(&discardWriter{h: http.Header{}}, req)
			}
			if bm.scanned > 0 {
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(bm.scanned), "ns/record")
			}
		})
	}
}

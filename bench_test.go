package odatafilter

import (
	"bytes"
	"context"
	"testing"

	"github.com/odatafilter/odatafilter/fleet"
)

func BenchmarkReadMachines(b *testing.B) {
	var doc bytes.Buffer
	if err := fleet.Generate(&doc, 20000, 3, false); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(doc.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadMachines(context.Background(), bytes.NewReader(doc.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}

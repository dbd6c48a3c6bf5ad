package odatafilter

import (
	"bytes"
	"context"
	"io"
	"testing"

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

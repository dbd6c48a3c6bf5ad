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

// BenchmarkStages measures, each on one goroutine, the stages of a
// query over NDJSON (50,000 generated machines, 45 MB, the filter of
// bench/query/run.sh), in MB/s of input:
//
//   - read: the reader goroutine's work, the one serial stage: reading
//     the input and cutting it into lines batches (NextLines, and the
//     copy into the batch);
//   - worker: one worker's work on those batches: finding and checking
//     the records (LineScanner), decoding the fields the filter reads,
//     and matching;
//   - next: for comparison, the reader goroutine's work before lines
//     batches (records.Reader.Next over every byte).
//
// The serial stage caps a query at read/worker cores: the README's
// Performance section has the figures.
func BenchmarkStages(b *testing.B) {
	var in bytes.Buffer
	if err := fleet.Generate(&in, 50000, 1, true); err != nil {
		b.Fatal(err)
	}
	prog, err := eval.CompileFilter("healthStatus ne 'Active' and rbacGroupId eq 140")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("read", func(b *testing.B) {
		b.SetBytes(int64(in.Len()))
		b.ReportAllocs()
		data := make([]byte, 0, 2*batchBytes)
		for b.Loop() {
			rd := records.NewReader(bytes.NewReader(in.Bytes()))
			if _, err := rd.Next(); err != nil {
				b.Fatal(err)
			}
			for {
				l, err := rd.NextLines()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				data = append(data, l.Data...)
				if len(data) >= batchBytes && l.Cut {
					data = data[:0]
				}
			}
		}
	})
	batches := linesBatches(b, in.Bytes())
	b.Run("worker", func(b *testing.B) {
		b.SetBytes(int64(in.Len()))
		b.ReportAllocs()
		fields := fieldsRead(prog)
		var s records.LineScanner
		var m schema.Machine
		ctx := context.Background()
		matched := 0
		for b.Loop() {
			for _, bt := range batches {
				if _, _, err := scanLines(bt, &s, bt.data, bt.offset, bt.newline); err != nil {
					b.Fatal(err)
				}
				for i := range bt.recs {
					if err := fields.UnmarshalMembers(bt.recs[i].Raw, bt.recs[i].Members, &m); err != nil {
						b.Fatal(err)
					}
					if ok, _ := prog.MatchContext(ctx, &m); ok {
						matched++
					}
				}
			}
		}
	})
	b.Run("next", func(b *testing.B) {
		b.SetBytes(int64(in.Len()))
		b.ReportAllocs()
		for b.Loop() {
			rd := records.NewReader(bytes.NewReader(in.Bytes()))
			for {
				if _, err := rd.Next(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// linesBatches cuts the NDJSON in into lines batches as the reader
// goroutine does (the first record in none of them).
func linesBatches(b *testing.B, in []byte) []*batch {
	rd := records.NewReader(bytes.NewReader(in))
	if _, err := rd.Next(); err != nil {
		b.Fatal(err)
	}
	var out []*batch
	cur := &batch{lines: true}
	for {
		l, err := rd.NextLines()
		if err == io.EOF {
			return out
		}
		if err != nil {
			b.Fatal(err)
		}
		if len(cur.data) == 0 {
			cur.offset, cur.newline = l.Offset, len(out) > 0
		}
		cur.data = append(cur.data, l.Data...)
		if l.Last || len(cur.data) >= batchBytes && l.Cut {
			cur.last = l.Last
			out = append(out, cur)
			cur = &batch{lines: true}
		}
	}
}

package odatafilter

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
)

// BenchmarkStages measures, each on one goroutine, the stages of a
// query (50,000 generated machines, the filter of bench/query/run.sh), in
// MB/s of input, over NDJSON (45 MB) and over the Defender document of
// the same machines. Over a file (positioned batches, readat.go):
//
//   - dispatch: the serial stage: the pipeline over the file, the reader
//     goroutine handing out runs of it by offset, with one worker that
//     only passes each batch's handoff on (the serial part of a worker's
//     work) and the consumer returning the batches;
//   - fill: one worker's work on those runs: reading its run (in place
//     through the file's mapping, or a pread from the page cache where
//     there is none: readat.go) and finding its cuts, then as worker.
//
// Over a stream (a pipe, standard input):
//
//   - read: the reader goroutine's work, the one serial stage: reading
//     the input into chunk batches and cutting it (AppendChunk, which
//     reads into the batch's buffer and copies only what starts the next
//     batch);
//   - copy: the part of read that is the read itself: the input copied
//     into batch buffers (by bytes.Reader here, by the kernel from a
//     file), which a single input stream cannot spread over cores;
//   - worker: one worker's work on those batches: finding and checking
//     the records (ChunkScanner), decoding the fields the filter reads,
//     and matching;
//   - next: for comparison, the reader goroutine's work before chunk
//     batches (records.Reader.Next over every byte).
//
// The serial stage caps a query over a file at dispatch/fill cores, and
// over a stream at read/worker cores (and the reader's own work, read
// less copy, at 1/(1/read - 1/copy)/worker): the README's Performance
// section has the figures.
func BenchmarkStages(b *testing.B) {
	prog, err := eval.CompileFilter("healthStatus ne 'Active' and rbacGroupId eq 140")
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"ndjson", "document"} {
		var in bytes.Buffer
		if err := fleet.Generate(&in, 50000, 1, format == "ndjson"); err != nil {
			b.Fatal(err)
		}
		b.Run(format+"/read", func(b *testing.B) {
			b.SetBytes(int64(in.Len()))
			b.ReportAllocs()
			data := make([]byte, 0, batchBytes+batchBytes/4)
			for b.Loop() {
				rd := records.NewReader(bytes.NewReader(in.Bytes()))
				if _, err := rd.Next(); err != nil {
					b.Fatal(err)
				}
				for {
					var c records.Chunk
					c, data, err = rd.AppendChunk(data)
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					if len(data) >= batchBytes && c.Cut {
						data = data[:0]
					}
				}
			}
		})
		b.Run(format+"/copy", func(b *testing.B) {
			// The read itself, which read includes: the input copied into
			// batch buffers of the same size, reads of the same size, and
			// nothing else.
			b.SetBytes(int64(in.Len()))
			data := make([]byte, batchBytes+batchBytes/4)
			for b.Loop() {
				src := bytes.NewReader(in.Bytes())
				for {
					if _, err := src.Read(data[:batchBytes]); err == io.EOF {
						break
					}
				}
			}
		})
		batches := chunkBatches(b, in.Bytes())
		b.Run(format+"/worker", func(b *testing.B) {
			b.SetBytes(int64(in.Len()))
			b.ReportAllocs()
			p := &pipeline{ctx: context.Background(), prog: prog, fields: fieldsRead(prog), stop: make(chan struct{})}
			w := p.newWorker()
			for b.Loop() {
				for _, bt := range batches {
					c := records.Chunk{Data: bt.data, Offset: bt.offset, Joint: bt.joint, Last: bt.last}
					if _, _, err := p.scanChunk(bt, w, c, true); err != nil || bt.badErr != nil {
						b.Fatal(err, bt.badErr)
					}
				}
			}
		})
		path := filepath.Join(b.TempDir(), format)
		if err := os.WriteFile(path, in.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		b.Run(format+"/dispatch", func(b *testing.B) {
			// The pipeline over the file, its one worker doing only what
			// is serial in its work: passing the handoff on.
			b.SetBytes(int64(in.Len()))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					b.Fatal(err)
				}
				p := newPipeline(context.Background(), f, prog)
				go p.read()
				p.workers.Go(func() {
					for bt := range p.work {
						if bt.chunk {
							bt.after <- <-bt.before
						}
						bt.done <- struct{}{}
					}
				})
				for n := 0; ; n++ {
					bt, err := p.next(nil)
					if err != nil {
						b.Fatal(err)
					}
					if bt == nil {
						if n < in.Len()/batchBytes {
							b.Fatalf("%d batches", n)
						}
						break
					}
					p.free <- bt
				}
				p.close()
			}
		})
		b.Run(format+"/fill", func(b *testing.B) {
			// One worker's work on positioned batches of the file: the
			// part of it read (in place, through the file's mapping,
			// its pages let go after, as filter does; or a pread from
			// the page cache where there is no mapping), cut and
			// scanned, as worker.
			b.SetBytes(int64(in.Len()))
			b.ReportAllocs()
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				b.Fatal(err)
			}
			p := newPipeline(context.Background(), f, prog)
			if _, err := p.rd.Next(); err != nil {
				b.Fatal(err)
			}
			p.startChunks(1)
			if p.at == nil {
				b.Fatal("not positioned")
			}
			defer p.at.unmap()
			var batches []*batch
			for p.at.next < p.at.size {
				bt := &batch{}
				p.at.nextBatch(bt)
				batches = append(batches, bt)
			}
			w := p.newWorker()
			for b.Loop() {
				for _, bt := range batches {
					if err := p.fill(bt); err != nil {
						b.Fatal(err)
					}
					c := records.Chunk{Data: bt.data, Offset: bt.offset, Joint: bt.joint, Last: bt.last}
					if _, _, err := p.scanChunk(bt, w, c, true); err != nil || bt.badErr != nil {
						b.Fatal(err, bt.badErr)
					}
					if bt.mapped {
						p.at.release(bt)
					}
				}
			}
		})
		b.Run(format+"/next", func(b *testing.B) {
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
}

// chunkBatches cuts in into chunk batches as the reader goroutine does
// (the first record in none of them).
func chunkBatches(b *testing.B, in []byte) []*batch {
	rd := records.NewReader(bytes.NewReader(in))
	if _, err := rd.Next(); err != nil {
		b.Fatal(err)
	}
	var out []*batch
	newBatch := func() *batch { return &batch{chunk: true, data: make([]byte, 0, batchBytes+batchBytes/4)} }
	cur := newBatch()
	for {
		start := len(cur.data)
		c, data, err := rd.AppendChunk(cur.data)
		if err == io.EOF {
			return out
		}
		if err != nil {
			b.Fatal(err)
		}
		if start == 0 {
			cur.offset, cur.joint = c.Offset, c.Joint
		}
		cur.data = data
		if c.Last || len(cur.data) >= batchBytes && c.Cut {
			cur.last = c.Last
			out = append(out, cur)
			cur = newBatch()
		}
	}
}

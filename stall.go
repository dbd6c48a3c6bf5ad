package odatafilter

import "time"

// stallAfter is how long a Read of the input may take, while the batch
// being filled holds records, before the pipeline sends that batch on
// without waiting for it to fill: a slow input (tail -f, a slow download,
// one record a second) then has its matches written within about this
// long of their arrival, not once 256 KiB of records have come. A Read
// of a file or a fast pipe returns long before, and batches stay full.
// Tests lower it.
var stallAfter = 10 * time.Millisecond

// stallReader is the pipeline's input as the records.Reader sees it: each
// Read of the input that the batch being filled waits on starts the stall
// timer, which sends the batch on (stalled) if the Read is still under
// way after stallAfter.
type stallReader struct{ p *pipeline }

func (s stallReader) Read(buf []byte) (int, error) {
	p := s.p
	b := p.cur.Load()                    // only the reader goroutine stores a batch: b is its own
	armed := b != nil && len(b.data) > 0 // records, or lines
	p.mu.Lock()
	p.reading = true
	p.mu.Unlock()
	if armed {
		p.stall.Reset(stallAfter)
	}
	n, err := p.in.Read(buf)
	if armed {
		p.stall.Stop()
	}
	p.mu.Lock() // waits for a hand-over under way
	p.reading = false
	p.mu.Unlock()
	return n, err
}

// stalled runs on the stall timer's goroutine: while the reader goroutine
// is still in a Read of the input, it sends the batch being filled, and
// the reader takes a new one when the Read returns. mu orders it with the
// reader goroutine: the batch, and the records.Reader that send reads,
// are the reader's as it left them when its Read began, and the reader
// goes on only once the batch is sent. A timer that fires late (its Read
// returned) finds reading false, or no batch with records, and does
// nothing.
func (p *pipeline) stalled() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.reading {
		return
	}
	b := p.cur.Load()
	if b == nil || len(b.data) == 0 {
		return
	}
	p.cur.Store(nil)
	p.send(b)
}

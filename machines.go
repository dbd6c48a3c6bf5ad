package odatafilter

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/odatafilter/odatafilter/schema"
)

// ReadMachines reads the machine list in, in any format records.Reader
// reads (a Defender response document, a JSON array or NDJSON, told
// apart from the data), and decodes every record into a schema.Machine,
// in input order. The Machines hold no reference to the input.
//
// A record that is malformed, or that does not decode as a machine (a
// riskScore that is no RiskScore, a string where a number belongs), ends
// the read with a *records.Error naming the record and the byte offset of
// the problem; nothing is skipped. Once ctx is done, ReadMachines stops
// at the next record and returns ctx's error. As Query, it returns only
// once no Read of in is under way (a Read that blocks is waited for) and
// none will start. A nil in is an error.
//
// Records are decoded on every core, in batches, as Query decodes them.
// Besides the machines, it holds the batches in flight (a few MiB), not
// the input's text.
//
// To keep the records' text as well (to write them out byte for byte),
// read them with records.ReadAll and decode each Raw; to filter a list
// too large to hold, use Query or Select, which stream.
func ReadMachines(ctx context.Context, in io.Reader) ([]schema.Machine, error) {
	if in == nil {
		return nil, errNoInput
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := startPipeline(ctx, in, nil)
	defer p.close()
	var batches [][]schema.Machine
	for {
		b, err := p.next(nil)
		if err != nil {
			return nil, err
		}
		if b == nil {
			break
		}
		if b.badErr != nil {
			return nil, b.badErr
		}
		if b.readErr != nil {
			return nil, b.readErr
		}
		batches = append(batches, b.machines)
		b.machines = nil
		p.free <- b
	}
	if len(batches) == 1 {
		return batches[0], nil
	}
	return slices.Concat(batches...), nil
}

// ReadFile is ReadMachines of the named file. Its errors name the file:
// "machines.json: record 3 at byte 1234: ..." for bad data (errors.As
// still finds the *records.Error), and the *os.PathError of a file that
// cannot be opened.
func ReadFile(ctx context.Context, name string) ([]schema.Machine, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ms, err := ReadMachines(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return ms, nil
}

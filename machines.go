package odatafilter

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/odatafilter/odatafilter/records"
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
// at the next record and returns ctx's error. It holds the decoded
// machines and one read buffer: not the input's text.
//
// To keep the records' text as well (to write them out byte for byte),
// read them with records.ReadAll and decode each Raw; to filter a list
// too large to hold, use Query or Select, which stream.
func ReadMachines(ctx context.Context, in io.Reader) ([]schema.Machine, error) {
	rd := records.NewReader(in)
	done := ctx.Done()
	var ms []schema.Machine
	for {
		select {
		case <-done:
			return nil, ctx.Err()
		default:
		}
		rec, err := rd.Next()
		if err == io.EOF {
			return ms, nil
		}
		if err != nil {
			return nil, err
		}
		ms = append(ms, schema.Machine{})
		if err := schema.AllFields.UnmarshalMembers(rec.Raw, rec.Members, &ms[len(ms)-1]); err != nil {
			return nil, decodeError(rec, err)
		}
	}
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

package fleet

import (
	"errors"
	"io"
)

// Context is the @odata.context of the documents Generate writes, the one
// the real API's responses carry.
const Context = "https://api.securitycenter.microsoft.com/api/$metadata#Machines"

// flushAt is how full the buffer gets before Generate writes it out.
const flushAt = 64 << 10

// Generate writes a synthetic fleet of n machines drawn from seed to w.
//
// Without ndjson it writes a Defender response document, one record a
// line inside the value array:
//
//	{"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#Machines","value":[
//	{"id":"…",…},
//	{"id":"…",…}
//	]}
//
// and for n = 0 {"@odata.context":"…","value":[]}. With ndjson it writes
// one record a line and nothing else (no output for n = 0). Either way the
// output ends with a newline.
//
// The same n and seed give the same bytes, and the first k records of a
// fleet of n are the fleet of k. Memory use does not depend on n: records
// go through one buffer of about 64 KiB. Generate returns the first error
// from w, or an error for a negative n.
func Generate(w io.Writer, n int, seed uint64, ndjson bool) error {
	return writeFleet(w, nil, n, seed, ndjson)
}

// writeFleet writes the records of head, as they are, then n generated
// records, in the layout Generate documents. The sample fleet is written
// this way, with the documented machines as head.
func writeFleet(w io.Writer, head [][]byte, n int, seed uint64, ndjson bool) error {
	if n < 0 {
		return errors.New("fleet: negative number of machines")
	}
	g := generator{r: newRNG(seed)}
	b := make([]byte, 0, flushAt+8<<10)
	total := len(head) + n
	if !ndjson {
		b = append(b, `{"@odata.context":"`+Context+`","value":[`...)
		if total > 0 {
			b = append(b, '\n')
		}
	}
	for i := range total {
		if i < len(head) {
			b = append(b, head[i]...)
		} else {
			b = g.appendRecord(b)
		}
		if ndjson || i == total-1 {
			b = append(b, '\n')
		} else {
			b = append(b, ",\n"...)
		}
		if len(b) >= flushAt {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if !ndjson {
		b = append(b, "]}\n"...)
	}
	if len(b) > 0 {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

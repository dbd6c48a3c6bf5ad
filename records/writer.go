package records

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// Writer writes machine records, each the JSON text of one record (such as
// a Record.Raw), unchanged. Writers buffer: Flush writes what the buffer
// holds (for a reader waiting on a slow stream), Close writes what is
// left and the list's end. Close does not close the underlying io.Writer.
// The first error is sticky: every later call returns it.
type Writer interface {
	Write(raw []byte) error
	Flush() error
	Close() error
}

// errClosed is returned by Write and Close after Close.
var errClosed = errors.New("records: write to a closed Writer")

// DefaultContext is the @odata.context of the Defender machines API,
// for writers of envelopes that have no other.
const DefaultContext = "https://api.securitycenter.microsoft.com/api/$metadata#Machines"

// NewEnvelopeWriter returns a Writer of a Defender response document with
// the given @odata.context, one record a line:
//
//	{"@odata.context":"…","value":[
//	{…},
//	{…}
//	]}
//
// or {"@odata.context":"…","value":[]} for no records, and a final line
// feed. It streams: records go out as they come, in bounded memory.
func NewEnvelopeWriter(w io.Writer, context string) Writer {
	return &envelopeWriter{w: bufio.NewWriterSize(w, 64<<10), context: context}
}

type envelopeWriter struct {
	w       *bufio.Writer
	context string
	n       int // records written
	closed  bool
	err     error
}

func (e *envelopeWriter) header() {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(e.context) // a string always encodes
	e.w.WriteString(`{"@odata.context":`)
	e.w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	e.w.WriteString(`,"value":[`)
}

func (e *envelopeWriter) Write(raw []byte) error {
	if e.closed {
		return errClosed
	}
	if e.err != nil {
		return e.err
	}
	if e.n == 0 {
		e.header()
		e.w.WriteByte('\n')
	} else {
		e.w.WriteString(",\n")
	}
	e.n++
	_, e.err = e.w.Write(raw)
	return e.err
}

func (e *envelopeWriter) Flush() error {
	if e.closed {
		return errClosed
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

func (e *envelopeWriter) Close() error {
	if e.closed {
		return errClosed
	}
	e.closed = true
	if e.err != nil {
		return e.err
	}
	if e.n == 0 {
		e.header()
		e.w.WriteString("]}\n")
	} else {
		e.w.WriteString("\n]}\n")
	}
	e.err = e.w.Flush()
	return e.err
}

// NewNDJSONWriter returns a Writer of NDJSON: each record on a line of its
// own. A line break inside a record can only be white space between
// tokens (JSON strings hold none), so the writer turns each one into a
// space to keep the record on one line; every other byte is unchanged.
func NewNDJSONWriter(w io.Writer) Writer {
	return &ndjsonWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

type ndjsonWriter struct {
	w      *bufio.Writer
	line   []byte // scratch for a record with line breaks
	closed bool
	err    error
}

func (n *ndjsonWriter) Write(raw []byte) error {
	if n.closed {
		return errClosed
	}
	if n.err != nil {
		return n.err
	}
	if bytes.IndexByte(raw, '\n') >= 0 || bytes.IndexByte(raw, '\r') >= 0 {
		n.line = append(n.line[:0], raw...)
		for i, c := range n.line {
			if c == '\n' || c == '\r' {
				n.line[i] = ' '
			}
		}
		raw = n.line
	}
	n.w.Write(raw)
	n.err = n.w.WriteByte('\n')
	return n.err
}

func (n *ndjsonWriter) Flush() error {
	if n.closed {
		return errClosed
	}
	if n.err == nil {
		n.err = n.w.Flush()
	}
	return n.err
}

func (n *ndjsonWriter) Close() error {
	if n.closed {
		return errClosed
	}
	n.closed = true
	if n.err != nil {
		return n.err
	}
	n.err = n.w.Flush()
	return n.err
}

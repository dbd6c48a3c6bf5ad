package odatafilter

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/odatafilter/odatafilter/records"
)

// spoolMemory is how many bytes of records a spool keeps in memory before
// it moves them to a temporary file; tests lower it.
var spoolMemory = 4 << 20

// spool holds the records Query selected until the input has been read
// to its end, so the envelope is written whole or not at all. The first
// spoolMemory bytes stay in memory; past that, everything goes to a
// temporary file, so memory stays flat however much is selected. Each
// record is framed by its length (a uvarint) and comes back from replay
// byte for byte.
type spool struct {
	mem  []byte
	file *os.File
	w    *bufio.Writer
	buf  []byte // replay's buffer for one record
}

// add appends one record.
func (sp *spool) add(raw []byte) error {
	if sp.file == nil && len(sp.mem)+len(raw)+binary.MaxVarintLen64 > spoolMemory {
		if err := sp.toFile(); err != nil {
			return err
		}
	}
	if sp.file == nil {
		sp.mem = binary.AppendUvarint(sp.mem, uint64(len(raw)))
		sp.mem = append(sp.mem, raw...)
		return nil
	}
	var n [binary.MaxVarintLen64]byte
	sp.w.Write(n[:binary.PutUvarint(n[:], uint64(len(raw)))])
	if _, err := sp.w.Write(raw); err != nil {
		return fmt.Errorf("spooling the output: %w", err)
	}
	return nil
}

// toFile moves the spool to a temporary file. The file is removed at once
// where the system allows an open file to be (it then vanishes even if
// the command is killed), and by close otherwise.
func (sp *spool) toFile() error {
	f, err := os.CreateTemp("", "odatafilter-query-*.spool")
	if err != nil {
		return fmt.Errorf("spooling the output: %w", err)
	}
	_ = os.Remove(f.Name())
	sp.file, sp.w = f, bufio.NewWriterSize(f, 256<<10)
	_, err = sp.w.Write(sp.mem)
	sp.mem = nil
	if err != nil {
		return fmt.Errorf("spooling the output: %w", err)
	}
	return nil
}

// replay passes each record to emit, in order, until ctx is done.
func (sp *spool) replay(ctx context.Context, emit func(raw []byte) error) error {
	done := ctx.Done()
	var r interface {
		io.Reader
		io.ByteReader
	}
	if sp.file == nil {
		r = bytes.NewReader(sp.mem)
	} else {
		if err := sp.w.Flush(); err != nil {
			return fmt.Errorf("spooling the output: %w", err)
		}
		if _, err := sp.file.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("reading the spooled output: %w", err)
		}
		r = bufio.NewReaderSize(sp.file, 256<<10)
	}
	for {
		n, err := binary.ReadUvarint(r)
		if err == io.EOF {
			return nil
		}
		if err == nil && n > records.MaxRecordSize {
			err = errors.New("a record longer than the largest")
		}
		if err == nil {
			if uint64(cap(sp.buf)) < n {
				sp.buf = make([]byte, n)
			}
			sp.buf = sp.buf[:n]
			_, err = io.ReadFull(r, sp.buf)
		}
		if err != nil {
			return fmt.Errorf("reading the spooled output: %w", err)
		}
		if err := emit(sp.buf); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
		select {
		case <-done:
			return ctx.Err()
		default:
		}
	}
}

// close releases the temporary file, if there is one.
func (sp *spool) close() {
	if sp.file != nil {
		sp.file.Close()
		_ = os.Remove(sp.file.Name())
		sp.file = nil
	}
}

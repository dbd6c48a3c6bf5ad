// Command baseline is the encoding/json yardstick of bench/query/run.sh:
// what a Go programmer would write by hand, with the standard library
// only, for
//
//	odatafilter query --ndjson --filter "healthStatus ne 'Active' and rbacGroupId eq 140"
//
// It streams a Defender response document with json.Decoder (Token and
// More over the "value" array, so memory stays flat), decodes each record
// into a struct of the two fields the filter reads, applies the predicate
// written in Go, and writes each matching record's text, as read, on a
// line of its own.
//
// The predicate has the engine's semantics on Defender data: a null or
// missing healthStatus is not 'Active' (ne with null is true), and
// rbacGroupId is a number or a numeric string ("140"), as Defender exports
// write it.
//
// Usage: baseline FILE > matches.ndjson
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// machine holds the fields the predicate reads; encoding/json skips the
// others.
type machine struct {
	HealthStatus *string `json:"healthStatus"`
	RBACGroupID  any     `json:"rbacGroupId"` // float64, string or nil
}

func (m *machine) selected() bool {
	notActive := m.HealthStatus == nil || *m.HealthStatus != "Active"
	group := m.RBACGroupID == float64(140) || m.RBACGroupID == "140"
	return notActive && group
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: baseline FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}

func run(name string, stdout io.Writer) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	out := bufio.NewWriterSize(stdout, 1<<20)
	if err := expect(dec, json.Delim('{')); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if tok != "value" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if err := expect(dec, json.Delim('[')); err != nil {
			return err
		}
		var raw json.RawMessage
		for dec.More() {
			if err := dec.Decode(&raw); err != nil {
				return err
			}
			var m machine
			if err := json.Unmarshal(raw, &m); err != nil {
				return err
			}
			if m.selected() {
				out.Write(raw)
				out.WriteByte('\n')
			}
		}
		if err := expect(dec, json.Delim(']')); err != nil {
			return err
		}
	}
	if err := expect(dec, json.Delim('}')); err != nil {
		return err
	}
	return out.Flush()
}

// expect reads the next token, which must be want.
func expect(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return errors.New("not a Defender response document: want " + want.String() + ", got " + fmt.Sprint(tok))
	}
	return nil
}

// Command normalize rewrites NDJSON records in one canonical spelling, so
// that bench/query/run.sh can compare jq's output with odatafilter's when
// the bytes differ: jq -c re-serializes each record (it writes \u00e9 as
// é, keeps one of two members with the same name, respells numbers),
// while odatafilter passes the record through as read.
//
// Each line is decoded as encoding/json reads it (a repeated member name:
// the last value wins, as in jq; numbers as float64, as jq holds them)
// and written back by json.Marshal: members sorted by name, strings in
// one escaping. Two lines that normalize to the same text are the same
// JSON value.
//
// Usage: normalize < records.ndjson > normalized.ndjson
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	for n := 1; in.Scan(); n++ {
		var v any
		if err := json.Unmarshal(in.Bytes(), &v); err != nil {
			fmt.Fprintf(os.Stderr, "normalize: line %d: %v\n", n, err)
			os.Exit(1)
		}
		b, err := json.Marshal(v)
		if err != nil {
			fmt.Fprintf(os.Stderr, "normalize: line %d: %v\n", n, err)
			os.Exit(1)
		}
		out.Write(b)
		out.WriteByte('\n')
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "normalize:", err)
		os.Exit(1)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "normalize:", err)
		os.Exit(1)
	}
}

package odatafilter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
)

func TestSpool(t *testing.T) {
	for _, limit := range []int{1 << 20, 100, 0} {
		t.Run(fmt.Sprint("memory ", limit), func(t *testing.T) {
			defer func(old int) { spoolMemory = old }(spoolMemory)
			spoolMemory = limit
			var want [][]byte
			for i := range 300 {
				want = append(want, []byte(fmt.Sprintf(`{"id":"%d","pad":"%s"}`, i, strings.Repeat("x", i))))
			}
			want = append(want, []byte{}, []byte(strings.Repeat("y", 70000)))
			var sp spool
			defer sp.close()
			for _, raw := range want {
				if err := sp.add(raw); err != nil {
					t.Fatal(err)
				}
			}
			if (sp.file != nil) != (limit < 1<<20) {
				t.Errorf("spooled to a file: %v, with %d bytes of memory", sp.file != nil, limit)
			}
			var got [][]byte
			if err := sp.replay(context.Background(), func(raw []byte) error { got = append(got, bytes.Clone(raw)); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("replayed %d records, want %d", len(got), len(want))
			}
			for i := range want {
				if !bytes.Equal(got[i], want[i]) {
					t.Fatalf("record %d came back as %.40q, want %.40q", i, got[i], want[i])
				}
			}
		})
	}
}

// query runs Query over in with the raw query, and returns what it wrote.
func query(t *testing.T, raw string, in []byte, opts Options) (string, error) {
	t.Helper()
	prog, err := eval.Compile(raw)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_, err = Query(context.Background(), prog, bytes.NewReader(in), &out, opts)
	return out.String(), err
}

// TestQuerySpooled: an envelope that passes through the temporary file
// is the same as one kept in memory; bad data found after the spool has
// moved to a file still leaves the output empty, and the file is gone.
func TestQuerySpooled(t *testing.T) {
	var fleetDoc bytes.Buffer
	if err := fleet.Generate(&fleetDoc, 500, 3, false); err != nil {
		t.Fatal(err)
	}
	inMemory, err := query(t, "", fleetDoc.Bytes(), Options{})
	if err != nil || inMemory != fleetDoc.String() {
		t.Fatalf("%v; output same as input: %v", err, inMemory == fleetDoc.String())
	}

	defer func(old int) { spoolMemory = old }(spoolMemory)
	spoolMemory = 10 << 10
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	spooled, err := query(t, "$filter=rbacGroupId ne 999999", fleetDoc.Bytes(), Options{})
	if err != nil || spooled != inMemory {
		t.Errorf("spooled: %v; same output as in memory: %v", err, spooled == inMemory)
	}

	bad := strings.TrimSuffix(fleetDoc.String(), "\n]}\n") + `,{"id":"x","riskScore":"Hihg"}]}`
	stdout, err := query(t, "", []byte(bad), Options{})
	var re *records.Error
	if !errors.As(err, &re) || stdout != "" || re.Index != 500 {
		t.Errorf("bad data after spooling: %v, %d bytes written", err, len(stdout))
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestSpoolErrorSaidOnce: a spool that cannot make its temporary file
// says so once (the command prints it after "odatafilter query: "). Before:
// "writing the output: spooling the output: open …".
func TestSpoolErrorSaidOnce(t *testing.T) {
	defer func(old int) { spoolMemory = old }(spoolMemory)
	spoolMemory = 1
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	out, err := query(t, "$filter=rbacGroupId ne 1", []byte(`[{"id":"a"},{"id":"b"}]`), Options{})
	if err == nil || out != "" || !strings.HasPrefix(err.Error(), "spooling the output: open ") || strings.Contains(err.Error(), "writing the output") {
		t.Errorf("output %q, error %v; want none, and one \"spooling the output: open …\"", out, err)
	}
}

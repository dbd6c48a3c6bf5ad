package odatafilter

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

// TestReadMachines: every format of the same generated fleet (over 256
// KiB, so the reader's buffer is refilled many times) reads into the
// machines Machine.UnmarshalJSON makes of each record, in order.
func TestReadMachines(t *testing.T) {
	var envelope, ndjson bytes.Buffer
	if err := fleet.Generate(&envelope, 2000, 11, false); err != nil {
		t.Fatal(err)
	}
	if err := fleet.Generate(&ndjson, 2000, 11, true); err != nil {
		t.Fatal(err)
	}
	recs, _, err := records.ReadAll(bytes.NewReader(envelope.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := make([]schema.Machine, len(recs))
	var array bytes.Buffer
	array.WriteString("[")
	for i, rec := range recs {
		if err := want[i].UnmarshalJSON(rec.Raw); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			array.WriteString(",\n")
		}
		array.Write(rec.Raw)
	}
	array.WriteString("]")
	for name, in := range map[string][]byte{"envelope": envelope.Bytes(), "ndjson": ndjson.Bytes(), "array": array.Bytes()} {
		got, err := ReadMachines(context.Background(), bytes.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d machines, want %d", name, len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%s: machine %d is %+v, want %+v", name, i, got[i], want[i])
			}
		}
	}
}

// TestReadMachinesErrors: bad data is a *records.Error at the bad value,
// whichever stage finds it, and no machines come back with it.
func TestReadMachinesErrors(t *testing.T) {
	for _, tc := range []struct {
		in     string
		index  int
		offset int64
		msg    string
	}{
		{`[{"id":"a"},{"id":"b","riskScore":"Hgh"}]`, 1, 34, `field riskScore: `},
		{`{"value":[{"id":"a"},{"id":7}]}`, 1, 27, "field id:"},
		{`{"id":"a"}` + "\n" + `{"id":"b",}`, 1, 21, "unexpected '}'"},
		{`[{"id":"a"}, 5]`, 1, 13, "want a machine record"},
	} {
		ms, err := ReadMachines(context.Background(), strings.NewReader(tc.in))
		var re *records.Error
		if !errors.As(err, &re) {
			t.Errorf("%s: got %d machines and %v, want a *records.Error", tc.in, len(ms), err)
			continue
		}
		if re.Index != tc.index || re.Offset != tc.offset || !strings.Contains(re.Msg, tc.msg) || ms != nil {
			t.Errorf("%s: %d machines and record %d at byte %d: %q; want record %d at byte %d: %q",
				tc.in, len(ms), re.Index, re.Offset, re.Msg, tc.index, tc.offset, tc.msg)
		}
	}
}

// TestReadMachinesCanceled: a context canceled before or during the read
// ends it with the context's error, and no machines.
func TestReadMachinesCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ms, err := ReadMachines(ctx, strings.NewReader(`[{"id":"a"}]`))
	if !errors.Is(err, context.Canceled) || ms != nil {
		t.Errorf("canceled before: got %d machines and %v, want context.Canceled", len(ms), err)
	}

	pr, pw := io.Pipe()
	defer pr.Close()
	go func() { pw.CloseWithError(fleet.Generate(pw, 1_000_000, 1, false)) }()
	ctx, cancel = context.WithCancel(context.Background())
	ms, err = ReadMachines(ctx, &cancelingReader{r: pr, n: 1 << 20, cancel: cancel})
	if !errors.Is(err, context.Canceled) || ms != nil {
		t.Errorf("canceled after 1 MiB: got %d machines and %v, want context.Canceled", len(ms), err)
	}
}

// TestReadFile: a file's errors name it once.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.json"), filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(`{"value":[{"id":"a","riskScore":"High"}]}`), 0o644)
	os.WriteFile(bad, []byte(`[{"id":"a","rbacGroupId":"x"}]`), 0o644)

	ms, err := ReadFile(context.Background(), good)
	if err != nil || len(ms) != 1 || ms[0].RiskScore != schema.RiskScoreHigh {
		t.Errorf("ReadFile(good): %v, %+v", err, ms)
	}
	_, err = ReadFile(context.Background(), bad)
	var re *records.Error
	if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), bad+": record 1 at byte 25: field rbacGroupId") {
		t.Errorf("ReadFile(bad): %v", err)
	}
	missing := filepath.Join(dir, "missing.json")
	_, err = ReadFile(context.Background(), missing)
	if !errors.Is(err, fs.ErrNotExist) || strings.Count(err.Error(), missing) != 1 {
		t.Errorf("ReadFile(missing): %v, want one mention of the file and fs.ErrNotExist", err)
	}
}

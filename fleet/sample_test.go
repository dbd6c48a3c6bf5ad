package fleet

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite sample.json from the generator and testdata/example-response.json")

// documentedMachines returns the machines of the documented example
// response (a copy of ../shared/defender/example-response.json in
// testdata), each compacted to one line.
func documentedMachines(t *testing.T) [][]byte {
	t.Helper()
	data, err := os.ReadFile("testdata/example-response.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Value []json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var head [][]byte
	for _, m := range doc.Value {
		var buf bytes.Buffer
		if err := json.Compact(&buf, m); err != nil {
			t.Fatal(err)
		}
		head = append(head, buf.Bytes())
	}
	return head
}

// TestSample checks that the embedded sample is exactly what the generator
// makes from SampleSeed after the documented machines, so that it cannot
// drift from the code; with -update it rewrites sample.json instead.
func TestSample(t *testing.T) {
	head := documentedMachines(t)
	if len(head) != 2 {
		t.Fatalf("the documented example has %d machines, want 2", len(head))
	}
	var want bytes.Buffer
	if err := writeFleet(&want, head, SampleSize-len(head), SampleSeed, false); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("sample.json", want.Bytes(), 0o666); err != nil {
			t.Fatal(err)
		}
		t.Log("wrote sample.json; run the tests again to check the embedded copy")
		return
	}
	got := Sample()
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatal("sample.json is not what the generator makes: run go test ./fleet -run TestSample -update")
	}

	var doc struct {
		Context string            `json:"@odata.context"`
		Value   []json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Context != Context || len(doc.Value) != SampleSize {
		t.Fatalf("context %q and %d machines, want %q and %d", doc.Context, len(doc.Value), Context, SampleSize)
	}
	for i, m := range head {
		if !equalJSON(t, doc.Value[i], m) {
			t.Errorf("machine %d is not the documented one:\n%s\nwant\n%s", i, doc.Value[i], m)
		}
	}

	got[0] = 'x'
	if Sample()[0] != '{' {
		t.Error("modifying what Sample returned changed the sample")
	}
}

// TestDocumentedExample checks that testdata holds the documented example
// response of ../shared, when it is there.
func TestDocumentedExample(t *testing.T) {
	shared, err := os.ReadFile("../../shared/defender/example-response.json")
	if err != nil {
		t.Skipf("no shared copy of the example response: %v", err)
	}
	local, err := os.ReadFile("testdata/example-response.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, local) {
		t.Error("testdata/example-response.json differs from ../shared/defender/example-response.json")
	}
}

func equalJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(va, vb)
}

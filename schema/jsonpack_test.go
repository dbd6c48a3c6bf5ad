package schema

import (
	"reflect"
	"testing"
	"unsafe"
)

// TestUnmarshalPacks: a record decoded by UnmarshalJSON refers to none of
// its input, and its strings lie end to end, computerDnsName's and
// machineTags' side by side.
func TestUnmarshalPacks(t *testing.T) {
	data := []byte(richMachine)
	var m, want Machine
	if err := m.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	if err := want.UnmarshalJSON([]byte(richMachine)); err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 'x'
	}
	if !reflect.DeepEqual(m, want) {
		t.Fatalf("the record changed with its input:\n%+v\nwant\n%+v", m, want)
	}
	if m.ComputerDNSName.V == "" || len(m.MachineTags) == 0 {
		t.Fatal("richMachine has no computerDnsName or machineTags")
	}
	end := unsafe.Add(unsafe.Pointer(unsafe.StringData(m.ComputerDNSName.V)), len(m.ComputerDNSName.V))
	if tag := unsafe.Pointer(unsafe.StringData(m.MachineTags[0])); tag != end {
		t.Errorf("the first tag is not packed after computerDnsName")
	}
}

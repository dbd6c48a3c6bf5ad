package fleet

import (
	"encoding/json"
	"testing"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

// TestSampleFilters runs the filters of the Defender documentation over
// the sample fleet: each keeps some machines but not all, and riskScore eq
// 'High' keeps a sensible handful, so that a newcomer's first query shows
// something. The counts are pinned: they change only when sample.json is
// regenerated, and then the new counts should be looked at.
func TestSampleFilters(t *testing.T) {
	var doc struct {
		Value []schema.Machine `json:"value"`
	}
	if err := json.Unmarshal(Sample(), &doc); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		filter string
		want   int
	}{
		{"riskScore eq 'High'", 18},
		{"healthStatus ne 'Active'", 61},
		{"lastSeen gt 2018-08-01Z", 299},
		{"startswith(computerDnsName,'mymachine')", 10},
		{"machineTags/any(tag: tag eq 'ExampleTag')", 31},
		{"rbacGroupId eq 140", 87},
	}
	for _, tt := range tests {
		p, err := eval.CompileFilter(tt.filter)
		if err != nil {
			t.Fatalf("%s: %v", tt.filter, err)
		}
		got := len(p.Apply(doc.Value))
		t.Logf("%-45s %3d of %d", tt.filter, got, len(doc.Value))
		if got != tt.want {
			t.Errorf("%s keeps %d machines, want %d", tt.filter, got, tt.want)
		}
		if got == 0 || got == len(doc.Value) {
			t.Errorf("%s keeps %d of %d machines: want some but not all", tt.filter, got, len(doc.Value))
		}
	}
}

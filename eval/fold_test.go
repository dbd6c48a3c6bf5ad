package eval

import (
	"fmt"
	"strings"
	"testing"
)

// TestConstantFolding: a sub-expression that reads neither the record, a
// range variable nor the clock is evaluated once, when planning, so it
// plans as the literal it equals; one that reads any of them is not.
func TestConstantFolding(t *testing.T) {
	root := func(filter string) string {
		t.Helper()
		p, err := CompileFilter(filter)
		if err != nil {
			t.Fatalf("%s: %v", filter, err)
		}
		return fmt.Sprintf("%#v", p.root)
	}
	for _, tt := range []struct{ filter, same string }{
		{"1 add 2 eq 3", "true"},
		{"1 add 2 eq 4 or null eq 1", "false"},
		{"rbacGroupId eq 1 add 2", "rbacGroupId eq 3"},
		{"rbacGroupId eq -(2 mul 70)", "rbacGroupId eq -140"},
		{"computerDnsName eq concat('my', 'machine')", "computerDnsName eq 'mymachine'"},
		{"lastSeen gt 2018-08-01T00:00:00Z add duration'P1D'", "lastSeen gt 2018-08-02T00:00:00Z"},
		{"machineTags/any(t: t eq toupper('x'))", "machineTags/any(t: t eq 'X')"},
		{"rbacGroupId in (1, 2) and length('abc') eq 3", "rbacGroupId in (1, 2) and true"},
		{"$filter=rbacGroupId eq @a&@a=1 add 1", "rbacGroupId eq 2"},
	} {
		filter := tt.filter
		if filter[0] == '$' {
			p, err := Compile(filter)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := fmt.Sprintf("%#v", p.root), root(tt.same); got != want {
				t.Errorf("%s plans as\n%s\nwant, as %s,\n%s", filter, got, tt.same, want)
			}
			continue
		}
		if got, want := root(filter), root(tt.same); got != want {
			t.Errorf("%s plans as\n%s\nwant, as %s,\n%s", filter, got, tt.same, want)
		}
	}
	// Not constant: the clock, a range variable, a field. Folding them
	// would make the property tests fail; here, the plan keeps the node.
	for _, tt := range []struct{ filter, node string }{
		{"lastSeen lt now() sub duration'P1D'", "eval.now{}"},
		{"machineTags/any(t: t eq toupper(t))", "y:eval.strFunc{"},
	} {
		if got := root(tt.filter); !strings.Contains(got, tt.node) {
			t.Errorf("%s plans as %s, without %s", tt.filter, got, tt.node)
		}
	}
}

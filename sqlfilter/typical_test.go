package sqlfilter_test

import (
	"context"
	"github.com/odatafilter/odatafilter/sqlfilter"
	"testing"

	"github.com/odatafilter/odatafilter/schema"
)

// TestTypicalFilters: the forms a Defender user writes give eval's answers
// over a generated fleet, in both dialects.
func TestTypicalFilters(t *testing.T) {
	ms := genFleet(1, 60)
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) { typicalFilters(t, loadFleet(t, d, ms)) })
	}
}

func typicalFilters(t *testing.T, f *fleetDB) {
	for _, s := range []string{
		"riskScore eq 'High'", "riskScore ge 'Medium'", "not (computerDnsName eq 'a')",
		"startswith(computerDnsName,'a')", "machineTags/any(t: t eq 'tag')", "machineTags/all(t: t ne 'tag')",
		"lastSeen gt now() sub duration'P1D'", "rbacGroupId add 1 gt 140", "year(lastSeen) eq 2024",
		"length(id) gt 3", "substring(id, -2) eq 'ab'", "contains(id,'%')", "endswith(id,'a')",
		"'tag' in machineTags", "healthStatus in ('Active', null)", "rbacGroupId gt 1.5", "(riskScore eq 'High') eq null",
		"tolower(id) eq 'abc'", "trim(id) eq 'x'", "concat(id, 'a') eq 'aa'", "indexof(id,'a') eq 0",
		"rbacGroupId div (rbacGroupId sub rbacGroupId) eq null", "rbacGroupId mul 9223372036854775807 eq null",
		"-rbacGroupId gt 0", "hour(lastSeen) eq 12",
	} {
		c, err := checkFilter(schema.Machines, s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if msg := f.disagreement(context.Background(), c, true); msg != "" {
			t.Errorf("%s\n%s", s, msg)
		}
	}
}

// TestLongSQLIsResidual: forms that repeat their operands, nested, stay
// within bounds by leaving the deepest parts to eval.
func TestLongSQLIsResidual(t *testing.T) {
	b := "(id eq 'a')"
	for range 12 {
		b = "(" + b + " eq (computerDnsName eq 'b'))"
	}
	n := "rbacGroupId"
	for range 7 {
		n = "(" + n + " mul " + n + ")"
	}
	for _, s := range []string{b, n + " gt 0"} {
		c, err := checkFilter(schema.Machines, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []sqlfilter.Dialect{sqlfilter.SQLite, sqlfilter.PostgreSQL} {
			tr, err := sqlfilter.Translate(c, d)
			if err != nil {
				t.Fatal(err)
			}
			where := tr.Where(sqlfilter.NewArgs(d), clock)
			if len(where) > 200<<10 || tr.Exact() {
				t.Errorf("%s: %d bytes of SQL, exact %v", d, len(where), tr.Exact())
			}
		}
	}
}

package schema

import (
	"strings"
	"testing"
)

// Literals: every kind has its type; a literal that denotes no value is
// bad_literal; binary and spatial values are understood and rejected.
func TestCheckLiterals(t *testing.T) { runCheckCases(t, Machines, literalCases) }

var literalCases = []checkCase{
	{"lastSeen gt 2018-08-01Z", ok, "2018-08-01Z: Edm.DateTimeOffset"},
	{"lastSeen gt 2018-08-01", ok, "2018-08-01: Edm.Date"},
	{"lastSeen gt 2018-08-02T14:55:03.7791856Z", ok, ""},
	{"lastSeen gt 2018-08-02T16:55:03+02:00", ok, ""},
	{"lastSeen gt 2020-02-29", ok, ""},
	{"time(lastSeen) lt 12:30:00.5", ok, "12:30:00.5: Edm.TimeOfDay"},
	{"now() sub lastSeen gt duration'P1DT2H'", ok, "duration'P1DT2H': Edm.Duration"},
	{"rbacGroupId eq 9223372036854775807", ok, "9223372036854775807: Edm.Int64"},
	{"rbacGroupId eq -9223372036854775808", ok, ""},
	{"rbacGroupId gt 1.5", ok, "1.5: Edm.Decimal"},
	{"rbacGroupId gt NaN", ok, "NaN: Edm.Double"},
	{"id eq 'it''s'", ok, "'it''s': Edm.String"},
	{"true ne false", ok, "true: Edm.Boolean"},
	{"riskScore eq null", ok, "null: null"},

	{"date(lastSeen) eq 2018-02-30", "bad_literal@18:28", ""},
	{"lastSeen gt 2018-02-30T00:00:00Z", "bad_literal@12:32", ""},
	{"lastSeen gt 2019-02-29", "bad_literal@12:22", ""},
	{"rbacGroupId eq 9223372036854775808", "bad_literal@15:34", ""},
	{"rbacGroupId eq -9223372036854775809", "bad_literal@15:35", ""},
	{"rbacGroupId in (1, 9223372036854775808, 2018-02-30)", "bad_literal@19:38 bad_literal@40:50", ""},
	{"id eq 80fe8ff8-2624-418e-9591-41f0491218f9", "type_mismatch@3:5", ""},
	{"id eq binary'AAEC'", "unsupported@6:18", ""},
	{"id eq geography'SRID=4326;Point(-122.1 47.6)'", "unsupported@6:45", ""},
	{"id eq geometry'SRID=0;Point(1 2)'", "unsupported@6:33", ""},
	{"geo.distance(geography'SRID=4326;Point(1 2)', geography'SRID=4326;Point(3 4)') lt 1", "unsupported@0:12", ""},
	{`{"a":1} eq 1`, `unsupported@0:7`, ""},
	{"[1,2] eq 1", "type_mismatch@0:5", ""},
}

// Rejections of valid OData say why: what is valid, and what the Machine
// model lacks.
func TestUnsupportedSaysWhy(t *testing.T) {
	tests := []struct{ src, why string }{
		{"id eq binary'AAEC'", "no Machine field is Edm.Binary"},
		{"id eq geography'SRID=4326;Point(1 2)'", "spatial"},
		{"id eq geometry'SRID=0;Point(1 2)'", "spatial"},
		{"geo.length(geography'SRID=4326;LineString(1 2,3 4)') gt 1", "spatial"},
		{"riskScore has Microsoft.WindowsDefenderATP.Api.RiskScore'High'", "flags enum"},
		{"isof(Edm.String)", "no derived types"},
		{"machineTags/$count($filter=$this eq 'x') gt 0", "lambda"},
	}
	for _, tt := range tests {
		_, err := Check(parse(t, tt.src))
		ds := diagnostics(t, err)
		if len(ds) != 1 {
			t.Errorf("%s: want one diagnostic, got%s", tt.src, explain(tt.src, ds))
			continue
		}
		if !strings.Contains(ds[0].Message, tt.why) {
			t.Errorf("%s: message %q does not say %q", tt.src, ds[0].Message, tt.why)
		}
	}
}

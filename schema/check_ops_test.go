package schema

import (
	"strings"
	"testing"
)

// Operators: and, or, not; the comparisons; arithmetic with numeric
// promotion Int64 < Decimal < Double; dates, times and durations; has; and
// the rule that the whole filter is Boolean. in is with the collections.
func TestCheckOperators(t *testing.T) { runCheckCases(t, Machines, opCases) }

var opCases = []checkCase{
	{"riskScore eq 'High' and healthStatus eq 'Active'", ok, "riskScore eq 'High' and healthStatus eq 'Active': Edm.Boolean"},
	{"riskScore eq 'High' or not (rbacGroupId eq 140)", ok, "rbacGroupId eq 140: Edm.Boolean"},
	{"null and true or null", ok, "null and true or null: Edm.Boolean"},
	{"not null", ok, "not null: null"},
	{"rbacGroupId and true", "type_mismatch@0:11", ""},
	{"true or 'x'", "type_mismatch@8:11", ""},
	{"not riskScore eq 'High'", "type_mismatch@0:23", ""}, // not binds tighter than eq: the hint spans the comparison
	{"not computerDnsName", "type_mismatch@4:19", ""},

	{"rbacGroupId eq 140", ok, "140: Edm.Int64; rbacGroupId eq 140: Edm.Boolean"},
	{"rbacGroupId ne 140", ok, ""},
	{"rbacGroupId gt 140", ok, ""},
	{"rbacGroupId ge 140", ok, ""},
	{"rbacGroupId lt 140", ok, ""},
	{"rbacGroupId le 140", ok, ""},
	{"computerDnsName ge 'a' and computerDnsName lt 'n'", ok, ""},
	{"lastSeen le 2019-11-22T00:00:00Z", ok, ""},
	{"lastSeen gt 2018-08-01", ok, "2018-08-01: Edm.Date"}, // midnight UTC
	{"riskScore eq null and computerDnsName ne null and null eq null", ok, ""},
	{"true gt false", ok, ""}, // false < true in OData 4.01
	{"rbacGroupId eq 'x'", "type_mismatch@12:14", ""},
	{"'140' eq rbacGroupId", "type_mismatch@0:5", ""}, // a number in quotes: the literal,
	{"computerDnsName lt 1", "type_mismatch@16:18", ""},
	{"lastSeen gt 12:00:00", "type_mismatch@9:11", ""},
	{"lastSeen eq 'yesterday'", "type_mismatch@9:11", ""},
	{"machineTags eq 'x'", "type_mismatch@12:14", ""},
	{"machineTags ne null", "type_mismatch@12:14", ""},

	{"rbacGroupId eq 140.0", ok, "140.0: Edm.Decimal"},
	{"rbacGroupId gt 1e2", ok, "1e2: Edm.Double"},
	{"rbacGroupId lt INF and rbacGroupId gt -INF", ok, "INF: Edm.Double"},
	{"rbacGroupId add 1 eq 141", ok, "rbacGroupId add 1: Edm.Int64"},
	{"rbacGroupId add 0.5 gt 140", ok, "rbacGroupId add 0.5: Edm.Decimal"},
	{"rbacGroupId mul 1.5e0 gt 140", ok, "rbacGroupId mul 1.5e0: Edm.Double"},
	{"rbacGroupId sub 2.5 mul 2e0 gt 1", ok, "2.5 mul 2e0: Edm.Double; rbacGroupId sub 2.5 mul 2e0: Edm.Double"},
	{"rbacGroupId div 2 eq 70", ok, "rbacGroupId div 2: Edm.Int64"},
	{"rbacGroupId divby 2 eq 70", ok, "rbacGroupId divby 2: Edm.Decimal"},
	{"rbacGroupId divby 2e0 eq 70", ok, "rbacGroupId divby 2e0: Edm.Double"},
	{"rbacGroupId mod 2 eq 0", ok, "rbacGroupId mod 2: Edm.Int64"},

	// Int64 div and mod by a literal zero fail the request (OData 4.01); a
	// computed zero is null at evaluation; decimal and double division and
	// divby follow IEEE 754; a Duration divided by zero is null.
	{"rbacGroupId div 0 eq 1", "division_by_zero@16:17", ""},
	{"rbacGroupId mod 0 eq 1", "division_by_zero@16:17", ""},
	{"rbacGroupId mod -0 eq 1", "division_by_zero@16:18", ""},
	{"1 div (0) eq 1", "division_by_zero@7:8", ""},
	{"null div 0 eq 1", "division_by_zero@9:10", ""},
	{"rbacGroupId div 0 eq 1 or rbacGroupId mod 0 eq 1", "division_by_zero@16:17 division_by_zero@42:43", ""},
	{"rbacGroupId div (1 sub 1) eq 1", ok, ""},
	{"rbacGroupId div 0.0 eq 1", ok, ""},
	{"rbacGroupId div 0e0 eq 1", ok, ""},
	{"rbacGroupId divby 0 eq 1", ok, ""},
	{"1.5 mod 0 eq 1", ok, ""},
	{"duration'P1D' div 0 eq duration'P1D'", ok, ""},
	{"rbacGroupId div 00 eq 1", "division_by_zero@16:18", ""},
	{"-rbacGroupId lt 0", ok, "-rbacGroupId: Edm.Int64"},
	{"rbacGroupId add null eq 1", ok, "rbacGroupId add null: Edm.Int64"},
	{"rbacGroupId add 'x' eq 1", "type_mismatch@12:15", ""},
	{"computerDnsName add 'x' eq 'y'", "type_mismatch@16:19", ""},
	{"rbacGroupId mod 2.5 eq 'x'", "type_mismatch@20:22", ""},
	{"-computerDnsName eq 'x'", "type_mismatch@1:16", ""},
	{"-riskScore eq 'High'", "type_mismatch@1:10", ""},

	{"lastSeen gt now() sub duration'P7D'", ok, "now() sub duration'P7D': Edm.DateTimeOffset"},
	{"lastSeen add duration'PT1H' lt now()", ok, "lastSeen add duration'PT1H': Edm.DateTimeOffset"},
	{"now() sub lastSeen gt duration'P30D'", ok, "now() sub lastSeen: Edm.Duration"},
	{"date(lastSeen) add duration'P1D' eq 2018-08-02", ok, "date(lastSeen) add duration'P1D': Edm.Date"},
	{"date(lastSeen) sub 2018-08-01 gt duration'P1D'", ok, "date(lastSeen) sub 2018-08-01: Edm.Duration"},
	{"now() sub duration'P1D' mul 7 lt lastSeen", ok, "duration'P1D' mul 7: Edm.Duration"},
	{"now() sub 2 mul duration'P1D' lt lastSeen", ok, "2 mul duration'P1D': Edm.Duration"},
	{"now() sub duration'P7D' div 2 lt lastSeen", ok, "duration'P7D' div 2: Edm.Duration"},
	{"-duration'P1D' lt duration'PT0S'", ok, "-duration'P1D': Edm.Duration"},
	{"lastSeen add null gt lastSeen", ok, "lastSeen add null: null"},
	{"lastSeen add lastSeen gt now()", "type_mismatch@9:12", ""},
	{"lastSeen mul 2 gt now()", "type_mismatch@9:12", ""},
	{"duration'P1D' mod 2 eq duration'P1D'", "type_mismatch@14:17", ""},
	{"computerDnsName sub null eq 'x'", "type_mismatch@16:19", ""},

	{"riskScore has Microsoft.WindowsDefenderATP.Api.RiskScore'High'", "type_mismatch@10:13", ""},
	{"healthStatus has 'Active'", "type_mismatch@13:16", ""},
	{"computerDnsName has 'x'", "type_mismatch@16:19", ""},

	{"true", ok, ""},
	{"null", ok, ""},
	{"rbacGroupId", "type_mismatch@0:11", ""},
	{"rbacGroupId add 1", "type_mismatch@0:17", ""},
	{"'High'", "type_mismatch@0:6", ""},
	{"machineTags", "type_mismatch@0:11", ""},
}

// Enums: string literals and qualified enum literals name members exactly
// (a member in another case is an error saying so); RiskScore is ordered, HealthStatus allows eq, ne and in
// only; no enum is a flags enum.
func TestCheckEnums(t *testing.T) { runCheckCases(t, Machines, enumCases) }

var enumCases = []checkCase{
	{"riskScore eq 'High'", ok, "'High': RiskScore; 'High' #5"},
	{"'High' eq riskScore", ok, "'High' #5"},
	{"riskScore ne 'None'", ok, "'None' #1"},
	{"riskScore eq Microsoft.WindowsDefenderATP.Api.RiskScore'High'", ok, "Microsoft.WindowsDefenderATP.Api.RiskScore'High': RiskScore; Microsoft.WindowsDefenderATP.Api.RiskScore'High' #5"},
	{"riskScore eq microsoft.windowsdefenderatp.api.riskscore'Medium'", ok, "microsoft.windowsdefenderatp.api.riskscore'Medium' #4"},
	{"riskScore eq Api.RiskScore'Low'", ok, "Api.RiskScore'Low' #3"}, // the namespace is not checked
	{"healthStatus eq Microsoft.WindowsDefenderATP.Api.HealthStatus'Inactive'", ok, "Microsoft.WindowsDefenderATP.Api.HealthStatus'Inactive' #2"},
	{"riskScore gt 'Low'", ok, "'Low' #3"},
	{"riskScore ge 'Informational' and riskScore le 'Medium'", ok, "'Informational' #2; 'Medium' #4"},
	{"riskScore lt Microsoft.WindowsDefenderATP.Api.RiskScore'High'", ok, ""},
	{"healthStatus eq 'Active'", ok, "'Active' #1"},
	{"healthStatus ne 'NoSensorDataImpairedCommunication'", ok, "'NoSensorDataImpairedCommunication' #5"},
	{"healthStatus in ('Inactive', 'Unknown')", ok, "'Inactive' #2; 'Unknown' #6"},
	{"riskScore eq 'high'", "unknown_enum_member@13:19", ""},
	{"healthStatus in ('Inactive', 'unknown')", "unknown_enum_member@29:38", ""},
	{"riskScore eq Api.RiskScore'high'", "unknown_enum_member@13:32", ""},
	{"case(true: riskScore, true: 'High') eq 'Low'", ok, "'High' #5; 'Low' #3"},

	{"healthStatus gt 'Active'", "type_mismatch@13:15", ""},
	{"healthStatus le 'Unknown'", "type_mismatch@13:15", ""},
	{"riskScore eq 'Hgh'", "unknown_enum_member@13:18", ""},
	{"riskScore eq 'Critical'", "unknown_enum_member@13:23", ""},
	{"healthStatus eq 'Active '", "unknown_enum_member@16:25", ""},
	{"riskScore eq Microsoft.WindowsDefenderATP.Api.RiskScore'Hgh'", "unknown_enum_member@13:60", ""},
	{"riskScore eq Microsoft.WindowsDefenderATP.Api.RiskScore'5'", "unknown_enum_member@13:58", ""},
	{"riskScore eq Microsoft.WindowsDefenderATP.Api.RiskScor'High'", "unknown_type@13:54", ""},
	{"riskScore eq Sales.Pattern'Yellow'", "unknown_type@13:26", ""},
	{"riskScore eq Microsoft.WindowsDefenderATP.Api.RiskScore'Low,High'", "type_mismatch@13:65", ""},
	{"riskScore eq Microsoft.WindowsDefenderATP.Api.HealthStatus'Active'", "type_mismatch@10:12", ""},
	{"riskScore eq healthStatus", "type_mismatch@10:12", ""},
	{"riskScore eq 5", "type_mismatch@10:12", ""},
	{"riskScore eq tolower('HIGH')", "type_mismatch@10:12", ""},
	{"computerDnsName eq Microsoft.WindowsDefenderATP.Api.RiskScore'High'", "type_mismatch@16:18", ""},
	{"riskScore gt 'Low' and healthStatus lt 'Inactive' and riskScore eq 'Hgh'", "type_mismatch@36:38 unknown_enum_member@67:72", ""},
}

// A type_mismatch names both types, so the user sees what met what.
func TestMismatchNamesBothTypes(t *testing.T) {
	tests := []struct{ src, a, b string }{
		{"rbacGroupId eq 'x'", "Edm.Int64", "Edm.String"},
		{"lastSeen gt 12:00:00", "Edm.DateTimeOffset", "Edm.TimeOfDay"},
		{"riskScore eq healthStatus", "RiskScore", "HealthStatus"},
		{"riskScore eq 5", "RiskScore", "Edm.Int64"},
		{"rbacGroupId add 'x' eq 1", "Edm.Int64", "Edm.String"},
		{"lastSeen add lastSeen gt now()", "Edm.DateTimeOffset", "Edm.DateTimeOffset"},
		{"contains(computerDnsName, 1)", "Edm.String", "Edm.Int64"},
		{"riskScore in machineTags", "RiskScore", "Collection(Edm.String)"},
		{"rbacGroupId in (1,'2')", "Edm.Int64", "Edm.String"},
		{"hassubset(machineTags, [1])", "Edm.String", "Edm.Int64"},
		{"case(true: 1, true: 'x') eq 1", "Edm.Int64", "Edm.String"},
		{"cast(lastSeen, Edm.Int64) eq 1", "Edm.DateTimeOffset", "Edm.Int64"},
		{"machineTags/all(t: t)", "Edm.Boolean", "Edm.String"},
	}
	for _, tt := range tests {
		_, err := Check(parse(t, tt.src))
		ds := diagnostics(t, err)
		if len(ds) != 1 || ds[0].Code != "type_mismatch" {
			t.Errorf("%s: want one type_mismatch, got%s", tt.src, explain(tt.src, ds))
			continue
		}
		if msg := ds[0].Message; !strings.Contains(msg, tt.a) || !strings.Contains(msg, tt.b) {
			t.Errorf("%s: message %q does not name both %s and %s", tt.src, msg, tt.a, tt.b)
		}
	}
}

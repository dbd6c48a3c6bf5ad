package schema

import (
	"strings"
	"testing"
)

// TestHints: the checker's hints for common mistakes say what to write and
// carry it as the suggestion, in place of the text under the span.
func TestHints(t *testing.T) {
	cases := []struct {
		model      *Model
		src        string
		want       string // code@start:end of the one diagnostic
		suggestion string
		msg        string // in the message
	}{
		// A value without its quotes.
		{Machines, "riskScore eq High", "unknown_field@13:17", "'High'", "a RiskScore member is written in quotes"},
		{Machines, "riskScore eq high", "unknown_field@13:17", "'High'", "a RiskScore member is written in quotes"},
		{Machines, "riskScore ne high", "unknown_field@13:17", "'High'", "in quotes"},
		{Machines, "riskScore eq Hgh", "unknown_field@13:16", "'High'", "in quotes"},
		{Machines, "healthStatus eq Active", "unknown_field@16:22", "'Active'", "a HealthStatus member is written in quotes"},
		{Machines, "riskScore in [High,'Low']", "unknown_field@14:18", "'High'", "in quotes"},
		{Machines, "computerDnsName eq mymachine", "unknown_field@19:28", "'mymachine'", "a string is written in single quotes"},
		{Machines, "osPlatform eq Windows10", "unknown_field@14:23", "'Windows10'", "in single quotes"},
		{Machines, "$filter=riskScore+eq+High", "unknown_field@21:25", "'High'", "in quotes"},
		// ... but a misspelt field stays a misspelt field.
		{Machines, "computerDnsName eq computerDnsNam", "unknown_field@19:33", "computerDnsName", "unknown field computerDnsNam"},
		{Machines, "riskScore eq riskScor", "unknown_field@13:21", "riskScore", "unknown field riskScor"},

		// A number, a Boolean or a date with quotes.
		{Machines, "rbacGroupId eq '140'", "type_mismatch@15:20", "140", "cannot compare Edm.Int64 with Edm.String using eq: a number is written without quotes"},
		{Machines, "'140' ne rbacGroupId", "type_mismatch@0:5", "140", "a number is written without quotes"},
		{Machines, "rbacGroupId in ('140','141')", "type_mismatch@16:21 type_mismatch@22:27", "140", "cannot look for Edm.Int64 among Edm.String values: a number"},
		{Machines, "lastSeen gt '2018-08-01'", "type_mismatch@12:24", "2018-08-01", "a date is written without quotes"},
		{Machines, "lastSeen gt '2018-08-01Z'", "type_mismatch@12:25", "2018-08-01Z", "a date is written without quotes"},
		{Machines, "lastSeen lt '2024-01-02T03:04:05.5+02:00'", "type_mismatch@12:41", "2024-01-02T03:04:05.5+02:00", "a DateTimeOffset is written without quotes"},
		{Machines, "$filter=lastSeen+gt+%272018-08-01%27", "type_mismatch@20:36", "2018-08-01", "a date"},
		{Machines, "contains(computerDnsName,'x') eq 'true'", "type_mismatch@33:39", "true", "a Boolean is written without quotes"},
		// ... but a string that is no such literal keeps the plain message.
		{Machines, "rbacGroupId eq 'x'", "type_mismatch@12:14", "", "cannot compare Edm.Int64 with Edm.String using eq"},
		{Machines, "lastSeen gt 'yesterday'", "type_mismatch@9:11", "", "cannot compare"},

		// not binds tighter than a comparison.
		{Machines, "not riskScore eq 'High'", "type_mismatch@0:23", "not (riskScore eq 'High')", "not binds tighter than eq, so this negates riskScore, which is"},
		{Machines, "rbacGroupId eq 1 and not rbacGroupId gt 5", "type_mismatch@21:41", "not (rbacGroupId gt 5)", "not binds tighter than gt"},
		{Machines, "not riskScor eq 'High'", "unknown_field@4:12", "riskScore", "unknown field riskScor"},

		// A field of the newer model.
		{Machines, "exposureLevel eq 'High'", "not_filterable@0:13", "", "exposureLevel is filterable in the 2021 model (--model 2021, schema.Machines2021)"},
		{Machines, "deviceValue eq 'High'", "not_filterable@0:11", "", "deviceValue is filterable in the 2021 model"},
		{Machines, "onboardingStatus eq 'Onboarded'", "not_filterable@0:16", "", "onboardingStatus is filterable in the 2021 model"},
	}
	for _, tc := range cases {
		q := parse(t, tc.src)
		_, err := tc.model.Check(q)
		ds := diagnostics(t, err)
		if got := codesAndSpans(ds); got != tc.want {
			t.Errorf("Check(%q)\n got: %s\nwant: %s%s", tc.src, got, tc.want, explain(tc.src, ds))
			continue
		}
		if ds[0].Suggestion != tc.suggestion || !strings.Contains(ds[0].Message, tc.msg) {
			t.Errorf("Check(%q): message %q, suggestion %q; want one containing %q, suggestion %q",
				tc.src, ds[0].Message, ds[0].Suggestion, tc.msg, tc.suggestion)
		}
	}
	// The 2021 model names no other model; a field filterable in neither
	// names none.
	for _, tc := range []struct {
		m   *Model
		src string
	}{{Machines2021, "osVersion eq 'x'"}, {Machines, "osVersion eq 'x'"}} {
		_, err := tc.m.Check(parse(t, tc.src))
		if ds := diagnostics(t, err); len(ds) != 1 || strings.Contains(ds[0].Message, "2021") {
			t.Errorf("Check(%q): %v", tc.src, err)
		}
	}
}

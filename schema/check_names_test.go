package schema

import (
	"errors"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// Names resolve to fields without regard to ASCII case; a name that is no
// field is unknown_field, a field outside the whitelist not_filterable.
func TestCheckNames(t *testing.T) { runCheckCases(t, Machines, nameCases) }

var nameCases = []checkCase{
	{"riskScore eq 'High'", ok, "riskScore -> riskScore; riskScore: RiskScore"},
	{"RiskScore eq 'High'", ok, "RiskScore -> riskScore"},
	{"riskscore eq 'High'", ok, "riskscore -> riskScore"},
	{"COMPUTERDNSNAME eq 'mymachine'", ok, "COMPUTERDNSNAME -> computerDnsName; COMPUTERDNSNAME: Edm.String"},
	{"Id eq '1e5bc9d7e413ddd7902c2932e418702b84d0cc07' or LastIpAddress eq '10.0.0.1' or OsPlatform eq 'Linux'", ok, "Id -> id; LastIpAddress -> lastIpAddress; OsPlatform -> osPlatform"},
	{"lastSeen gt 2018-08-01Z and rbacGroupId eq 140 and machineTags/any()", ok, "lastSeen: Edm.DateTimeOffset; rbacGroupId: Edm.Int64; machineTags: Collection(Edm.String)"},
	{"HealthStatus eq 'Active' and RbacGroupId eq 140", ok, "HealthStatus -> healthStatus; RbacGroupId -> rbacGroupId"},
	{"$it/riskScore eq 'High'", ok, "$it: Machine; $it/riskScore -> riskScore"},
	{"$it/RISKSCORE eq 'High'", ok, "$it/RISKSCORE -> riskScore"},

	{"riskScor eq 'High'", "unknown_field@0:8", ""},
	{"foo eq 1", "unknown_field@0:3", ""},
	{"$it/foo eq 1", "unknown_field@4:7", ""},
	{"risk_score eq 'High'", "unknown_field@0:10", ""},
	{"riskScore eq 'High' and healthStatuss ne 'Active'", "unknown_field@24:37", ""},

	{"osBuild eq 19045", "not_filterable@0:7", ""},
	{"OSBUILD eq 19045", "not_filterable@0:7", ""},
	{"$it/osBuild eq 19045", "not_filterable@4:11", ""},
	{"isAadJoined eq true", "not_filterable@0:11", ""},
	{"firstSeen gt 2018-08-01Z", "not_filterable@0:9", ""},
	{"rbacGroupName eq 'UnassignedGroup'", "not_filterable@0:13", ""},
	{"ipAddresses/any(a: a/ipAddress eq '10.0.0.1')", "not_filterable@0:11", ""},
	{"exposureLevel eq 'High'", "not_filterable@0:13", ""},
	{"agentVersion eq '10.8040' or osArchitecture eq '64-bit'", "not_filterable@0:12 not_filterable@29:43", ""},

	{"riskScore/foo eq 1", "type_mismatch@10:13", ""},
	{"machineTags/any(t: t/length eq 1)", "type_mismatch@21:27", ""},
	{"$root/riskScore eq 'High'", "unsupported@0:5", ""},
	{"@Core.Description eq 'x'", "unsupported@0:17", ""},
	{"$it eq null", "type_mismatch@4:6", ""},
}

// The same parse checked against the 2018 and the 2021 whitelists: the
// checker does not touch the tree, so one parse serves both.
func TestCheckBothModels(t *testing.T) {
	tests := []struct{ src, want2018, want2021 string }{
		{"riskScore eq 'High'", ok, ok},
		{"osBuild eq 19045", "not_filterable@0:7", "not_filterable@0:7"},
		{"isAadJoined eq true", "not_filterable@0:11", "not_filterable@0:11"},
		{"firstSeen gt 2018-08-01Z", "not_filterable@0:9", "not_filterable@0:9"},
		{"rbacGroupName eq 'UnassignedGroup'", "not_filterable@0:13", "not_filterable@0:13"},
		{"ipAddresses/any()", "not_filterable@0:11", "not_filterable@0:11"},
		{"exposureLevel eq 'High'", "not_filterable@0:13", ok},
		{"exposureLevel gt 'Low'", "not_filterable@0:13", ok},
		{"exposureLevel eq 'Hgh'", "not_filterable@0:13", "unknown_enum_member@17:22"},
		{"deviceValue eq 'High'", "not_filterable@0:11", ok},
		{"deviceValue gt 'Low'", "not_filterable@0:11", "type_mismatch@12:14"},
		{"version eq '1709'", "not_filterable@0:7", ok},
		{"aadDeviceId eq 80fe8ff8-2624-418e-9591-41f0491218f9", "not_filterable@0:11", ok},
		{"aadDeviceId gt 80fe8ff8-2624-418e-9591-41f0491218f9", "not_filterable@0:11", ok},
		{"aadDeviceId eq '80fe8ff8-2624-418e-9591-41f0491218f9'", "not_filterable@0:11", "type_mismatch@12:14"},
		{"onboardingStatus eq 'Onboarded'", "not_filterable@0:16", ok},
		{"onboardingstatus eq 'onboarded'", "not_filterable@0:16", ok},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			q := parse(t, tt.src)
			for _, run := range []struct {
				m    *Model
				want string
			}{{Machines, tt.want2018}, {Machines2021, tt.want2021}, {Machines, tt.want2018}} {
				_, err := run.m.Check(q)
				ds := diagnostics(t, err)
				if got := codesAndSpans(ds); got != run.want {
					t.Errorf("%d fields filterable: got %s, want %s%s", len(run.m.FilterableNames()), got, run.want, explain(tt.src, ds))
				}
			}
		})
	}
}

// Every machines query of the Defender documentation, end to end through
// parser.ParseQuery, as a client sends it.
func TestCheckDefenderSamples(t *testing.T) {
	runCheckCases(t, Machines, []checkCase{
		{"$filter=riskScore+eq+'High'", ok, "riskScore -> riskScore; 'High' #5"},
		{"$filter=healthStatus+ne+'Active'&$top=100", ok, "healthStatus -> healthStatus; 'Active' #1"},
		{"$filter=lastSeen gt 2018-08-01Z", ok, "2018-08-01Z: Edm.DateTimeOffset"},
		{"$filter=startswith(computerDnsName,'mymachine')", ok, "computerDnsName -> computerDnsName"},
		{"$filter=machineTags/any(tag: tag eq 'ExampleTag')", ok, "tag -> $tag"},
		{"$filter=rbacGroupId eq 140", ok, "140: Edm.Int64"},
		// The conventions of the other entities' pages.
		{"$filter=lastSeen+ge+2019-11-22T00:00:00Z", ok, ""},
		{"$filter=riskScore+eq+'High'+and+healthStatus+eq+'Active'", ok, ""},
		{"$filter=RiskScore eq 'High'", ok, "RiskScore -> riskScore"},
	})
}

// One user reports an all-lowercase onboardingstatus filter returning data:
// valid against the 2021 whitelist, not_filterable against the 2018 one.
func TestCheckOnboardingStatusLowercase(t *testing.T) {
	const src = "onboardingstatus eq 'onboarded'"
	runCheckCases(t, Machines2021, []checkCase{{src, ok, "onboardingstatus -> onboardingStatus; onboardingstatus: Edm.String"}})
	runCheckCases(t, Machines, []checkCase{{src, "not_filterable@0:16", ""}})
}

// TestCheckManyErrors: thousands of unknown names give ast.MaxDiagnostics
// diagnostics, the last counting the rest.
func TestCheckManyErrors(t *testing.T) {
	e, err := parser.ParseFilter(strings.Repeat("A or ", 2000) + "A")
	if err != nil {
		t.Fatal(err)
	}
	_, err = CheckFilter(e)
	var ds ast.Diagnostics
	if !errors.As(err, &ds) || len(ds) != ast.MaxDiagnostics {
		t.Fatalf("got %d diagnostics (%T), want %d", len(ds), err, ast.MaxDiagnostics)
	}
	if last := ds[len(ds)-1]; last.Code != ast.CodeTooManyErrors || last.Message != "too many errors: 1952 more not shown" {
		t.Errorf("the last diagnostic is %+v", *last)
	}
}

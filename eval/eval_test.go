package eval_test

import (
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

func dto(t *testing.T, s string) schema.DateTimeOffset {
	t.Helper()
	d, err := schema.ParseDateTimeOffset(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var fixedNow = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

func sample(t *testing.T) []schema.Machine {
	return []schema.Machine{
		{ // 0
			ID: schema.StringValue("1e5bc9d7e413ddd7902c2932e418702b84d0cc07"), ComputerDNSName: schema.StringValue("mymachine1.contoso.com"),
			LastSeen: dto(t, "2018-08-02T14:55:03.7791856Z"), OSPlatform: schema.StringValue("Windows10"),
			HealthStatus: schema.HealthStatusActive, RiskScore: schema.RiskScoreHigh, RBACGroupID: schema.Int64Value(140),
			MachineTags: []string{"test tag 1", "ExampleTag"}, LastIPAddress: schema.StringValue("172.17.230.209"),
		},
		{ // 1
			ID: schema.StringValue("7292e4b8cb74ff1cc3d8a495eb29dc8858b732f7"), ComputerDNSName: schema.StringValue("mymachine2.contoso.com"),
			LastSeen: dto(t, "2018-07-31T23:30:00-02:00"), OSPlatform: schema.StringValue("Windows11"),
			HealthStatus: schema.HealthStatusInactive, RiskScore: schema.RiskScoreLow, RBACGroupID: schema.Int64Value(141),
		},
		{}, // 2: everything null
		{ // 3
			ComputerDNSName: schema.StringValue("Ünïcode"), HealthStatus: schema.HealthStatusImpairedCommunication,
			RiskScore: schema.RiskScoreNone, RBACGroupID: schema.Int64Value(140), LastSeen: dto(t, "2024-05-30T00:00:00Z"),
			MachineTags: []string{"a"},
		},
	}
}

func TestMatch(t *testing.T) {
	ms := sample(t)
	cases := []struct {
		filter string
		want   []int
	}{
		{"riskScore eq 'High'", []int{0}},
		{"healthStatus ne 'Active'", []int{1, 2, 3}},
		{"healthStatus ne 'Active' and rbacGroupId eq 140", []int{3}},
		{"lastSeen gt 2018-08-01Z", []int{0, 1, 3}}, // 1 is 2018-08-01T01:30Z
		{"lastSeen gt 2018-08-01T01:30:00Z", []int{0, 3}},
		{"lastSeen ge 2018-08-01T01:30:00Z", []int{0, 1, 3}},
		{"startswith(computerDnsName,'mymachine')", []int{0, 1}},
		{"machineTags/any(tag: tag eq 'ExampleTag')", []int{0}},
		{"machineTags/all(tag: tag eq 'a')", []int{1, 2, 3}},
		{"machineTags/any()", []int{0, 3}},
		{"rbacGroupId eq 140", []int{0, 3}},
		{"riskScore eq null", []int{2}},
		{"riskScore ne null", []int{0, 1, 3}},
		{"not (riskScore eq 'High')", []int{1, 2, 3}},
		{"not (riskScore ge 'Low')", []int{2, 3}}, // null ge 'Low' is false
		{"riskScore in ('Low','None')", []int{1, 3}},
		{"riskScore in ('Low',null)", []int{1, 2}},
		{"rbacGroupId in (141, 142)", []int{1}},
		{"'a' in machineTags", []int{3}},
		{"machineTags/$count eq 2", []int{0}},
		{"length(computerDnsName) eq 7", []int{3}},
		{"year(lastSeen) eq 2018", []int{0, 1}},
		{"day(lastSeen) eq 31", []int{1}},
		{"lastSeen gt now() sub duration'P7D'", []int{3}},
		{"rbacGroupId add 1 eq 141", []int{0, 3}},
		{"rbacGroupId div (1 sub 1) eq null", []int{0, 1, 2, 3}}, // a computed zero; a literal one is a checker error
		{"rbacGroupId gt 140.5", []int{1}},
		{"contains(tolower(computerDnsName),'ünï')", []int{3}},
		{"startswith(computerDnsName,'mymachine') or machineTags/any(t: t eq 'test tag 1')", []int{0, 1}},
		{"lastSeen gt 2018-08-01T00:00:00Z and (osPlatform eq 'Windows10' or osPlatform eq 'Windows11') and not (riskScore in ('Low','None'))", []int{0}},
		{"machineTags/any(t: machineTags/any(u: u ne t))", []int{0}},
		{"case(riskScore eq 'High': 1, true: 2) eq 2", []int{1, 2, 3}},
		{"true", []int{0, 1, 2, 3}},
		{"null", nil},
	}
	for _, c := range cases {
		p, err := eval.CompileFilter(c.filter, eval.WithClock(func() time.Time { return fixedNow }))
		if err != nil {
			t.Errorf("%s: %v", c.filter, err)
			continue
		}
		var got []int
		for i := range ms {
			if p.Match(&ms[i]) {
				got = append(got, i)
			}
		}
		if !equalInts(got, c.want) {
			t.Errorf("%s: matched %v, want %v", c.filter, got, c.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

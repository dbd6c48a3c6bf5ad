package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name       string
		want       string // the JSON name found, or "" for none
		filterable bool
	}{
		{"riskScore", "riskScore", true},
		{"RiskScore", "riskScore", true},
		{"RISKSCORE", "riskScore", true},
		{"computerDnsName", "computerDnsName", true},
		{"ComputerDnsName", "computerDnsName", true},
		{"onboardingstatus", "onboardingStatus", false},
		{"rbacGroupName", "rbacGroupName", false},
		{"ipAddresses", "ipAddresses", false},
		{"riskScor", "", false},
		{"risk_score", "", false},
		{"riſkScore", "", false}, // long s folds to s only under Unicode rules
		{"", "", false},
	}
	for _, tt := range tests {
		f, ok := Machines.Lookup(tt.name)
		if tt.want == "" {
			if ok {
				t.Errorf("Lookup(%q) = %s, want none", tt.name, f.Name)
			}
			continue
		}
		if !ok || f.Name != tt.want || f.Filterable != tt.filterable {
			t.Errorf("Lookup(%q) = %+v, %v; want %s filterable=%v", tt.name, f, ok, tt.want, tt.filterable)
		}
	}
}

func TestWhitelists(t *testing.T) {
	want2018 := []string{"Id", "ComputerDnsName", "LastSeen", "OsPlatform", "LastIpAddress", "HealthStatus",
		"RbacGroupId", "RiskScore", "MachineTags"}
	if got := Machines.FilterableNames(); !reflect.DeepEqual(got, want2018) {
		t.Errorf("Machines.FilterableNames() = %v, want %v", got, want2018)
	}
	want2021 := []string{"Id", "ComputerDnsName", "LastSeen", "OsPlatform", "Version", "LastIpAddress",
		"HealthStatus", "DeviceValue", "RbacGroupId", "RiskScore", "ExposureLevel", "AadDeviceId",
		"MachineTags", "OnboardingStatus"}
	if got := Machines2021.FilterableNames(); !reflect.DeepEqual(got, want2021) {
		t.Errorf("Machines2021.FilterableNames() = %v, want %v", got, want2021)
	}
	if f, _ := Machines.Lookup("version"); f.Filterable {
		t.Error("building Machines2021 changed Machines")
	}
	for i, f := range Machines.Fields {
		g := Machines2021.Fields[i]
		if f == g || f.Name != g.Name || f.Type != g.Type || f.CanonicalName != g.CanonicalName || f.Nullable != g.Nullable {
			t.Errorf("Machines2021 field %d (%s) is not a copy of Machines's", i, g.Name)
		}
	}
}

func TestModelMatchesRecord(t *testing.T) {
	if got := Machines.Names(); !reflect.DeepEqual(got, machineJSONNames[:]) {
		t.Errorf("model fields %v\n   JSON fields %v", got, machineJSONNames)
	}
	if Machines.Name != "Machine" || Machines.EntitySet != "Machines" {
		t.Errorf("Machines is %s/%s", Machines.Name, Machines.EntitySet)
	}
	for _, f := range Machines.Fields {
		if !strings.EqualFold(f.Name, f.CanonicalName) || f.CanonicalName[0] < 'A' || f.CanonicalName[0] > 'Z' {
			t.Errorf("%s: canonical name %q", f.Name, f.CanonicalName)
		}
		var getters []string
		for name, set := range map[string]bool{
			"String": f.String != nil, "Int": f.Int != nil, "Bool": f.Bool != nil, "Time": f.Time != nil,
			"Enum": f.Enum != nil, "Strings": f.Strings != nil, "IPAddresses": f.IPAddresses != nil,
		} {
			if set {
				getters = append(getters, name)
			}
		}
		want := map[Kind]string{KindString: "String", KindGuid: "String", KindInt64: "Int", KindBoolean: "Bool",
			KindDateTimeOffset: "Time", KindEnum: "Enum"}[f.Type.Kind]
		switch {
		case f.Type == TypeStrings:
			want = "Strings"
		case f.Type.IsCollection() && f.Type.Elem.Complex == IPAddressType:
			want = "IPAddresses"
		}
		if len(getters) != 1 || getters[0] != want {
			t.Errorf("%s (%s): getters %v, want exactly %s", f.Name, f.Type, getters, want)
		}
	}
}

func TestTypeNames(t *testing.T) {
	want := map[string]string{
		"id": "Edm.String", "lastSeen": "Edm.DateTimeOffset", "rbacGroupId": "Edm.Int64", "osBuild": "Edm.Int64",
		"isAadJoined": "Edm.Boolean", "aadDeviceId": "Edm.Guid", "machineTags": "Collection(Edm.String)",
		"healthStatus": "Microsoft.WindowsDefenderATP.Api.HealthStatus",
		"riskScore":    "Microsoft.WindowsDefenderATP.Api.RiskScore",
		"ipAddresses":  "Collection(Microsoft.WindowsDefenderATP.Api.IpAddress)",
	}
	for name, typ := range want {
		if f, _ := Machines.Lookup(name); f.Type.String() != typ {
			t.Errorf("%s has type %s, want %s", name, f.Type, typ)
		}
	}
}

// richMachine is a record in which every field holds a distinct non-null
// value, so a getter that reads the wrong field is caught.
const richMachine = `{"id":"i","computerDnsName":"c","firstSeen":"2018-07-09T13:22:45.1250071Z",
"lastSeen":"2018-08-02T16:55:03.7791856+02:00","osPlatform":"p","osVersion":"ov","osProcessor":"op",
"version":"v","osBuild":18209,"lastIpAddress":"l","lastExternalIpAddress":"le","agentVersion":"av",
"healthStatus":"ImpairedCommunication","deviceValue":"High","rbacGroupId":140,"rbacGroupName":"rn",
"riskScore":"Medium","exposureLevel":"Low","isAadJoined":true,"aadDeviceId":"80fe8ff8-2624-418e-9591-41f0491218f9",
"machineTags":["t1","t2"],"onboardingStatus":"Onboarded","osArchitecture":"64-bit",
"ipAddresses":[{"ipAddress":"10.0.0.1","macAddress":"m","type":"Ethernet","operationalStatus":"Up"}]}`

// TestGetters checks each getter against the JSON it was decoded from: the
// getter's value, written as JSON, is the source's value for the same name.
func TestGetters(t *testing.T) {
	var m Machine
	if err := m.UnmarshalJSON([]byte(richMachine)); err != nil {
		t.Fatal(err)
	}
	var src map[string]any
	if err := json.Unmarshal([]byte(richMachine), &src); err != nil {
		t.Fatal(err)
	}
	var null Machine
	for _, f := range Machines.Fields {
		var got any
		nullOK := true
		switch {
		case f.String != nil:
			got, _ = f.String(&m)
			_, ok := f.String(&null)
			nullOK = !ok
		case f.Int != nil:
			v, _ := f.Int(&m)
			got = float64(v)
			_, ok := f.Int(&null)
			nullOK = !ok
		case f.Bool != nil:
			got, _ = f.Bool(&m)
			_, ok := f.Bool(&null)
			nullOK = !ok
		case f.Time != nil:
			v, _ := f.Time(&m)
			got = v.String()
			_, ok := f.Time(&null)
			nullOK = !ok
		case f.Enum != nil:
			v, _ := f.Enum(&m)
			got, _ = f.Type.Enum.MemberName(v)
			_, ok := f.Enum(&null)
			nullOK = !ok
		case f.Strings != nil:
			var l []any
			for _, s := range f.Strings(&m) {
				l = append(l, s)
			}
			got = l
			nullOK = f.Strings(&null) == nil
		case f.IPAddresses != nil:
			var l []any
			for _, a := range f.IPAddresses(&m) {
				o := map[string]any{}
				for _, p := range IPAddressType.Properties {
					o[p.Name], _ = p.String(&a)
				}
				l = append(l, o)
			}
			got = l
			nullOK = f.IPAddresses(&null) == nil
		}
		if !reflect.DeepEqual(got, src[f.Name]) {
			t.Errorf("getter of %s = %#v, want %#v", f.Name, got, src[f.Name])
		}
		if !nullOK {
			t.Errorf("getter of %s reports a value on the null record", f.Name)
		}
	}
}

func TestGettersDoNotAllocate(t *testing.T) {
	var m Machine
	if err := m.UnmarshalJSON([]byte(richMachine)); err != nil {
		t.Fatal(err)
	}
	n := testing.AllocsPerRun(100, func() {
		for _, f := range Machines.Fields {
			switch {
			case f.String != nil:
				f.String(&m)
			case f.Int != nil:
				f.Int(&m)
			case f.Bool != nil:
				f.Bool(&m)
			case f.Time != nil:
				f.Time(&m)
			case f.Enum != nil:
				f.Enum(&m)
			case f.Strings != nil:
				f.Strings(&m)
			case f.IPAddresses != nil:
				f.IPAddresses(&m)
			}
		}
	})
	if n != 0 {
		t.Errorf("reading every field allocates %v times", n)
	}
}

func TestComplexLookup(t *testing.T) {
	if p, ok := IPAddressType.Lookup("MACADDRESS"); !ok || p.Name != "macAddress" || p.Type != TypeString {
		t.Errorf("IPAddressType.Lookup(MACADDRESS) = %+v, %v", p, ok)
	}
	if _, ok := IPAddressType.Lookup("mac"); ok {
		t.Error("IPAddressType.Lookup(mac) found a property")
	}
	if got, want := propertyNames(IPAddressType.Properties), ipAddressJSONNames[:]; !reflect.DeepEqual(got, want) {
		t.Errorf("IpAddress properties %v, want %v", got, want)
	}
}

func propertyNames(ps []*Property) []string {
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return names
}

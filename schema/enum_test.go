package schema

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestEnums(t *testing.T) {
	tests := []struct {
		enum    *Enum
		members []string
		ordered bool
	}{
		{HealthStatusEnum, []string{"Active", "Inactive", "ImpairedCommunication", "NoSensorData",
			"NoSensorDataImpairedCommunication", "Unknown"}, false},
		{RiskScoreEnum, []string{"None", "Informational", "Low", "Medium", "High"}, true},
		{ExposureLevelEnum, []string{"None", "Low", "Medium", "High"}, true},
		{DeviceValueEnum, []string{"Normal", "Low", "High"}, false},
	}
	for _, tt := range tests {
		e := tt.enum
		if got := e.Members(); !reflect.DeepEqual(got, tt.members) {
			t.Errorf("%s.Members() = %v, want %v", e.Name, got, tt.members)
		}
		if e.Ordered != tt.ordered {
			t.Errorf("%s.Ordered = %v", e.Name, e.Ordered)
		}
		if e.QualifiedName() != Namespace+"."+e.Name {
			t.Errorf("%s.QualifiedName() = %s", e.Name, e.QualifiedName())
		}
		for i, name := range tt.members {
			for _, spelling := range []string{name, lowerASCII(name), upperASCII(name)} {
				if ord, ok := e.Member(spelling); !ok || int(ord) != i+1 {
					t.Errorf("%s.Member(%q) = %d, %v; want %d", e.Name, spelling, ord, ok, i+1)
				}
			}
			if got, ok := e.MemberName(uint8(i + 1)); !ok || got != name {
				t.Errorf("%s.MemberName(%d) = %q, %v", e.Name, i+1, got, ok)
			}
		}
		for _, bad := range []string{"", "Hgh", "Active ", "Lοw" /* Greek omicron */} {
			if ord, ok := e.Member(bad); ok {
				t.Errorf("%s.Member(%q) = %d", e.Name, bad, ord)
			}
		}
		if _, ok := e.MemberName(0); ok {
			t.Errorf("%s.MemberName(0) names a member", e.Name)
		}
		if _, ok := e.MemberName(uint8(len(tt.members) + 1)); ok {
			t.Errorf("%s.MemberName(past the end) names a member", e.Name)
		}
		e.Members()[0] = "changed"
		if e.members[0] == "changed" {
			t.Errorf("%s.Members() shares its slice", e.Name)
		}
	}
}

func lowerASCII(s string) string { return string(shiftCase(s, 'A', 'Z', +32)) }
func upperASCII(s string) string { return string(shiftCase(s, 'a', 'z', -32)) }

func shiftCase(s string, lo, hi byte, delta int) []byte {
	b := []byte(s)
	for i, c := range b {
		if lo <= c && c <= hi {
			b[i] = byte(int(c) + delta)
		}
	}
	return b
}

func TestEnumGoTypes(t *testing.T) {
	if !(RiskScoreNone < RiskScoreInformational && RiskScoreInformational < RiskScoreLow &&
		RiskScoreLow < RiskScoreMedium && RiskScoreMedium < RiskScoreHigh) {
		t.Error("RiskScore ordinals are not ordered")
	}
	if h, err := ParseHealthStatus("noSENSORdata"); err != nil || h != HealthStatusNoSensorData || h.String() != "NoSensorData" {
		t.Errorf("ParseHealthStatus = %v, %v", h, err)
	}
	if r, err := ParseRiskScore("informational"); err != nil || r != RiskScoreInformational || !r.Valid() {
		t.Errorf("ParseRiskScore = %v, %v", r, err)
	}
	if x, err := ParseExposureLevel("HIGH"); err != nil || x != ExposureLevelHigh || x.String() != "High" {
		t.Errorf("ParseExposureLevel = %v, %v", x, err)
	}
	if d, err := ParseDeviceValue("normal"); err != nil || d != DeviceValueNormal || d.String() != "Normal" {
		t.Errorf("ParseDeviceValue = %v, %v", d, err)
	}
	_, err := ParseRiskScore("Critical")
	var ue *UnknownMemberError
	if !errors.As(err, &ue) || ue.Enum != RiskScoreEnum || ue.Value != "Critical" {
		t.Errorf("ParseRiskScore(Critical) error = %v", err)
	}
	var null RiskScore
	if null.Valid() || null.String() != "null" || HealthStatus(0).String() != "null" {
		t.Error("the zero enum should be null")
	}
	if s := RiskScore(42).String(); s != "RiskScore(42)" {
		t.Errorf("RiskScore(42).String() = %q", s)
	}
}

// TestEnumWording: messages name an enum with the right article and list
// its members as text, not as a Go slice.
func TestEnumWording(t *testing.T) {
	if got := withArticle("ExposureLevel"); got != "an ExposureLevel" {
		t.Errorf("withArticle(ExposureLevel) = %q", got)
	}
	if got := withArticle("RiskScore"); got != "a RiskScore" {
		t.Errorf("withArticle(RiskScore) = %q", got)
	}
	err := &UnknownMemberError{Enum: HealthStatusEnum, Value: "Actve"}
	want := `unknown HealthStatus member "Actve"; the members are Active, Inactive, ImpairedCommunication, NoSensorData, NoSensorDataImpairedCommunication, Unknown (did you mean Active?)`
	if err.Error() != want {
		t.Errorf("Error() = %s\nwant %s", err, want)
	}
	_, err2 := Machines2021.Check(parse(t, "exposureLevel eq 'Hihg'"))
	ds := diagnostics(t, err2)
	if len(ds) != 1 || !strings.HasPrefix(ds[0].Message, `"Hihg" is not an ExposureLevel; the members are None, Low, Medium, High`) {
		t.Errorf("diagnostics %v, want \"Hihg\" is not an ExposureLevel; …", ds)
	}
}

package schema

import (
	"encoding/json"
	"testing"
)

func BenchmarkUnmarshalMachine(b *testing.B) {
	in := []byte(richMachine)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		var m Machine
		if err := m.UnmarshalJSON(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnmarshalMachineStdlib is the yardstick: encoding/json decoding
// the same record into a plain struct of pointers and strings.
func BenchmarkUnmarshalMachineStdlib(b *testing.B) {
	in := []byte(richMachine)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		var m struct {
			ID, ComputerDNSName, FirstSeen, LastSeen, OSPlatform, OSVersion, OSProcessor, Version *string
			OSBuild                                                                               *int64
			LastIPAddress, LastExternalIPAddress, AgentVersion, HealthStatus, DeviceValue         *string
			RBACGroupID                                                                           *int64
			RBACGroupName, RiskScore, ExposureLevel                                               *string
			IsAADJoined                                                                           *bool
			AADDeviceID                                                                           *string
			MachineTags                                                                           []string
			OnboardingStatus, OSArchitecture                                                      *string
			IPAddresses                                                                           []map[string]*string
		}
		if err := json.Unmarshal(in, &m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalMachine(b *testing.B) {
	var m Machine
	if err := m.UnmarshalJSON([]byte(richMachine)); err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		buf = m.AppendJSON(buf[:0])
	}
}

// BenchmarkGetters reads every field of a record through the model's
// getters, as an evaluator does; it must not allocate.
func BenchmarkGetters(b *testing.B) {
	var m Machine
	if err := m.UnmarshalJSON([]byte(richMachine)); err != nil {
		b.Fatal(err)
	}
	f, _ := Machines.Lookup("riskScore")
	g, _ := Machines.Lookup("lastSeen")
	h, _ := Machines.Lookup("computerDnsName")
	lit := mustDTO(b, "2018-08-01T00:00:00Z")
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if v, ok := f.Enum(&m); ok && v >= uint8(RiskScoreMedium) {
			n++
		}
		if v, ok := g.Time(&m); ok && v.After(lit) {
			n++
		}
		if v, ok := h.String(&m); ok && v == "c" {
			n++
		}
	}
	if n == 0 {
		b.Fatal("no field matched")
	}
}

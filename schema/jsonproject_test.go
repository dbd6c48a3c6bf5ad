package schema

import (
	"bytes"
	"math/rand"
	"os"
	"reflect"
	"testing"

	"github.com/odatafilter/odatafilter/fleet"
)

// project returns m with only the fields of p: what p.Unmarshal should
// give where m.UnmarshalJSON gives m.
func project(p Projection, m Machine) Machine {
	var out Machine
	has := func(f int) bool { return p.keep&(1<<f) != 0 }
	if has(fieldID) {
		out.ID = m.ID
	}
	if has(fieldComputerDNSName) {
		out.ComputerDNSName = m.ComputerDNSName
	}
	if has(fieldFirstSeen) {
		out.FirstSeen = m.FirstSeen
	}
	if has(fieldLastSeen) {
		out.LastSeen = m.LastSeen
	}
	if has(fieldOSPlatform) {
		out.OSPlatform = m.OSPlatform
	}
	if has(fieldOSVersion) {
		out.OSVersion = m.OSVersion
	}
	if has(fieldOSProcessor) {
		out.OSProcessor = m.OSProcessor
	}
	if has(fieldVersion) {
		out.Version = m.Version
	}
	if has(fieldOSBuild) {
		out.OSBuild = m.OSBuild
	}
	if has(fieldLastIPAddress) {
		out.LastIPAddress = m.LastIPAddress
	}
	if has(fieldLastExternalIPAddress) {
		out.LastExternalIPAddress = m.LastExternalIPAddress
	}
	if has(fieldAgentVersion) {
		out.AgentVersion = m.AgentVersion
	}
	if has(fieldHealthStatus) {
		out.HealthStatus = m.HealthStatus
	}
	if has(fieldDeviceValue) {
		out.DeviceValue = m.DeviceValue
	}
	if has(fieldRBACGroupID) {
		out.RBACGroupID = m.RBACGroupID
	}
	if has(fieldRBACGroupName) {
		out.RBACGroupName = m.RBACGroupName
	}
	if has(fieldRiskScore) {
		out.RiskScore = m.RiskScore
	}
	if has(fieldExposureLevel) {
		out.ExposureLevel = m.ExposureLevel
	}
	if has(fieldIsAADJoined) {
		out.IsAADJoined = m.IsAADJoined
	}
	if has(fieldAADDeviceID) {
		out.AADDeviceID = m.AADDeviceID
	}
	if has(fieldMachineTags) {
		out.MachineTags = m.MachineTags
	}
	if has(fieldOnboardingStatus) {
		out.OnboardingStatus = m.OnboardingStatus
	}
	if has(fieldOSArchitecture) {
		out.OSArchitecture = m.OSArchitecture
	}
	if has(fieldIPAddresses) {
		out.IPAddresses = m.IPAddresses
	}
	return out
}

// projections are the projections the tests try: none, each field alone,
// a filter's two, every text field, all.
func projections() []Projection {
	ps := []Projection{{}, AllFields, {keep: 1<<fieldHealthStatus | 1<<fieldRBACGroupID}, {keep: AllFields.keep &^ textFree}}
	for i := range numFields {
		ps = append(ps, Projection{keep: 1 << i})
	}
	return ps
}

// checkProjection checks that p.Unmarshal(in) agrees with UnmarshalJSON:
// the same error, or the same fields where p keeps them and null
// elsewhere; and that nothing it returns points into in.
func checkProjection(t *testing.T, p Projection, in []byte) {
	t.Helper()
	stale := Machine{ID: StringValue("stale"), MachineTags: []string{"stale"}}
	var full Machine
	wantErr := full.UnmarshalJSON(in)
	data := bytes.Clone(in)
	got := stale
	err := p.Unmarshal(data, &got)
	switch {
	case (err == nil) != (wantErr == nil):
		t.Fatalf("projection %024b of %q: error %v, UnmarshalJSON's %v", p.keep, in, err, wantErr)
	case err != nil:
		msg := err.Error()
		if msg != wantErr.Error() {
			t.Fatalf("projection %024b of %q:\n got %v\nwant %v", p.keep, in, err, wantErr)
		}
		clear(data)
		if err.Error() != msg {
			t.Fatalf("projection %024b of %q: the error changed with the input: %q, then %q", p.keep, in, msg, err)
		}
	default:
		want := project(p, full)
		if bytes.Equal(bytes.TrimSpace(in), []byte("null")) {
			want = stale // null leaves the record as it was
		}
		clear(data)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("projection %024b of %q:\n got %+v\nwant %+v", p.keep, in, got, want)
		}
	}
}

// projectionInputs are the records the projection tests decode and mutate:
// the fuzz seeds, the documented example response, and records with
// escapes, duplicates, other cases and bad values.
func projectionInputs() []string {
	inputs := append([]string(nil), decodeSeeds...)
	if data, err := os.ReadFile(exampleResponse); err == nil {
		inputs = append(inputs, string(data))
	}
	return append(inputs,
		`{"RiskScore":"Low","COMPUTERDNSNAME":"m","MachineTags":["t"],"IPADDRESSES":[{"IPADDRESS":"1","x":[1]}]}`,
		`{"id":"a","id":"b","riskScore":"Low","riskScore":null,"rbacGroupId":"140","rbacGroupId":141}`,
		`{"machineTags":["caf\u00e9","a\"b","\ud800"],"ipAddresses":[{"type":"Eth\u0065rnet"},{}]}`,
		"{\"id\":\"a\xffb\",\"x\":\"\xfe\"}",
		`{ "\u0069d" : "x" , "riskSc\u006fre" :"High", "lastSeen":"2018-08-02T14:55:03Z","machineTags" : ["a"],"osBuild":7 }`,
		`{"id":1}`, `{"computerDnsName":["x"]}`, `{"healthStatus":"Actve","id":"a"}`,
		`{"firstSeen":"2024-02-29T23:59:59.1234567+05:30","lastSeen":"\u0032018-08-02t14:55z"}`,
		`{"firstSeen":"2023-02-29T00:00:00Z"}`, `{"lastSeen":"2018-13-01T00:00:00Z"}`,
		`{"lastSeen":"2018-08-02T14:55:03"}`, `{"firstSeen":"2018-08-02T24:00:00Z"}`, `{"lastSeen":20180802}`,
		`{"firstSeen":"2018-08-02T14:55:03.1234567890123Z"}`, `{"lastSeen":"2018-08-02T14:55:03\u005a"}`,
		`{"ipAddresses":[ { "ipAddress" : "10.0.0.1" , "type":null } , {"macAddress":"AB","operationalStatus":"Up"} ]}`,
		`{"ipAddresses":[{"ipAddress":1}]}`, `{"ipAddresses":[null]}`, `{"ipAddresses":[{"ipAddress":"a"},]}`,
		`{"ipAddresses":[{"ip\u0041ddress":"a","Type":"b"}]}`, `{"ipAddresses":[{"ipAddress":"a" "type":"b"}]}`,
		`{"ipAddresses":[{"ipAddress":"a\q"}]}`, `{"ipAddresses":{}}`, `{"ipAddresses":[[]]}`, `{"ipAddresses":[{}, {}]}`,
	)
}

func TestProjectionAgrees(t *testing.T) {
	inputs := projectionInputs()
	for _, in := range inputs {
		for _, p := range projections() {
			checkProjection(t, p, []byte(in))
		}
	}
	// Mutated records reach the error paths.
	r := rand.New(rand.NewSource(2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	ps := projections()
	for range n {
		in := []byte(inputs[r.Intn(len(inputs))])
		for k := 1 + r.Intn(4); k > 0; k-- {
			in = mutate(r, in)
		}
		p := ps[r.Intn(len(ps))]
		checkProjection(t, p, in)
	}
}

func TestProjectionOf(t *testing.T) {
	if p := ProjectionOf(Machines2021.Fields); p != AllFields {
		t.Errorf("ProjectionOf(every field) = %024b, want AllFields", p.keep)
	}
	h, _ := Machines.Lookup("healthStatus")
	g, _ := Machines.Lookup("rbacGroupId")
	if p := ProjectionOf([]*Field{h, g}); p.keep != 1<<fieldHealthStatus|1<<fieldRBACGroupID {
		t.Errorf("ProjectionOf(healthStatus, rbacGroupId) = %024b", p.keep)
	}
	if p := ProjectionOf([]*Field{{Name: "notAMachineField"}}); p != AllFields {
		t.Errorf("ProjectionOf(an unknown field) = %024b, want AllFields", p.keep)
	}
}

// TestProjectionAllocs: a projection of fields that hold no text decodes
// a record without allocating; one of a string field allocates only that
// string, not a copy of the record.
func TestProjectionAllocs(t *testing.T) {
	in := []byte(richMachine)
	for _, tt := range []struct {
		p    Projection
		want float64
	}{
		{Projection{keep: 1<<fieldHealthStatus | 1<<fieldRBACGroupID | 1<<fieldLastSeen}, 0},
		{Projection{keep: 1<<fieldComputerDNSName | 1<<fieldRiskScore}, 1},
	} {
		var m Machine
		if n := testing.AllocsPerRun(100, func() {
			if err := tt.p.Unmarshal(in, &m); err != nil {
				t.Fatal(err)
			}
		}); n != tt.want {
			t.Errorf("projection %024b: Unmarshal allocates %v times a record, want %v", tt.p.keep, n, tt.want)
		}
	}
}

func FuzzProjection(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s), uint32(1<<fieldHealthStatus|1<<fieldRBACGroupID))
	}
	f.Fuzz(func(t *testing.T, in []byte, keep uint32) {
		p := Projection{keep: keep & AllFields.keep}
		checkProjection(t, p, in)
	})
}

// BenchmarkProjectionUnmarshal decodes 2,000 generated machines (1 MB,
// the records of odatafilter gen) whole with UnmarshalJSON, and with the
// projection of "healthStatus ne 'Active' and rbacGroupId eq 140", which
// stores two fields and checks the other twenty-two. ns/op is per record.
func BenchmarkProjectionUnmarshal(b *testing.B) {
	var doc bytes.Buffer
	if err := fleet.Generate(&doc, 2000, 1, true); err != nil {
		b.Fatal(err)
	}
	recs := bytes.Split(bytes.TrimSuffix(doc.Bytes(), []byte("\n")), []byte("\n"))
	two := Projection{keep: 1<<fieldHealthStatus | 1<<fieldRBACGroupID}
	for _, bm := range []struct {
		name   string
		decode func([]byte, *Machine) error
	}{
		{"whole", func(in []byte, m *Machine) error { return m.UnmarshalJSON(in) }},
		{"projection", two.Unmarshal},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(doc.Len() / len(recs)))
			b.ReportAllocs()
			var m Machine
			i := 0
			for b.Loop() {
				if err := bm.decode(recs[i], &m); err != nil {
					b.Fatal(err)
				}
				if i++; i == len(recs) {
					i = 0
				}
			}
		})
	}
}

package schema

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func mustDTO(t testing.TB, s string) DateTimeOffset {
	t.Helper()
	d, err := ParseDateTimeOffset(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestUnmarshalMachine(t *testing.T) {
	dto := func(s string) DateTimeOffset { return mustDTO(t, s) }
	var allNull strings.Builder
	allNull.WriteString("{")
	for i, n := range machineJSONNames {
		if i > 0 {
			allNull.WriteString(",")
		}
		allNull.WriteString(`"` + n + `":null`)
	}
	allNull.WriteString("}")

	tests := []struct {
		name string
		in   string
		want Machine
	}{
		{"empty object", `{}`, Machine{}},
		{"every field null", allNull.String(), Machine{}},
		{"white space", " \t\n{ \r\n\"id\" :\t\"a\" , \"osBuild\" : 7 }\n ", Machine{ID: StringValue("a"), OSBuild: Int64Value(7)}},
		{"rbacGroupId number", `{"rbacGroupId":140}`, Machine{RBACGroupID: Int64Value(140)}},
		{"rbacGroupId numeric string", `{"rbacGroupId":"140"}`, Machine{RBACGroupID: Int64Value(140)}},
		{"rbacGroupId negative string", `{"rbacGroupId":"-5"}`, Machine{RBACGroupID: Int64Value(-5)}},
		{"rbacGroupId max", `{"rbacGroupId":9223372036854775807}`, Machine{RBACGroupID: Int64Value(1<<63 - 1)}},
		{"osBuild negative zero", `{"osBuild":-0}`, Machine{OSBuild: Int64Value(0)}},
		{"timestamp 7 digits Z", `{"firstSeen":"2018-08-02T14:55:03.7791856Z"}`, Machine{FirstSeen: dto("2018-08-02T14:55:03.7791856Z")}},
		{"timestamp offset", `{"lastSeen":"2024-12-31T23:30:00-02:00"}`, Machine{LastSeen: dto("2024-12-31T23:30:00-02:00")}},
		{"timestamp lower case", `{"lastSeen":"2018-08-02t14:55:03z"}`, Machine{LastSeen: dto("2018-08-02T14:55:03Z")}},
		{"bool true", `{"isAadJoined":true}`, Machine{IsAADJoined: BoolValue(true)}},
		{"bool false", `{"isAadJoined":false}`, Machine{IsAADJoined: BoolValue(false)}},
		{"enums", `{"healthStatus":"NoSensorDataImpairedCommunication","riskScore":"High","exposureLevel":"None","deviceValue":"Low"}`,
			Machine{HealthStatus: HealthStatusNoSensorDataImpairedCommunication, RiskScore: RiskScoreHigh,
				ExposureLevel: ExposureLevelNone, DeviceValue: DeviceValueLow}},
		{"enums any case", `{"healthStatus":"active","riskScore":"HIGH","exposureLevel":"mEdIuM","deviceValue":"normal"}`,
			Machine{HealthStatus: HealthStatusActive, RiskScore: RiskScoreHigh, ExposureLevel: ExposureLevelMedium, DeviceValue: DeviceValueNormal}},
		{"tags missing", `{"id":"a"}`, Machine{ID: StringValue("a")}},
		{"tags null", `{"machineTags":null}`, Machine{}},
		{"tags empty", `{"machineTags":[ ]}`, Machine{}},
		{"tags", `{"machineTags":["a","", "b c"]}`, Machine{MachineTags: []string{"a", "", "b c"}}},
		{"empty string is not null", `{"id":""}`, Machine{ID: StringValue("")}},
		{"unknown fields", `{"defenderAvStatus":"Updated","vmMetadata":{"vmId":null,"x":[1,-2.5e3,true,false,{"y":[[]]}]},"isExcluded":false,"managedBy":"Intune","id":"a"}`,
			Machine{ID: StringValue("a")}},
		{"names any case", `{"RiskScore":"Low","COMPUTERDNSNAME":"m","MachineTags":["t"]}`,
			Machine{RiskScore: RiskScoreLow, ComputerDNSName: StringValue("m"), MachineTags: []string{"t"}}},
		{"last duplicate wins", `{"id":"a","id":"b","riskScore":"Low","riskScore":null}`, Machine{ID: StringValue("b")}},
		{"escapes", `{"id":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"}`, Machine{ID: StringValue("a\"b\\c/d\b\f\n\r\té😀")}},
		{"lone surrogate", `{"id":"\ud800x\udc00"}`, Machine{ID: StringValue("\uFFFDx\uFFFD")}},
		{"invalid UTF-8", "{\"id\":\"a\xffb\"}", Machine{ID: StringValue("a\uFFFDb")}},
		{"non-ASCII", `{"computerDnsName":"größe.contoso.com"}`, Machine{ComputerDNSName: StringValue("größe.contoso.com")}},
		{"ipAddresses", `{"ipAddresses":[{"ipAddress":"10.0.0.1","macAddress":"001122334455","type":"Ethernet","operationalStatus":"Up","extra":1},{},{"IPADDRESS":null}]}`,
			Machine{IPAddresses: []IPAddress{{IPAddress: StringValue("10.0.0.1"), MACAddress: StringValue("001122334455"),
				Type: StringValue("Ethernet"), OperationalStatus: StringValue("Up")}, {}, {}}}},
		{"ipAddresses null", `{"ipAddresses":null}`, Machine{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Machine{ID: StringValue("stale"), MachineTags: []string{"stale"}}
			if err := m.UnmarshalJSON([]byte(tt.in)); err != nil {
				t.Fatalf("UnmarshalJSON(%s): %v", tt.in, err)
			}
			if !reflect.DeepEqual(m, tt.want) {
				t.Errorf("UnmarshalJSON(%s)\n got %+v\nwant %+v", tt.in, m, tt.want)
			}
		})
	}
}

func TestUnmarshalMachineNull(t *testing.T) {
	m := Machine{ID: StringValue("kept")}
	if err := m.UnmarshalJSON([]byte(" null ")); err != nil || m.ID.V != "kept" {
		t.Errorf("UnmarshalJSON(null) = %v, record %+v; want a no-op", err, m)
	}
}

func TestUnmarshalMachineErrors(t *testing.T) {
	deep := `{"x":` + strings.Repeat("[", maxSkipDepth+10) + strings.Repeat("]", maxSkipDepth+10) + `}`
	tests := []struct {
		in     string
		field  string // FieldError.Field
		offset int    // FieldError.Offset, or -1 not to check
		msg    string // a substring of the message
	}{
		{``, "", 0, "unexpected end of JSON input"},
		{`  `, "", 2, "unexpected end of JSON input"},
		{`[]`, "", 0, "want a JSON object, got an array"},
		{`"x"`, "", 0, "got a string"},
		{`nul`, "", 3, "unexpected end"},
		{`{"id":"a"} x`, "", 11, "unexpected data after the record"},
		{`{"id":"a"}{}`, "", 10, "unexpected data"},
		{`{"id":"a",}`, "", 10, "invalid character '}'"},
		{`{"id":"a"`, "", 9, "unexpected end"},
		{`{"id":"abc`, "id", 10, "unexpected end"},
		{`{"id" "a"}`, "", 6, "invalid character '\"'"},
		{`{id:"a"}`, "", 1, "invalid character 'i'"},
		{`{"id":5}`, "id", 6, "want a string or null, got a number"},
		{`{"id": {}}`, "id", 7, "got an object"},
		{`{"id":nul}`, "id", 9, "invalid character '}'"},
		{`{"id":x}`, "id", 6, "invalid character 'x'"},
		{"{\"id\":\"a\x01\"}", "id", 8, "control character"},
		{`{"id":"\q"}`, "id", 7, `invalid escape "\\q"`},
		{`{"id":"\u12G4"}`, "id", 7, `invalid \u escape`},
		{`{"computerDnsName":true}`, "computerDnsName", 19, "want a string or null, got a boolean"},
		{`{"rbacGroupId":"abc"}`, "rbacGroupId", 15, `"abc" is not an integer`},
		{`{"rbacGroupId":""}`, "rbacGroupId", 15, `"" is not an integer`},
		{`{"rbacGroupId":" 140"}`, "rbacGroupId", 15, "not an integer"},
		{`{"rbacGroupId":1.5}`, "rbacGroupId", 15, "1.5 is not an integer"},
		{`{"rbacGroupId":1e3}`, "rbacGroupId", 15, "not an integer"},
		{`{"rbacGroupId":99999999999999999999}`, "rbacGroupId", 15, "out of the Int64 range"},
		{`{"rbacGroupId":"99999999999999999999"}`, "rbacGroupId", 15, "out of the Int64 range"},
		{`{"rbacGroupId":true}`, "rbacGroupId", 15, "want an integer, a string holding one, or null"},
		{`{"rbacGroupId":01}`, "", 16, "invalid character '1'"},
		{`{"rbacGroupId":-}`, "rbacGroupId", 16, "invalid character '}'"},
		{`{"osBuild":"18209"}`, "osBuild", 11, "want an integer or null, got a string"},
		{`{"isAadJoined":"true"}`, "isAadJoined", 15, "want a boolean or null, got a string"},
		{`{"isAadJoined":1}`, "isAadJoined", 15, "got a number"},
		{`{"healthStatus":"Bogus"}`, "healthStatus", 16, `unknown HealthStatus member "Bogus"`},
		{`{"healthStatus":""}`, "healthStatus", 16, `unknown HealthStatus member ""`},
		{`{"riskScore":"Hgh"}`, "riskScore", 13, `unknown RiskScore member "Hgh"`},
		{`{"riskScore":3}`, "riskScore", 13, "want a RiskScore string or null, got a number"},
		{`{"exposureLevel":"Informational"}`, "exposureLevel", 17, "unknown ExposureLevel member"},
		{`{"deviceValue":["High"]}`, "deviceValue", 15, "got an array"},
		{`{"lastSeen":"2018-08-02"}`, "lastSeen", 12, `invalid DateTimeOffset "2018-08-02"`},
		{`{"lastSeen":"2018-08-01Z"}`, "lastSeen", 12, "invalid DateTimeOffset"},
		{`{"firstSeen":"2018-02-30T00:00:00Z"}`, "firstSeen", 13, "invalid DateTimeOffset"},
		{`{"firstSeen":"2018-08-02T24:00:00Z"}`, "firstSeen", 13, "invalid DateTimeOffset"},
		{`{"firstSeen":"2018-08-02T14:55:03.7791856"}`, "firstSeen", 13, "invalid DateTimeOffset"},
		{`{"firstSeen":1533221703}`, "firstSeen", 13, "want a DateTimeOffset string or null, got a number"},
		{`{"machineTags":"a"}`, "machineTags", 15, "want an array of strings or null, got a string"},
		{`{"machineTags":["a",1]}`, "machineTags[1]", 20, "want a string, got a number"},
		{`{"machineTags":["a",null]}`, "machineTags[1]", 20, "null element"},
		{`{"machineTags":["a" "b"]}`, "machineTags", 20, "invalid character"},
		{`{"ipAddresses":{}}`, "ipAddresses", 15, "want an array of IpAddress objects or null, got an object"},
		{`{"ipAddresses":[null]}`, "ipAddresses[0]", 16, "null element"},
		{`{"ipAddresses":[{},"x"]}`, "ipAddresses[1]", 19, "want an IpAddress object, got a string"},
		{`{"ipAddresses":[{"type":1}]}`, "ipAddresses[0].type", 24, "want a string or null, got a number"},
		{`{"vmMetadata":{"a":[1,2,]}}`, "vmMetadata", 24, "invalid character ']'"},
		{`{"vmMetadata":tru}`, "vmMetadata", 17, "invalid character '}'"},
		{`{"vmMetadata":1.}`, "vmMetadata", 16, "invalid character '}'"},
		{deep, "x", -1, "nested deeper than"},
	}
	for _, tt := range tests {
		var m Machine
		err := m.UnmarshalJSON([]byte(tt.in))
		var fe *FieldError
		if !errors.As(err, &fe) {
			t.Errorf("UnmarshalJSON(%.60s) = %v, want a *FieldError", tt.in, err)
			continue
		}
		if fe.Field != tt.field || tt.offset >= 0 && fe.Offset != tt.offset || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("UnmarshalJSON(%.60s)\n got field %q offset %d: %v\nwant field %q offset %d: ...%s...",
				tt.in, fe.Field, fe.Offset, err, tt.field, tt.offset, tt.msg)
		}
		if tt.field != "" && !strings.Contains(err.Error(), "machine field "+tt.field+" ") {
			t.Errorf("UnmarshalJSON(%.60s): message %q does not name the field", tt.in, err)
		}
	}
}

func TestUnknownMemberError(t *testing.T) {
	var m Machine
	err := m.UnmarshalJSON([]byte(`{"riskScore":"Critical"}`))
	var ue *UnknownMemberError
	if !errors.As(err, &ue) || ue.Enum != RiskScoreEnum || ue.Value != "Critical" {
		t.Fatalf("UnmarshalJSON = %v, want an *UnknownMemberError for RiskScore %q", err, "Critical")
	}
}

const exampleResponse = "../../shared/defender/example-response.json"

// readExample returns the machines of the documented example response.
func readExample(t testing.TB) []Machine {
	t.Helper()
	data, err := os.ReadFile(exampleResponse)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("the documented example response is not at %s", exampleResponse)
	}
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Value []Machine `json:"value"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Value
}

func TestExampleResponse(t *testing.T) {
	ms := readExample(t)
	if len(ms) != 2 {
		t.Fatalf("decoded %d machines, want 2", len(ms))
	}
	want := Machine{
		ID:                    StringValue("1e5bc9d7e413ddd7902c2932e418702b84d0cc07"),
		ComputerDNSName:       StringValue("mymachine1.contoso.com"),
		FirstSeen:             mustDTO(t, "2018-08-02T14:55:03.7791856Z"),
		LastSeen:              mustDTO(t, "2018-08-02T14:55:03.7791856Z"),
		OSPlatform:            StringValue("Windows10"),
		OSVersion:             StringValue("10.0.0.0"),
		LastIPAddress:         StringValue("172.17.230.209"),
		LastExternalIPAddress: StringValue("167.220.196.71"),
		AgentVersion:          StringValue("10.5830.18209.1001"),
		OSBuild:               Int64Value(18209),
		HealthStatus:          HealthStatusActive,
		RBACGroupID:           Int64Value(140),
		RBACGroupName:         StringValue("The-A-Team"),
		RiskScore:             RiskScoreLow,
		IsAADJoined:           BoolValue(true),
		AADDeviceID:           StringValue("80fe8ff8-2624-418e-9591-41f0491218f9"),
		MachineTags:           []string{"test tag 1", "test tag 2"},
	}
	if !reflect.DeepEqual(ms[0], want) {
		t.Errorf("machine 0\n got %+v\nwant %+v", ms[0], want)
	}
	if m := ms[1]; m.HealthStatus != HealthStatusInactive || m.AADDeviceID.Valid || m.IsAADJoined != BoolValue(false) ||
		!reflect.DeepEqual(m.MachineTags, []string{"test tag 1"}) {
		t.Errorf("machine 1 = %+v", m)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	ins := []string{
		`{}`,
		`{"id":"a\u2028\u0001\"\\é","firstSeen":"2018-08-02T14:55:03.7791856Z","lastSeen":"2024-12-31T23:30:00.1-02:00",` +
			`"osBuild":-3,"rbacGroupId":"140","isAadJoined":false,"healthStatus":"unknown","riskScore":"none",` +
			`"exposureLevel":"High","deviceValue":"Normal","machineTags":["x",""],"ipAddresses":[{"type":"Ethernet"},{}]}`,
		`{"firstSeen":"2018-08-02T14:55:03Z","lastSeen":"2018-08-02T14:55:03.000000000000+00:00"}`,
		"{\"osVersion\":\"bad \xff byte\"}",
	}
	for _, m := range readExample(t) {
		b, err := json.Marshal(m) // a value: MarshalJSON must be found
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, string(b))
	}
	for _, in := range ins {
		var m1, m2 Machine
		if err := json.Unmarshal([]byte(in), &m1); err != nil {
			t.Fatalf("Unmarshal(%s): %v", in, err)
		}
		out, err := json.Marshal(m1)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(out, &m2); err != nil {
			t.Fatalf("Unmarshal(Marshal(%s)) = %s: %v", in, out, err)
		}
		if !reflect.DeepEqual(m1, m2) {
			t.Errorf("round trip of %s\n got %+v\nwant %+v", in, m2, m1)
		}
		again, _ := json.Marshal(m2)
		if string(again) != string(out) {
			t.Errorf("Marshal is not stable:\n%s\n%s", out, again)
		}
	}
}

func TestMarshalKeepsTimestampForm(t *testing.T) {
	for _, ts := range []string{
		"2018-08-02T14:55:03.7791856Z", "2024-12-31T23:30:00-02:00", "2018-08-02T14:55:03.1000000+05:30",
		"2018-08-02T14:55:03.000000000000+00:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+14:00",
	} {
		var m Machine
		if err := m.UnmarshalJSON([]byte(`{"lastSeen":"` + ts + `"}`)); err != nil {
			t.Fatal(err)
		}
		out, _ := m.MarshalJSON()
		if !strings.Contains(string(out), `"lastSeen":"`+ts+`"`) {
			t.Errorf("Marshal of %s = %s", ts, out)
		}
	}
}

func TestMarshalShape(t *testing.T) {
	out, err := Machine{}.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(out, &obj); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if len(obj) != len(machineJSONNames) {
		t.Errorf("Marshal wrote %d fields, want %d: %s", len(obj), len(machineJSONNames), out)
	}
	for _, n := range machineJSONNames {
		want := "null"
		if n == "machineTags" || n == "ipAddresses" {
			want = "[]"
		}
		if string(obj[n]) != want {
			t.Errorf("%s = %s, want %s", n, obj[n], want)
		}
	}
	// An ordinal outside its enum is written as null, not as a bad string.
	out, _ = Machine{RiskScore: 99}.MarshalJSON()
	if !strings.Contains(string(out), `"riskScore":null`) {
		t.Errorf("out-of-range ordinal: %s", out)
	}
}

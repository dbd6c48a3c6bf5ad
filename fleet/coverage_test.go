package fleet

import (
	"bufio"
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestGenerateCoverage checks that a fleet of a few thousand machines shows
// every member of every enum, every null, and every edge case the package
// doc promises, and logs how often each appears.
func TestGenerateCoverage(t *testing.T) {
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(generate(t, 5000, 1, true)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		for _, f := range features(rec) {
			seen[f]++
		}
	}
	want := []string{
		"healthStatus=Active", "healthStatus=Inactive", "healthStatus=ImpairedCommunication",
		"healthStatus=NoSensorData", "healthStatus=NoSensorDataImpairedCommunication",
		"healthStatus=Unknown", "healthStatus=null",
		"riskScore=None", "riskScore=Informational", "riskScore=Low", "riskScore=Medium",
		"riskScore=High", "riskScore=null",
		"exposureLevel=None", "exposureLevel=Low", "exposureLevel=Medium", "exposureLevel=High", "exposureLevel=null",
		"deviceValue=Normal", "deviceValue=Low", "deviceValue=High", "deviceValue=null",
		"osPlatform=Windows10", "osPlatform=Windows11", "osPlatform=WindowsServer2019",
		"osPlatform=WindowsServer2022", "osPlatform=Linux", "osPlatform=macOS", "osPlatform=null",
		"onboardingStatus=Onboarded", "onboardingStatus=CanBeOnboarded",
		"onboardingStatus=Unsupported", "onboardingStatus=InsufficientInfo", "onboardingStatus missing",
		"osArchitecture=64-bit", "osArchitecture=32-bit", "osArchitecture=null",
		"isAadJoined=true", "isAadJoined=false", "isAadJoined=null",
		"rbacGroupId number", "rbacGroupId string", "rbacGroupId=null", "rbacGroupId=140",
		"machineTags missing", "machineTags=null", "machineTags=[]", "machineTags one",
		"machineTags several", "machineTags duplicate", "tag with quote", "tag non-ASCII",
		"tag \\u escape", "tag ExampleTag",
		"computerDnsName=null", "computerDnsName non-ASCII", "computerDnsName mymachine",
		"timestamp Z", "timestamp offset", "timestamp 7 digits", "timestamp no fraction",
		"firstSeen=null", "lastSeen=null", "lastSeen before 2018-08-01",
		"osBuild=null", "osBuild number", "aadDeviceId=null", "aadDeviceId GUID",
		"agentVersion=null", "lastIpAddress=null", "lastExternalIpAddress=null",
		"ipAddresses missing", "ipAddresses=null", "ipAddresses=[]", "ipAddresses several",
		"defenderAvStatus", "managedBy", "vmMetadata object", "vmMetadata=null",
		"isExcluded=true", "mergedIntoMachineId non-null",
	}
	for _, f := range want {
		if seen[f] == 0 {
			t.Errorf("no record has %s", f)
		}
	}
	if testing.Verbose() {
		keys := make([]string, 0, len(seen))
		for k := range seen {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t.Logf("%6d  %s", seen[k], k)
		}
	}
}

// features lists the features of one record that TestGenerateCoverage
// counts.
func features(rec map[string]json.RawMessage) []string {
	var fs []string
	add := func(f string) { fs = append(fs, f) }
	for _, k := range []string{"healthStatus", "riskScore", "exposureLevel", "deviceValue",
		"osPlatform", "onboardingStatus", "osArchitecture", "isAadJoined", "rbacGroupId"} {
		if raw, ok := rec[k]; ok {
			add(k + "=" + strings.Trim(string(raw), `"`))
		} else {
			add(k + " missing")
		}
	}
	for _, k := range []string{"computerDnsName", "firstSeen", "lastSeen", "osBuild", "aadDeviceId",
		"agentVersion", "lastIpAddress", "lastExternalIpAddress", "vmMetadata"} {
		if string(rec[k]) == "null" {
			add(k + "=null")
		}
	}
	if raw := rec["rbacGroupId"]; len(raw) > 0 && raw[0] == '"' {
		add("rbacGroupId string")
	} else if len(raw) > 0 && raw[0] != 'n' {
		add("rbacGroupId number")
	}
	if raw := string(rec["osBuild"]); raw != "" && raw != "null" {
		add("osBuild number")
	}
	if raw := string(rec["aadDeviceId"]); len(raw) == 38 {
		add("aadDeviceId GUID")
	}
	name := string(rec["computerDnsName"])
	if !isASCII(name) {
		add("computerDnsName non-ASCII")
	}
	if strings.HasPrefix(name, `"mymachine`) {
		add("computerDnsName mymachine")
	}
	for _, k := range []string{"firstSeen", "lastSeen"} {
		var s string
		if json.Unmarshal(rec[k], &s) != nil || s == "" {
			continue
		}
		if strings.HasSuffix(s, "Z") {
			add("timestamp Z")
		} else {
			add("timestamp offset")
		}
		if len(s) > 27 && s[19] == '.' && (s[27] < '0' || s[27] > '9') {
			add("timestamp 7 digits")
		}
		if s[19] != '.' {
			add("timestamp no fraction")
		}
		if ts, err := time.Parse(time.RFC3339Nano, s); err == nil && k == "lastSeen" && ts.Before(time.Date(2018, 8, 1, 0, 0, 0, 0, time.UTC)) {
			add("lastSeen before 2018-08-01")
		}
	}
	fs = append(fs, tagFeatures(rec)...)
	switch raw, ok := rec["ipAddresses"]; {
	case !ok:
		add("ipAddresses missing")
	case string(raw) == "null" || string(raw) == "[]":
		add("ipAddresses=" + string(raw))
	case bytes.Count(raw, []byte("{")) > 1:
		add("ipAddresses several")
	}
	for _, k := range []string{"defenderAvStatus", "managedBy"} {
		if _, ok := rec[k]; ok {
			add(k)
		}
	}
	if raw := rec["vmMetadata"]; len(raw) > 0 && raw[0] == '{' {
		add("vmMetadata object")
	}
	if string(rec["isExcluded"]) == "true" {
		add("isExcluded=true")
	}
	if raw := string(rec["mergedIntoMachineId"]); raw != "" && raw != "null" {
		add("mergedIntoMachineId non-null")
	}
	return fs
}

func tagFeatures(rec map[string]json.RawMessage) []string {
	raw, ok := rec["machineTags"]
	switch {
	case !ok:
		return []string{"machineTags missing"}
	case string(raw) == "null" || string(raw) == "[]":
		return []string{"machineTags=" + string(raw)}
	}
	var tags []string
	if err := json.Unmarshal(raw, &tags); err != nil {
		return []string{"machineTags not strings"}
	}
	fs := []string{"machineTags one"}
	if len(tags) > 1 {
		fs[0] = "machineTags several"
	}
	seen := map[string]bool{}
	for _, tag := range tags {
		if seen[tag] {
			fs = append(fs, "machineTags duplicate")
		}
		seen[tag] = true
		switch {
		case strings.Contains(tag, `"`):
			fs = append(fs, "tag with quote")
		case !isASCII(tag):
			fs = append(fs, "tag non-ASCII")
		case tag == "ExampleTag":
			fs = append(fs, "tag ExampleTag")
		}
	}
	if bytes.Contains(raw, []byte(`\u`)) {
		fs = append(fs, "tag \\u escape")
	}
	return fs
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// TestAppendTimestamp holds the hand-written date arithmetic to the time
// package's, over every day from 2016 to 2030 in several offsets.
func TestAppendTimestamp(t *testing.T) {
	offs := []int{0, -720, -210, 330, 345, 840}
	for sec := int64(notBefore); sec < 1900000000; sec += day - 3607 {
		for i, off := range offs {
			ts := timestamp{sec: sec, frac: int(sec % 1e7), digits: []int{7, 3, 0}[i%3], off: off, zulu: i == 0}
			got := string(appendTimestamp(nil, ts))
			tt := time.Unix(sec, int64(ts.frac)*100).In(time.FixedZone("", off*60))
			layout := map[int]string{7: "2006-01-02T15:04:05.0000000", 3: "2006-01-02T15:04:05.000", 0: "2006-01-02T15:04:05"}[ts.digits]
			if ts.zulu {
				layout += "Z"
			} else {
				layout += "-07:00"
			}
			if want := `"` + tt.Format(layout) + `"`; got != want {
				t.Fatalf("appendTimestamp(%+v) = %s, want %s", ts, got, want)
			}
		}
	}
	if got := string(appendTimestamp(nil, timestamp{})); got != "null" {
		t.Errorf("a null timestamp: %s", got)
	}
}

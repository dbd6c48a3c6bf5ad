package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestKnownName checks knownName against the general path, key and
// fieldIndex: it finds every name Defender writes, spelled so, and
// whatever it takes, it takes as they would; and knownAfter finds what
// knownAt finds, whatever its guess.
func TestKnownName(t *testing.T) {
	if known[0].name != defenderOrder[0] {
		t.Fatalf("known[0] is %q: UnmarshalAt's first guess is %q", known[0].name, defenderOrder[0])
	}
	pad := strings.Repeat(" ", 30)
	var names []string
	names = append(names, machineJSONNames[:]...)
	names = append(names, defenderNames[:]...)
	for _, name := range names {
		if len(name)+2 > 24 {
			t.Fatalf("%q is longer than knownName reads", name)
		}
		d := decoder{s: `"` + name + `":"x"` + pad}
		k, f, ok := d.knownName()
		if !ok || k != name || f != fieldIndex(name) || d.s[d.i:d.i+3] != `"x"` {
			t.Errorf("%q: knownName gives %q, %d, %v, at %d", name, k, f, ok, d.i)
		}
	}
	// Spellings near the names: each either found as key and fieldIndex
	// find it, or left alone.
	r := rand.New(rand.NewSource(1))
	alphabet := []byte(`aAsSdDeEIiyY":\ ` + "\x00\xff")
	check := func(text string) {
		t.Helper()
		for guess := range len(known) {
			if got, want := knownAfter(text, 0, uint8(guess)), knownAt(text, 0); got != want {
				t.Fatalf("%q: knownAfter with guess %s gives %v; knownAt %v", text, known[guess].name, got, want)
			}
		}
		d := decoder{s: text}
		k, f, ok := d.knownName()
		if !ok {
			if d.i != 0 {
				t.Fatalf("%q: knownName moved to %d without a name", text, d.i)
			}
			return
		}
		g := decoder{s: text}
		want, err := g.key()
		if err != nil || k != want || d.i != g.i || f != fieldIndex(want) {
			t.Fatalf("%q: knownName gives %q, %d at %d; key gives %q, %v, at %d (field %d)",
				text, k, f, d.i, want, err, g.i, fieldIndex(want))
		}
	}
	for range 50000 {
		b := []byte(`"` + names[r.Intn(len(names))] + `":1` + pad)
		switch r.Intn(4) {
		case 0: // change a byte
			b[1+r.Intn(len(b)-len(pad)-2)] = alphabet[r.Intn(len(alphabet))]
		case 1: // cut the name short, or make it longer
			i := 2 + r.Intn(len(b)-len(pad)-3)
			b = append(b[:i:i], b[i+1+r.Intn(2):]...)
		case 2:
			i := 2 + r.Intn(len(b)-len(pad)-3)
			b = append(b[:i:i], append([]byte{alphabet[r.Intn(len(alphabet))]}, b[i:]...)...)
		case 3: // end the text near the name
			b = b[:r.Intn(len(b))]
		}
		check(string(b))
	}
}

// TestQuickTimestamp checks quickTimestamp against ParseDateTimeOffset:
// it takes every timestamp written as Defender writes them, and takes
// nothing the general path rejects.
func TestQuickTimestamp(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	check := func(text string, mustTake bool) {
		t.Helper()
		d := decoder{s: text}
		took := d.quickTimestamp()
		if !took {
			if mustTake {
				t.Fatalf("%q: quickTimestamp does not take it", text)
			}
			if d.i != 0 {
				t.Fatalf("%q: quickTimestamp moved to %d without taking it", text, d.i)
			}
			return
		}
		end := strings.IndexByte(text[1:], '"') + 2
		if _, err := ParseDateTimeOffset(text[1 : end-1]); err != nil || d.i != end {
			t.Fatalf("%q: quickTimestamp takes %d bytes; the general path: %v, %d bytes", text, d.i, err, end)
		}
	}
	alphabet := []byte("0123456789-:.TtZz+\" \\\x00")
	for range 200000 {
		year := r.Intn(10000)
		month := 1 + r.Intn(12)
		day := 1 + r.Intn(daysIn(month, year))
		frac := ""
		if n := r.Intn(14); n > 0 {
			frac = "." + strings.Repeat("0", n-1) + strconv.Itoa(r.Intn(10))
		}
		zone, validZone := "Z", true
		if r.Intn(3) == 0 {
			oh, om := r.Intn(30), r.Intn(70)
			zone, validZone = fmt.Sprintf("%c%02d:%02d", "+-"[r.Intn(2)], oh, om), oh <= 23 && om <= 59
		}
		text := fmt.Sprintf(`"%04d-%02d-%02dT%02d:%02d:%02d%s%s","x":1}`,
			year, month, day, r.Intn(24), r.Intn(60), r.Intn(60), frac, zone)
		check(text, len(frac) <= 1+maxFracDigits && validZone)
		b := []byte(text)
		switch r.Intn(3) {
		case 0: // change a byte of the timestamp
			b[r.Intn(len(b)-8)] = alphabet[r.Intn(len(alphabet))]
		case 1: // a field out of its range
			at := []int{6, 9, 12, 15, 18}[r.Intn(5)]
			copy(b[at:], fmt.Sprintf("%02d", r.Intn(100)))
		case 2:
			b = b[:r.Intn(len(b))]
		}
		check(string(b), false)
	}
	for _, text := range []string{
		`"2024-02-29T00:00:00Z"`, `"2023-02-29T00:00:00Z"`, `"1900-02-29T00:00:00Z"`, `"2000-02-29T00:00:00Z"`,
		`"2025-04-31T00:00:00Z"`, `"2025-12-31T23:59:59.999999999999Z"`, `"2025-12-31T23:59:59.9999999999999Z"`,
		`"2025-12-31T24:00:00Z"`, `"2025-12-31T23:60:00Z"`, `"2025-12-31T23:00:60Z"`, `"2025-00-10T23:00:00Z"`,
		`"2025-01-00T23:00:00Z"`, `"2025-01-01T00:00:00.Z"`, `"2025-01-01t00:00:00Z"`, `"2025-01-01T00:00:00z"`,
		`"2025-01-01T00:00:00+00:00"`, `"2025-01-01T00:00:00+24:00"`, `"2025-01-01T00:00:00-00:60"`, `"2025-01-01T00:00:00+0000"`,
		`"2025-01-01T00:00:00+00:0"`, `"2025-01-01T00:00Z"`, `"0000-01-01T00:00:00Z"`, `"2025-01-01T00:00:00Z`,
	} {
		check(text, false)
	}
}

// TestQuickUint checks quickUint against number and parseInt64: what it
// takes, they take, with the same value and end.
func TestQuickUint(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	alphabet := []byte("0000123456789-.eE+ ,}\"")
	for range 200000 {
		b := make([]byte, 1+r.Intn(22))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		if r.Intn(2) == 0 {
			b[0] = '1' + byte(r.Intn(9))
		}
		d := decoder{s: string(b)}
		v, ok := d.quickUint()
		if !ok {
			if d.i != 0 {
				t.Fatalf("%q: quickUint moved to %d without a number", b, d.i)
			}
			continue
		}
		g := decoder{s: string(b)}
		text, integer, err := g.number()
		var want int64
		if err == nil && integer {
			want, err = parseInt64(text)
		}
		if err != nil || !integer || want != v || g.i != d.i {
			t.Fatalf("%q: quickUint gives %d at %d; number and parseInt64 %d at %d (%v, integer %v)", b, v, d.i, want, g.i, err, integer)
		}
	}
	for _, c := range []struct {
		in string
		v  int64
		ok bool
	}{
		{"999999999999999999", 999999999999999999, true}, {"1000000000000000000", 0, false},
		{"0", 0, true}, {"00", 0, false}, {"0.5", 0, false}, {"7e3", 0, false}, {"12,", 12, true}, {"-1", 0, false},
	} {
		d := decoder{s: c.in}
		if v, ok := d.quickUint(); v != c.v || ok != c.ok {
			t.Errorf("%s: quickUint gives %d, %v; want %d, %v", c.in, v, ok, c.v, c.ok)
		}
	}
}

// TestQuickMember checks quickMember against str and Enum.parse: what it
// takes, they take, with the same member and end; and it takes every
// member spelled as the enum spells it.
func TestQuickMember(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	alphabet := []byte(`aAeEiInN"\ ` + "\x00\xff")
	for _, e := range []*Enum{HealthStatusEnum, DeviceValueEnum, RiskScoreEnum, ExposureLevelEnum} {
		for i, m := range e.members {
			d := decoder{s: `"` + m + `",`}
			if v, ok := d.quickMember(e); !ok || v != uint8(i+1) || d.i != len(m)+2 {
				t.Errorf("%s %q: quickMember gives %d, %v, at %d", e.Name, m, v, ok, d.i)
			}
		}
		for range 20000 {
			b := []byte(`"` + e.members[r.Intn(len(e.members))] + `",`)
			switch r.Intn(3) {
			case 0:
				b[r.Intn(len(b))] = alphabet[r.Intn(len(alphabet))]
			case 1:
				i := 1 + r.Intn(len(b)-1)
				b = append(b[:i:i], b[i+1:]...)
			case 2:
				b = b[:r.Intn(len(b))]
			}
			if len(b) == 0 || b[0] != '"' {
				continue // quickMember is called at a quote
			}
			d := decoder{s: string(b)}
			v, ok := d.quickMember(e)
			if !ok {
				if d.i != 0 {
					t.Fatalf("%s %q: quickMember moved to %d without a member", e.Name, b, d.i)
				}
				continue
			}
			g := decoder{s: string(b)}
			s, err := g.str()
			var want uint8
			if err == nil {
				want, err = e.parse(s)
			}
			if err != nil || want != v || g.i != d.i {
				t.Fatalf("%s %q: quickMember gives %d at %d; str and parse %d at %d (%v)", e.Name, b, v, d.i, want, g.i, err)
			}
		}
	}
}

// TestCheckAt checks checkAt, setAt and extraAt, the fast path of
// UnmarshalAt, against encoding/json and the parsers of each type: every
// value they take is valid JSON of the field's type (null, or a string,
// timestamp, integer, enum member, boolean, string array or IpAddress
// array that the general path accepts); and they take the values as
// Defender writes them, whole. (A value cut short may run on into the text
// after it: "a,"x" is a string.)
func TestCheckAt(t *testing.T) {
	typical := map[int][]string{
		fieldID:               {`"b2453cb6cc32c6a6e89766e7ec4fbda13c037b4a"`, `null`},
		fieldFirstSeen:        {`"2022-09-13T01:26:37.8602881Z"`, `"2024-02-29T23:59:59Z"`, `null`},
		fieldOSBuild:          {`19045`, `0`, `null`},
		fieldRBACGroupID:      {`140`, `null`},
		fieldHealthStatus:     {`"Active"`, `"NoSensorDataImpairedCommunication"`, `null`},
		fieldRiskScore:        {`"Informational"`, `"None"`},
		fieldIsAADJoined:      {`true`, `false`, `null`},
		fieldMachineTags:      {`[]`, `["C:/Temp","test tag 2","PCI"]`, `["x"]`, `null`},
		fieldIPAddresses:      {`[]`, `[{"ipAddress":"10.9.124.133","macAddress":"00155DE9B9F3","type":"Wireless80211","operationalStatus":"Up"},{}]`, `[{"ipAddress":null}]`},
		fieldOnboardingStatus: {`"Onboarded"`},
	}
	// Values near them that are no valid value of the field: each is
	// taken by no fast function (validAs fails it), mutated or not.
	wrong := map[int][]string{
		fieldFirstSeen:    {`"2022-09-31T01:26:37Z"`, `"2022-09-13T24:00:00Z"`, `"2022-09-13 01:26:37Z"`, `2022`},
		fieldOSBuild:      {`1.5`, `-1`, `1e3`, `"7"`, `01`},
		fieldHealthStatus: {`"active"`, `"Activ"`, `"Active\u0020"`, `1`},
		fieldIsAADJoined:  {`"true"`, `tru`, `0`},
		fieldMachineTags:  {`[null]`, `["a",null]`, `["a",1]`, `[["a"]]`, `"a"`, `{}`},
		fieldIPAddresses:  {`[null]`, `[{"ipAddres":"x"}]`, `[{"foo":"x"}]`, `[{"type":1}]`, `[{"ipAddress":"a","mac":[]}]`, `[[]]`, `{}`},
		fieldID:           {`1`, `true`, `[]`, `{}`},
	}
	for f, vs := range wrong {
		typical[f] = append(typical[f], vs...)
	}
	r := rand.New(rand.NewSource(5))
	alphabet := []byte(`"\ :,[]{}0123456789.eEtTzZ-` + "\x00\xff")
	fields := slices.Sorted(maps.Keys(typical))
	for range 300000 {
		f := fields[r.Intn(len(fields))]
		v := typical[f][r.Intn(len(typical[f]))]
		mutated := r.Intn(4) > 0
		if mutated {
			b := []byte(v)
			switch i := r.Intn(len(b)); r.Intn(3) {
			case 0:
				b[i] = alphabet[r.Intn(len(alphabet))]
			case 1:
				b = append(b[:i:i], b[i+1:]...)
			case 2:
				b = append(b[:i:i], append([]byte{alphabet[r.Intn(len(alphabet))]}, b[i:]...)...)
			}
			v = string(b)
		}
		s := v + `,"x":1}`
		var m Machine
		for name, end := range map[string]int{"checkAt": checkAt(s, 0, f), "setAt": setAt(&m, s, 0, f), "extraAt": extraAt(s, 0)} {
			if end < 0 {
				if !mutated && name == "checkAt" && !slices.Contains(wrong[f], v) {
					t.Fatalf("checkAt does not take %s's %s", machineJSONNames[f], v)
				}
				continue
			}
			if name == "extraAt" {
				if !json.Valid([]byte(s[:end])) {
					t.Fatalf("extraAt takes %q of %q, not a JSON value", s[:end], s)
				}
				continue
			}
			if !mutated && end != len(v) || !validAs(f, s[:end]) {
				t.Fatalf("%s takes %q of %s's %q: not one valid value", name, s[:end], machineJSONNames[f], s)
			}
		}
	}
}

// validAs reports whether v is null or a valid value of field f, by
// encoding/json and the parsers of the field's type.
func validAs(f int, v string) bool {
	var x any
	if json.Unmarshal([]byte(v), &x) != nil {
		return false
	}
	if x == nil {
		return true
	}
	switch f {
	case fieldFirstSeen, fieldLastSeen:
		s, ok := x.(string)
		_, err := ParseDateTimeOffset(s)
		return ok && err == nil
	case fieldOSBuild, fieldRBACGroupID:
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case fieldHealthStatus, fieldDeviceValue, fieldRiskScore, fieldExposureLevel:
		s, ok := x.(string)
		_, member := fieldEnums[f].Member(s)
		return ok && member
	case fieldIsAADJoined:
		_, ok := x.(bool)
		return ok
	case fieldMachineTags:
		var tags []string
		return json.Unmarshal([]byte(v), &tags) == nil && !strings.Contains(v, "null")
	case fieldIPAddresses:
		var list []map[string]*string
		if json.Unmarshal([]byte(v), &list) != nil {
			return false
		}
		for _, a := range list {
			for k := range a {
				if ipAddressIndex(k) < 0 {
					return false
				}
			}
		}
		return true
	}
	_, ok := x.(string)
	return ok
}

package schema

import (
	"errors"
	"unsafe"
)

// machineJSONNames are the JSON names of Machine's fields in the order
// MarshalJSON writes them: the order of DESIGN §3 and of the model.
var machineJSONNames = [...]string{
	"id", "computerDnsName", "firstSeen", "lastSeen", "osPlatform", "osVersion",
	"osProcessor", "version", "osBuild", "lastIpAddress", "lastExternalIpAddress",
	"agentVersion", "healthStatus", "deviceValue", "rbacGroupId", "rbacGroupName",
	"riskScore", "exposureLevel", "isAadJoined", "aadDeviceId", "machineTags",
	"onboardingStatus", "osArchitecture", "ipAddresses",
}

var ipAddressJSONNames = [...]string{"ipAddress", "macAddress", "type", "operationalStatus"}

// UnmarshalJSON decodes one Defender machine object, replacing all of *m.
// The rules, chosen to load real exports:
//
//   - Names are Defender's camelCase; a name that matches one only without
//     regard to ASCII case also loads (as with encoding/json). Unknown names
//     are skipped (their values must still be valid JSON). If a name repeats,
//     the last value wins.
//   - Any field may be null; a missing field is null. A null or missing
//     machineTags or ipAddresses, or an empty one, is nil.
//   - rbacGroupId is a JSON integer or a string holding one ("140"); osBuild
//     is a JSON integer. A fraction, an exponent or an Int64 overflow is an
//     error.
//   - Timestamps are strings ParseDateTimeOffset accepts, in any offset and
//     with up to 12 fractional digits; the offset and digit count are kept.
//   - Enum strings match members without regard to ASCII case ("active" is
//     Active). A string that names no member is an error, not a null, so a
//     filter never silently misjudges a record; the error wraps an
//     *UnknownMemberError.
//   - A machineTags element or an ipAddresses element may not be null.
//
// Every error is a *FieldError naming the field and the byte offset; *m may
// then hold part of the record. The literal null leaves *m unchanged, as
// encoding/json's convention asks.
//
// The decoded strings share two allocations of their own, packed end to
// end (see pack), so a record keeps no reference to data: not to its
// skipped fields, nor to the strings it holds. The exception are the
// values Defender writes in every other record in the fields with a small
// documented set of values (osPlatform's Windows10, osArchitecture's
// 64-bit, an IpAddress's Ethernet, ...): all records hold one shared copy
// of each, so a filter on them reads no record's text.
func (m *Machine) UnmarshalJSON(data []byte) error {
	if len(data) > 0 {
		text := unsafe.String(&data[0], len(data))
		d := decoder{s: text, index: -1, keep: AllFields.keep}
		if d.machine(m) == nil {
			m.pack(text)
			return nil
		}
		// An error may hold a piece of data (a name, an enum string), and
		// *m part of the record: decode again from a copy, so that
		// neither refers to data.
	}
	d := decoder{s: string(data), index: -1, keep: AllFields.keep}
	return d.machine(m)
}

// machine decodes the record d reads into *m.
func (d *decoder) machine(m *Machine) error {
	if d.peek() == 'n' {
		if err := d.literal("null"); err != nil {
			return err
		}
		return d.end()
	}
	if d.peek() != '{' {
		return d.typeError("a JSON object")
	}
	*m = Machine{}
	err := d.object(func(k string) error {
		err := d.machineField(m, k)
		d.field = ""
		return err
	})
	if err != nil {
		return err
	}
	return d.end()
}

// object reads the members of the object whose "{" is at d.i, calling
// member with each name and d.i at its value.
func (d *decoder) object(member func(name string) error) error {
	d.i++
	if d.peek() == '}' {
		d.i++
		return nil
	}
	for more := true; more; {
		k, err := d.key()
		if err != nil {
			return err
		}
		if err := member(k); err != nil {
			return err
		}
		if more, err = d.next('}'); err != nil {
			return err
		}
	}
	return nil
}

// end checks that only white space follows the record.
func (d *decoder) end() error {
	d.field = ""
	if d.peek() != 0 || d.i < len(d.s) {
		return d.errorf(d.i, "unexpected data after the record")
	}
	return nil
}

// The indexes of the Machine fields in machineJSONNames.
const (
	fieldID = iota
	fieldComputerDNSName
	fieldFirstSeen
	fieldLastSeen
	fieldOSPlatform
	fieldOSVersion
	fieldOSProcessor
	fieldVersion
	fieldOSBuild
	fieldLastIPAddress
	fieldLastExternalIPAddress
	fieldAgentVersion
	fieldHealthStatus
	fieldDeviceValue
	fieldRBACGroupID
	fieldRBACGroupName
	fieldRiskScore
	fieldExposureLevel
	fieldIsAADJoined
	fieldAADDeviceID
	fieldMachineTags
	fieldOnboardingStatus
	fieldOSArchitecture
	fieldIPAddresses
	numFields
)

// fieldIndex returns the index of the field named k, matched exactly or
// else without regard to ASCII case; -1 for a name that is no field.
func fieldIndex(k string) int {
	switch k {
	case "id":
		return fieldID
	case "computerDnsName":
		return fieldComputerDNSName
	case "firstSeen":
		return fieldFirstSeen
	case "lastSeen":
		return fieldLastSeen
	case "osPlatform":
		return fieldOSPlatform
	case "osVersion":
		return fieldOSVersion
	case "osProcessor":
		return fieldOSProcessor
	case "version":
		return fieldVersion
	case "osBuild":
		return fieldOSBuild
	case "lastIpAddress":
		return fieldLastIPAddress
	case "lastExternalIpAddress":
		return fieldLastExternalIPAddress
	case "agentVersion":
		return fieldAgentVersion
	case "healthStatus":
		return fieldHealthStatus
	case "deviceValue":
		return fieldDeviceValue
	case "rbacGroupId":
		return fieldRBACGroupID
	case "rbacGroupName":
		return fieldRBACGroupName
	case "riskScore":
		return fieldRiskScore
	case "exposureLevel":
		return fieldExposureLevel
	case "isAadJoined":
		return fieldIsAADJoined
	case "aadDeviceId":
		return fieldAADDeviceID
	case "machineTags":
		return fieldMachineTags
	case "onboardingStatus":
		return fieldOnboardingStatus
	case "osArchitecture":
		return fieldOSArchitecture
	case "ipAddresses":
		return fieldIPAddresses
	}
	// A name that is no field, as Defender's mergedIntoMachineId: it is
	// compared only with the names of its length, often none.
	if len(k) >= len(fieldsByLen) {
		return -1
	}
	for _, i := range fieldsByLen[len(k)] {
		if equalFoldASCII(machineJSONNames[i], k) {
			return int(i)
		}
	}
	return -1
}

// fieldsByLen lists the indexes of the fields by the length of their
// names (each shorter than 32 bytes).
var fieldsByLen = func() (t [32][]int8) {
	for i, name := range machineJSONNames {
		t[len(name)] = append(t[len(name)], int8(i))
	}
	return t
}()

// machineField decodes the value of the member named k: into its field of
// m when d.keep has the field, else only checked (see Projection).
func (d *decoder) machineField(m *Machine, k string) error {
	return d.fieldValue(m, fieldIndex(k), k)
}

// fieldValue is machineField for the member named k, of field f (-1 for
// none).
func (d *decoder) fieldValue(m *Machine, f int, k string) error {
	if f < 0 {
		d.field = k
		return d.skip(0)
	}
	d.field = machineJSONNames[f]
	if d.keep&(1<<f) == 0 {
		return d.checkField(f)
	}
	switch f {
	case fieldID:
		return d.nullString(&m.ID)
	case fieldComputerDNSName:
		return d.nullString(&m.ComputerDNSName)
	case fieldFirstSeen:
		return d.dateTimeOffset(&m.FirstSeen)
	case fieldLastSeen:
		return d.dateTimeOffset(&m.LastSeen)
	case fieldOSPlatform:
		return d.nullString(&m.OSPlatform)
	case fieldOSVersion:
		return d.nullString(&m.OSVersion)
	case fieldOSProcessor:
		return d.nullString(&m.OSProcessor)
	case fieldVersion:
		return d.nullString(&m.Version)
	case fieldOSBuild:
		return d.nullInt64(&m.OSBuild, false)
	case fieldLastIPAddress:
		return d.nullString(&m.LastIPAddress)
	case fieldLastExternalIPAddress:
		return d.nullString(&m.LastExternalIPAddress)
	case fieldAgentVersion:
		return d.nullString(&m.AgentVersion)
	case fieldHealthStatus:
		return d.enum(HealthStatusEnum, (*uint8)(&m.HealthStatus))
	case fieldDeviceValue:
		return d.enum(DeviceValueEnum, (*uint8)(&m.DeviceValue))
	case fieldRBACGroupID:
		return d.nullInt64(&m.RBACGroupID, true)
	case fieldRBACGroupName:
		return d.nullString(&m.RBACGroupName)
	case fieldRiskScore:
		return d.enum(RiskScoreEnum, (*uint8)(&m.RiskScore))
	case fieldExposureLevel:
		return d.enum(ExposureLevelEnum, (*uint8)(&m.ExposureLevel))
	case fieldIsAADJoined:
		return d.nullBool(&m.IsAADJoined)
	case fieldAADDeviceID:
		return d.nullString(&m.AADDeviceID)
	case fieldMachineTags:
		return d.strings(&m.MachineTags)
	case fieldOnboardingStatus:
		return d.nullString(&m.OnboardingStatus)
	case fieldOSArchitecture:
		return d.nullString(&m.OSArchitecture)
	}
	return d.ipAddresses(&m.IPAddresses)
}

func (d *decoder) nullString(dst *NullString) error {
	switch d.peek() {
	case 'n':
		*dst = NullString{}
		return d.literal("null")
	case '"':
		s, err := d.str()
		s, _ = wellKnown(s)
		*dst = NullString{V: s, Valid: err == nil}
		return err
	}
	return d.typeError("a string or null")
}

// nullInt64 decodes an integer; orString also admits a string holding one.
func (d *decoder) nullInt64(dst *NullInt64, orString bool) error {
	c := d.peek()
	off := d.i
	if c-'0' <= 9 {
		if v, ok := d.quickUint(); ok {
			*dst = Int64Value(v)
			return nil
		}
	}
	switch {
	case c == 'n':
		*dst = NullInt64{}
		return d.literal("null")
	case c == '"' && orString:
		s, err := d.str()
		if err != nil {
			return err
		}
		v, err := parseInt64(s)
		if err != nil {
			return d.errorAt(off, err)
		}
		*dst = Int64Value(v)
		return nil
	case c == '-' || c >= '0' && c <= '9':
		text, integer, err := d.number()
		if err != nil {
			return err
		}
		if !integer {
			return d.errorf(off, "%s is not an integer", clip(text))
		}
		v, err := parseInt64(text)
		if err != nil {
			return d.errorAt(off, err)
		}
		*dst = Int64Value(v)
		return nil
	}
	if orString {
		return d.typeError("an integer, a string holding one, or null")
	}
	return d.typeError("an integer or null")
}

func (d *decoder) nullBool(dst *NullBool) error {
	switch d.peek() {
	case 'n':
		*dst = NullBool{}
		return d.literal("null")
	case 't':
		*dst = BoolValue(true)
		return d.literal("true")
	case 'f':
		*dst = BoolValue(false)
		return d.literal("false")
	}
	return d.typeError("a boolean or null")
}

func (d *decoder) dateTimeOffset(dst *DateTimeOffset) error {
	switch d.peek() {
	case 'n':
		*dst = DateTimeOffset{}
		return d.literal("null")
	case '"':
		off := d.i
		s, err := d.str()
		if err != nil {
			return err
		}
		if *dst, err = ParseDateTimeOffset(s); err != nil {
			return d.errorAt(off, err)
		}
		return nil
	}
	return d.typeError("a DateTimeOffset string or null")
}

func (d *decoder) enum(e *Enum, dst *uint8) error {
	switch d.peek() {
	case 'n':
		*dst = 0
		return d.literal("null")
	case '"':
		if v, ok := d.quickMember(e); ok {
			*dst = v
			return nil
		}
		off := d.i
		s, err := d.str()
		if err != nil {
			return err
		}
		if *dst, err = e.parse(s); err != nil {
			return d.errorAt(off, err)
		}
		return nil
	}
	return d.typeError("a " + e.Name + " string or null")
}

// array decodes a JSON array (or null, as no elements) calling elem for
// each element with d.index set.
func (d *decoder) array(want string, elem func() error) error {
	switch d.peek() {
	case 'n':
		return d.literal("null")
	case '[':
	default:
		return d.typeError(want)
	}
	d.i++
	if d.peek() == ']' {
		d.i++
		return nil
	}
	for i := 0; ; i++ {
		d.index = i
		if d.peek() == 'n' {
			return d.errorAt(d.i, errors.New("null element"))
		}
		if err := elem(); err != nil {
			return err
		}
		d.index = -1 // a bad separator is the array's fault
		if more, err := d.next(']'); err != nil || !more {
			return err
		}
	}
}

func (d *decoder) strings(dst *[]string) error {
	*dst = nil
	return d.array("an array of strings or null", func() error {
		if d.peek() != '"' {
			return d.typeError("a string")
		}
		s, err := d.str()
		*dst = append(*dst, s)
		return err
	})
}

func (d *decoder) ipAddresses(dst *[]IPAddress) error {
	*dst = nil
	return d.array("an array of IpAddress objects or null", func() error {
		if d.peek() != '{' {
			return d.typeError("an IpAddress object")
		}
		*dst = append(*dst, IPAddress{})
		a := &(*dst)[len(*dst)-1]
		return d.object(func(k string) error {
			err := d.ipAddressField(a, k)
			d.sub = ""
			return err
		})
	})
}

// ipAddressIndex returns the index in ipAddressJSONNames of the IpAddress
// property named k, matched exactly or else without regard to ASCII case;
// -1 for a name that is none.
func ipAddressIndex(k string) int {
	switch k {
	case "ipAddress":
		return 0
	case "macAddress":
		return 1
	case "type":
		return 2
	case "operationalStatus":
		return 3
	}
	for i, name := range ipAddressJSONNames {
		if equalFoldASCII(name, k) {
			return i
		}
	}
	return -1
}

func (d *decoder) ipAddressField(a *IPAddress, k string) error {
	i := ipAddressIndex(k)
	if i < 0 {
		d.sub = k
		return d.skip(0)
	}
	d.sub = ipAddressJSONNames[i]
	switch i {
	case 0:
		return d.nullString(&a.IPAddress)
	case 1:
		return d.nullString(&a.MACAddress)
	case 2:
		return d.nullString(&a.Type)
	}
	return d.nullString(&a.OperationalStatus)
}

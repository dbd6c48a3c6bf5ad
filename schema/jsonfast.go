package schema

import "strings"

// The members of a record as Defender writes them (compact JSON, names
// spelled as it spells them, values of its usual forms) are read by
// UnmarshalAt in one loop that keeps its place in a register: each
// member's name found by knownAt, its value checked, or for a kept enum or
// integer decoded, by one of the functions below, and the comma after it.
// Each of them takes only what the general path (fieldValue, checkField)
// takes, with the same result, and returns -1 for anything else, which
// the general path then reads from the same place: so the errors, and
// every record that is written otherwise, are the general path's.

// fieldEnums are the enums of the enum fields, by field.
var fieldEnums = [numFields]*Enum{
	fieldHealthStatus:  HealthStatusEnum,
	fieldDeviceValue:   DeviceValueEnum,
	fieldRiskScore:     RiskScoreEnum,
	fieldExposureLevel: ExposureLevelEnum,
}

// checkAt returns the end of the value at s[i] of field f, not kept, when
// it is null or written as Defender writes that field; -1 otherwise.
func checkAt(s string, i, f int) int {
	if i < 0 || i >= len(s) {
		return -1
	}
	if s[i] == 'n' {
		return plainAt(s, i) // every field may be null
	}
	switch f {
	case fieldFirstSeen, fieldLastSeen:
		return timestampAt(s, i)
	case fieldOSBuild, fieldRBACGroupID:
		_, end := uintAt(s, i)
		return end
	case fieldHealthStatus, fieldDeviceValue, fieldRiskScore, fieldExposureLevel:
		_, end := memberAt(fieldEnums[f], s, i)
		return end
	case fieldIsAADJoined:
		return boolAt(s, i)
	case fieldMachineTags:
		return tagsAt(s, i)
	case fieldIPAddresses:
		return ipAddressesAt(s, i)
	}
	return plainAt(s, i)
}

// setAt decodes into m the value at s[i] of field f, kept, when it is an
// enum member or an integer written as Defender writes them, and returns
// its end; -1 otherwise (and for the other fields).
func setAt(m *Machine, s string, i, f int) int {
	switch f {
	case fieldHealthStatus, fieldDeviceValue, fieldRiskScore, fieldExposureLevel:
		v, end := memberAt(fieldEnums[f], s, i)
		if end >= 0 {
			switch f {
			case fieldHealthStatus:
				m.HealthStatus = HealthStatus(v)
			case fieldDeviceValue:
				m.DeviceValue = DeviceValue(v)
			case fieldRiskScore:
				m.RiskScore = RiskScore(v)
			default:
				m.ExposureLevel = ExposureLevel(v)
			}
		}
		return end
	case fieldOSBuild, fieldRBACGroupID:
		v, end := uintAt(s, i)
		if end >= 0 {
			if f == fieldOSBuild {
				m.OSBuild = Int64Value(v)
			} else {
				m.RBACGroupID = Int64Value(v)
			}
		}
		return end
	}
	return -1
}

// extraAt returns the end of the value at s[i] of a member Defender writes
// that is no field (defenderNames), when it is null, a plain string or a
// boolean; -1 otherwise (skip reads it).
func extraAt(s string, i int) int {
	if end := boolAt(s, i); end >= 0 {
		return end
	}
	return plainAt(s, i)
}

// boolAt returns the end of the literal true or false at s[i], -1 if none.
func boolAt(s string, i int) int {
	switch {
	case i < 0 || i >= len(s):
	case strings.HasPrefix(s[i:], "true"):
		return i + 4
	case strings.HasPrefix(s[i:], "false"):
		return i + 5
	}
	return -1
}

// tagsAt returns the end of the machineTags array at s[i] when its
// elements are plain strings (not null) and it has no white space; -1
// otherwise.
func tagsAt(s string, i int) int {
	return listAt(s, i, stringAt)
}

// stringAt is plainAt for a string alone: -1 for null.
func stringAt(s string, i int) int {
	if i < 0 || i >= len(s) || s[i] != '"' {
		return -1
	}
	return plainAt(s, i)
}

// ipAddressesAt returns the end of the ipAddresses array at s[i] when its
// elements are objects of the four IpAddress names, each spelled as
// Defender does and holding null or a plain string, without white space;
// -1 otherwise.
func ipAddressesAt(s string, i int) int {
	return listAt(s, i, ipAddressAt)
}

// listAt returns the end of the array at s[i] when it has no white space
// and elem takes each of its elements (elem returns an element's end, -1
// for one it does not take); -1 otherwise.
func listAt(s string, i int, elem func(s string, i int) int) int {
	if i < 0 || i+1 >= len(s) || s[i] != '[' {
		return -1
	}
	if s[i+1] == ']' {
		return i + 2
	}
	for i++; ; i++ {
		if i = elem(s, i); i < 0 || i >= len(s) {
			return -1
		}
		switch s[i] {
		case ']':
			return i + 1
		case ',':
		default:
			return -1
		}
	}
}

// ipAddressAt returns the end of the IpAddress object at s[i], as
// ipAddressesAt takes them; -1 otherwise.
func ipAddressAt(s string, i int) int {
	if i < 0 || i+1 >= len(s) || s[i] != '{' {
		return -1
	}
	if s[i+1] == '}' {
		return i + 2
	}
	for i++; ; i++ {
		if i+1 >= len(s) || s[i] != '"' {
			return -1
		}
		var name string
		switch s[i+1] {
		case 'i':
			name = `ipAddress":`
		case 'm':
			name = `macAddress":`
		case 't':
			name = `type":`
		case 'o':
			name = `operationalStatus":`
		default:
			return -1
		}
		if !strings.HasPrefix(s[i+1:], name) {
			return -1
		}
		if i = plainAt(s, i+1+len(name)); i < 0 || i >= len(s) {
			return -1
		}
		switch s[i] {
		case '}':
			return i + 1
		case ',':
		default:
			return -1
		}
	}
}

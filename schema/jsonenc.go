package schema

import (
	"strconv"
	"unicode/utf8"
)

// MarshalJSON encodes the machine with Defender's camelCase names, every
// field present in the order of machineJSONNames, null for null values and
// [] for empty collections. Timestamps keep their offset and their number of
// fractional digits, so Marshal(Unmarshal(x)) holds the values of x. The
// receiver is a value so that json.Marshal finds the method on a Machine
// that is not addressable.
func (m Machine) MarshalJSON() ([]byte, error) {
	return m.AppendJSON(make([]byte, 0, 768)), nil
}

// AppendJSON appends the MarshalJSON form of m to b and returns the
// extended buffer.
func (m *Machine) AppendJSON(b []byte) []byte {
	n := machineJSONNames
	b = appendKey(append(b, '{'), n[0])
	b = appendNullString(b, m.ID)
	b = appendNullString(appendKey(b, n[1]), m.ComputerDNSName)
	b = appendDateTimeOffset(appendKey(b, n[2]), m.FirstSeen)
	b = appendDateTimeOffset(appendKey(b, n[3]), m.LastSeen)
	b = appendNullString(appendKey(b, n[4]), m.OSPlatform)
	b = appendNullString(appendKey(b, n[5]), m.OSVersion)
	b = appendNullString(appendKey(b, n[6]), m.OSProcessor)
	b = appendNullString(appendKey(b, n[7]), m.Version)
	b = appendNullInt64(appendKey(b, n[8]), m.OSBuild)
	b = appendNullString(appendKey(b, n[9]), m.LastIPAddress)
	b = appendNullString(appendKey(b, n[10]), m.LastExternalIPAddress)
	b = appendNullString(appendKey(b, n[11]), m.AgentVersion)
	b = appendEnum(appendKey(b, n[12]), HealthStatusEnum, uint8(m.HealthStatus))
	b = appendEnum(appendKey(b, n[13]), DeviceValueEnum, uint8(m.DeviceValue))
	b = appendNullInt64(appendKey(b, n[14]), m.RBACGroupID)
	b = appendNullString(appendKey(b, n[15]), m.RBACGroupName)
	b = appendEnum(appendKey(b, n[16]), RiskScoreEnum, uint8(m.RiskScore))
	b = appendEnum(appendKey(b, n[17]), ExposureLevelEnum, uint8(m.ExposureLevel))
	b = appendNullBool(appendKey(b, n[18]), m.IsAADJoined)
	b = appendNullString(appendKey(b, n[19]), m.AADDeviceID)
	b = append(appendKey(b, n[20]), '[')
	for i, t := range m.MachineTags {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, t)
	}
	b = append(b, ']')
	b = appendNullString(appendKey(b, n[21]), m.OnboardingStatus)
	b = appendNullString(appendKey(b, n[22]), m.OSArchitecture)
	b = append(appendKey(b, n[23]), '[')
	for i, a := range m.IPAddresses {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKey(append(b, '{'), ipAddressJSONNames[0])
		b = appendNullString(b, a.IPAddress)
		b = appendNullString(appendKey(b, ipAddressJSONNames[1]), a.MACAddress)
		b = appendNullString(appendKey(b, ipAddressJSONNames[2]), a.Type)
		b = appendNullString(appendKey(b, ipAddressJSONNames[3]), a.OperationalStatus)
		b = append(b, '}')
	}
	return append(b, ']', '}')
}

// appendKey appends `"name":`, preceded by a comma unless it opens an object.
func appendKey(b []byte, name string) []byte {
	if len(b) > 0 && b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

func appendNullString(b []byte, s NullString) []byte {
	if !s.Valid {
		return append(b, "null"...)
	}
	return appendString(b, s.V)
}

func appendNullInt64(b []byte, v NullInt64) []byte {
	if !v.Valid {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, v.V, 10)
}

func appendNullBool(b []byte, v NullBool) []byte {
	if !v.Valid {
		return append(b, "null"...)
	}
	return strconv.AppendBool(b, v.V)
}

func appendDateTimeOffset(b []byte, t DateTimeOffset) []byte {
	if !t.Valid() {
		return append(b, "null"...)
	}
	return append(t.AppendFormat(append(b, '"')), '"')
}

func appendEnum(b []byte, e *Enum, ordinal uint8) []byte {
	name, ok := e.MemberName(ordinal)
	if !ok {
		// Null, or an ordinal no member has: a Go value set out of range
		// is written as null rather than as a string no decoder accepts.
		return append(b, "null"...)
	}
	return appendString(b, name)
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, as
// the decoder reads it; U+2028 and U+2029 are escaped so the output is also
// safe to embed in JavaScript.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, "\\ufffd"...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

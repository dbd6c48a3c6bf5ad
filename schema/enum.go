package schema

import (
	"fmt"
	"strings"
)

// Namespace is the OData namespace of the model's enum and complex types, as
// in the qualified enum literal Microsoft.WindowsDefenderATP.Api.RiskScore'High'.
// Defender does not document its $metadata; this is the product's API
// namespace, chosen so qualified literals read naturally.
const Namespace = "Microsoft.WindowsDefenderATP.Api"

// Enum describes an enumeration type of the model: its name, its members in
// declaration order, and whether its members are ordered. A member's ordinal
// is its 1-based position; ordinal 0 is null. The Go types HealthStatus,
// RiskScore, ExposureLevel and DeviceValue hold these ordinals.
//
// An Enum is shared by the models and must not be modified.
type Enum struct {
	Name string // the type's simple name, e.g. "RiskScore"

	// Ordered reports whether gt, ge, lt and le compare members by ordinal.
	// When false, only eq, ne and in apply (HealthStatus).
	Ordered bool

	members []string // members[i] has ordinal i+1
}

// QualifiedName returns the name with its namespace,
// e.g. "Microsoft.WindowsDefenderATP.Api.RiskScore".
func (e *Enum) QualifiedName() string { return Namespace + "." + e.Name }

// Members returns the member names in ordinal order (a new slice).
func (e *Enum) Members() []string { return append([]string(nil), e.members...) }

// Member returns the ordinal of the member named name, compared without
// regard to ASCII case ("high" is High). ok is false for an unknown name.
func (e *Enum) Member(name string) (ordinal uint8, ok bool) {
	for i, m := range e.members {
		if equalFoldASCII(m, name) {
			return uint8(i + 1), true
		}
	}
	return 0, false
}

// MemberExact returns the ordinal of the member named exactly name, as a
// filter must name it (OData names members exactly, and Defender's
// ASP.NET OData stack compares them ordinally). ok is false otherwise.
func (e *Enum) MemberExact(name string) (ordinal uint8, ok bool) {
	for i, m := range e.members {
		if m == name {
			return uint8(i + 1), true
		}
	}
	return 0, false
}

// MemberName returns the name of the member with the given ordinal; ok is
// false for 0 (null) and for ordinals past the last member.
func (e *Enum) MemberName(ordinal uint8) (name string, ok bool) {
	if ordinal == 0 || int(ordinal) > len(e.members) {
		return "", false
	}
	return e.members[ordinal-1], true
}

// String returns the qualified name.
func (e *Enum) String() string { return e.QualifiedName() }

// name is the String method of the Go enum types: the member name, "null"
// for 0, and a marked number for an ordinal outside the enum.
func (e *Enum) name(ordinal uint8) string {
	if ordinal == 0 {
		return "null"
	}
	if s, ok := e.MemberName(ordinal); ok {
		return s
	}
	return fmt.Sprintf("%s(%d)", e.Name, ordinal)
}

// parse is the Parse function of the Go enum types.
func (e *Enum) parse(s string) (uint8, error) {
	if v, ok := e.Member(s); ok {
		return v, nil
	}
	return 0, &UnknownMemberError{Enum: e, Value: s}
}

// UnknownMemberError reports a string that names no member of an enum.
type UnknownMemberError struct {
	Enum  *Enum
	Value string // the string as given
}

// Error names the enum, the value and the members, and the nearest
// member when the value looks like a typo of it:
//
//	unknown HealthStatus member "Actve"; the members are Active, Inactive, … (did you mean Active?)
func (e *UnknownMemberError) Error() string {
	msg := fmt.Sprintf("unknown %s member %q; the members are %s", e.Enum.Name, e.Value, strings.Join(e.Enum.members, ", "))
	if near, ok := nearest(e.Value, e.Enum.members); ok {
		msg += " (did you mean " + near + "?)"
	}
	return msg
}

// withArticle returns name with "a" or "an" before it, by how it is
// spelt: "a RiskScore", "an ExposureLevel".
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// equalFoldASCII reports whether a and b are equal under ASCII case folding.
// Unicode folding is deliberately not applied: "ſcore" (long s) does not
// name "score".
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x|0x20 != y|0x20 || x|0x20 < 'a' || x|0x20 > 'z' {
			return false
		}
	}
	return true
}

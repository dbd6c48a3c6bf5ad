package eval

import "github.com/odatafilter/odatafilter/schema"

// fieldID numbers the fields of the built-in models, schema.Machines and
// schema.Machines2021, whose getters are known to be plain reads of the
// Machine struct. A compiled test (a pred) of one of them reads the struct
// field itself, through a reader the compiler inlines (stringRef, intRef,
// timeRef, enumOf), so that the test costs one call instead of two: its
// own and the getter's. A field is recognised by its *schema.Field, never
// by its name, so a field of any other model, even one named like a
// Machine field, is read through its getter. TestBuiltinReadsAgree holds
// the readers to the getters.
//
// The functions that make such closures are marked go:noinline: when one
// of them is inlined into its caller, the compiler (Go 1.26) builds the
// caller's copy of the closure without inlining the calls in its body, and
// the reader would be a call again.
type fieldID uint8

// The fields the readers know; 0 is a field they do not.
const (
	_ fieldID = iota
	idID
	idComputerDNSName
	idOSPlatform
	idOSVersion
	idOSProcessor
	idVersion
	idLastIPAddress
	idLastExternalIPAddress
	idAgentVersion
	idRBACGroupName
	idAADDeviceID
	idOnboardingStatus
	idOSArchitecture
	idOSBuild
	idRBACGroupID
	idFirstSeen
	idLastSeen
	idHealthStatus
	idDeviceValue
	idRiskScore
	idExposureLevel
	idIsAADJoined
	idMachineTags
)

var builtin = func() map[*schema.Field]fieldID {
	byName := map[string]fieldID{
		"id": idID, "computerDnsName": idComputerDNSName, "osPlatform": idOSPlatform,
		"osVersion": idOSVersion, "osProcessor": idOSProcessor, "version": idVersion,
		"lastIpAddress": idLastIPAddress, "lastExternalIpAddress": idLastExternalIPAddress,
		"agentVersion": idAgentVersion, "rbacGroupName": idRBACGroupName, "aadDeviceId": idAADDeviceID,
		"onboardingStatus": idOnboardingStatus, "osArchitecture": idOSArchitecture,
		"osBuild": idOSBuild, "rbacGroupId": idRBACGroupID,
		"firstSeen": idFirstSeen, "lastSeen": idLastSeen,
		"healthStatus": idHealthStatus, "deviceValue": idDeviceValue, "riskScore": idRiskScore,
		"exposureLevel": idExposureLevel, "isAadJoined": idIsAADJoined, "machineTags": idMachineTags,
	}
	m := map[*schema.Field]fieldID{}
	for _, model := range []*schema.Model{schema.Machines, schema.Machines2021} {
		for _, f := range model.Fields {
			if id, ok := byName[f.Name]; ok {
				m[f] = id
			}
		}
	}
	return m
}()

// builtinIn returns the id of f when it is a built-in field in [lo, hi],
// the ids of one Go type.
func builtinIn(f *schema.Field, lo, hi fieldID) (fieldID, bool) {
	id := builtin[f]
	return id, lo <= id && id <= hi
}

// stringRef returns the String (or Guid) field id of m.
func stringRef(m *schema.Machine, id fieldID) *schema.NullString {
	switch id {
	case idID:
		return &m.ID
	case idComputerDNSName:
		return &m.ComputerDNSName
	case idOSPlatform:
		return &m.OSPlatform
	case idOSVersion:
		return &m.OSVersion
	case idOSProcessor:
		return &m.OSProcessor
	case idVersion:
		return &m.Version
	case idLastIPAddress:
		return &m.LastIPAddress
	case idLastExternalIPAddress:
		return &m.LastExternalIPAddress
	case idAgentVersion:
		return &m.AgentVersion
	case idRBACGroupName:
		return &m.RBACGroupName
	case idAADDeviceID:
		return &m.AADDeviceID
	case idOnboardingStatus:
		return &m.OnboardingStatus
	}
	return &m.OSArchitecture
}

// intRef returns the Int64 field id of m.
func intRef(m *schema.Machine, id fieldID) *schema.NullInt64 {
	if id == idOSBuild {
		return &m.OSBuild
	}
	return &m.RBACGroupID
}

// timeRef returns the DateTimeOffset field id of m.
func timeRef(m *schema.Machine, id fieldID) *schema.DateTimeOffset {
	if id == idFirstSeen {
		return &m.FirstSeen
	}
	return &m.LastSeen
}

// enumOf returns the ordinal in the enum field id of m, 0 for null. The
// four enum fields are adjacent bytes of Machine, so the compiler reads
// them with one load, and a shift picks the field: no branch. (Were they
// apart, this would still be right, only slower.)
func enumOf(m *schema.Machine, id fieldID) uint8 {
	all := uint32(m.HealthStatus) | uint32(m.DeviceValue)<<8 | uint32(m.RiskScore)<<16 | uint32(m.ExposureLevel)<<24
	return uint8(all >> (8 * (id - idHealthStatus) & 31))
}

package schema

// Machines is the Machine entity with the 2018 documented $filter whitelist,
// the engine's default: exactly Id, ComputerDnsName, LastSeen, LastIpAddress,
// HealthStatus, OsPlatform, RiskScore, MachineTags and RbacGroupId are
// filterable. Every other field is present, typed and not filterable.
var Machines = &Model{Name: "Machine", EntitySet: "Machines", Fields: machineFields}

// Machines2021 is the Machine entity with the whitelist documented from
// September 2021: Machines's nine plus Version, DeviceValue, AadDeviceId,
// ExposureLevel and OnboardingStatus (fourteen). It is built from the same
// field declarations as Machines; only Filterable differs.
var Machines2021 = withFilterable(Machines, "Machine", "Machines",
	"version", "deviceValue", "aadDeviceId", "exposureLevel", "onboardingStatus")

// withFilterable returns a copy of base whose listed fields are filterable
// too. The Field values are copied, so base is left as it was; their types
// and getters are shared.
func withFilterable(base *Model, name, entitySet string, names ...string) *Model {
	m := &Model{Name: name, EntitySet: entitySet, Fields: make([]*Field, len(base.Fields))}
	for i, f := range base.Fields {
		c := *f
		m.Fields[i] = &c
	}
	for _, n := range names {
		f, ok := m.Lookup(n)
		if !ok {
			panic("schema: no machine field " + n) // a mistake in this file, caught by any test
		}
		f.Filterable = true
	}
	return m
}

// IPAddressType is the complex type of the elements of ipAddresses.
var IPAddressType = &ComplexType{Name: "IpAddress", Properties: []*Property{
	{Name: "ipAddress", CanonicalName: "IpAddress", Type: TypeString,
		String: func(a *IPAddress) (string, bool) { return a.IPAddress.V, a.IPAddress.Valid }},
	{Name: "macAddress", CanonicalName: "MacAddress", Type: TypeString,
		String: func(a *IPAddress) (string, bool) { return a.MACAddress.V, a.MACAddress.Valid }},
	{Name: "type", CanonicalName: "Type", Type: TypeString,
		String: func(a *IPAddress) (string, bool) { return a.Type.V, a.Type.Valid }},
	{Name: "operationalStatus", CanonicalName: "OperationalStatus", Type: TypeString,
		String: func(a *IPAddress) (string, bool) { return a.OperationalStatus.V, a.OperationalStatus.Valid }},
}}

var (
	typeHealthStatus  = &Type{Kind: KindEnum, Enum: HealthStatusEnum}
	typeRiskScore     = &Type{Kind: KindEnum, Enum: RiskScoreEnum}
	typeExposureLevel = &Type{Kind: KindEnum, Enum: ExposureLevelEnum}
	typeDeviceValue   = &Type{Kind: KindEnum, Enum: DeviceValueEnum}
	typeIPAddresses   = &Type{Kind: KindCollection, Elem: &Type{Kind: KindComplex, Complex: IPAddressType}}
)

// machineFields declares every Machine field once, in JSON order, with the
// 2018 whitelist. The getters are written out so that each is one direct
// field read.
var machineFields = []*Field{
	{Name: "id", CanonicalName: "Id", Type: TypeString, Filterable: true,
		String: func(m *Machine) (string, bool) { return m.ID.V, m.ID.Valid }},
	{Name: "computerDnsName", CanonicalName: "ComputerDnsName", Type: TypeString, Nullable: true, Filterable: true,
		String: func(m *Machine) (string, bool) { return m.ComputerDNSName.V, m.ComputerDNSName.Valid }},
	{Name: "firstSeen", CanonicalName: "FirstSeen", Type: TypeDateTimeOffset,
		Time: func(m *Machine) (DateTimeOffset, bool) { return m.FirstSeen, m.FirstSeen.Valid() }},
	{Name: "lastSeen", CanonicalName: "LastSeen", Type: TypeDateTimeOffset, Filterable: true,
		Time: func(m *Machine) (DateTimeOffset, bool) { return m.LastSeen, m.LastSeen.Valid() }},
	{Name: "osPlatform", CanonicalName: "OsPlatform", Type: TypeString, Nullable: true, Filterable: true,
		String: func(m *Machine) (string, bool) { return m.OSPlatform.V, m.OSPlatform.Valid }},
	{Name: "osVersion", CanonicalName: "OsVersion", Type: TypeString, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.OSVersion.V, m.OSVersion.Valid }},
	{Name: "osProcessor", CanonicalName: "OsProcessor", Type: TypeString, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.OSProcessor.V, m.OSProcessor.Valid }},
	{Name: "version", CanonicalName: "Version", Type: TypeString, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.Version.V, m.Version.Valid }},
	{Name: "osBuild", CanonicalName: "OsBuild", Type: TypeInt64, Nullable: true,
		Int: func(m *Machine) (int64, bool) { return m.OSBuild.V, m.OSBuild.Valid }},
	{Name: "lastIpAddress", CanonicalName: "LastIpAddress", Type: TypeString, Nullable: true, Filterable: true,
		String: func(m *Machine) (string, bool) { return m.LastIPAddress.V, m.LastIPAddress.Valid }},
	{Name: "lastExternalIpAddress", CanonicalName: "LastExternalIpAddress", Type: TypeString, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.LastExternalIPAddress.V, m.LastExternalIPAddress.Valid }},
	{Name: "agentVersion", CanonicalName: "AgentVersion", Type: TypeString, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.AgentVersion.V, m.AgentVersion.Valid }},
	{Name: "healthStatus", CanonicalName: "HealthStatus", Type: typeHealthStatus, Filterable: true,
		Enum: func(m *Machine) (uint8, bool) { return uint8(m.HealthStatus), m.HealthStatus != 0 }},
	{Name: "deviceValue", CanonicalName: "DeviceValue", Type: typeDeviceValue, Nullable: true,
		Enum: func(m *Machine) (uint8, bool) { return uint8(m.DeviceValue), m.DeviceValue != 0 }},
	{Name: "rbacGroupId", CanonicalName: "RbacGroupId", Type: TypeInt64, Nullable: true, Filterable: true,
		Int: func(m *Machine) (int64, bool) { return m.RBACGroupID.V, m.RBACGroupID.Valid }},
	{Name: "rbacGroupName", CanonicalName: "RbacGroupName", Type: TypeString, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.RBACGroupName.V, m.RBACGroupName.Valid }},
	{Name: "riskScore", CanonicalName: "RiskScore", Type: typeRiskScore, Nullable: true, Filterable: true,
		Enum: func(m *Machine) (uint8, bool) { return uint8(m.RiskScore), m.RiskScore != 0 }},
	{Name: "exposureLevel", CanonicalName: "ExposureLevel", Type: typeExposureLevel, Nullable: true,
		Enum: func(m *Machine) (uint8, bool) { return uint8(m.ExposureLevel), m.ExposureLevel != 0 }},
	{Name: "isAadJoined", CanonicalName: "IsAadJoined", Type: TypeBoolean,
		Bool: func(m *Machine) (bool, bool) { return m.IsAADJoined.V, m.IsAADJoined.Valid }},
	{Name: "aadDeviceId", CanonicalName: "AadDeviceId", Type: TypeGuid, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.AADDeviceID.V, m.AADDeviceID.Valid }},
	{Name: "machineTags", CanonicalName: "MachineTags", Type: TypeStrings, Filterable: true,
		Strings: func(m *Machine) []string { return m.MachineTags }},
	{Name: "onboardingStatus", CanonicalName: "OnboardingStatus", Type: TypeString, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.OnboardingStatus.V, m.OnboardingStatus.Valid }},
	{Name: "osArchitecture", CanonicalName: "OsArchitecture", Type: TypeString, Nullable: true,
		String: func(m *Machine) (string, bool) { return m.OSArchitecture.V, m.OSArchitecture.Valid }},
	{Name: "ipAddresses", CanonicalName: "IpAddresses", Type: typeIPAddresses,
		IPAddresses: func(m *Machine) []IPAddress { return m.IPAddresses }},
}

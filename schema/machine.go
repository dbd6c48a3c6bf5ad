package schema

// Machine is one record of the Defender for Endpoint "List machines" API: the
// union of the machine resource's properties across its documented versions.
//
// Every field may be null, and the zero value of every field is null (or
// empty, for the collections), so Machine{} is a record with nothing known.
// Scalars are values, not pointers: an evaluator reads a field with no
// pointer chase and no allocation. Enums hold their ordinal (0 for null).
// A null or missing collection is empty and is held as nil.
//
// The Go names spell initialisms Go's way (ComputerDNSName); the JSON names
// are Defender's camelCase (computerDnsName), see MarshalJSON.
type Machine struct {
	ID              NullString     // id: 40 hex characters
	ComputerDNSName NullString     // computerDnsName: fully qualified name
	FirstSeen       DateTimeOffset // firstSeen
	LastSeen        DateTimeOffset // lastSeen: last full device report
	OSPlatform      NullString     // osPlatform: Windows10, Linux, macOS, ...
	OSVersion       NullString     // osVersion
	OSProcessor     NullString     // osProcessor: deprecated for osArchitecture
	Version         NullString     // version: operating system version
	OSBuild         NullInt64      // osBuild
	LastIPAddress   NullString     // lastIpAddress: on the local NIC

	LastExternalIPAddress NullString // lastExternalIpAddress
	AgentVersion          NullString // agentVersion

	// The small fields sit together to keep the record compact.
	HealthStatus  HealthStatus  // healthStatus
	DeviceValue   DeviceValue   // deviceValue
	RiskScore     RiskScore     // riskScore
	ExposureLevel ExposureLevel // exposureLevel
	IsAADJoined   NullBool      // isAadJoined

	RBACGroupID      NullInt64   // rbacGroupId: a number, or a numeric string in JSON
	RBACGroupName    NullString  // rbacGroupName
	AADDeviceID      NullString  // aadDeviceId: an Edm.Guid, kept as written
	MachineTags      []string    // machineTags
	OnboardingStatus NullString  // onboardingStatus: Onboarded, CanBeOnboarded, ...
	OSArchitecture   NullString  // osArchitecture: 32-bit, 64-bit
	IPAddresses      []IPAddress // ipAddresses
}

// IPAddress is one element of a machine's ipAddresses collection, the
// complex type IpAddress. Each property may be null.
type IPAddress struct {
	IPAddress         NullString // ipAddress
	MACAddress        NullString // macAddress
	Type              NullString // type: Ethernet, Wireless80211, ...
	OperationalStatus NullString // operationalStatus: Up, Down, ...
}

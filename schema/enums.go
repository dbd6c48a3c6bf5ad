package schema

// The enum descriptors of the model. Their member order is the documented
// order and fixes the ordinals of the Go enum types below.
var (
	// HealthStatusEnum describes HealthStatus; unordered (eq, ne, in only).
	HealthStatusEnum = &Enum{Name: "HealthStatus", members: []string{
		"Active", "Inactive", "ImpairedCommunication", "NoSensorData",
		"NoSensorDataImpairedCommunication", "Unknown",
	}}

	// RiskScoreEnum describes RiskScore; ordered None < Informational < Low
	// < Medium < High.
	RiskScoreEnum = &Enum{Name: "RiskScore", Ordered: true, members: []string{
		"None", "Informational", "Low", "Medium", "High",
	}}

	// ExposureLevelEnum describes ExposureLevel; ordered None < Low < Medium
	// < High, like RiskScore.
	ExposureLevelEnum = &Enum{Name: "ExposureLevel", Ordered: true, members: []string{
		"None", "Low", "Medium", "High",
	}}

	// DeviceValueEnum describes DeviceValue; unordered, because the
	// documented order Normal, Low, High is not a ranking.
	DeviceValueEnum = &Enum{Name: "DeviceValue", members: []string{
		"Normal", "Low", "High",
	}}
)

// HealthStatus is a machine's health status. The zero value is null.
type HealthStatus uint8

// The HealthStatus members, in documented order.
const (
	HealthStatusActive HealthStatus = iota + 1
	HealthStatusInactive
	HealthStatusImpairedCommunication
	HealthStatusNoSensorData
	HealthStatusNoSensorDataImpairedCommunication
	HealthStatusUnknown
)

// ParseHealthStatus returns the member named s, ignoring ASCII case.
func ParseHealthStatus(s string) (HealthStatus, error) {
	v, err := HealthStatusEnum.parse(s)
	return HealthStatus(v), err
}

// Valid reports whether h is non-null.
func (h HealthStatus) Valid() bool { return h != 0 }

// String returns the member name as Defender writes it, or "null".
func (h HealthStatus) String() string { return HealthStatusEnum.name(uint8(h)) }

// RiskScore is the risk score Defender assigns a machine. The zero value is
// null; the members are ordered None < Informational < Low < Medium < High,
// so RiskScore values compare with < and >.
type RiskScore uint8

// The RiskScore members, in ascending order.
const (
	RiskScoreNone RiskScore = iota + 1
	RiskScoreInformational
	RiskScoreLow
	RiskScoreMedium
	RiskScoreHigh
)

// ParseRiskScore returns the member named s, ignoring ASCII case.
func ParseRiskScore(s string) (RiskScore, error) {
	v, err := RiskScoreEnum.parse(s)
	return RiskScore(v), err
}

// Valid reports whether r is non-null.
func (r RiskScore) Valid() bool { return r != 0 }

// String returns the member name as Defender writes it, or "null".
func (r RiskScore) String() string { return RiskScoreEnum.name(uint8(r)) }

// ExposureLevel is a machine's exposure level. The zero value is null; the
// members are ordered None < Low < Medium < High.
type ExposureLevel uint8

// The ExposureLevel members, in ascending order.
const (
	ExposureLevelNone ExposureLevel = iota + 1
	ExposureLevelLow
	ExposureLevelMedium
	ExposureLevelHigh
)

// ParseExposureLevel returns the member named s, ignoring ASCII case.
func ParseExposureLevel(s string) (ExposureLevel, error) {
	v, err := ExposureLevelEnum.parse(s)
	return ExposureLevel(v), err
}

// Valid reports whether x is non-null.
func (x ExposureLevel) Valid() bool { return x != 0 }

// String returns the member name as Defender writes it, or "null".
func (x ExposureLevel) String() string { return ExposureLevelEnum.name(uint8(x)) }

// DeviceValue is the value an organisation assigns a machine. The zero value
// is null. Its ordinals follow the documented order and are not a ranking.
type DeviceValue uint8

// The DeviceValue members, in documented order.
const (
	DeviceValueNormal DeviceValue = iota + 1
	DeviceValueLow
	DeviceValueHigh
)

// ParseDeviceValue returns the member named s, ignoring ASCII case.
func ParseDeviceValue(s string) (DeviceValue, error) {
	v, err := DeviceValueEnum.parse(s)
	return DeviceValue(v), err
}

// Valid reports whether d is non-null.
func (d DeviceValue) Valid() bool { return d != 0 }

// String returns the member name as Defender writes it, or "null".
func (d DeviceValue) String() string { return DeviceValueEnum.name(uint8(d)) }

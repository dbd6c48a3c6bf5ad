// Package schema is the Defender for Endpoint Machine entity: the Go record
// for one machine and its JSON codec, and the entity model as data (fields,
// EDM types, enum members, which fields $filter may use). The $filter
// checker, which resolves a parsed query against a Model and types it,
// belongs in this package too, built on Model; the evaluator lives in
// package eval and reads records through the getters declared here.
//
// It is not a parser (package parser), not an evaluator (package eval) and
// not a general OData metadata library: it knows one entity type.
//
// # The record
//
// Machine holds the union of the machine resource's properties across its
// documented versions (2018 to 2025). Every field may be null in real data,
// and the zero value of every field is null: strings are NullString,
// integers NullInt64, isAadJoined NullBool, timestamps DateTimeOffset (an
// instant plus the offset it was written in), and the enums HealthStatus,
// RiskScore, ExposureLevel and DeviceValue are uint8 ordinals with 0 for
// null. The collections machineTags and ipAddresses are nil when null,
// missing or empty. No field is a pointer, so reading one is a plain load.
//
// # The model
//
// A Model lists the fields in JSON order. Each Field has its JSON name
// (camelCase: riskScore), its canonical name as the docs list it
// (RiskScore), its EDM type, whether the documented type is nullable,
// whether it is filterable, and exactly one typed getter matching its type
// (String, Int, Bool, Time, Enum, Strings or IPAddresses), which the
// evaluator calls without reflection or allocation. Model.Lookup resolves a
// name without regard to ASCII case: the docs list ComputerDnsName, their
// samples write computerDnsName.
//
//	field                  EDM type                 2018  2021
//	id                     Edm.String               yes   yes
//	computerDnsName        Edm.String               yes   yes
//	firstSeen              Edm.DateTimeOffset
//	lastSeen               Edm.DateTimeOffset       yes   yes
//	osPlatform             Edm.String               yes   yes
//	osVersion              Edm.String
//	osProcessor            Edm.String
//	version                Edm.String                     yes
//	osBuild                Edm.Int64
//	lastIpAddress          Edm.String               yes   yes
//	lastExternalIpAddress  Edm.String
//	agentVersion           Edm.String
//	healthStatus           HealthStatus             yes   yes
//	deviceValue            DeviceValue                    yes
//	rbacGroupId            Edm.Int64                yes   yes
//	rbacGroupName          Edm.String
//	riskScore              RiskScore                yes   yes
//	exposureLevel          ExposureLevel                  yes
//	isAadJoined            Edm.Boolean
//	aadDeviceId            Edm.Guid                       yes
//	machineTags            Collection(Edm.String)   yes   yes
//	onboardingStatus       Edm.String                     yes
//	osArchitecture         Edm.String
//	ipAddresses            Collection(IpAddress)
//
// Machines, the default, has the 2018 whitelist: exactly nine filterable
// fields. Machines2021 has the list documented from September 2021
// (fourteen); it is built from the same field declarations. A field that is
// in the model but not filterable is a different error from an unknown name.
//
// The enum and complex types live in the namespace
// Microsoft.WindowsDefenderATP.Api (Namespace); Defender does not document
// its $metadata, so the name is this package's choice. An enum member's
// ordinal is its 1-based position below; Enum.Member matches names without
// regard to ASCII case.
//
//	HealthStatus   Active, Inactive, ImpairedCommunication, NoSensorData,
//	               NoSensorDataImpairedCommunication, Unknown
//	               unordered: eq, ne and in only
//	RiskScore      None < Informational < Low < Medium < High
//	               ordered: gt, ge, lt, le compare ordinals
//	ExposureLevel  None < Low < Medium < High
//	               ordered, like RiskScore
//	DeviceValue    Normal, Low, High
//	               unordered: the documented order is not a ranking
//
// onboardingStatus is an open Edm.String, as documented, not an enum. An
// aadDeviceId is kept as the string the data holds; comparing it with a
// GUID literal is the evaluator's business (GUIDs compare without regard
// to case).
//
// # Decoding JSON
//
// Machine.UnmarshalJSON reads the records of real exports:
//
//   - names are Defender's camelCase, also matched without regard to ASCII
//     case; unknown fields (defenderAvStatus, vmMetadata, ...) are skipped
//     without error, though they must be valid JSON;
//   - null is accepted for every field, and a missing field is null;
//   - rbacGroupId is a JSON integer or a numeric string ("140"), since the
//     docs call it a String and the service returns a number; osBuild is a
//     JSON integer;
//   - timestamps are ISO 8601 strings with any offset and up to 12
//     fractional digits (2018-08-02T14:55:03.7791856Z, ...+02:00); the
//     offset and the number of digits are kept, so MarshalJSON writes the
//     value back as it was read;
//   - enum strings match members without regard to ASCII case ("active" is
//     Active); an unknown member is an error naming the field and the
//     value, never a silent null;
//   - a null element inside machineTags or ipAddresses is an error.
//
// Every decoding error is a *FieldError with the field's JSON path
// (machineTags[2], ipAddresses[0].type) and the byte offset. No input makes
// the decoder panic; deeply nested unknown values fail at depth 10,000.
package schema

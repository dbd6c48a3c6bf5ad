// Package fleet makes synthetic fleets of Defender for Endpoint machines, in
// the exact shape of the "List machines" API, for load tests, benchmarks and
// the sample fleet the odatafilter command embeds.
//
// Generate writes a fleet of any size as a Defender response document
// ({"@odata.context": …, "value": [ … ]}) or as NDJSON, one record a line. It
// streams: memory stays flat however many records it writes, and it writes
// hundreds of megabytes a second. The same seed gives the same bytes, on any
// platform and Go version, because the records are drawn from a PCG
// generator by code in this package (not by math/rand's helpers, whose
// output may change between releases).
//
// The records look like a real tenant's: a few machine groups holding most
// machines, mostly Windows workstations with some servers, Linux and macOS,
// most machines Active and seen in the last days, and a tail of every edge
// the Machine model allows: null fields, rbacGroupId as a numeric string,
// timestamps in other offsets, missing, null, empty and duplicated
// machineTags, tags with quotes, escapes and non-ASCII text, non-ASCII host
// names, older records without the newer fields, and undocumented fields
// (defenderAvStatus, managedBy, vmMetadata, isExcluded,
// mergedIntoMachineId) that a pass-through tool must keep. Every record
// decodes with schema.Machine's UnmarshalJSON. The distributions are listed
// in tables.go.
//
// Sample returns the embedded sample fleet: the documented example response's
// two machines followed by 298 generated ones (SampleSeed). It is generated
// once and committed as sample.json; "go test ./fleet -run TestSample
// -update" rewrites it, and the tests fail if it drifts from the generator.
//
// The fleet is synthetic: ids, addresses and GUIDs are random and mean
// nothing. It is not a fixture for exact expectations beyond the sample's.
package fleet

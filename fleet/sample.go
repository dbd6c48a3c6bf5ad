package fleet

import _ "embed" // for the sample fleet

const (
	// SampleSize is the number of machines in the sample fleet: the two of
	// the documented example response and SampleSize-2 generated ones.
	SampleSize = 300

	// SampleSeed is the seed of the sample fleet's generated machines.
	SampleSeed = 1
)

//go:embed sample.json
var sample string

// Sample returns the sample fleet, a Defender response document of
// SampleSize machines, one a line: the two machines of the documented
// example response of GET /api/machines (mymachine1 and mymachine2,
// compacted to one line each, keys and values as documented), then
// SampleSize-2 machines from Generate with SampleSeed. The odatafilter
// command uses it when it is given no data.
//
// Each call returns a new copy, which the caller may keep or modify.
//
// On the sample, riskScore eq 'High' keeps 18 machines, and each
// filter of the Defender documentation keeps some machines but not all;
// the tests pin the counts.
func Sample() []byte { return []byte(sample) }

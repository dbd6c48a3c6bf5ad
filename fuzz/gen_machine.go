package fuzz

import (
	"fmt"
	"math"
	"math/rand"
	"time"

	"github.com/leanovate/gopter"

	"github.com/odatafilter/odatafilter/schema"
)

// GenMachine generates Machine records: every nullable field is null now
// and then, machineTags is nil, empty or holds tags with quotes, non-ASCII
// text, empty strings and duplicates; timestamps come in many offsets and
// precisions; rbacGroupId takes its edge values; the enums take every
// ordinal including 0 (null). Values are drawn from the pools the filter
// generator uses, so filters match some records and not others.
func GenMachine() gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(randomMachine(p.Rng), gopter.NoShrinker)
	}
}

// Batch is a generated batch of machines. It prints as its size, so that
// a failing property's report names only the machine that matters.
type Batch []schema.Machine

// String returns the batch's size, not its contents.
func (b Batch) String() string { return fmt.Sprintf("%d machines", len(b)) }

// GenMachines generates a Batch of n machines.
func GenMachines(n int) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		ms := make(Batch, n)
		for i := range ms {
			ms[i] = randomMachine(p.Rng)
		}
		return gopter.NewGenResult(ms, gopter.NoShrinker)
	}
}

func randomMachine(r *rand.Rand) schema.Machine {
	str := func() schema.NullString {
		if r.Intn(8) == 0 {
			return schema.NullString{}
		}
		s := stringPool[r.Intn(len(stringPool))]
		if r.Intn(10) == 0 {
			s += stringPool[r.Intn(len(stringPool))]
		}
		return schema.StringValue(s)
	}
	var m schema.Machine
	m.ID = str()
	if r.Intn(3) == 0 && m.ID.Valid {
		m.ID = schema.StringValue(stringPool[len(stringPool)-1]) // a 40-hex id, as Defender's
	}
	m.ComputerDNSName = str()
	m.OSPlatform = str()
	if r.Intn(2) == 0 && m.OSPlatform.Valid {
		m.OSPlatform = schema.StringValue([]string{"Windows10", "Windows11", "WindowsServer2019", "Linux", "macOS"}[r.Intn(5)])
	}
	m.LastIPAddress = str()
	m.LastSeen = randomDTO(r)
	m.FirstSeen = randomDTO(r)
	m.HealthStatus = schema.HealthStatus(r.Intn(7))
	m.RiskScore = schema.RiskScore(r.Intn(6))
	m.DeviceValue = schema.DeviceValue(r.Intn(4))
	m.ExposureLevel = schema.ExposureLevel(r.Intn(5))
	m.RBACGroupID = randomRBAC(r)
	m.MachineTags = randomTags(r)
	m.OSVersion = str()
	m.AgentVersion = str()
	return m
}

func randomDTO(r *rand.Rand) schema.DateTimeOffset {
	switch r.Intn(12) {
	case 0:
		return schema.DateTimeOffset{} // null
	case 1:
		// an instant the clock and the filter literals can name exactly
		return schema.DateTimeOffsetOf(TestClock.Add(time.Duration(r.Intn(15)-7) * 24 * time.Hour))
	}
	t, err := schema.ParseDateTimeOffset(dtoText(r, false))
	if err != nil {
		panic("GenMachine: " + err.Error())
	}
	return t
}

func randomRBAC(r *rand.Rand) schema.NullInt64 {
	switch r.Intn(12) {
	case 0, 1:
		return schema.NullInt64{}
	case 2:
		return schema.Int64Value(math.MaxInt64)
	case 3:
		return schema.Int64Value(math.MinInt64)
	case 4:
		return schema.Int64Value(-1)
	case 5:
		return schema.Int64Value(0)
	case 6, 7:
		return schema.Int64Value(140)
	case 8:
		return schema.Int64Value(9007199254740993)
	}
	return schema.Int64Value(int64(r.Intn(2001) - 1000))
}

func randomTags(r *rand.Rand) []string {
	switch r.Intn(6) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	tags := make([]string, 1+r.Intn(4))
	for i := range tags {
		tags[i] = stringPool[r.Intn(len(stringPool))]
		if i > 0 && r.Intn(5) == 0 {
			tags[i] = tags[i-1] // a duplicate
		}
	}
	return tags
}

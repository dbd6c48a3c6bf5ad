package eval_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

// The four filters of the front-end issue, with a hand-written Go function
// for each: the baseline the evaluator is measured against.
var benchFilters = []struct {
	name, filter string
	hand         func(m *schema.Machine) bool
}{
	{"eq", "riskScore eq 'High'", func(m *schema.Machine) bool {
		return m.RiskScore == schema.RiskScoreHigh
	}},
	{"and", "healthStatus ne 'Active' and rbacGroupId eq 140", func(m *schema.Machine) bool {
		return m.HealthStatus != schema.HealthStatusActive && m.RBACGroupID.Valid && m.RBACGroupID.V == 140
	}},
	{"any", "startswith(computerDnsName,'mymachine') or machineTags/any(t: t eq 'test tag 1')", func(m *schema.Machine) bool {
		if m.ComputerDNSName.Valid && strings.HasPrefix(m.ComputerDNSName.V, "mymachine") {
			return true
		}
		for _, t := range m.MachineTags {
			if t == "test tag 1" {
				return true
			}
		}
		return false
	}},
	{"mixed", "lastSeen gt 2018-08-01T00:00:00Z and (osPlatform eq 'Windows10' or osPlatform eq 'Windows11') and not (riskScore in ('Low','None'))", func(m *schema.Machine) bool {
		return m.LastSeen.Valid() && m.LastSeen.After(cutoff) &&
			m.OSPlatform.Valid && (m.OSPlatform.V == "Windows10" || m.OSPlatform.V == "Windows11") &&
			!(m.RiskScore == schema.RiskScoreLow || m.RiskScore == schema.RiskScoreNone)
	}},
}

var cutoff = schema.DateTimeOffsetOf(time.Date(2018, 8, 1, 0, 0, 0, 0, time.UTC))

// fleet returns n deterministic machines with a realistic spread of values
// and some nulls.
func fleet(n int) []schema.Machine {
	r := rand.New(rand.NewPCG(1, 2))
	platforms := []string{"Windows10", "Windows11", "WindowsServer2019", "Linux", "macOS"}
	tags := []string{"test tag 1", "ExampleTag", "prod", "finance", "vip"}
	ms := make([]schema.Machine, n)
	base := time.Date(2018, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range ms {
		m := &ms[i]
		m.ID = schema.StringValue(fmt.Sprintf("%040x", r.Uint64()))
		if r.IntN(10) > 0 {
			prefix := "host"
			if r.IntN(4) == 0 {
				prefix = "mymachine"
			}
			m.ComputerDNSName = schema.StringValue(fmt.Sprintf("%s%d.contoso.com", prefix, i))
		}
		m.LastSeen = schema.DateTimeOffsetOf(base.Add(time.Duration(r.IntN(200*24)) * time.Hour))
		m.OSPlatform = schema.StringValue(platforms[r.IntN(len(platforms))])
		m.HealthStatus = schema.HealthStatus(1 + r.IntN(6))
		m.RiskScore = schema.RiskScore(r.IntN(6))
		if r.IntN(10) > 0 {
			m.RBACGroupID = schema.Int64Value(int64(138 + r.IntN(5)))
		}
		for range r.IntN(4) {
			m.MachineTags = append(m.MachineTags, tags[r.IntN(len(tags))])
		}
	}
	return ms
}

const fleetSize = 100_000

func BenchmarkMatch(b *testing.B) {
	ms := fleet(fleetSize)
	for _, bf := range benchFilters {
		p, err := eval.CompileFilter(bf.filter)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bf.name+"/eval", func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for i := 0; b.Loop(); i++ {
				if p.Match(&ms[i%fleetSize]) {
					n++
				}
			}
			sink = n
		})
		b.Run(bf.name+"/handwritten", func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for i := 0; b.Loop(); i++ {
				if bf.hand(&ms[i%fleetSize]) {
					n++
				}
			}
			sink = n
		})
	}
}

var sink int

// TestHandwrittenAgrees keeps the baselines honest: each hand-written
// function selects exactly what its filter selects.
func TestHandwrittenAgrees(t *testing.T) {
	ms := fleet(20_000)
	for _, bf := range benchFilters {
		p, err := eval.CompileFilter(bf.filter)
		if err != nil {
			t.Fatal(err)
		}
		hits := 0
		for i := range ms {
			got, want := p.Match(&ms[i]), bf.hand(&ms[i])
			if got != want {
				t.Fatalf("%s: machine %d: eval %v, hand-written %v", bf.name, i, got, want)
			}
			if got {
				hits++
			}
		}
		if hits == 0 || hits == len(ms) {
			t.Errorf("%s: %d of %d match; the fleet does not exercise the filter", bf.name, hits, len(ms))
		}
	}
}

// TestMatchDoesNotAllocate proves the hot path allocates nothing on the
// four benchmark filters.
func TestMatchDoesNotAllocate(t *testing.T) {
	ms := fleet(1000)
	for _, bf := range benchFilters {
		p, err := eval.CompileFilter(bf.filter)
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		allocs := testing.AllocsPerRun(2000, func() {
			p.Match(&ms[i%len(ms)])
			i++
		})
		if allocs != 0 {
			t.Errorf("%s: Match allocates %.2f times per call", bf.name, allocs)
		}
	}
}

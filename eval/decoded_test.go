package eval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter"
	"github.com/odatafilter/odatafilter/eval"
	generated "github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

// plainMachine is the record a Go program would write for itself and
// decode with encoding/json: Go strings ("" for null), time.Time, int64
// and a []string of tags, for the fields such a program keeps (264 bytes,
// against schema.Machine's 432). It is the yardstick for Match over
// records decoded from JSON: what a hand-written predicate costs on the
// simplest layout Go offers.
type plainMachine struct {
	ID               string     `json:"id"`
	ComputerDNSName  string     `json:"computerDnsName"`
	FirstSeen        time.Time  `json:"firstSeen"`
	LastSeen         time.Time  `json:"lastSeen"`
	OSPlatform       string     `json:"osPlatform"`
	OSVersion        string     `json:"osVersion"`
	Version          string     `json:"version"`
	OSBuild          int64      `json:"osBuild"`
	LastIPAddress    string     `json:"lastIpAddress"`
	HealthStatus     string     `json:"healthStatus"`
	RBACGroupID      plainInt64 `json:"rbacGroupId"`
	RBACGroupName    string     `json:"rbacGroupName"`
	RiskScore        string     `json:"riskScore"`
	AADDeviceID      string     `json:"aadDeviceId"`
	MachineTags      []string   `json:"machineTags"`
	OnboardingStatus string     `json:"onboardingStatus"`
}

// plainInt64 is an int64 written as a JSON number or a string holding
// one, as rbacGroupId is; 0 for null.
type plainInt64 int64

func (n *plainInt64) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		b = b[1 : len(b)-1]
	}
	if string(b) == "null" {
		return nil
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	*n = plainInt64(v)
	return err
}

// plainFilters are the hand-written predicates of benchFilters over
// plainMachine, in the same order. A null enum is "": null ne 'Active'
// and not (null in ('Low','None')) are true, as in benchFilters.
var plainFilters = []func(m *plainMachine) bool{
	func(m *plainMachine) bool { return m.RiskScore == "High" },
	func(m *plainMachine) bool {
		return m.HealthStatus != "Active" && m.RBACGroupID == 140
	},
	func(m *plainMachine) bool {
		if strings.HasPrefix(m.ComputerDNSName, "mymachine") {
			return true
		}
		for _, t := range m.MachineTags {
			if t == "test tag 1" {
				return true
			}
		}
		return false
	},
	func(m *plainMachine) bool {
		return m.LastSeen.After(plainCutoff) &&
			(m.OSPlatform == "Windows10" || m.OSPlatform == "Windows11") &&
			m.RiskScore != "Low" && m.RiskScore != "None"
	},
}

var plainCutoff = time.Date(2018, 8, 1, 0, 0, 0, 0, time.UTC)

// decodedFleet is a generated fleet of fleetSize machines written as a
// Defender document and decoded from the same bytes three times: into
// schema.Machine by odatafilter.ReadMachines (as query does), into
// schema.Machine by records.ReadAll and Machine.UnmarshalJSON (as serve
// does), and into plainMachine by encoding/json. It is built once per
// process: the encoding/json side takes a few seconds.
var decodedFleet = sync.OnceValues(func() ([]decoded, []plainMachine) {
	var doc bytes.Buffer
	if err := generated.Generate(&doc, fleetSize, 1, false); err != nil {
		panic(err)
	}
	read, err := odatafilter.ReadMachines(context.Background(), bytes.NewReader(doc.Bytes()))
	if err != nil {
		panic(err)
	}
	recs, _, err := records.ReadAll(bytes.NewReader(doc.Bytes()))
	if err != nil {
		panic(err)
	}
	whole := make([]schema.Machine, len(recs))
	for i := range recs {
		if err := whole[i].UnmarshalJSON(recs[i].Raw); err != nil {
			panic(err)
		}
	}
	var env struct{ Value []plainMachine }
	if err := json.Unmarshal(doc.Bytes(), &env); err != nil {
		panic(err)
	}
	return []decoded{{"ReadMachines", read}, {"UnmarshalJSON", whole}}, env.Value
})

// decoded is the fleet as one of schema's decoders gives it.
type decoded struct {
	by string // the decoder
	ms []schema.Machine
}

// TestPlainAgrees keeps the plain baselines honest: on the decoded
// fleet, each selects exactly what Match selects.
func TestPlainAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 100,000 records three times")
	}
	fleets, ps := decodedFleet()
	for _, f := range fleets {
		if len(f.ms) != len(ps) {
			t.Fatalf("%s: %d machines, %d plain records", f.by, len(f.ms), len(ps))
		}
		for k, bf := range benchFilters {
			p, err := eval.CompileFilter(bf.filter)
			if err != nil {
				t.Fatal(err)
			}
			hits := 0
			for i := range f.ms {
				got, want := p.Match(&f.ms[i]), plainFilters[k](&ps[i])
				if got != want {
					t.Fatalf("%s, %s: machine %d: Match %v, plain %v", f.by, bf.name, i, got, want)
				}
				if got {
					hits++
				}
			}
			t.Logf("%s, %s: %d of %d match", f.by, bf.name, hits, len(f.ms))
		}
	}
}

// BenchmarkMatchDecoded measures Program.Match over machines decoded from
// JSON, by ReadMachines and by UnmarshalJSON, against the hand-written
// predicate over the same records decoded by encoding/json into
// plainMachine, as BenchmarkMatchVsHandwritten does on the generated
// fleet: the two sides take turns over blocks of ratioBlock records, each
// in its own half of its fleet, changing halves every round. It reports
// the medians over the rounds: ns/op is Match's ns per record,
// plain-ns/op the plain predicate's, x-plain their ratio (the figure the
// target is stated in) and allocs/match Match's allocations. Nothing here
// asserts a time.
//
//	go test ./eval -run XXX -bench MatchDecoded -benchtime 2s
func BenchmarkMatchDecoded(b *testing.B) {
	fleets, ps := decodedFleet()
	half := len(ps) / 2
	for _, f := range fleets {
		for k, bf := range benchFilters {
			p, err := eval.CompileFilter(bf.filter)
			if err != nil {
				b.Fatal(err)
			}
			plain, ms := plainFilters[k], f.ms
			b.Run(f.by+"/"+bf.name, func(b *testing.B) {
				var evalNs, plainNs []float64
				for round := 0; b.Loop(); round++ {
					var e, h time.Duration
					for lo := 0; lo < half; lo += ratioBlock {
						x, y := lo, half+lo
						if round%2 == 1 {
							x, y = y, x
						}
						e += evalPass(p, ms[x:x+ratioBlock])
						h += plainPass(plain, ps[y:y+ratioBlock])
					}
					evalNs = append(evalNs, float64(e.Nanoseconds())/float64(half))
					plainNs = append(plainNs, float64(h.Nanoseconds())/float64(half))
				}
				e, h := median(evalNs), median(plainNs)
				b.ReportMetric(e, "ns/op")
				b.ReportMetric(h, "plain-ns/op")
				b.ReportMetric(e/h, "x-plain")
				b.ReportMetric(allocsPerMatch(p, ms[:1000]), "allocs/match")
			})
		}
	}
}

func plainPass(plain func(*plainMachine) bool, ps []plainMachine) time.Duration {
	n := 0
	start := time.Now()
	for i := range ps {
		if plain(&ps[i]) {
			n++
		}
	}
	d := time.Since(start)
	sink += n
	return d
}

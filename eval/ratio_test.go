package eval_test

import (
	"slices"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

// BenchmarkMatchVsHandwritten measures Program.Match against the
// hand-written function of each benchmark filter in the same process, on
// the same fleet. The two sides take turns over blocks of ratioBlock
// machines, one side in the first half of the fleet and the other in the
// second, changing halves every round: a burst of load from elsewhere falls
// on both alike, and neither runs on memory the other has just brought in
// (nor the hardware prefetcher has fetched ahead of it). The medians over
// the rounds give ns per record for both sides and their ratio,
// x-handwritten, the figure the performance target is stated in; ns/op is
// eval's ns per record and allocs/match Match's allocations. Only the
// ratio is meant to carry over between machines, and nothing here asserts
// a time.
//
//	go test ./eval -run XXX -bench VsHandwritten -benchtime 3s
func BenchmarkMatchVsHandwritten(b *testing.B) {
	ms := fleet(fleetSize)
	half := len(ms) / 2
	for _, bf := range benchFilters {
		p, err := eval.CompileFilter(bf.filter)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bf.name, func(b *testing.B) {
			var evalNs, handNs []float64
			for round := 0; b.Loop(); round++ {
				var e, h time.Duration
				for lo := 0; lo < half; lo += ratioBlock {
					x, y := ms[lo:lo+ratioBlock], ms[half+lo:half+lo+ratioBlock]
					if round%2 == 1 {
						x, y = y, x
					}
					e += evalPass(p, x)
					h += handPass(bf.hand, y)
				}
				evalNs = append(evalNs, float64(e.Nanoseconds())/float64(half))
				handNs = append(handNs, float64(h.Nanoseconds())/float64(half))
			}
			e, h := median(evalNs), median(handNs)
			b.ReportMetric(e, "ns/op")
			b.ReportMetric(h, "hand-ns/op")
			b.ReportMetric(e/h, "x-handwritten")
			b.ReportMetric(allocsPerMatch(p, ms[:1000]), "allocs/match")
		})
	}
}

// ratioBlock is the number of machines each side runs on in one turn:
// about 200 kB, long enough to time, short enough that the load on the
// machine changes little between turns.
const ratioBlock = 500

func init() {
	if fleetSize%(2*ratioBlock) != 0 {
		panic("fleetSize must be a multiple of 2*ratioBlock")
	}
}

func evalPass(p *eval.Program, ms []schema.Machine) time.Duration {
	n := 0
	start := time.Now()
	for i := range ms {
		if p.Match(&ms[i]) {
			n++
		}
	}
	d := time.Since(start)
	sink += n
	return d
}

func handPass(hand func(*schema.Machine) bool, ms []schema.Machine) time.Duration {
	n := 0
	start := time.Now()
	for i := range ms {
		if hand(&ms[i]) {
			n++
		}
	}
	d := time.Since(start)
	sink += n
	return d
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func allocsPerMatch(p *eval.Program, ms []schema.Machine) float64 {
	i := 0
	return testing.AllocsPerRun(len(ms), func() {
		p.Match(&ms[i%len(ms)])
		i++
	})
}

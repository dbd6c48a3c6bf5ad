package fleet

import (
	"math/bits"
	"math/rand/v2"
)

// rng draws the fleet's random choices. It uses only PCG's Uint64, whose
// output is fixed by the algorithm, and does its own bounding, so that a
// seed gives the same fleet whatever Go release runs it.
type rng struct {
	pcg rand.PCG
}

// seedIncrement is PCG's second seed word; the user's seed is the first.
const seedIncrement = 0x0da7af11e7f1ee7

func newRNG(seed uint64) *rng {
	r := &rng{}
	r.pcg.Seed(seed, seedIncrement)
	return r
}

// intn returns a number in [0, n) by Lemire's multiply-shift, with a bias
// far below anything a fleet could show.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.pcg.Uint64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance reports true with probability perMille/1000.
func (r *rng) chance(perMille int) bool { return r.intn(1000) < perMille }

// u64 returns 64 random bits.
func (r *rng) u64() uint64 { return r.pcg.Uint64() }

// choice is a weighted choice among items.
type choice[T any] struct {
	items []T
	cum   []int // cumulative weights
}

// weighted pairs items with weights, which must have the same length.
func weighted[T any](items []T, weights ...int) choice[T] {
	if len(items) != len(weights) {
		panic("fleet: weighted: items and weights differ in length")
	}
	c := choice[T]{items: items, cum: make([]int, len(weights))}
	total := 0
	for i, w := range weights {
		total += w
		c.cum[i] = total
	}
	return c
}

// pick draws one item.
func (c *choice[T]) pick(r *rng) T {
	x := r.intn(c.cum[len(c.cum)-1])
	for i, s := range c.cum {
		if x < s {
			return c.items[i]
		}
	}
	return c.items[len(c.items)-1]
}

// uniform draws one item of s, each equally likely.
func uniform[T any](r *rng, s []T) T { return s[r.intn(len(s))] }

package eval_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

func TestCacheHit(t *testing.T) {
	c := eval.NewCache(4)
	p1, err := c.CompileFilter("riskScore eq 'High'")
	if err != nil {
		t.Fatal(err)
	}
	p2, err := c.CompileFilter("riskScore eq 'High'")
	if err != nil {
		t.Fatal(err)
	}
	if p1 != p2 {
		t.Error("a repeated filter compiled again")
	}
	m := schema.Machine{RiskScore: schema.RiskScoreHigh}
	if !p2.Match(&m) {
		t.Error("the cached program does not match")
	}
	q1, _ := c.Compile("$filter=riskScore eq 'High'")
	q2, _ := c.Compile("$filter=riskScore eq 'High'")
	if q1 != q2 || q1 == p1 {
		t.Error("Compile and CompileFilter share entries, or Compile does not cache")
	}
	if n := c.Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
}

func TestCacheErrors(t *testing.T) {
	c := eval.NewCache(4)
	_, err1 := c.CompileFilter("riskScore eq 'Hgh'")
	_, err2 := c.CompileFilter("riskScore eq 'Hgh'")
	if err1 == nil || err2 == nil {
		t.Fatal("want an error")
	}
	if err1.Error() != err2.Error() || c.Len() != 1 {
		t.Errorf("the error is not cached: %v / %v, Len %d", err1, err2, c.Len())
	}
}

func TestCacheEviction(t *testing.T) {
	c := eval.NewCache(2)
	filter := func(i int) string { return fmt.Sprintf("rbacGroupId eq %d", i) }
	p0, _ := c.CompileFilter(filter(0))
	c.CompileFilter(filter(1))
	if again, _ := c.CompileFilter(filter(0)); again != p0 { // 0 is now the most recent
		t.Fatal("entry 0 was evicted too early")
	}
	c.CompileFilter(filter(2)) // evicts 1, the least recently used
	if n := c.Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
	if again, _ := c.CompileFilter(filter(0)); again != p0 {
		t.Error("the most recently used entry was evicted")
	}
}

func TestCacheTooLong(t *testing.T) {
	c := eval.NewCache(4)
	long := "id eq '" + strings.Repeat("x", eval.MaxCachedLength) + "'"
	p, err := c.CompileFilter(long)
	if err != nil || p == nil {
		t.Fatal(err)
	}
	if c.Len() != 0 {
		t.Error("a filter longer than MaxCachedLength was cached")
	}
}

func TestCacheOptions(t *testing.T) {
	c := eval.NewCache(4, eval.WithModel(schema.Machines))
	if _, err := c.CompileFilter("healthStatus eq 'Active'"); err != nil {
		t.Fatal(err)
	}
	if _, err := eval.NewCache(0).CompileFilter("riskScore eq 'High'"); err != nil {
		t.Fatal("a cache of size 0 (kept as 1) does not compile:", err)
	}
}

// TestCacheConcurrent is for -race: hits, misses and evictions from many
// goroutines at once.
func TestCacheConcurrent(t *testing.T) {
	c := eval.NewCache(8)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				f := fmt.Sprintf("rbacGroupId eq %d", (g+i)%12)
				p, err := c.CompileFilter(f)
				if err != nil {
					t.Error(err)
					return
				}
				m := schema.Machine{RBACGroupID: schema.Int64Value(int64((g + i) % 12))}
				if !p.Match(&m) {
					t.Errorf("%s: the program does not match", f)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n := c.Len(); n > 8 {
		t.Errorf("Len = %d, more than the size", n)
	}
}

func TestCacheHitAllocs(t *testing.T) {
	c := eval.NewCache(4)
	const f = "healthStatus ne 'Active' and rbacGroupId eq 140"
	c.CompileFilter(f)
	if n := testing.AllocsPerRun(100, func() { c.CompileFilter(f) }); n != 0 {
		t.Errorf("a cache hit allocates %v times", n)
	}
}

// BenchmarkCompileFilter measures CompileFilter (parse, check, plan) on the
// benchmark filters; bench/compile compares it with expr-lang/expr.
func BenchmarkCompileFilter(b *testing.B) {
	for _, bf := range benchFilters {
		b.Run(bf.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eval.CompileFilter(bf.filter); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCacheHit measures a repeated filter: what a server pays for a
// query it has seen before, instead of BenchmarkCompileFilter's cost.
func BenchmarkCacheHit(b *testing.B) {
	for _, bf := range benchFilters {
		b.Run(bf.name, func(b *testing.B) {
			c := eval.NewCache(64)
			c.CompileFilter(bf.filter)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.CompileFilter(bf.filter); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("parallel", func(b *testing.B) {
		c := eval.NewCache(64)
		for _, bf := range benchFilters {
			c.CompileFilter(bf.filter)
		}
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for i := 0; pb.Next(); i++ {
				c.CompileFilter(benchFilters[i%len(benchFilters)].filter)
			}
		})
	})
}

func ExampleCache() {
	cache := eval.NewCache(256)
	for range 3 { // a server sees the same filter again and again
		p, err := cache.CompileFilter("riskScore eq 'High'")
		if err != nil {
			fmt.Println(err)
			return
		}
		m := schema.Machine{RiskScore: schema.RiskScoreHigh}
		fmt.Println(p.Match(&m))
	}
	fmt.Println(cache.Len(), "compiled")
	// Output:
	// true
	// true
	// true
	// 1 compiled
}

// TestCacheStaysUnderItsByteBound fills a cache with the most expensive
// queries it keeps (MaxCachedLength bytes, regular expressions up to the
// limit, computed ones too) and holds the live heap to its byte bound.
func TestCacheStaysUnderItsByteBound(t *testing.T) {
	const bound = 16 << 20
	c := eval.NewCacheBytes(256, bound)
	ms := []schema.Machine{{ID: schema.StringValue(strings.Repeat("ab", 200)), ComputerDNSName: schema.StringValue("x")}}
	query := func(i int) string {
		// 4,700 instructions of constant patterns, and a computed one.
		q := fmt.Sprintf("$filter=matchesPattern(id,'[a-z]{0,1000}[0-9]{0,1000}x{0,350}') and matchesPattern(id,concat(computerDnsName,'[a-z]{0,1000}[0-9]{0,1000}')) or id eq '%d'", i)
		for len(q) < eval.MaxCachedLength-40 {
			q += fmt.Sprintf(" or id eq '%d'", len(q))
		}
		return q
	}
	before := liveHeap()
	for i := range 40 {
		p, err := c.Compile(query(i))
		if err != nil {
			t.Fatal(err)
		}
		p.Apply(ms)
		if c.Bytes() > bound {
			t.Fatalf("after %d queries the cache counts %d bytes, over its bound of %d", i+1, c.Bytes(), bound)
		}
	}
	grown := int64(liveHeap()) - int64(before)
	t.Logf("%d queries cached, counted %d bytes, live heap grew by %d", c.Len(), c.Bytes(), grown)
	if grown > bound {
		t.Errorf("the live heap grew by %d bytes with the cache full; its bound is %d (Program.Cost underestimates)", grown, bound)
	}
	if c.Len() < 2 {
		t.Errorf("only %d queries cached", c.Len())
	}
	runtime.KeepAlive(c)
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

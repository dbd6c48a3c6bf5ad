package eval_test

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

func ids(ms []schema.Machine) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.RBACGroupID.V)
	}
	return out
}

func numbered(n int) []schema.Machine {
	ms := make([]schema.Machine, n)
	for i := range ms {
		ms[i].RBACGroupID = schema.Int64Value(int64(i))
	}
	return ms
}

func TestApplySkipThenTop(t *testing.T) {
	ms := numbered(10)
	cases := []struct {
		query string
		want  []int64
	}{
		{"$filter=rbacGroupId ge 3", []int64{3, 4, 5, 6, 7, 8, 9}},
		{"$filter=rbacGroupId ge 3&$top=2", []int64{3, 4}},
		{"$top=2&$filter=rbacGroupId ge 3&$skip=1", []int64{4, 5}}, // $skip applies first, whatever the order
		{"$skip=8", []int64{8, 9}},
		{"$skip=20", nil},
		{"$top=0", nil},
		{"", []int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{"$filter=rbacGroupId mod 2 eq 0&$skip=1&$top=3", []int64{2, 4, 6}},
	}
	for _, c := range cases {
		p, err := eval.Compile(c.query)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		if got := ids(p.Apply(ms)); !slices.Equal(got, c.want) {
			t.Errorf("%s: Apply = %v, want %v", c.query, got, c.want)
		}
		var streamed []int64
		for m := range p.All(slices.Values(ptrs(ms))) {
			streamed = append(streamed, m.RBACGroupID.V)
		}
		if !slices.Equal(streamed, c.want) {
			t.Errorf("%s: All = %v, want %v", c.query, streamed, c.want)
		}
	}
}

func ptrs(ms []schema.Machine) []*schema.Machine {
	out := make([]*schema.Machine, len(ms))
	for i := range ms {
		out[i] = &ms[i]
	}
	return out
}

func TestAllStopsEarly(t *testing.T) {
	p, err := eval.Compile("$filter=rbacGroupId ge 0&$top=3")
	if err != nil {
		t.Fatal(err)
	}
	pulled := 0
	src := func(yield func(*schema.Machine) bool) {
		for i := range 1000 {
			pulled++
			m := &schema.Machine{RBACGroupID: schema.Int64Value(int64(i))}
			if !yield(m) {
				return
			}
		}
	}
	n := 0
	for range p.All(src) {
		n++
	}
	if n != 3 || pulled != 3 {
		t.Errorf("yielded %d and pulled %d records, want 3 and 3", n, pulled)
	}
}

func TestCompileErrorsAreDiagnostics(t *testing.T) {
	for _, q := range []string{"$filter=riskScor eq 'High'", "$top=10001", "$filter=(", "$orderby=x"} {
		_, err := eval.Compile(q)
		var ds ast.Diagnostics
		if !errors.As(err, &ds) || len(ds) == 0 {
			t.Errorf("%s: error %v is not ast.Diagnostics", q, err)
		}
	}
	if _, err := eval.CompileFilter("exposureLevel eq 'High'"); err == nil {
		t.Error("exposureLevel is not filterable in the 2018 model")
	}
	if _, err := eval.CompileFilter("exposureLevel eq 'High'", eval.WithModel(schema.Machines2021)); err != nil {
		t.Errorf("exposureLevel is filterable in the 2021 model: %v", err)
	}
}

// TestConcurrentMatch shares one Program between goroutines; run with -race.
func TestConcurrentMatch(t *testing.T) {
	ms := fleet(2000)
	clock := func() time.Time { return time.Date(2018, 12, 1, 0, 0, 0, 0, time.UTC) }
	p, err := eval.CompileFilter("lastSeen gt now() sub duration'P90D' and machineTags/any(t: startswith(t, 'test') or t eq computerDnsName)", eval.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range ms {
		if p.Match(&ms[i]) {
			want++
		}
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got := 0
			for i := range ms {
				if p.Match(&ms[i]) {
					got++
				}
			}
			if got != want {
				t.Errorf("a goroutine matched %d, want %d", got, want)
			}
		})
	}
	wg.Wait()
}

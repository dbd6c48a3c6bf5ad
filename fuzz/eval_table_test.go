package fuzz

import (
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// TestEvalOnReferenceTable runs eval on the reference's hand-computed
// table: where the reference is known right, eval must keep exactly the
// records whose expected result is true.
func TestEvalOnReferenceTable(t *testing.T) {
	for _, tc := range referenceCases {
		t.Run(tc.filter, func(t *testing.T) {
			p, err := eval.CompileFilter(tc.filter, eval.WithClock(clock))
			if err != nil {
				t.Fatalf("CompileFilter: %v", err)
			}
			if got, want := p.Match(tc.m), tc.want == true; got != want {
				t.Errorf("Match = %v, want %v (the filter is %s)", got, want, showResult(tc.want))
			}
		})
	}
}

// TestNowInClockOffset: now() is the clock's instant; year, hour and
// totaloffsetminutes read it in the clock's own offset, as they read any
// DateTimeOffset. Reading: the contract does not say which offset now()
// has; the reference takes the offset of the time the clock returns.
func TestNowInClockOffset(t *testing.T) {
	at := time.Date(2024, 12, 31, 23, 30, 0, 0, time.FixedZone("", -2*3600)) // 2025 in UTC
	now := func() time.Time { return at }
	for _, f := range []string{
		"year(now()) eq 2024",
		"hour(now()) eq 23",
		"totaloffsetminutes(now()) eq -120",
		"now() eq 2025-01-01T01:30:00Z",
		"date(now()) eq 2024-12-31",
	} {
		c, err := checkText(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := Eval(c, at, &mNull); got != true {
			t.Errorf("reference: %s is %s", f, showResult(got))
		}
		p, err := eval.New(c, eval.WithClock(now))
		if err != nil {
			t.Fatal(err)
		}
		if !p.Match(&mNull) {
			t.Errorf("eval: %s does not match with the clock at %v", f, at)
		}
	}
}

// TestEvalAliasesAgree runs the alias cases of the reference through eval.
func TestEvalAliasesAgree(t *testing.T) {
	for _, q := range []string{
		"$filter=riskScore eq @p&@p='High'",
		"$filter=@p eq riskScore&@p='High'",
		"$filter=id eq @p and riskScore eq @p&@p='High'",
		"$filter=riskScore in @l&@l=['High','Low']",
		"$filter=id in @a&@a=@b&@b=['High']",
		"$filter=hassubset(@l,machineTags)&@l=[]",
		"$filter=not matchesPattern(id,@p)&@p='('",
	} {
		pq, err := parser.ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		c, err := schema.Check(pq)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		p, err := eval.New(c, eval.WithClock(clock))
		if err != nil {
			t.Errorf("%s: eval.New: %v", q, err)
			continue
		}
		m := schema.Machine{ID: schema.StringValue("High"), RiskScore: schema.RiskScoreHigh}
		if got, want := p.Match(&m), Keep(c, TestClock, &m); got != want {
			t.Errorf("%s: Match = %v, reference %v", q, got, want)
		}
	}
}

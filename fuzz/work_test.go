package fuzz

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

// maxRecordDuration bounds one record's evaluation under the default
// budget (eval.DefaultMaxSteps, about 0.1 s): twenty times that, for a
// loaded machine. An evaluation past it is work the budget does not
// charge for, the kind of path (exponential in the filter, or in a
// record's size) that once held a core for minutes.
const maxRecordDuration = 2 * time.Second

// workRecords are a small fleet made for expensive filters: many tags,
// long strings, and nulls.
var workRecords = func() []schema.Machine {
	tags := make([]string, 40)
	for i := range tags {
		tags[i] = fmt.Sprintf("tag%02d", i)
	}
	long := strings.Repeat("abcdefghij0123456789", 500) // 10,000 bytes
	return append([]schema.Machine{
		{ID: schema.StringValue(long), ComputerDNSName: schema.StringValue("host." + long), MachineTags: tags},
		{ID: schema.StringValue("m1"), ComputerDNSName: schema.StringValue("mymachine1.contoso.com"), MachineTags: tags[:5]},
	}, fuzzRecords...)
}()

// FuzzWork compiles a filter and times its evaluation, record by record,
// with MatchContext's budget: a record's evaluation that runs past
// maxRecordDuration fails, as does a compilation past maxDuration. The
// seeds are the attacks of issue 11.
func FuzzWork(f *testing.F) {
	f.Add("machineTags/any(a: machineTags/any(b: machineTags/any(c: c eq a and b eq c)))")
	f.Add("machineTags/any(t0: machineTags/any(t1: machineTags/any(t2: machineTags/any(t3: machineTags/any(t4: machineTags/any(t5: machineTags/any(t6: machineTags/any(t7: t0 eq 'x'))))))))")
	f.Add("matchesPattern(computerDnsName,'" + strings.Repeat("[a-z]{0,1000}", 300) + "')")
	f.Add("matchesPattern(computerDnsName,concat(computerDnsName,'([a-z]{0,100}[0-9]{0,100}){1,5}'))")
	f.Add("matchesPattern(computerDnsName,'(a|b|c|d)*[a-z]{0,200}x')")
	f.Add("matchesPattern(id,'" + strings.Repeat("[a-z]{0,1000}", 30) + "')")
	f.Add("length(concat(concat(concat(id,id),concat(id,id)),concat(concat(id,id),concat(id,id)))) eq 1")
	f.Add("hassubset(machineTags, machineTags) and hassubsequence(machineTags, machineTags)")
	f.Add("machineTags/all(a: machineTags/any(b: contains(concat(a,b),tolower(computerDnsName))))")
	f.Fuzz(func(t *testing.T, expr string) {
		start := time.Now()
		p, err := eval.CompileFilter(expr, eval.WithClock(func() time.Time { return fuzzNow }))
		checkTime(t, expr, start)
		if err != nil {
			return
		}
		for i := range workRecords {
			start := time.Now()
			_, err := p.MatchContext(context.Background(), &workRecords[i])
			if d := time.Since(start); d > maxRecordDuration {
				t.Fatalf("%q on record %d took %v (error %v); the budget should stop it in about 0.1 s", expr, i, d, err)
			}
		}
	})
}

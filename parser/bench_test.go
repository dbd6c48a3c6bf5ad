package parser_test

import (
	"testing"

	"github.com/odatafilter/odatafilter/parser"
)

// benchFilters are the filters of the front-end issue: the Defender
// documentation's samples, from the smallest to a realistic compound one.
var benchFilters = []struct{ name, filter string }{
	{"eq", `riskScore eq 'High'`},
	{"and", `healthStatus ne 'Active' and rbacGroupId eq 140`},
	{"call_or_lambda", `startswith(computerDnsName,'mymachine') or machineTags/any(t: t eq 'test tag 1')`},
	{"compound", `lastSeen gt 2018-08-01T00:00:00Z and (osPlatform eq 'Windows10' or osPlatform eq 'Windows11') and not (riskScore in ('Low','None'))`},
}

// BenchmarkParse measures ParseFilter from text to ast, lexing and limit
// checks included.
func BenchmarkParse(b *testing.B) {
	for _, bf := range benchFilters {
		b.Run(bf.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bf.filter)))
			for b.Loop() {
				if _, err := parser.ParseFilter(bf.filter); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

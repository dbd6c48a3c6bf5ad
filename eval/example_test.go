package eval_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

func ExampleCompile() {
	p, err := eval.Compile("$filter=riskScore+eq+'High'&$top=1")
	if err != nil {
		fmt.Println(err)
		return
	}
	machines := []schema.Machine{
		{ComputerDNSName: schema.StringValue("a"), RiskScore: schema.RiskScoreLow},
		{ComputerDNSName: schema.StringValue("b"), RiskScore: schema.RiskScoreHigh},
		{ComputerDNSName: schema.StringValue("c"), RiskScore: schema.RiskScoreHigh},
	}
	for _, m := range p.Apply(machines) {
		fmt.Println(m.ComputerDNSName.V)
	}
	// Output: b
}

func ExampleProgram_Match() {
	p, err := eval.CompileFilter("machineTags/any(t: t eq 'ExampleTag') and healthStatus ne 'Inactive'")
	if err != nil {
		fmt.Println(err)
		return
	}
	m := schema.Machine{MachineTags: []string{"ExampleTag"}, HealthStatus: schema.HealthStatusActive}
	fmt.Println(p.Match(&m))
	// Output: true
}

func ExampleCompileFilter_error() {
	_, err := eval.CompileFilter("riskScore eq 'Hgh'")
	fmt.Println(err)
	// Output: offset 13: "Hgh" is not a RiskScore; the members are None, Informational, Low, Medium, High
}

// Compile a raw query once and apply it to many machines; an invalid
// query is ast.Diagnostics, rendered with carets and "did you mean".
func Example() {
	machines := []schema.Machine{
		{ComputerDNSName: schema.StringValue("web-01"), RiskScore: schema.RiskScoreHigh, RBACGroupID: schema.Int64Value(140)},
		{ComputerDNSName: schema.StringValue("web-02"), RiskScore: schema.RiskScoreLow, RBACGroupID: schema.Int64Value(140)},
		{ComputerDNSName: schema.StringValue("db-01"), RiskScore: schema.RiskScoreHigh},
	}
	for _, raw := range []string{
		"$filter=riskScore+eq+'High'+and+rbacGroupId+eq+140&$top=10",
		"$filter=riskScor+eq+'High'",
	} {
		p, err := eval.Compile(raw)
		var ds ast.Diagnostics
		if errors.As(err, &ds) {
			fmt.Print(ds.Render(raw))
			continue
		}
		for _, m := range p.Apply(machines) {
			fmt.Println(m.ComputerDNSName)
		}
	}
	// Output:
	// web-01
	// error: unknown field riskScor; the filterable fields are Id, ComputerDnsName, LastSeen, OsPlatform, LastIpAddress, HealthStatus, RbacGroupId, RiskScore, MachineTags [unknown_field]
	//  | $filter=riskScor+eq+'High'
	//  |         ^~~~~~~~
	//  = did you mean `riskScore`?
}

// WithModel checks a query against the newer list of filterable fields;
// WithClock fixes what now() reads.
func ExampleWithModel() {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	p, err := eval.CompileFilter("exposureLevel ge 'Medium' and lastSeen gt now() sub duration'P30D'",
		eval.WithModel(schema.Machines2021), eval.WithClock(func() time.Time { return now }))
	if err != nil {
		fmt.Println(err)
		return
	}
	recent := schema.Machine{ExposureLevel: schema.ExposureLevelHigh,
		LastSeen: schema.DateTimeOffsetOf(now.Add(-24 * time.Hour))}
	stale := recent
	stale.LastSeen = schema.DateTimeOffsetOf(now.Add(-60 * 24 * time.Hour))
	fmt.Println(p.Match(&recent), p.Match(&stale))

	_, err = eval.CompileFilter("exposureLevel ge 'Medium'") // the default, 2018 model
	fmt.Println(err != nil)
	// Output:
	// true false
	// true
}

package eval_test

import (
	"fmt"

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

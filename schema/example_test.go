package schema_test

import (
	"fmt"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

func ExampleMachine_UnmarshalJSON() {
	var m schema.Machine
	err := m.UnmarshalJSON([]byte(`{
		"id": "1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
		"lastSeen": "2018-08-02T16:55:03.7791856+02:00",
		"healthStatus": "active",
		"rbacGroupId": "140",
		"aadDeviceId": null,
		"defenderAvStatus": "Updated"
	}`))
	fmt.Println(err)
	fmt.Println(m.HealthStatus, m.RBACGroupID.V, m.AADDeviceID.Valid, m.MachineTags == nil)
	fmt.Println(m.LastSeen, m.LastSeen.Time().UTC().Format("15:04:05"))

	err = m.UnmarshalJSON([]byte(`{"riskScore": "Critical"}`))
	fmt.Println(err)
	// Output:
	// <nil>
	// Active 140 false true
	// 2018-08-02T16:55:03.7791856+02:00 14:55:03
	// schema: machine field riskScore (offset 14): unknown RiskScore member "Critical"; the members are None, Informational, Low, Medium, High
}

func ExampleModel_Lookup() {
	f, _ := schema.Machines.Lookup("RISKSCORE")
	fmt.Println(f.Name, f.CanonicalName, f.Type, f.Filterable, f.Type.Enum.Ordered)

	ord, _ := f.Type.Enum.Member("high")
	m := schema.Machine{RiskScore: schema.RiskScoreHigh}
	v, ok := f.Enum(&m)
	fmt.Println(ok, v == ord)

	g, _ := schema.Machines.Lookup("exposureLevel")
	h, _ := schema.Machines2021.Lookup("exposureLevel")
	fmt.Println(g.Filterable, h.Filterable)
	// Output:
	// riskScore RiskScore Microsoft.WindowsDefenderATP.Api.RiskScore true true
	// true true
	// false true
}

func ExampleModel_FilterableNames() {
	fmt.Println(schema.Machines.FilterableNames())
	fmt.Println(len(schema.Machines2021.FilterableNames()))
	// Output:
	// [Id ComputerDnsName LastSeen OsPlatform LastIpAddress HealthStatus RbacGroupId RiskScore MachineTags]
	// 14
}

func ExampleCheck() {
	q, err := parser.ParseQuery("$filter=riskScore+eq+'High'+and+machineTags/any(tag:+tag+eq+'ExampleTag')&$top=100")
	if err != nil {
		panic(err)
	}
	c, err := schema.Check(q)
	fmt.Println(err)
	for _, f := range c.FieldsRead() {
		fmt.Println(f.Name, f.Type)
	}

	q, _ = parser.ParseQuery("$filter=riskScor eq 'High' and healthStatus gt 'Active'")
	_, err = schema.Check(q)
	fmt.Print(err.(ast.Diagnostics).Render(q.Text))
	// Output:
	// <nil>
	// riskScore Microsoft.WindowsDefenderATP.Api.RiskScore
	// machineTags Collection(Edm.String)
	// error: unknown field riskScor; the filterable fields are Id, ComputerDnsName, LastSeen, OsPlatform, LastIpAddress, HealthStatus, RbacGroupId, RiskScore, MachineTags [unknown_field]
	//  | $filter=riskScor eq 'High' and healthStatus gt 'Active'
	//  |         ^~~~~~~~
	//  = did you mean `riskScore`?
	// error: HealthStatus is not ordered: use eq, ne or in, not gt [type_mismatch]
	//  | $filter=riskScor eq 'High' and healthStatus gt 'Active'
	//  |                                             ^~
}

// One parse, checked against the 2018 and the 2021 whitelists.
func ExampleModel_Check() {
	e, _ := parser.ParseFilter("exposureLevel ge 'Medium'")
	for _, m := range []*schema.Model{schema.Machines, schema.Machines2021} {
		_, err := m.CheckFilter(e)
		if ds, ok := err.(ast.Diagnostics); ok {
			fmt.Println(ds[0].Code)
		} else {
			fmt.Println("ok")
		}
	}
	// Output:
	// not_filterable
	// ok
}

// Decode a machine record and print its fields: every scalar is a value
// that may be null, and prints as its value or "null".
func Example() {
	var m schema.Machine
	err := m.UnmarshalJSON([]byte(`{"computerDnsName":"web-01","riskScore":"High",
		"rbacGroupId":"140","isAadJoined":null,"lastSeen":"2024-12-31T23:30:00-02:00"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.ComputerDNSName, m.RiskScore, m.RBACGroupID, m.IsAADJoined, m.LastSeen)
	fmt.Println(m.ExposureLevel, m.OSBuild, m.RBACGroupID.V+1)
	// Output:
	// web-01 High 140 null 2024-12-31T23:30:00-02:00
	// null null 141
}

package schema_test

import (
	"fmt"

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
	// schema: machine field riskScore (offset 14): unknown RiskScore member "Critical" (members: [None Informational Low Medium High])
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

package fleet_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/schema"
)

// Generate writes the same fleet for the same seed; here as NDJSON, read
// back with the Machine codec.
func ExampleGenerate() {
	var buf bytes.Buffer
	if err := fleet.Generate(&buf, 4, 1, true); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		var m schema.Machine
		if err := m.UnmarshalJSON(sc.Bytes()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return
		}
		fmt.Println(m.ComputerDNSName.V, m.OSPlatform.V, m.HealthStatus, m.RiskScore)
	}
	// Output:
	// desktop-jq3khds.contoso.com Windows10 Active Informational
	// ws-misc-3175.contoso.com Windows10 Active Informational
	// laptop-jonas.contoso.com Windows11 Active Medium
	// ws-eng-8008.contoso.com Windows10 Active None
}

// Sample is the fleet the odatafilter command uses when it has no data; it
// starts with the two machines of the documented example response.
func ExampleSample() {
	sc := bufio.NewScanner(bytes.NewReader(fleet.Sample()))
	sc.Buffer(nil, 1<<20)
	sc.Scan() // the envelope's first line
	sc.Scan()
	var m schema.Machine
	if err := m.UnmarshalJSON(bytes.TrimSuffix(sc.Bytes(), []byte(","))); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Println(m.ComputerDNSName.V, m.RBACGroupID.V, m.MachineTags)
	// Output:
	// mymachine1.contoso.com 140 [test tag 1 test tag 2]
}

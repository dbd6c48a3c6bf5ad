package odatafilter_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/odatafilter/odatafilter"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/records"
)

// Filter a machine list, keeping each selected record byte for byte (the
// unknown field "note", the escape \u00e9), as "odatafilter query" does.
func ExampleQuery() {
	in := strings.NewReader(`{"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#Machines","value":[
		{"id":"a1","riskScore":"High","note":"caf\u00e9"},
		{"id":"b2","riskScore":"Low"},
		{"id":"c3","riskScore":"High"}]}`)
	prog, err := eval.Compile("$filter=riskScore+eq+'High'&$top=10")
	if err != nil {
		log.Fatal(err)
	}
	res, err := odatafilter.Query(context.Background(), prog, in, os.Stdout, odatafilter.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d selected (the input: %s)\n", res.Selected, res.Format)
	// Output:
	// {"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#Machines","value":[
	// {"id":"a1","riskScore":"High","note":"caf\u00e9"},
	// {"id":"c3","riskScore":"High"}
	// ]}
	// 2 selected (the input: envelope)
}

// Bad data is a *records.Error naming the record and the byte offset; the
// response document is then not written at all.
func ExampleQuery_badData() {
	in := strings.NewReader(`[{"id":"a1","riskScore":"High"},{"id":"b2","riskScore":"Hihg"}]`)
	prog, err := eval.CompileFilter("riskScore eq 'High'")
	if err != nil {
		log.Fatal(err)
	}
	_, err = odatafilter.Query(context.Background(), prog, in, os.Stdout, odatafilter.Options{})
	var re *records.Error
	if errors.As(err, &re) {
		fmt.Println("record", re.Index+1, "at byte", re.Offset)
	}
	// Output:
	// record 2 at byte 55
}

// Read a machine list of any format into Machines, and match them.
func ExampleReadMachines() {
	in := strings.NewReader(`{"id":"a1","computerDnsName":"web-01","riskScore":"High","machineTags":["PCI"]}
{"id":"b2","computerDnsName":"web-02","riskScore":"Low"}
`)
	machines, err := odatafilter.ReadMachines(context.Background(), in)
	if err != nil {
		log.Fatal(err)
	}
	prog, err := eval.CompileFilter("machineTags/any(t: t eq 'PCI') or riskScore ge 'Medium'")
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range prog.Apply(machines) {
		fmt.Println(m.ComputerDNSName, m.RiskScore, m.MachineTags)
	}
	// Output:
	// web-01 High [PCI]
}

// Select hands each selected record to a function, with its place in the
// input.
func ExampleSelect() {
	in := strings.NewReader(`[{"id":"a1","rbacGroupId":140},{"id":"b2","rbacGroupId":"141"}]`)
	prog, err := eval.CompileFilter("rbacGroupId gt 140")
	if err != nil {
		log.Fatal(err)
	}
	_, err = odatafilter.Select(context.Background(), prog, in, func(rec records.Record) error {
		fmt.Printf("record %d at byte %d: %s\n", rec.Index+1, rec.Offset, rec.Raw)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// record 2 at byte 31: {"id":"b2","rbacGroupId":"141"}
}

// Count the machines a filter matches, as "odatafilter query --count"
// does: $top and $skip do not change the count, as for OData's $count.
func ExampleCount() {
	in := strings.NewReader(`{"id":"a1","riskScore":"High"}
{"id":"b2","riskScore":"Low"}
{"id":"c3","riskScore":"High"}
`)
	prog, err := eval.Compile("$filter=riskScore+eq+'High'&$top=1")
	if err != nil {
		log.Fatal(err)
	}
	res, err := odatafilter.Count(context.Background(), prog, in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Selected)
	// Output:
	// 2
}

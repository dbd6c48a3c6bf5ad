package records_test

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/odatafilter/odatafilter/records"
)

// Read NDJSON and write the records, unchanged, as a Defender response.
func Example() {
	in := `{"id":"a1","riskScore":"High","note":"caf\u00e9"}
{"id":"b2","riskScore":"Low"}
`
	rd := records.NewReader(strings.NewReader(in))
	w := records.NewEnvelopeWriter(os.Stdout, records.DefaultContext)
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		w.Write(rec.Raw) // rec.Raw is valid until the next Next
	}
	w.Close()
	fmt.Println(rd.Format())
	// Output:
	// {"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#Machines","value":[
	// {"id":"a1","riskScore":"High","note":"caf\u00e9"},
	// {"id":"b2","riskScore":"Low"}
	// ]}
	// ndjson
}

// Malformed input is an *Error naming the record and the byte offset.
func ExampleError() {
	_, _, err := records.ReadAll(strings.NewReader(`[{"id":"a1"},{"id":"b2",}]`))
	fmt.Println(err)
	// Output:
	// record 2 at byte 24: unexpected '}'; want a string naming an object member
}

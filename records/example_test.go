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

// ReadAll keeps every record's text, for a program that holds a list in
// memory (as the serve command does); Format says what the input was.
func ExampleReadAll() {
	recs, format, err := records.ReadAll(strings.NewReader(`[{"id":"a1","x":1.50}, {"id":"b2"}]`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rec := range recs {
		fmt.Printf("record %d at byte %d: %s\n", rec.Index+1, rec.Offset, rec.Raw)
	}
	fmt.Println(format)
	// Output:
	// record 1 at byte 1: {"id":"a1","x":1.50}
	// record 2 at byte 23: {"id":"b2"}
	// array
}

// An NDJSON writer puts each record on a line of its own, turning the
// line breaks between a record's tokens into spaces.
func ExampleNewNDJSONWriter() {
	w := records.NewNDJSONWriter(os.Stdout)
	w.Write([]byte("{\"id\":\"a1\",\n \"riskScore\":\"High\"}"))
	w.Write([]byte(`{"id":"b2"}`))
	if err := w.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"id":"a1",  "riskScore":"High"}
	// {"id":"b2"}
}

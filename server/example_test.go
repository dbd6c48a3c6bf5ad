package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/server"
)

// A test server for an SDK: two machines, one token limited to group 140.
func Example() {
	doc := `{"value":[{"id":"a1","riskScore":"High","rbacGroupId":140},
	                  {"id":"b2","riskScore":"High","rbacGroupId":141}]}`
	recs, _, err := records.ReadAll(strings.NewReader(doc))
	if err != nil {
		log.Fatal(err)
	}
	h, err := server.New(recs, server.Options{
		BaseURL: "https://api.securitycenter.microsoft.com",
		Tokens:  map[string][]int64{"secret": {140}},
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", h)
	srv := httptest.NewServer(mux) // 127.0.0.1, a free port
	defer srv.Close()

	req, _ := http.NewRequest("GET", srv.URL+"/api/machines?$filter=riskScore+eq+'High'", nil)
	req.Header.Set("Authorization", "Bearer secret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.Status)
	fmt.Println(string(body))
	// Output:
	// 200 OK
	// {"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#Machines","value":[{"id":"a1","riskScore":"High","rbacGroupId":140}]}
}

// New serves a machine list read with records.ReadAll; here the handler
// answers in-process, through httptest.NewRecorder. A query that does not
// compile is a 400 whose message says where, with "did you mean".
func ExampleNew() {
	doc := `[{"id":"a1","computerDnsName":"web-01","riskScore":"High"},
	         {"id":"b2","computerDnsName":"web-02","riskScore":"Low"}]`
	recs, _, err := records.ReadAll(strings.NewReader(doc))
	if err != nil {
		log.Fatal(err)
	}
	h, err := server.New(recs, server.Options{BaseURL: "https://api.securitycenter.microsoft.com"})
	if err != nil {
		log.Fatal(err)
	}
	for _, target := range []string{
		"/api/machines?$filter=riskScore+eq+'High'",
		"/api/machines?$filter=riskScor+eq+'High'",
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(w.Code)
		if w.Code != http.StatusOK {
			var body struct {
				Error struct{ Code, Message string }
			}
			json.Unmarshal(w.Body.Bytes(), &body)
			fmt.Println(body.Error.Code)
			fmt.Println(body.Error.Message)
			continue
		}
		fmt.Print(w.Body.String(), "\n")
	}
	// Output:
	// 200
	// {"@odata.context":"https://api.securitycenter.microsoft.com/api/$metadata#Machines","value":[{"id":"a1","computerDnsName":"web-01","riskScore":"High"}]}
	// 400
	// ODataError
	// Invalid OData URI query: unknown field riskScor; the filterable fields are Id, ComputerDnsName, LastSeen, OsPlatform, LastIpAddress, HealthStatus, RbacGroupId, RiskScore, MachineTags (at 8-16; did you mean `riskScore`?)
	//  | $filter=riskScor+eq+'High'
	//  |         ^~~~~~~~
}

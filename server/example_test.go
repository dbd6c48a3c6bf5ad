package server_test

import (
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

package server

import (
	"net/http"
	"strings"
	"testing"
)

// The small fleet of the status tests. The records carry an unknown
// field, odd spacing, escapes and number spellings that must survive.
var (
	m140 = `{"id":"a1", "rbacGroupId":140,"riskScore":"High","x":{"k":[1.50,"\u00e9"]}}`
	m141 = `{ "riskScore" : "Low" , "id" : "b2" , "rbacGroupId" : "141" }`
	mNil = `{"id":"c3","rbacGroupId":null,"riskScore":"High"}`
	m142 = `{"id":"d4","rbacGroupId":142,"healthStatus":"Inactive","machineTags":["t 1"]}`
	mDup = `{"id":"a1","rbacGroupId":141,"note":"a second a1"}`

	smallFleet = []string{m140, m141, mNil, m142, mDup}
)

// TestList: the collection answers 200 with the envelope, the records
// byte for byte, in order.
func TestList(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{})
	tests := []struct {
		query string
		want  []string
	}{
		{"", smallFleet},
		{"?$filter=riskScore+eq+'High'", []string{m140, mNil}},
		{"?$filter=rbacGroupId eq 141", []string{m141, mDup}},
		{"?$filter=machineTags/any(t:t eq 't 1')", []string{m142}},
		{"?$filter=riskScore eq 'None'", nil},
		{"?$top=2", []string{m140, m141}},
		{"?$skip=3", []string{m142, mDup}},
		{"?$filter=rbacGroupId ne null&$skip=1&$top=2", []string{m141, m142}},
		{"?$top=0", nil},
		{"?$skip=99", nil},
		{"?custom=1&$FILTER=id%20eq%20%27d4%27", []string{m142}},
	}
	for _, tt := range tests {
		r := get(t, srv, "/api/machines"+tt.query, "")
		if r.status != http.StatusOK {
			t.Errorf("%s: status %d; body %s", tt.query, r.status, r.body)
			continue
		}
		if want := wantBody(srv.URL, "", tt.want...); string(r.body) != want {
			t.Errorf("%s:\n got %s\nwant %s", tt.query, r.body, want)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q", tt.query, ct)
		}
		if !uuidRE.MatchString(r.header.Get(RequestIDHeader)) {
			t.Errorf("%s: %s %q is not a request id", tt.query, RequestIDHeader, r.header.Get(RequestIDHeader))
		}
	}
}

// TestBaseURL: Options.BaseURL names the context; without it, the Host
// of the request does.
func TestBaseURL(t *testing.T) {
	srv, _ := start(t, toRecords(m140), Options{BaseURL: "https://api.securitycenter.microsoft.com/"})
	r := get(t, srv, "/api/machines", "")
	if want := wantBody("https://api.securitycenter.microsoft.com", "", m140); string(r.body) != want {
		t.Errorf("got %s\nwant %s", r.body, want)
	}
}

// TestErrors: every error status, with Defender's error document.
func TestErrors(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{MaxRequestBytes: 2048})
	long := "/api/machines?$filter=" + strings.Repeat("a", 2048)
	tests := []struct {
		method, target string
		status         int
		code, message  string
	}{
		{"GET", "/api/machines?$filter=riskScor eq 'High'", 400, "ODataError",
			"Invalid OData URI query: unknown field riskScor"},
		{"GET", "/api/machines?$filter=riskScore eq 'Hgh' and rbacGroupId eq 'x'", 400, "ODataError",
			"Invalid OData URI query: "},
		{"GET", "/api/machines?$orderby=id", 400, "ODataError", "Invalid OData URI query: query option $orderby is not supported"},
		{"GET", "/api/machines?$top=10001", 400, "ODataError", "Invalid OData URI query: "},
		{"GET", "/api/machines?$filter=", 400, "ODataError", "Invalid OData URI query: query option $filter has no value"},
		{"GET", "/api/machines?$filter=a%zz", 400, "ODataError", "Invalid OData URI query: "},
		{"GET", "/api/machines/zz", 404, "ResourceNotFound", "Machine zz was not found"},
		{"GET", "/api/machines/a1/x", 404, "NotFound", "No resource at /api/machines/a1/x"},
		{"GET", "/api/machines/", 404, "NotFound", ""},
		{"GET", "/api/machinesX", 404, "NotFound", ""},
		{"GET", "/api/alerts", 404, "NotFound", ""},
		{"GET", "/index.html", 404, "NotFound", ""}, // "/" is the explorer page
		{"GET", "/explorer/", 404, "NotFound", ""},
		{"POST", "/api/machines", 405, "MethodNotAllowed", "The method POST is not allowed"},
		{"DELETE", "/api/machines/a1", 405, "MethodNotAllowed", "The method DELETE is not allowed"},
		{"PATCH", "/api/machines", 405, "MethodNotAllowed", ""},
		{"OPTIONS", "/api/machines", 405, "MethodNotAllowed", ""},
		{"GET", long, 414, "InvalidInput", "The request URL is longer than 2048 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+clip(tt.target, 60), func(t *testing.T) {
			r := do(t, srv.Client(), tt.method, srv.URL, tt.target, "")
			checkError(t, r, tt.status, tt.code, tt.message)
			if tt.status == 405 && r.header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q, want \"GET, HEAD\"", r.header.Get("Allow"))
			}
		})
	}
}

// TestErrorMessageJoinsDiagnostics: a query with several errors reports
// each diagnostic, with its position and suggestion, joined by "; ", and
// shows each under the query as the client sent it.
func TestErrorMessageJoinsDiagnostics(t *testing.T) {
	srv, _ := start(t, toRecords(m140), Options{})
	raw := "$filter=riskScor+eq+'High'+and+healthStatus+eq+%27Actve%27"
	r := get(t, srv, "/api/machines?"+raw, "")
	msg := checkError(t, r, 400, "ODataError", "")
	want := "Invalid OData URI query: unknown field riskScor; the filterable fields are Id, ComputerDnsName, LastSeen, OsPlatform, LastIpAddress, HealthStatus, RbacGroupId, RiskScore, MachineTags (at 8-16; did you mean `riskScore`?); " +
		`"Actve" is not a HealthStatus; the members are Active, Inactive, ImpairedCommunication, NoSensorData, NoSensorDataImpairedCommunication, Unknown (at 47-58; did you mean 'Active'?)` + "\n" +
		" | $filter=riskScor+eq+'High'+and+healthStatus+eq+%27Actve%27\n" +
		" |         ^~~~~~~~\n" +
		" | $filter=riskScor+eq+'High'+and+healthStatus+eq+%27Actve%27\n" +
		" |                                                ^~~~~~~~~~~"
	if msg != want {
		t.Errorf("message\n%s\nwant\n%s", msg, want)
	}
}

// TestBodyTooLarge: a declared body over the limit is 413.
func TestBodyTooLarge(t *testing.T) {
	srv, _ := start(t, toRecords(m140), Options{MaxRequestBytes: 100})
	req, _ := http.NewRequest("GET", srv.URL+"/api/machines", strings.NewReader(strings.Repeat("x", 101)))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", resp.StatusCode)
	}
}

// TestEmptyFleet: with no machines the collection is 404 ResourceNotFound;
// a bad query is still 400 and an id still 404.
func TestEmptyFleet(t *testing.T) {
	srv, _ := start(t, nil, Options{})
	checkError(t, get(t, srv, "/api/machines", ""), 404, "ResourceNotFound", "No machines were found")
	checkError(t, get(t, srv, "/api/machines?$filter=riskScore eq 'High'", ""), 404, "ResourceNotFound", "")
	checkError(t, get(t, srv, "/api/machines?$filter=bad eq", ""), 400, "ODataError", "Invalid OData URI query: ")
	checkError(t, get(t, srv, "/api/machines/a1", ""), 404, "ResourceNotFound", "Machine a1 was not found")
}

// TestEntity: /api/machines/{id} answers the first record with the id,
// as an entity: the context first, then the record's own bytes.
func TestEntity(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{})
	ctx := `{"@odata.context":"` + srv.URL + `/api/$metadata#Machines/$entity",`
	tests := map[string]string{
		"a1": ctx + m140[1:],
		"b2": ctx + m141[1:], // everything after the brace, spacing and all
		"d4": ctx + m142[1:],
	}
	for id, want := range tests {
		r := get(t, srv, "/api/machines/"+id, "")
		if r.status != 200 || string(r.body) != want {
			t.Errorf("%s: status %d\n got %s\nwant %s", id, r.status, r.body, want)
		}
	}
	r := get(t, srv, "/API/Machines/b2?api-version=1.0", "") // $filter here is a 400: TestEntityQuery
	if r.status != 200 {
		t.Errorf("case-insensitive prefix: status %d", r.status)
	}
	checkError(t, get(t, srv, "/api/machines/A1", ""), 404, "ResourceNotFound", "Machine A1 was not found")
}

// TestHead: HEAD is answered like GET, without a body.
func TestHead(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{})
	for _, target := range []string{"/api/machines", "/api/machines/a1"} {
		r := do(t, srv.Client(), http.MethodHead, srv.URL, target, "")
		if r.status != 200 || len(r.body) != 0 {
			t.Errorf("HEAD %s: status %d, %d body bytes", target, r.status, len(r.body))
		}
	}
}

// TestPanic: a panic before anything is written is a 500 with the error
// document, and the server goes on serving. (The handler's state is
// broken on purpose: the records' bytes are gone.)
func TestPanic(t *testing.T) {
	srv, h := start(t, toRecords(m140), Options{})
	h.raws = nil
	checkError(t, get(t, srv, "/api/machines", ""), 500, "InternalServerError", "Internal server error")
	checkError(t, get(t, srv, "/api/machines/nope", ""), 404, "ResourceNotFound", "")
}

package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/records"
)

// toRecords wraps raw JSON objects as records.ReadAll would return them.
func toRecords(raws ...string) []records.Record {
	recs := make([]records.Record, len(raws))
	var off int64
	for i, r := range raws {
		recs[i] = records.Record{Index: i, Offset: off, Raw: []byte(r)}
		off += int64(len(r)) + 1
	}
	return recs
}

// start serves recs with opts on a loopback listener (httptest binds
// 127.0.0.1) for the length of the test.
func start(t testing.TB, recs []records.Record, opts Options) (*httptest.Server, *Handler) {
	t.Helper()
	h, err := New(recs, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, h
}

// response is what a test request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request; target is a path and query, or a full URL, in
// which spaces are sent as %20, as a browser sends them. token, when not
// empty, is sent as a bearer token.
func do(t testing.TB, client *http.Client, method, base, target, token string) response {
	t.Helper()
	r, err := send(client, method, base, target, token)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// send is do for goroutines other than the test's: it returns the error.
func send(client *http.Client, method, base, target, token string) (response, error) {
	url := strings.ReplaceAll(target, " ", "%20")
	if !strings.HasPrefix(target, "http") {
		url = base + url
	}
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return response{}, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	return response{resp.StatusCode, resp.Header, body}, nil
}

// readResponse reads and closes resp's body.
func readResponse(t testing.TB, resp *http.Response) response {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

func get(t testing.TB, srv *httptest.Server, target, token string) response {
	t.Helper()
	return do(t, srv.Client(), http.MethodGet, srv.URL, target, token)
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// checkError checks an error response: the status, exactly the members
// error.code, error.message and error.target, the code, a target that is
// the request id of the X-Request-Id header, and a message that starts
// with wantPrefix. It returns the message.
func checkError(t *testing.T, r response, status int, code, wantPrefix string) string {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var doc map[string]map[string]any
	dec := json.NewDecoder(bytes.NewReader(r.body))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("error body %s: %v", r.body, err)
	}
	if len(doc) != 1 || len(doc["error"]) != 3 {
		t.Fatalf("error body %s: want exactly {\"error\":{code,message,target}}", r.body)
	}
	e := doc["error"]
	gotCode, _ := e["code"].(string)
	msg, _ := e["message"].(string)
	target, _ := e["target"].(string)
	if gotCode != code {
		t.Errorf("code %q, want %q; body %s", gotCode, code, r.body)
	}
	if !strings.HasPrefix(msg, wantPrefix) {
		t.Errorf("message %q, want it to start with %q", msg, wantPrefix)
	}
	if !uuidRE.MatchString(target) {
		t.Errorf("target %q is not a request id", target)
	}
	if id := r.header.Get(RequestIDHeader); id != target {
		t.Errorf("%s header %q, target %q: want the same", RequestIDHeader, id, target)
	}
	return msg
}

// envelope is a decoded 200 response of the collection.
type envelope struct {
	Context  string            `json:"@odata.context"`
	Value    []json.RawMessage `json:"value"`
	NextLink string            `json:"@odata.nextLink"`
}

func decodeEnvelope(t testing.TB, r response) envelope {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d, want 200; body %.300s", r.status, r.body)
	}
	var env envelope
	if err := json.Unmarshal(r.body, &env); err != nil {
		t.Fatalf("envelope %.300s: %v", r.body, err)
	}
	return env
}

// wantBody is the exact collection response holding raws.
func wantBody(base, next string, raws ...string) string {
	s := `{"@odata.context":"` + base + `/api/$metadata#Machines","value":[` + strings.Join(raws, ",") + "]"
	if next != "" {
		s += `,"@odata.nextLink":"` + next + `"`
	}
	return s + "}"
}

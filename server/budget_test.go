package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"
)

// taggedFleet is n machines with tags tags each: nested lambdas over them
// cost tags^depth steps per machine.
func taggedFleet(n, tags int) []string {
	ts := make([]string, tags)
	for j := range ts {
		ts[j] = fmt.Sprintf("%q", fmt.Sprintf("tag%d", j))
	}
	raws := make([]string, n)
	for i := range raws {
		raws[i] = fmt.Sprintf(`{"id":"m%d","computerDnsName":"host%d.contoso.com","rbacGroupId":140,"machineTags":[%s]}`,
			i, i, strings.Join(ts, ","))
	}
	return raws
}

func nested(depth int) string {
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, "machineTags/any(t%d:", i)
	}
	b.WriteString("t0 eq 'x'" + strings.Repeat(")", depth))
	return b.String()
}

func filterQuery(f string) string { return "/api/machines?$filter=" + url.QueryEscape(f) }

// TestWorkIsBounded: the attacks of issue 11 are refused, or cut off by
// the per-machine budget, with a 400 that says why.
func TestWorkIsBounded(t *testing.T) {
	srv, _ := start(t, toRecords(taggedFleet(5, 300)...), Options{})
	checkError(t, get(t, srv, filterQuery(nested(4)), ""), 400, "ODataError", "Invalid OData URI query: lambdas are nested more than 3 deep")
	checkError(t, get(t, srv, filterQuery("matchesPattern(id,'"+strings.Repeat("[a-z]{0,1000}", 300)+"')"), ""),
		400, "ODataError", "Invalid OData URI query: the regular expression compiles to more than")
	// Three lambdas over 300 tags: 27 million steps for the first machine.
	checkError(t, get(t, srv, filterQuery(nested(3)), ""), 400, "ODataError", "Invalid OData URI query: the filter needs more than 10000000 steps")
	// A computed pattern is compiled once per distinct pattern.
	r := get(t, srv, filterQuery("matchesPattern(computerDnsName,concat(computerDnsName,'([a-z]{0,100}[0-9]{0,100}){1,5}'))"), "")
	if r.status != 200 || len(decodeEnvelope(t, r).Value) != 5 {
		t.Errorf("computed pattern: status %d, body %.200s", r.status, r.body)
	}
}

// TestComputeTimeout: a query that runs past Options.ComputeTimeout is
// answered 503, and logged so.
func TestComputeTimeout(t *testing.T) {
	var logs lockedBuffer
	srv, _ := start(t, toRecords(taggedFleet(50, 1000)...), Options{
		MaxSteps: -1, ComputeTimeout: 100 * time.Millisecond, Log: slog.New(slog.NewJSONHandler(&logs, nil)),
	})
	start := time.Now()
	checkError(t, get(t, srv, filterQuery(nested(3)), ""), 503, "ServiceUnavailable", "The query did not finish within 100ms")
	if d := time.Since(start); d > 10*time.Second { // each machine alone takes about 10 s
		t.Errorf("answered after %v", d)
	}
	if line := logs.String(); !strings.Contains(line, `"status":503`) {
		t.Errorf("log %s, want status 503", line)
	}
}

// TestDisconnectStopsComputation: a client that goes away stops the
// computation of its request, inside the evaluation of one machine (each
// takes about 10 s here), and the request is logged as 499, canceled.
func TestDisconnectStopsComputation(t *testing.T) {
	var logs lockedBuffer
	srv, _ := start(t, toRecords(taggedFleet(20, 1000)...), Options{
		MaxSteps: -1, ComputeTimeout: -1, Log: slog.New(slog.NewJSONHandler(&logs, nil)),
	})
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+filterQuery(nested(3)), nil)
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the request was answered (%s); want it cut off by the client", resp.Status)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), `"canceled":true`) {
		if time.Now().After(deadline) {
			t.Fatalf("the handler was still computing 10 s after its client left; log %q", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if line := logs.String(); !strings.Contains(line, `"status":499`) {
		t.Errorf("log %s, want status 499", line)
	}
	srv.CloseClientConnections()
	for runtime.NumGoroutine() > before+1 {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines, %d before the request", runtime.NumGoroutine(), before)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestShutdownCause: a request whose context is canceled with ErrShutdown
// (the serve command does so when it shuts down) is answered 503 at once.
func TestShutdownCause(t *testing.T) {
	h, err := New(toRecords(taggedFleet(20, 1000)...), Options{MaxSteps: -1, ComputeTimeout: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	time.AfterFunc(100*time.Millisecond, func() { cancel(ErrShutdown) })
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", filterQuery(nested(3)), nil).WithContext(ctx))
	if w.Code != 503 || !strings.Contains(w.Body.String(), "shutting down") || w.Header().Get("Connection") != "close" {
		t.Errorf("status %d, Connection %q, body %s; want 503 shutting down, Connection: close", w.Code, w.Header().Get("Connection"), w.Body)
	}
}

// TestBaseURLNotHost: Options.BaseURL, not the Host header, makes the context and
// the nextLink; without it a request with no Host gets the address it came
// to, not "http:///".
func TestBaseURLNotHost(t *testing.T) {
	raws := taggedFleet(3, 1)
	h, err := New(toRecords(raws...), Options{BaseURL: "https://api.example.com/", PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/api/machines", nil)
	req.Host = "evil.example"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	body := w.Body.String()
	if strings.Contains(body, "evil") || !strings.Contains(body, `"@odata.context":"https://api.example.com/api/$metadata#Machines"`) ||
		!strings.Contains(body, `"@odata.nextLink":"https://api.example.com/api/machines?$skip=1"`) {
		t.Errorf("with BaseURL, Host evil.example: %s", body)
	}

	h, _ = New(toRecords(raws...), Options{PageSize: 1})
	req = httptest.NewRequest("GET", "/api/machines", nil)
	req.Host = ""
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, net.Addr(addr)))
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if body := w.Body.String(); !strings.Contains(body, `"http://127.0.0.1:8080/api/$metadata#Machines"`) ||
		!strings.Contains(body, `"http://127.0.0.1:8080/api/machines?$skip=1"`) {
		t.Errorf("no Host: %s", body)
	}
	req = httptest.NewRequest("GET", "/api/machines/m1", nil)
	req.Host = ""
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if body := w.Body.String(); !strings.Contains(body, `"http://localhost/api/$metadata#Machines/$entity"`) {
		t.Errorf("no Host, no local address: %s", body)
	}
}

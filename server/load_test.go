package server

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/fuzz"
)

// loadRequest is one request of the load mix.
type loadRequest struct {
	method, target, token string
}

// loadMix is the load test's requests: good and bad queries, paging,
// scopes, the id route, 401, 404 and 405.
var loadMix = []loadRequest{
	{"GET", "/api/machines", "all"},
	{"GET", "/api/machines?$skip=500", "all"},
	{"GET", "/api/machines?$filter=riskScore eq 'High'", "all"},
	{"GET", "/api/machines?$filter=riskScore eq 'High'", "t140"},
	{"GET", "/api/machines?$filter=riskScore in ('Low','Medium') and rbacGroupId ne 142&$top=37&$skip=11", "all"},
	{"GET", "/api/machines?$filter=startswith(id,'m01') or contains(id,'99')", "t140"},
	{"GET", "/api/machines?$filter=lastSeen gt now() sub duration'P30D'", "all"},
	{"GET", "/api/machines?$filter=not (rbacGroupId eq 140) and riskScore ge 'Medium'", "all"},
	{"GET", "/api/machines?$filter=riskScor eq 'High'", "all"},                 // 400
	{"GET", "/api/machines?$filter=riskScore eq", "all"},                       // 400
	{"GET", "/api/machines?$orderby=id&$top=3", "t140"},                        // 400
	{"GET", "/api/machines?$top=10001", "all"},                                 // 400
	{"GET", "/api/machines?$filter=((((((((((a", "all"},                        // 400
	{"GET", "/api/machines", ""},                                               // 401
	{"GET", "/api/machines", "wrong"},                                          // 401
	{"GET", "/api/machines/m00042", "all"},                                     // 200
	{"GET", "/api/machines/m00042", "t140"},                                    // 200 or 404 by group
	{"GET", "/api/machines/m00043", "t140"},                                    // the other
	{"GET", "/api/machines/nope", "all"},                                       // 404
	{"GET", "/api/alerts", "all"},                                              // 404
	{"DELETE", "/api/machines", "all"},                                         // 405
	{"HEAD", "/api/machines?$filter=rbacGroupId eq 141", "all"},                // 200, no body
	{"GET", "/api/machines?$filter=rbacGroupId eq 141&$skip=200", "t140"},      // 200, empty
	{"GET", "/api/machines?$filter=machineTags/any(t: t eq 'x')", "all"},       // 200, empty
	{"GET", "/api/machines?$filter=id eq 'm00007' or id eq 'm01999'", "t140"},  // 200
	{"GET", "/api/machines?%24filter=riskScore+eq+%27None%27&%24top=5", "all"}, // 200
}

// TestConcurrentLoad: a few hundred requests of the mix at once (bounded
// to 64 connections and 20 s) give no 5xx, and each response equals the
// same request made alone (the request id aside).
func TestConcurrentLoad(t *testing.T) {
	raws, _ := bigFleet(2000)
	srv, _ := start(t, toRecords(raws...), Options{
		PageSize: 500,
		Clock:    func() time.Time { return fuzz.TestClock },
		Tokens:   map[string][]int64{"all": nil, "t140": {140}},
	})
	client := srv.Client()
	client.Transport.(*http.Transport).MaxConnsPerHost = 64
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	client.Timeout = 20 * time.Second

	sequential := make([]string, len(loadMix))
	for i, rq := range loadMix {
		sequential[i] = normalized(t, do(t, client, rq.method, srv.URL, rq.target, rq.token))
	}

	const n = 390 // fifteen rounds of the mix
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	startGate := make(chan struct{})
	results := make([]string, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			<-startGate
			if ctx.Err() != nil {
				results[k] = "timed out before it started"
				return
			}
			rq := loadMix[k%len(loadMix)]
			r, err := send(client, rq.method, srv.URL, rq.target, rq.token)
			if err != nil {
				results[k] = err.Error()
				return
			}
			results[k] = normalized(t, r)
		})
	}
	begin := time.Now()
	close(startGate)
	wg.Wait()
	t.Logf("%d concurrent requests in %v", n, time.Since(begin).Round(time.Millisecond))
	for k, got := range results {
		if want := sequential[k%len(loadMix)]; got != want {
			rq := loadMix[k%len(loadMix)]
			t.Errorf("%s %s (request %d): concurrent response differs\n got %.300s\nwant %.300s", rq.method, rq.target, k, got, want)
		}
	}
}

// normalized renders a response for comparison: the status, the headers
// that matter and the body, with the request id (which differs on every
// request) checked and blanked. A 5xx fails the test. It uses only
// t.Errorf, which any goroutine may call.
func normalized(t testing.TB, r response) string {
	t.Helper()
	if r.status >= 500 {
		t.Errorf("status %d: %s", r.status, r.body)
	}
	id := r.header.Get(RequestIDHeader)
	if !uuidRE.MatchString(id) {
		t.Errorf("request id %q", id)
	}
	body := r.body
	if r.status >= 400 {
		if !bytes.Contains(body, []byte(`"target":"`+id+`"`)) {
			t.Errorf("error body %s does not carry the request id %s", body, id)
		}
		body = bytes.ReplaceAll(body, []byte(id), []byte("ID"))
	}
	return fmt.Sprintf("%d %s|%s|%s\n%s", r.status, r.header.Get("Content-Type"), r.header.Get("Allow"),
		r.header.Get("WWW-Authenticate"), body)
}

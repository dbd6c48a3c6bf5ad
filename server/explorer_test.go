package server

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/schema"
)

// TestExplorerPage: GET / is the page, told the handler's model and
// whether a token is needed; it and its files load without a token and
// without using up the rate limits, under a policy that keeps the page to
// this origin.
func TestExplorerPage(t *testing.T) {
	tests := []struct {
		opts        Options
		model, auth string
	}{
		{Options{}, "2018", "false"},
		{Options{Model: schema.Machines2021}, "2021", "false"},
		{Options{Model: &schema.Model{Name: "Other"}}, "", "false"},
		{Options{Tokens: map[string][]int64{"t140": {140}}}, "2018", "true"},
	}
	for _, tt := range tests {
		srv, _ := start(t, toRecords(smallFleet...), tt.opts)
		r := get(t, srv, "/", "")
		if r.status != 200 || r.header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("GET /: status %d, Content-Type %q", r.status, r.header.Get("Content-Type"))
		}
		if want := `<body data-model="` + tt.model + `" data-token-required="` + tt.auth + `">`; !strings.Contains(string(r.body), want) {
			t.Errorf("GET / with %+v: no %s", tt.opts, want)
		}
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") {
			t.Errorf("Content-Security-Policy %q", csp)
		}
		for p, ctype := range explorerAssets {
			if r := get(t, srv, p, ""); r.status != 200 || r.header.Get("Content-Type") != ctype || len(r.body) == 0 {
				t.Errorf("GET %s: status %d, Content-Type %q, %d bytes", p, r.status, r.header.Get("Content-Type"), len(r.body))
			}
		}
	}

	srv, _ := start(t, toRecords(smallFleet...), Options{Tokens: map[string][]int64{"t": {}}})
	checkError(t, get(t, srv, "/index.html", ""), 401, "Unauthorized", "")    // only the page's own paths are public
	checkError(t, get(t, srv, "/explorer/", ""), 401, "Unauthorized", "")     // no listing
	checkError(t, get(t, srv, "/explorer/x.js", ""), 401, "Unauthorized", "") // nor other names
	r := do(t, srv.Client(), "POST", srv.URL, "/", "")
	checkError(t, r, 405, "MethodNotAllowed", "The method POST is not allowed")
	if r := do(t, srv.Client(), "HEAD", srv.URL, "/explorer/app.js", ""); r.status != 200 || len(r.body) != 0 {
		t.Errorf("HEAD: status %d, %d bytes", r.status, len(r.body))
	}

	clock := newTestClock()
	limited, _ := start(t, toRecords(smallFleet...), Options{Clock: clock.now, RateLimits: []RateLimit{{Requests: 1, Per: time.Hour}}})
	for range 3 {
		get(t, limited, "/", "")
	}
	if r := get(t, limited, "/api/machines", ""); r.status != 200 {
		t.Errorf("machines after loading the page 3 times under 1/hour: status %d", r.status)
	}
}

// TestExplorerFilesSelfContained: the page loads exactly the files the
// handler serves, and nothing names another host but the real API's
// address, which the page shows and never calls.
func TestExplorerFilesSelfContained(t *testing.T) {
	html, err := explorerFiles.ReadFile("explorer/index.html")
	if err != nil {
		t.Fatal(err)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"#]+)"`).FindAllStringSubmatch(string(html), -1)
	loaded := map[string]bool{}
	for _, m := range refs {
		if m[1] == "data:," { // the empty favicon, so the browser asks for none
			continue
		}
		if strings.HasPrefix(m[1], "/") {
			t.Errorf("index.html loads %q: relative paths keep the page working under a prefix", m[1])
		}
		if _, ok := explorerAssets["/"+m[1]]; !ok {
			t.Errorf("index.html loads %q, which the handler does not serve", m[1])
		}
		loaded["/"+m[1]] = true
	}
	for p := range explorerAssets {
		if !loaded[p] {
			t.Errorf("index.html does not load %s", p)
		}
	}
	entries, err := explorerFiles.ReadDir("explorer")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(explorerAssets)+1 {
		t.Errorf("explorer/ holds %d files; the handler serves %d and index.html", len(entries), len(explorerAssets))
	}
	urlRE := regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	for _, e := range entries {
		b, _ := explorerFiles.ReadFile("explorer/" + e.Name())
		for _, u := range urlRE.FindAllString(string(b), -1) {
			if u != "https://api.securitycenter.microsoft.com" {
				t.Errorf("%s names %s: the page must work with loopback only", e.Name(), u)
			}
		}
		if strings.Contains(string(b), "@import") || strings.Contains(string(b), "@font-face") {
			t.Errorf("%s imports a stylesheet or a font", e.Name())
		}
	}
}

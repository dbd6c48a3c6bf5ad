package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/check"
	"github.com/odatafilter/odatafilter/schema"
)

// checkTarget is GET /api/check's target for q and, when not empty, model.
func checkTarget(q, model string) string {
	t := "/api/check?q=" + url.QueryEscape(q)
	if model != "" {
		t += "&model=" + model
	}
	return t
}

// TestCheckEndpoint: GET /api/check answers, byte for byte, the document
// "check --json" prints, valid or not, with the model asked for or the
// handler's own.
func TestCheckEndpoint(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{})
	srv2021, _ := start(t, toRecords(smallFleet...), Options{Model: schema.Machines2021})
	tests := []struct {
		name, q, model string
		srv2021        bool
		want           *schema.Model
		valid          bool
	}{
		{"valid filter", "riskScore eq 'High'", "", false, schema.Machines, true},
		{"valid query string", "$filter=riskScore+eq+%27High%27&$top=5", "", false, schema.Machines, true},
		{"typo with suggestions", "riskScor eq 'High' or riskScore eq 'Hgh'", "", false, schema.Machines, false},
		{"syntax error", "healthStatus eq 'Active' and rbacGroupId eqq 140", "2018", false, schema.Machines, false},
		{"2021 field, 2018 model", "version eq '10'", "", false, schema.Machines, false},
		{"2021 field, model=2021", "version eq '10'", "2021", false, schema.Machines2021, true},
		{"2021 field, a 2021 server", "version eq '10'", "", true, schema.Machines2021, true},
		{"a 2021 server, model=2018", "version eq '10'", "2018", true, schema.Machines, false},
		{"non-ASCII and &", "computerDnsName eq 'München & co' or x", "", false, schema.Machines, false},
		{"empty", "", "", false, schema.Machines, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := srv
			if tt.srv2021 {
				s = srv2021
			}
			r := get(t, s, checkTarget(tt.q, tt.model), "")
			if r.status != 200 || r.header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Fatalf("status %d, Content-Type %q; body %s", r.status, r.header.Get("Content-Type"), r.body)
			}
			want := check.Run(tt.q, tt.want)
			if string(r.body) != string(want.JSON()) {
				t.Errorf("body\n got %s\nwant %s", r.body, want.JSON())
			}
			var doc check.Document
			if err := json.Unmarshal(r.body, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Valid != tt.valid {
				t.Errorf("valid %v, want %v: %s", doc.Valid, tt.valid, r.body)
			}
		})
	}

	// The typo's document holds each diagnostic's caret and suggestion.
	var doc check.Document
	json.Unmarshal(get(t, srv, checkTarget("riskScor eq 'High' or riskScore eq 'Hgh'", ""), "").body, &doc)
	if len(doc.Diagnostics) != 2 || doc.Diagnostics[0].Suggestion != "riskScore" || doc.Diagnostics[1].Suggestion != "'High'" ||
		!strings.Contains(doc.Diagnostics[0].Rendered, "\n | ^~~~~~~~\n") {
		t.Errorf("diagnostics %+v", doc.Diagnostics)
	}
}

// TestCheckEndpointRequests: what GET /api/check refuses, and the path's
// case and HEAD.
func TestCheckEndpointRequests(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{})
	checkError(t, get(t, srv, "/api/check", ""), 400, "InvalidInput", "/api/check takes exactly one q parameter")
	checkError(t, get(t, srv, "/api/check?q=a&q=b", ""), 400, "InvalidInput", "/api/check takes exactly one q parameter")
	checkError(t, get(t, srv, "/api/check?q=a&model=1999", ""), 400, "InvalidInput", "Unknown model '1999': use 2018 or 2021")
	checkError(t, get(t, srv, "/api/check?q=a&model=2018&model=2021", ""), 400, "InvalidInput", "/api/check takes at most one model")
	checkError(t, get(t, srv, "/api/check?q=%zz", ""), 400, "InvalidInput", "The query string of /api/check is malformed")
	// Any other parameter is named, not ignored: modle=2021 would check
	// against the default model, $filter here would check nothing.
	checkError(t, get(t, srv, "/api/check?q=a&modle=2021", ""), 400, "InvalidInput",
		"Unknown parameter 'modle' (did you mean model?): /api/check takes q, the filter or query string to check, and model, 2018 or 2021")
	checkError(t, get(t, srv, "/api/check?Q=a", ""), 400, "InvalidInput", "Unknown parameter 'Q' (did you mean q?)")
	checkError(t, get(t, srv, "/api/check?$filter=riskScore+eq+'High'", ""), 400, "InvalidInput",
		"Unknown parameter '$filter' (the query to check goes, percent-encoded, in q: /api/check?q=%24filter%3D...)")
	checkError(t, get(t, srv, "/api/check?q=a&x=1&debug", ""), 400, "InvalidInput", "Unknown parameter 'debug': ")
	r := do(t, srv.Client(), "POST", srv.URL, checkTarget("a eq 1", ""), "")
	checkError(t, r, 405, "MethodNotAllowed", "The method POST is not allowed")
	if r.header.Get("Allow") != "GET, HEAD" {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
	if r := get(t, srv, "/API/Check?q=id+eq+%27x%27", ""); r.status != 200 || !strings.HasPrefix(string(r.body), `{"valid":true`) {
		t.Errorf("/API/Check: status %d, body %s", r.status, r.body)
	}
	if r := do(t, srv.Client(), "HEAD", srv.URL, checkTarget("a eq 1", ""), ""); r.status != 200 || len(r.body) != 0 {
		t.Errorf("HEAD: status %d, body %q", r.status, r.body)
	}
}

// TestCheckEndpointTooLong: a request target over MaxRequestBytes is 414,
// as on every route; a QUERY over the parser's limit inside a target the
// handler allows is a too_long diagnostic, as check says.
func TestCheckEndpointTooLong(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{MaxRequestBytes: 1024})
	checkError(t, get(t, srv, checkTarget("id eq '"+strings.Repeat("a", 1100)+"'", ""), ""),
		414, "InvalidInput", "The request URL is longer than 1024 bytes")
	if r := get(t, srv, checkTarget("id eq '"+strings.Repeat("a", 900)+"'", ""), ""); r.status != 200 {
		t.Errorf("under the limit: status %d", r.status)
	}

	big, _ := start(t, toRecords(smallFleet...), Options{MaxRequestBytes: 1 << 20})
	q := "id eq '" + strings.Repeat("a", 70000) + "'"
	var doc check.Document
	r := get(t, big, checkTarget(q, ""), "")
	if err := json.Unmarshal(r.body, &doc); err != nil || r.status != 200 {
		t.Fatalf("status %d, %v", r.status, err)
	}
	if doc.Valid || len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Code != "too_long" {
		t.Errorf("a 70 kB QUERY: %+v", doc)
	}
}

// TestCheckEndpointTokens: with tokens, checking needs one, like every
// /api route; a scoped token checks as an unscoped one does, since a scope
// limits the machines, not the language.
func TestCheckEndpointTokens(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{Tokens: map[string][]int64{"all": {}, "t140": {140}}})
	target := checkTarget("riskScore eq 'Hgh'", "")
	checkError(t, get(t, srv, target, ""), 401, "Unauthorized", "Authorization is required")
	checkError(t, get(t, srv, target, "t14"), 401, "Unauthorized", "Authorization is required")
	all := get(t, srv, target, "all")
	scoped := get(t, srv, target, "t140")
	want := check.Run("riskScore eq 'Hgh'", schema.Machines).JSON()
	if all.status != 200 || scoped.status != 200 || string(all.body) != string(want) || string(scoped.body) != string(want) {
		t.Errorf("all: %d %s\nt140: %d %s\nwant %s", all.status, all.body, scoped.status, scoped.body, want)
	}
}

// TestCheckEndpointNotRateLimited: checks, which call nothing, do not use
// up the rate limits that stand for Defender's; machines requests do.
func TestCheckEndpointNotRateLimited(t *testing.T) {
	clock := newTestClock()
	srv, _ := start(t, toRecords(smallFleet...), Options{Clock: clock.now, RateLimits: []RateLimit{{Requests: 1, Per: time.Hour}}})
	for range 5 {
		if r := get(t, srv, checkTarget("riskScore eq 'High'", ""), ""); r.status != 200 {
			t.Fatalf("check: status %d, body %s", r.status, r.body)
		}
	}
	if r := get(t, srv, "/api/machines", ""); r.status != http.StatusOK {
		t.Errorf("the first machines request after 5 checks: status %d, want 200", r.status)
	}
	checkError(t, get(t, srv, "/api/machines", ""), 429, "TooManyRequests", "Rate limit is exceeded")
}

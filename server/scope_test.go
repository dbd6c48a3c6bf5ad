package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestTokens: with tokens configured a request needs a valid bearer token
// (401 otherwise), and a token sees only its groups, whatever the filter.
func TestTokens(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{Tokens: map[string][]int64{
		"all":   {},
		"t140":  {140},
		"t141x": {141, 999},
		"empty": {999}, // a group with no machines
	}})
	for _, tt := range []struct{ name, auth string }{
		{"no header", ""},
		{"unknown token", "Bearer nope"},
		{"prefix of a token", "Bearer t14"},
		{"other scheme", "Basic dDE0MDo="},
		{"no token", "Bearer "},
		{"no scheme", "t140"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+"/api/machines", nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			r := readResponse(t, resp)
			checkError(t, r, 401, "Unauthorized", "Authorization is required")
			if r.header.Get("WWW-Authenticate") != "Bearer" {
				t.Errorf("WWW-Authenticate %q, want Bearer", r.header.Get("WWW-Authenticate"))
			}
		})
	}
	// Authentication comes before routing and methods.
	checkError(t, get(t, srv, "/nowhere", ""), 401, "Unauthorized", "")
	checkError(t, do(t, srv.Client(), "POST", srv.URL, "/api/machines", ""), 401, "Unauthorized", "")

	tests := []struct {
		token, query string
		want         []string
	}{
		{"all", "", smallFleet},
		{"t140", "", []string{m140}},
		{"t141x", "", []string{m141, mDup}},
		{"t140", "?$filter=rbacGroupId eq 141", nil},
		{"t140", "?$filter=rbacGroupId eq 141 or rbacGroupId ne 141", []string{m140}},
		{"t140", "?$filter=rbacGroupId eq null", nil},
		{"t140", "?$filter=not (rbacGroupId eq 140)", nil},
		{"all", "?$filter=rbacGroupId eq null", []string{mNil}},
		{"t141x", "?$skip=1", []string{mDup}},                    // $skip counts within the scope
		{"t141x", "?$top=1", []string{m141}},                     // so does $top
		{"T140", "", nil},                                        // tokens are case-sensitive: 401, below
		{"t141x", "?$filter=id eq 'a1'", []string{mDup}},         // the a1 of group 141 only
		{"all", "?$filter=id eq 'a1'&$top=1", []string{m140}},    // the first a1
		{"t140", "?$filter=riskScore eq 'High'", []string{m140}}, // not the null-group High
	}
	for _, tt := range tests {
		r := get(t, srv, "/api/machines"+tt.query, tt.token)
		if tt.token == "T140" {
			checkError(t, r, 401, "Unauthorized", "")
			continue
		}
		if want := wantBody(srv.URL, "", tt.want...); r.status != 200 || string(r.body) != want {
			t.Errorf("%s %s: status %d\n got %s\nwant %s", tt.token, tt.query, r.status, r.body, want)
		}
	}
	// A scope with no machines is "no machines at all".
	checkError(t, get(t, srv, "/api/machines", "empty"), 404, "ResourceNotFound", "No machines were found")
	// The id route is scoped too: outside the scope is not found.
	if r := get(t, srv, "/api/machines/b2", "t141x"); r.status != 200 {
		t.Errorf("b2 in scope: status %d", r.status)
	}
	checkError(t, get(t, srv, "/api/machines/b2", "t140"), 404, "ResourceNotFound", "Machine b2 was not found")
	checkError(t, get(t, srv, "/api/machines/c3", "t140"), 404, "ResourceNotFound", "Machine c3 was not found")
	if r := get(t, srv, "/api/machines/c3", "all"); r.status != 200 {
		t.Errorf("c3 with every group: status %d", r.status)
	}
	// Ids need not be unique (exports merged from several tenants): the
	// entity is the first a1 in the caller's scope, the second a1 for 141,
	// while a caller who sees every group gets the first.
	for token, want := range map[string]string{"t141x": mDup, "all": m140} {
		r := get(t, srv, "/api/machines/a1", token)
		if r.status != 200 || !strings.Contains(string(r.body), strings.TrimPrefix(want, "{")) {
			t.Errorf("a1 for %s: status %d, body %s; want %s", token, r.status, r.body, want)
		}
	}
	checkError(t, get(t, srv, "/api/machines/a1", "empty"), 404, "ResourceNotFound", "")
}

// TestNoOneAdmitted: a non-nil empty token map admits no one.
func TestNoOneAdmitted(t *testing.T) {
	srv, _ := start(t, toRecords(m140), Options{Tokens: map[string][]int64{}})
	checkError(t, get(t, srv, "/api/machines", "x"), 401, "Unauthorized", "")
}

// TestNew: records that are not machine objects and bad options are
// errors that say which.
func TestNew(t *testing.T) {
	tests := []struct {
		recs []string
		opts Options
		want string
	}{
		{[]string{m140, `null`}, Options{}, "second"},
		{[]string{m140, `[1]`}, Options{}, "second"},
		{[]string{`{"riskScore":"Extreme"}`}, Options{}, `server: record 1 at byte 13: machine field riskScore: unknown RiskScore member "Extreme"`},
		{[]string{m140, `{"rbacGroupId":1.5}`}, Options{}, "shifted"},
		{nil, Options{Tokens: map[string][]int64{"": nil}}, "server: a token may not be empty"},
		{nil, Options{Tokens: map[string][]int64{" t": nil}}, "server: a token may not be empty"},
		{nil, Options{PageSize: 10001}, "server: page size 10001 is outside 1..10000"},
		{nil, Options{PageSize: -1}, "server: page size -1 is outside 1..10000"},
	}
	// The offset is of the problem in the whole input: the record's offset
	// plus the field's within it.
	second := fmt.Sprintf("server: record 2 at byte %d: a record must be a JSON object", len(m140)+1)
	shifted := fmt.Sprintf("server: record 2 at byte %d: machine field rbacGroupId: 1.5 is not an integer", len(m140)+1+15)
	for _, tt := range tests {
		switch tt.want {
		case "second":
			tt.want = second
		case "shifted":
			tt.want = shifted
		}
		_, err := New(toRecords(tt.recs...), tt.opts)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("New(%q) error %v, want %q...", tt.recs, err, tt.want)
		}
		var re *RecordError
		if strings.Contains(tt.want, "record") && (!errors.As(err, &re) || re.Index != len(tt.recs)-1) {
			t.Errorf("New(%q) error %#v, want a *RecordError for the last record", tt.recs, err)
		}
	}
	h, err := New(toRecords(smallFleet...), Options{})
	if err != nil || h.Len() != len(smallFleet) {
		t.Errorf("New: %v, Len %d", err, h.Len())
	}
}

package server

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
)

// bigFleet is n small records: ids m00000..., groups 140, 141, 142 in
// turn and risk scores High, Low, Medium, None, Informational in turn.
func bigFleet(n int) ([]string, []struct {
	group int
	risk  string
}) {
	risks := []string{"High", "Low", "Medium", "None", "Informational"}
	raws := make([]string, n)
	props := make([]struct {
		group int
		risk  string
	}, n)
	for i := range raws {
		props[i].group, props[i].risk = 140+i%3, risks[i%5]
		raws[i] = fmt.Sprintf(`{"id":"m%05d","rbacGroupId":%d,"riskScore":"%s"}`, i, props[i].group, props[i].risk)
	}
	return raws, props
}

// TestPaging: over 25,000 machines, a response without $top holds at
// most 10,000 and links the next page; following the links gives every
// matching machine exactly once, in order; with $top there is no link.
func TestPaging(t *testing.T) {
	const n = 25000
	raws, props := bigFleet(n)
	srv, _ := start(t, toRecords(raws...), Options{Tokens: map[string][]int64{"all": nil, "t": {140, 141}}})
	tests := []struct {
		name, token, query string
		keep               func(i int) bool
		skip, top          int
		pages              []int // the size of each page
		firstLink          string
	}{
		{name: "everything", token: "all", keep: func(int) bool { return true },
			pages: []int{10000, 10000, 5000}, firstLink: "/api/machines?$skip=10000"},
		{name: "exactly two pages", token: "all", query: "$filter=riskScore+ne+'High'&x=%7Cy",
			keep:  func(i int) bool { return props[i].risk != "High" },
			pages: []int{10000, 10000}, firstLink: "/api/machines?$filter=riskScore+ne+'High'&x=%7Cy&$skip=10000"},
		{name: "skip in place", token: "all", query: "SKIP=7&$filter=rbacGroupId eq 140 or rbacGroupId eq 141",
			keep: func(i int) bool { return props[i].group != 142 }, skip: 7,
			pages: []int{10000, 6660}, firstLink: "/api/machines?SKIP=10007&$filter=rbacGroupId%20eq%20140%20or%20rbacGroupId%20eq%20141"},
		{name: "scope", token: "t",
			keep:  func(i int) bool { return props[i].group != 142 },
			pages: []int{10000, 6667}, firstLink: "/api/machines?$skip=10000"},
		{name: "scope and filter", token: "t", query: "$filter=riskScore eq 'High' or rbacGroupId eq 142&$skip=2",
			keep: func(i int) bool { return props[i].group != 142 && props[i].risk == "High" }, skip: 2,
			pages: []int{3331}},
		{name: "top", token: "all", query: "$top=10000", keep: func(int) bool { return true }, top: 10000,
			pages: []int{10000}},
		{name: "top and skip", token: "all", query: "$top=5&$skip=24998", keep: func(int) bool { return true },
			skip: 24998, top: 5, pages: []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			for i := range raws {
				if tt.keep(i) {
					want = append(want, raws[i])
				}
			}
			want = want[min(tt.skip, len(want)):]
			if tt.top > 0 {
				want = want[:min(tt.top, len(want))]
			}
			var got []string
			var pages []int
			target := "/api/machines"
			if tt.query != "" {
				target += "?" + tt.query
			}
			for target != "" {
				env := decodeEnvelope(t, get(t, srv, target, tt.token))
				pages = append(pages, len(env.Value))
				for _, v := range env.Value {
					got = append(got, string(v))
				}
				if len(pages) == 1 && tt.firstLink != "" && env.NextLink != srv.URL+tt.firstLink {
					t.Errorf("first nextLink\n got %s\nwant %s", env.NextLink, srv.URL+tt.firstLink)
				}
				if env.NextLink != "" && !strings.HasPrefix(env.NextLink, srv.URL+"/api/machines?") {
					t.Fatalf("nextLink %q is not on this server", env.NextLink)
				}
				if len(pages) > 10 {
					t.Fatal("more than 10 pages")
				}
				target = env.NextLink
			}
			if fmt.Sprint(pages) != fmt.Sprint(tt.pages) {
				t.Errorf("pages %v, want %v", pages, tt.pages)
			}
			if len(got) != len(want) {
				t.Fatalf("%d machines, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("machine %d is %s, want %s", i, got[i], want[i])
				}
			}
		})
	}
}

// TestPageSize: Options.PageSize sets the page, for small fleets.
func TestPageSize(t *testing.T) {
	raws, _ := bigFleet(5)
	srv, _ := start(t, toRecords(raws...), Options{PageSize: 2})
	r := get(t, srv, "/api/machines?$filter=id+ne+'x'", "")
	want := wantBody(srv.URL, srv.URL+"/api/machines?$filter=id+ne+'x'&$skip=2", raws[0], raws[1])
	if string(r.body) != want {
		t.Errorf("got  %s\nwant %s", r.body, want)
	}
	env := decodeEnvelope(t, get(t, srv, "/api/machines?$skip=2", ""))
	if len(env.Value) != 2 || env.NextLink != srv.URL+"/api/machines?$skip=4" {
		t.Errorf("second page: %d machines, nextLink %q", len(env.Value), env.NextLink)
	}
	env = decodeEnvelope(t, get(t, srv, "/api/machines?$top=4", ""))
	if len(env.Value) != 4 || env.NextLink != "" {
		t.Errorf("$top=4 over a page of 2: %d machines, nextLink %q", len(env.Value), env.NextLink)
	}
}

// TestNextQuery: the next page's query keeps the other options as written
// and escapes only what a URL may not hold.
func TestNextQuery(t *testing.T) {
	tests := []struct {
		raw  string
		skip int64
		want string
	}{
		{"", 10000, "$skip=10000"},
		{"?", 10000, "$skip=10000"},
		{"$filter=a eq 1", 5, "$filter=a%20eq%201&$skip=5"},
		{"$skip=3&$filter=a+eq+'x'", 10003, "$skip=10003&$filter=a+eq+'x'"},
		{"%24Skip=3", 10003, "%24Skip=10003"},
		{"$filter=a eq 'ü\"|<>{}^`\\#[]'", 1, "$filter=a%20eq%20'%C3%BC%22%7C%3C%3E%7B%7D%5E%60%5C%23%5B%5D'&$skip=1"},
		{"x=100%&$filter=a eq '%41'", 1, "x=100%25&$filter=a%20eq%20'%41'&$skip=1"},
		{"@p=1&$filter=a eq @p&$top=", 2, "@p=1&$filter=a%20eq%20@p&$top=&$skip=2"},
	}
	for _, tt := range tests {
		q := &ast.Query{Text: tt.raw}
		if i := strings.Index(strings.ToLower(tt.raw), "skip="); i >= 0 {
			end := strings.IndexByte(tt.raw[i:], '&')
			if end < 0 {
				end = len(tt.raw) - i
			}
			q.HasSkip, q.SkipSpan = true, ast.Span{Start: i + 5, End: i + end}
		}
		got := nextQuery(q, tt.skip)
		if got != tt.want {
			t.Errorf("nextQuery(%q) = %q, want %q", tt.raw, got, tt.want)
		}
		if _, err := url.ParseQuery(got); err != nil {
			t.Errorf("nextQuery(%q) = %q is not a valid query: %v", tt.raw, got, err)
		}
	}
}

// TestEnvelopeIsJSON: the 200 response of the big fleet is one valid JSON
// document (the records are spliced in as bytes, so check the joins).
func TestEnvelopeIsJSON(t *testing.T) {
	raws, _ := bigFleet(3)
	srv, _ := start(t, toRecords(raws...), Options{PageSize: 1})
	r := get(t, srv, "/api/machines", "")
	if !json.Valid(r.body) {
		t.Errorf("not JSON: %s", r.body)
	}
}

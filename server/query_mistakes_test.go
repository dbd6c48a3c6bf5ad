package server

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestQueryNotOptions: a query string that a shell mangled, or a bare
// filter sent as the query, is a 400, not a 200 with every machine in
// scope (which is what ignoring them as custom options gave).
func TestQueryNotOptions(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{})
	tests := []struct{ target, message string }{
		// "$filter=riskScore+eq+'High'&$top=2" in double quotes in a shell.
		{"/api/machines?=riskScore+eq+'High'&=2",
			"Invalid OData URI query: query option with no name before '=': did the shell expand $filter?"},
		{"/api/machines?riskScore+eq+'High'",
			"Invalid OData URI query: \"riskScore eq 'High'\" is not a query option name: this looks like a bare $filter expression"},
		// Escapes that decode to invalid UTF-8 (issue 11: one rule everywhere).
		{"/api/machines?$filter=computerDnsName+eq+'a%FFb'", "Invalid OData URI query: %FF does not decode to UTF-8 text"},
		// A misspelt system option, and a custom option named after a
		// property: ignoring them would answer with every machine.
		{"/api/machines?fitler=riskScore+eq+'High'",
			"Invalid OData URI query: unknown query option fitler: did you mean $filter?"},
		{"/api/machines?$top=1&tpo=2", "Invalid OData URI query: unknown query option tpo: did you mean $top?"},
		{"/api/machines?riskScore=High",
			"Invalid OData URI query: riskScore=High is not a filter but a custom option, which is ignored: write $filter=riskScore eq 'High'"},
		{"/api/machines?computerDnsName=x&api-version=1", "Invalid OData URI query: computerDnsName=x is not a filter"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			checkError(t, get(t, srv, tt.target, ""), 400, "ODataError", tt.message)
		})
	}
}

// TestInvalidUTF8Raw: a raw byte that is not UTF-8 in the query string (a
// client that does not escape) is a 400 too, not a filter that matches
// nothing. It goes over a raw connection: Go's client would escape it.
func TestInvalidUTF8Raw(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /api/machines?$filter=computerDnsName+eq+'a\xffb' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkError(t, readResponse(t, resp), 400, "ODataError", "Invalid OData URI query: invalid UTF-8 byte 0xff")
}

// TestEntityQuery: $filter, $top and $skip apply to collections only; on
// GET /api/machines/{id} they are a 400 (as ASP.NET OData answers), not
// ignored, and a query that does not compile is a 400 there too. Custom
// options pass.
func TestEntityQuery(t *testing.T) {
	srv, _ := start(t, toRecords(smallFleet...), Options{})
	tests := []struct{ target, message string }{
		{"/api/machines/a1?$filter=riskScore+eq+'Low'",
			"Invalid OData URI query: $filter cannot be applied to a single machine, only to the collection /api/machines (to find this machine there, use $filter=id eq 'a1')"},
		{"/api/machines/a1?$top=1&$skip=0", "Invalid OData URI query: $top, $skip cannot be applied to a single machine"},
		{"/api/machines/a1?riskScore=High", "Invalid OData URI query: riskScore=High is not a filter"},
		{"/api/machines/nosuch?$orderby=id", "Invalid OData URI query: query option $orderby is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			checkError(t, get(t, srv, tt.target, ""), 400, "ODataError", tt.message)
		})
	}
	for _, target := range []string{"/api/machines/a1", "/api/machines/a1?api-version=1.0", "/api/machines/a1?"} {
		if r := get(t, srv, target, ""); r.status != http.StatusOK || !strings.Contains(string(r.body), `"id":"a1"`) {
			t.Errorf("GET %s: %d %s, want 200 with machine a1", target, r.status, r.body)
		}
	}
}

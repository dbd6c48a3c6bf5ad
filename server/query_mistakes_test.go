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

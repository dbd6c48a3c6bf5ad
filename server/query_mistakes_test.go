package server

import "testing"

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
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			checkError(t, get(t, srv, tt.target, ""), 400, "ODataError", tt.message)
		})
	}
}

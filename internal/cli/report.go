package cli

import (
	"encoding/json"
	"fmt"
	"io"
)

// jsonResult is the document "check --json" prints on stdout, one line,
// valid or not:
//
//	{"valid":true,"kind":"filter","canonical":"riskScore eq 'High'"}
//	{"valid":false,"kind":"query","diagnostics":[{"code":"syntax","message":"...","start":8,"end":10}]}
//
// kind says how QUERY was read: "filter" (a bare expression) or "query" (a
// query string). canonical is present exactly when valid is true; it may
// be empty for a query string that holds only custom options.
// diagnostics is present exactly when valid is false and holds at least
// one entry.
type jsonResult struct {
	Valid       bool             `json:"valid"`
	Kind        string           `json:"kind"`
	Canonical   *string          `json:"canonical,omitempty"`
	Diagnostics []jsonDiagnostic `json:"diagnostics,omitempty"`
}

// jsonDiagnostic is one ast.Diagnostic. start and end are byte offsets
// into QUERY as given (the raw, undecoded text for a query string), end
// exclusive; code is one of the stable ast.Code values; suggestion is
// present only when there is one.
type jsonDiagnostic struct {
	Code       string `json:"code"`
	Message    string `json:"message"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Suggestion string `json:"suggestion,omitempty"`
}

// report prints r, for people or as JSON, and returns the exit code.
//
// For people: when valid, the canonical form on stdout; when not, every
// diagnostic with a caret under its span on stderr. A query string with no
// $filter, $top or $skip is valid (custom options are ignored), but as
// that is rarely what was meant, a note on stderr says so.
func (r result) report(s streams, asJSON bool) int {
	code := ExitOK
	if len(r.diags) > 0 {
		code = ExitInvalid
	}
	if asJSON {
		if err := writeJSON(s.stdout, r.json()); err != nil {
			fmt.Fprintf(s.stderr, "odatafilter check: %v\n", err)
			return ExitInvalid
		}
		return code
	}
	if code != ExitOK {
		fmt.Fprint(s.stderr, r.diags.Render(r.src))
		return code
	}
	fmt.Fprintln(s.stdout, r.canonical)
	if r.kind == kindQuery && r.canonical == "" {
		fmt.Fprintln(s.stderr, "odatafilter check: note: read as a query string with no $filter, $top or $skip; "+
			"custom options are ignored (a bare filter has no '=' after a name)")
	}
	return code
}

func (r result) json() jsonResult {
	j := jsonResult{Valid: len(r.diags) == 0, Kind: r.kind}
	if j.Valid {
		j.Canonical = &r.canonical
		return j
	}
	for _, d := range r.diags {
		if d == nil {
			continue
		}
		j.Diagnostics = append(j.Diagnostics, jsonDiagnostic{
			Code:       string(d.Code),
			Message:    d.Message,
			Start:      d.Span.Start,
			End:        d.Span.End,
			Suggestion: d.Suggestion,
		})
	}
	return j
}

// writeJSON writes v as one line of JSON. HTML escaping is off: a filter
// holds '&', '<' and '>' as themselves.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

package check

import (
	"bytes"
	"encoding/json"
)

// Document is the JSON form of a Result: what "odatafilter check --json"
// prints on stdout and GET /api/check answers, one line, valid or not:
//
//	{"valid":true,"kind":"filter","canonical":"riskScore eq 'High'"}
//	{"valid":false,"kind":"query","diagnostics":[{"code":"syntax","message":"...","start":8,"end":10,"rendered":"error: ..."}]}
//
// Kind says how QUERY was read: "filter" (a bare expression) or "query" (a
// query string); "usage" when the command was called wrongly and read no
// QUERY (UsageDocument). Canonical is present exactly when Valid is true;
// it may be empty for a query string that holds only custom options.
// Diagnostics is present exactly when Valid is false and holds at least
// one entry.
type Document struct {
	Valid       bool                 `json:"valid"`
	Kind        string               `json:"kind"`
	Canonical   *string              `json:"canonical,omitempty"`
	Diagnostics []DiagnosticDocument `json:"diagnostics,omitempty"`
}

// DiagnosticDocument is one ast.Diagnostic in a Document. Start and End
// are byte offsets into QUERY as given (the raw, undecoded text of a query
// string), End exclusive; Code is one of the stable ast.Code values;
// Suggestion, present only when there is one, is the text that would
// replace the bytes from Start to End. Rendered is the diagnostic as
// "odatafilter check" prints it for people (ast.Diagnostic.Render: the
// message and code, the source line, the caret, "did you mean"), so a
// tool shows exactly what the command shows without a renderer of its own.
type DiagnosticDocument struct {
	Code       string `json:"code"`
	Message    string `json:"message"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Suggestion string `json:"suggestion,omitempty"`
	Rendered   string `json:"rendered"`
}

// Document returns r as its JSON document.
func (r *Result) Document() Document {
	d := Document{Valid: r.Valid(), Kind: r.Kind}
	if d.Valid {
		canonical := r.Canonical
		d.Canonical = &canonical
		return d
	}
	for _, diag := range r.Diagnostics {
		if diag == nil {
			continue
		}
		d.Diagnostics = append(d.Diagnostics, DiagnosticDocument{
			Code:       string(diag.Code),
			Message:    diag.Message,
			Start:      diag.Span.Start,
			End:        diag.Span.End,
			Suggestion: diag.Suggestion,
			Rendered:   diag.Render(r.Source),
		})
	}
	return d
}

// JSON returns r's Document as one line of JSON, with a final newline.
// HTML escaping is off: a filter holds '&', '<' and '>' as themselves.
func (r *Result) JSON() []byte { return encode(r.Document()) }

// KindUsage is the kind of UsageDocument: the command was called wrongly,
// and no QUERY was checked.
const KindUsage = "usage"

// CodeUsage is the code of UsageDocument's one diagnostic. It is not an
// ast.Code: no QUERY was read.
const CodeUsage = "usage"

// UsageDocument is the document of "odatafilter check --json" called
// wrongly (an unknown or repeated flag, a missing QUERY, a --file that
// cannot be read), for a script that asked for JSON:
//
//	{"valid":false,"kind":"usage","diagnostics":[{"code":"usage","message":"missing QUERY ...","start":0,"end":0,"rendered":"odatafilter check: missing QUERY ...\nusage: ..."}]}
//
// message says what is wrong; rendered is what the command prints on
// stderr without --json (the message and the usage line). Start and End
// are 0: there is no QUERY to point into.
func UsageDocument(message, rendered string) Document {
	return Document{Valid: false, Kind: KindUsage, Diagnostics: []DiagnosticDocument{
		{Code: CodeUsage, Message: message, Rendered: rendered}}}
}

// JSON returns d as one line of JSON, with a final newline, as
// Result.JSON does.
func (d Document) JSON() []byte { return encode(d) }

func encode(d Document) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		panic("check: " + err.Error()) // strings, ints and bools always encode
	}
	return b.Bytes()
}

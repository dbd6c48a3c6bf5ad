package check

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

func TestIsQueryString(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"$filter=riskScore eq 'High'", true},
		{"$FILTER=a+eq+1&$top=5", true},
		{"filter=a eq 1", true},
		{"top=5", true},
		{"@p=1&$filter=a eq @p", true},
		{"%24filter=a+eq+1", true},
		{"api-version=2&$filter=a eq 1", true},
		{"?$top=5", true},
		{"?", true},
		{"riskScore=High", true}, // custom option: valid, but check notes it
		{"riskScore eq 'High'", false},
		{"$it eq 1", false},
		{"$top", false},
		{"riskScore+eq+'High'", false},
		{"Fn(p=1) eq 2", false},
		{"name eq 'a=b'", false},
		{"=1", true}, // an option with no name: the parser says the shell ate $filter
		{"=riskScore+eq+'High'&=2", true},
		{"https://api.securitycenter.microsoft.com/api/machines?$filter=riskScore+eq+'High'", true},
		{"/api/machines?$filter=riskScore+eq+'High'", true},
		{"machines?$filter=riskScore+eq+'High'", true},
		{"https://api.securitycenter.microsoft.com/api/machines", true},
		{"computerDnsName eq 'a?b=c'", false},
		{"contains(computerDnsName,'?')", false},
		{"riskScore=='High'", false}, // a filter with ==: the parser says to write eq
		{"", false},
		{"-1 eq x", false},
		{"ñame=1", false},
	}
	for _, tt := range tests {
		if got := IsQueryString(tt.in); got != tt.want {
			t.Errorf("IsQueryString(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		src       string
		model     *schema.Model
		kind      string
		canonical string     // when valid
		codes     []ast.Code // when invalid
	}{
		{"RiskScore EQ 'High'", schema.Machines, KindFilter, "RiskScore eq 'High'", nil},
		{"$filter=riskScore+eq+%27High%27&$top=5", schema.Machines, KindQuery, "$filter=riskScore eq 'High'&$top=5", nil},
		{"api-version=2", schema.Machines, KindQuery, "", nil},
		{"fitler=riskScore eq 'High'", schema.Machines, KindQuery, "", []ast.Code{ast.CodeBadOption}},
		{"fitler=riskScore eq 'High'", nil, KindQuery, "", []ast.Code{ast.CodeBadOption}},
		{"riskScore=High", schema.Machines, KindQuery, "", []ast.Code{ast.CodeBadOption}},
		{"exposureLevel=Low", schema.Machines, KindQuery, "", []ast.Code{ast.CodeBadOption}},
		{"exposureLevel=Low", schema.Machines2021, KindQuery, "", []ast.Code{ast.CodeBadOption}},
		{"riskScore=High", nil, KindQuery, "", nil}, // syntax only: no model, no property names
		{"https://api.securitycenter.microsoft.com/api/machines", schema.Machines, KindQuery, "", []ast.Code{ast.CodeBadOption}},
		{"/api/machines/abc?$top=1", schema.Machines, KindQuery, "", []ast.Code{ast.CodeBadOption}},
		{"riskScor eq 'High' or riskScore eq 'Hgh'", schema.Machines, KindFilter, "", []ast.Code{ast.CodeUnknownField, ast.CodeUnknownEnumMember}},
		{"version eq '10'", schema.Machines, KindFilter, "", []ast.Code{ast.CodeNotFilterable}},
		{"version eq '10'", schema.Machines2021, KindFilter, "version eq '10'", nil},
		{"nosuchfield eq 1", nil, KindFilter, "nosuchfield eq 1", nil}, // syntax only
		{"a eqq 1", nil, KindFilter, "", []ast.Code{ast.CodeSyntax}},
		{"", schema.Machines, KindFilter, "", []ast.Code{ast.CodeSyntax}},
	}
	for _, tt := range tests {
		r := Run(tt.src, tt.model)
		if r.Kind != tt.kind || r.Source != tt.src {
			t.Errorf("Run(%q): kind %q, source %q; want %q, %q", tt.src, r.Kind, r.Source, tt.kind, tt.src)
		}
		var codes []ast.Code
		for _, d := range r.Diagnostics {
			codes = append(codes, d.Code)
		}
		if strings.Join(codeStrings(codes), ",") != strings.Join(codeStrings(tt.codes), ",") {
			t.Errorf("Run(%q): codes %v, want %v", tt.src, codes, tt.codes)
		}
		if r.Valid() != (tt.codes == nil) {
			t.Errorf("Run(%q).Valid() = %v", tt.src, r.Valid())
		}
		if r.Valid() && r.Canonical != tt.canonical {
			t.Errorf("Run(%q): canonical %q, want %q", tt.src, r.Canonical, tt.canonical)
		}
	}
}

func codeStrings(cs []ast.Code) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

// TestJSON pins the document's shape: the fields and their order, no HTML
// escaping, the rendered text as the command prints it, one line.
func TestJSON(t *testing.T) {
	valid := string(Run("name eq 'a&b<c>'", nil).JSON())
	if want := `{"valid":true,"kind":"filter","canonical":"name eq 'a&b<c>'"}` + "\n"; valid != want {
		t.Errorf("valid document\n got %s want %s", valid, want)
	}
	empty := string(Run("api-version=2", schema.Machines).JSON())
	if want := `{"valid":true,"kind":"query","canonical":""}` + "\n"; empty != want {
		t.Errorf("custom options only\n got %s want %s", empty, want)
	}

	src := "riskScore eq 'Hgh'"
	r := Run(src, schema.Machines)
	line := r.JSON()
	if strings.Count(string(line), "\n") != 1 || !strings.HasSuffix(string(line), "\n") {
		t.Errorf("not one line: %q", line)
	}
	var doc Document
	if err := json.Unmarshal(line, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Valid || doc.Kind != KindFilter || doc.Canonical != nil || len(doc.Diagnostics) != 1 {
		t.Fatalf("document %+v", doc)
	}
	d := doc.Diagnostics[0]
	want := DiagnosticDocument{
		Code: "unknown_enum_member", Start: 13, End: 18, Suggestion: "'High'",
		Message:  r.Diagnostics[0].Message,
		Rendered: r.Diagnostics.Render(src),
	}
	if d != want {
		t.Errorf("diagnostic\n got %+v\nwant %+v", d, want)
	}
	if !strings.Contains(d.Rendered, "\n |              ^~~~~\n") || !strings.Contains(d.Rendered, "did you mean 'High'?") {
		t.Errorf("rendered text has no caret under 'Hgh' or no suggestion:\n%s", d.Rendered)
	}
	// The suggestion replaces exactly the bytes of the span.
	if fixed := src[:d.Start] + d.Suggestion + src[d.End:]; !Run(fixed, schema.Machines).Valid() {
		t.Errorf("applying the suggestion gives %q, still invalid", fixed)
	}
}

func TestModelName(t *testing.T) {
	for name, m := range Models {
		if got := ModelName(m); got != name {
			t.Errorf("ModelName(Models[%q]) = %q", name, got)
		}
	}
	if got := ModelName(&schema.Model{}); got != "" {
		t.Errorf("ModelName(another model) = %q, want \"\"", got)
	}
}

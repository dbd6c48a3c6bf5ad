package schema

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/render (go test ./schema -run Golden -update)")

// The rendered diagnostics, as people read them: message, code, source
// line, caret and "did you mean". The tables assert codes and spans; these
// few files pin the wording.
func TestGoldenRender(t *testing.T) {
	tests := []struct{ name, src string }{
		{"unknown_field", "riskScor eq 'High'"},
		{"unknown_enum_member", "riskScore eq 'Hgh'"},
		{"not_filterable", "osBuild eq 19045"},
		{"type_mismatch", "rbacGroupId eq 'x'"},
		{"three_errors", "riskScor eq 'x' and osBuild eq 1 and healthStatus gt 'Active'"},
		{"query_string", "$filter=riskScore+eq+@r+and+machineTags/any(t:+t+eq+1)&@r='Hgh'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(parse(t, tt.src))
			got := diagnostics(t, err).Render(tt.src)
			path := filepath.Join("testdata", "render", tt.name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./schema -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("Render of %s:\n got:\n%s\nwant:\n%s", tt.src, got, want)
			}
		})
	}
}

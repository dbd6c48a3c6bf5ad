package ast

import (
	"errors"
	"strconv"
	"testing"
)

func TestErrCapsDiagnostics(t *testing.T) {
	for _, n := range []int{0, 1, MaxDiagnostics - 1, MaxDiagnostics, MaxDiagnostics + 1, 4000} {
		var ds Diagnostics
		for i := range n {
			ds.Add(Span{i, i + 1}, CodeSyntax, "error %d", i)
		}
		err := ds.Err()
		if n == 0 {
			if err != nil {
				t.Errorf("no diagnostics: Err() = %v, want nil", err)
			}
			continue
		}
		var got Diagnostics
		if !errors.As(err, &got) {
			t.Fatalf("%d diagnostics: Err() is %T", n, err)
		}
		if n <= MaxDiagnostics {
			if len(got) != n || got[n-1].Code != CodeSyntax {
				t.Errorf("%d diagnostics: Err() holds %d, the last %q", n, len(got), got[len(got)-1].Code)
			}
			continue
		}
		if len(got) != MaxDiagnostics {
			t.Fatalf("%d diagnostics: Err() holds %d, want %d", n, len(got), MaxDiagnostics)
		}
		last := got[MaxDiagnostics-1]
		wantMsg := "too many errors: " + strconv.Itoa(n-MaxDiagnostics+1) + " more not shown"
		if last.Code != CodeTooManyErrors || last.Span != (Span{MaxDiagnostics - 1, MaxDiagnostics}) || last.Message != wantMsg {
			t.Errorf("%d diagnostics: the last is %+v, want too_many_errors at the first one dropped, %q", n, *last, wantMsg)
		}
		if got[MaxDiagnostics-2] != ds[MaxDiagnostics-2] || len(ds) != n {
			t.Errorf("%d diagnostics: Err() changed the list or lost the ones it keeps", n)
		}
	}
}

// TestDidYouMean: a suggestion is shown exactly as it is to be typed, so
// that quotes around it are never read as part of it (issue 9: "did you
// mean '140'" for rbacGroupId eq '140' told the user to keep the quotes).
func TestDidYouMean(t *testing.T) {
	for _, c := range []struct{ suggestion, want string }{
		{"", ""},
		{"riskScore", "did you mean `riskScore`?"},
		{"140", "did you mean `140`?"},
		{"'High'", "did you mean 'High'?"},
		{" and ", "did you mean ` and `?"},
		{"$filter=riskScore eq 'High'", "did you mean `$filter=riskScore eq 'High'`?"},
	} {
		d := &Diagnostic{Suggestion: c.suggestion}
		if got := d.DidYouMean(); got != c.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", c.suggestion, got, c.want)
		}
	}
}

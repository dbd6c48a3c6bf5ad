package cli

import (
	"fmt"

	"github.com/odatafilter/odatafilter/check"
)

// report prints r, for people or as JSON, and returns the exit code.
//
// As JSON: r's check.Document, one line on stdout. For people: when valid,
// the canonical form on stdout; when not, every diagnostic with a caret
// under its span on stderr. A query string with no $filter, $top or $skip
// is valid (custom options are ignored), but as that is rarely what was
// meant, a note on stderr says so.
func report(r *check.Result, s streams, asJSON bool) int {
	code := ExitOK
	if !r.Valid() {
		code = ExitInvalid
	}
	if asJSON {
		if _, err := s.stdout.Write(r.JSON()); err != nil {
			fmt.Fprintf(s.stderr, "odatafilter check: %v\n", err)
			return ExitInvalid
		}
		return code
	}
	if code != ExitOK {
		fmt.Fprint(s.stderr, r.Diagnostics.Render(r.Source))
		return code
	}
	fmt.Fprintln(s.stdout, r.Canonical)
	if r.Kind == check.KindQuery && r.Canonical == "" {
		fmt.Fprintln(s.stderr, "odatafilter check: note: read as a query string with no $filter, $top or $skip; "+
			"custom options are ignored (a bare filter has no '=' after a name)")
	}
	return code
}

package ast

import (
	"fmt"
	"strings"
)

// Code is a stable, machine-readable diagnostic code. Tests and tools match on
// codes, never on messages.
type Code string

// The diagnostic codes of every stage.
const (
	CodeSyntax            Code = "syntax"              // the text is not an OData expression or query
	CodeTooLong           Code = "too_long"            // the input is longer than the limit
	CodeTooDeep           Code = "too_deep"            // nesting is deeper than the limit
	CodeTooManyNodes      Code = "too_many_nodes"      // the expression has more nodes than the limit
	CodeListTooLong       Code = "list_too_long"       // an in list has more items than the limit
	CodeBadOption         Code = "bad_option"          // a query option is unknown, unsupported, repeated, empty or malformed
	CodeBadEscape         Code = "bad_escape"          // a malformed %XX escape in a query string, or escapes that decode to invalid UTF-8
	CodeTopTooLarge       Code = "top_too_large"       // $top above the maximum page size
	CodeBadLiteral        Code = "bad_literal"         // a literal that is well-formed but denotes no value
	CodeUnknownField      Code = "unknown_field"       // a name that is not a field of the model
	CodeNotFilterable     Code = "not_filterable"      // a field that exists but may not be filtered on
	CodeTypeMismatch      Code = "type_mismatch"       // operand types do not fit the operator or function
	CodeUnknownEnumMember Code = "unknown_enum_member" // a string that names no member of the enum
	CodeUnknownFunction   Code = "unknown_function"    // a function the engine does not know
	CodeUnknownType       Code = "unknown_type"        // a type name the model does not have
	CodeUnknownAlias      Code = "unknown_alias"       // a parameter alias the query does not define
	CodeAliasCycle        Code = "alias_cycle"         // parameter aliases defined in terms of themselves
	CodeDivisionByZero    Code = "division_by_zero"    // integer div or mod by a literal zero
	CodeUnsupported       Code = "unsupported"         // valid OData the model cannot use
	CodeTooComplex        Code = "too_complex"         // a regular expression larger than the limit
	CodeTooManyErrors     Code = "too_many_errors"     // stands for the errors past MaxDiagnostics
)

// MaxDiagnostics is the most diagnostics an error holds. Past it, Err
// keeps the first MaxDiagnostics-1 and puts one too_many_errors diagnostic,
// saying how many more there were, in the place of the rest: a mistyped
// query rarely has more, and a long machine-made one (a thousand "&") then
// costs a page of output, not a rendering of its whole text per error.
const MaxDiagnostics = 50

// Diagnostic is one error, positioned in the source text.
type Diagnostic struct {
	Span       Span
	Code       Code
	Message    string
	Suggestion string // a replacement for the text under Span, shown as "did you mean ...?"; may be empty
}

// DidYouMean returns "did you mean S?" for the Suggestion S, or "" when
// there is none. S is shown exactly as it is to be typed: a suggestion
// that starts with a quote ('High') is delimited by its own quotes, any
// other goes in backquotes (`riskScore`, `140`, `$filter=riskScore eq
// 'High'`, ` and `), so that quotes around it are never taken for part
// of it.
func (d *Diagnostic) DidYouMean() string {
	s := d.Suggestion
	switch {
	case s == "":
		return ""
	case !strings.HasPrefix(s, "'"):
		s = "`" + s + "`"
	}
	return "did you mean " + s + "?"
}

// Error returns "offset N: message".
func (d *Diagnostic) Error() string {
	return fmt.Sprintf("offset %d: %s", d.Span.Start, d.Message)
}

// Diagnostics is a list of diagnostics; it is the error type of every stage.
type Diagnostics []*Diagnostic

// Add appends a diagnostic.
func (ds *Diagnostics) Add(span Span, code Code, format string, args ...any) *Diagnostic {
	d := &Diagnostic{Span: span, Code: code, Message: fmt.Sprintf(format, args...)}
	*ds = append(*ds, d)
	return d
}

// Err returns nil when the list is empty, and the list otherwise, cut to
// MaxDiagnostics entries: the last of them, with code too_many_errors and
// the span of the first one it replaces, counts the rest.
func (ds Diagnostics) Err() error {
	switch {
	case len(ds) == 0:
		return nil
	case len(ds) <= MaxDiagnostics:
		return ds
	}
	keep := MaxDiagnostics - 1
	out := append(Diagnostics(nil), ds[:keep]...)
	out.Add(ds[keep].Span, CodeTooManyErrors, "too many errors: %d more not shown", len(ds)-keep)
	return out
}

// Error joins the messages, one a line.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

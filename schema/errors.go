package schema

import (
	"fmt"
	"unicode/utf8"
)

// FieldError reports why a machine record could not be decoded, and where.
// Machine.UnmarshalJSON returns only *FieldError values; errors.As finds
// them, and errors.As finds an *UnknownMemberError inside one for an enum
// string that names no member.
type FieldError struct {
	// Field is the JSON path of the bad value: "healthStatus",
	// "machineTags[2]", "ipAddresses[0].type"; "" when the record itself is
	// malformed (not an object, truncated, trailing data).
	Field string

	// Offset is the byte offset, in the data given to UnmarshalJSON, where
	// the bad value or the syntax error begins. (encoding/json hands
	// UnmarshalJSON one record, so the offset is within that record.)
	Offset int

	// Err says what is wrong.
	Err error
}

// Error names the field, the offset and the problem, e.g.
// `schema: machine field healthStatus (offset 12): unknown HealthStatus member "Actve" ...`.
func (e *FieldError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("schema: machine record (offset %d): %v", e.Offset, e.Err)
	}
	return fmt.Sprintf("schema: machine field %s (offset %d): %v", e.Field, e.Offset, e.Err)
}

// Unwrap returns Err.
func (e *FieldError) Unwrap() error { return e.Err }

// clip shortens s for an error message, on a rune boundary.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

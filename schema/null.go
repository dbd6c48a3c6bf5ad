package schema

import "strconv"

// NullString is an Edm.String (or Edm.Guid) value that may be null. The zero
// value is null. It is a plain value, not a pointer, so reading a field costs
// no pointer chase and no allocation.
type NullString struct {
	V     string // the value; "" when null
	Valid bool   // false means null (or missing from the JSON)
}

// StringValue returns a non-null NullString holding s.
func StringValue(s string) NullString { return NullString{V: s, Valid: true} }

// String returns the value as it is, unquoted, or "null" (so a string
// "null" and null print alike: compare Valid to tell them apart).
func (s NullString) String() string {
	if !s.Valid {
		return "null"
	}
	return s.V
}

// NullInt64 is an Edm.Int64 value that may be null. The zero value is null.
type NullInt64 struct {
	V     int64 // the value; 0 when null
	Valid bool  // false means null (or missing from the JSON)
}

// Int64Value returns a non-null NullInt64 holding v.
func Int64Value(v int64) NullInt64 { return NullInt64{V: v, Valid: true} }

// String returns the value in decimal, or "null".
func (n NullInt64) String() string {
	if !n.Valid {
		return "null"
	}
	return strconv.FormatInt(n.V, 10)
}

// NullBool is an Edm.Boolean value that may be null. The zero value is null.
type NullBool struct {
	V     bool // the value; false when null
	Valid bool // false means null (or missing from the JSON)
}

// BoolValue returns a non-null NullBool holding v.
func BoolValue(v bool) NullBool { return NullBool{V: v, Valid: true} }

// String returns "true", "false" or "null".
func (b NullBool) String() string {
	if !b.Valid {
		return "null"
	}
	return strconv.FormatBool(b.V)
}

package schema

// NullString is an Edm.String (or Edm.Guid) value that may be null. The zero
// value is null. It is a plain value, not a pointer, so reading a field costs
// no pointer chase and no allocation.
type NullString struct {
	V     string // the value; "" when null
	Valid bool   // false means null (or missing from the JSON)
}

// StringValue returns a non-null NullString holding s.
func StringValue(s string) NullString { return NullString{V: s, Valid: true} }

// NullInt64 is an Edm.Int64 value that may be null. The zero value is null.
type NullInt64 struct {
	V     int64 // the value; 0 when null
	Valid bool  // false means null (or missing from the JSON)
}

// Int64Value returns a non-null NullInt64 holding v.
func Int64Value(v int64) NullInt64 { return NullInt64{V: v, Valid: true} }

// NullBool is an Edm.Boolean value that may be null. The zero value is null.
type NullBool struct {
	V     bool // the value; false when null
	Valid bool // false means null (or missing from the JSON)
}

// BoolValue returns a non-null NullBool holding v.
func BoolValue(v bool) NullBool { return NullBool{V: v, Valid: true} }

package schema

import (
	"fmt"
	"testing"
)

// TestNullString: each nullable value prints as its value, or "null".
func TestNullString(t *testing.T) {
	for _, tc := range []struct {
		v    fmt.Stringer
		want string
	}{
		{NullString{}, "null"},
		{StringValue(""), ""},
		{StringValue("web-01"), "web-01"},
		{NullString{V: "stale", Valid: false}, "null"},
		{NullInt64{}, "null"},
		{Int64Value(-140), "-140"},
		{Int64Value(0), "0"},
		{NullBool{}, "null"},
		{BoolValue(false), "false"},
		{BoolValue(true), "true"},
		{DateTimeOffset{}, "null"},
		{HealthStatus(0), "null"},
		{RiskScoreHigh, "High"},
	} {
		if got := tc.v.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.v, got, tc.want)
		}
		if got := fmt.Sprint(tc.v); got != tc.want {
			t.Errorf("fmt.Sprint(%#v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

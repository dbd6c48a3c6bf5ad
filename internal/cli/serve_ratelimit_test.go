package cli

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/server"
)

func TestParseRateLimits(t *testing.T) {
	type rl = server.RateLimit
	lim := func(n int, per time.Duration) rl { return rl{Requests: n, Per: per} }
	tests := []struct {
		spec string
		want []rl
		err  string // a part of the error; "" for none
	}{
		{spec: "defender", want: []rl{lim(100, time.Minute), lim(1500, time.Hour)}},
		{spec: "100/min,1500/hour", want: []rl{lim(100, time.Minute), lim(1500, time.Hour)}},
		{spec: "1/s", want: []rl{lim(1, time.Second)}},
		{spec: "2/sec,3/second", want: []rl{lim(2, time.Second), lim(3, time.Second)}},
		{spec: "4/min,5/minute", want: []rl{lim(4, time.Minute), lim(5, time.Minute)}},
		{spec: "6/h,7/hour", want: []rl{lim(6, time.Hour), lim(7, time.Hour)}},
		{spec: " 10/s , 100/min ", want: []rl{lim(10, time.Second), lim(100, time.Minute)}},
		{spec: "0010/min", want: []rl{lim(10, time.Minute)}},

		{spec: "", err: "no limit given"},
		{spec: "  ", err: "no limit given"},
		{spec: "100/min,", err: `empty limit in "100/min,"`},
		{spec: ",100/min", err: `empty limit in ",100/min"`},
		{spec: "100", err: `limit "100" has no unit`},
		{spec: "100/min,1500", err: `limit "1500" has no unit`},
		{spec: "Defender", err: `limit "Defender" has no unit`},
		{spec: "0/min", err: `limit "0/min": the count "0" is not a positive integer`},
		{spec: "-1/min", err: `the count "-1" is not a positive integer`},
		{spec: "+5/s", err: `the count "+5" is not a positive integer`},
		{spec: "1.5/s", err: `the count "1.5" is not a positive integer`},
		{spec: "/min", err: `the count "" is not a positive integer`},
		{spec: "99999999999999999999/s", err: "is not a positive integer"},
		{spec: "100/min,15/day", err: `limit "15/day": unknown unit "day"`},
		{spec: "100/", err: `limit "100/": unknown unit ""`},
		{spec: "100/MIN", err: `unknown unit "MIN"`},
		{spec: "100/1m", err: `unknown unit "1m"`},
		{spec: "100/min/h", err: `unknown unit "min/h"`},
	}
	for _, tt := range tests {
		got, err := parseRateLimits(tt.spec)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.spec, err, tt.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tt.spec, err)
		case !reflect.DeepEqual(got, tt.want):
			t.Errorf("%q: %v, want %v", tt.spec, got, tt.want)
		}
	}
}

// TestRateLimitFlag: the flag adds the limits of every SPEC given, keeps
// server.DefenderRateLimits unchanged, and prints them back as a SPEC.
func TestRateLimitFlag(t *testing.T) {
	var f rateLimitFlag
	for _, v := range []string{"defender", "10/second"} {
		if err := f.Set(v); err != nil {
			t.Fatal(err)
		}
	}
	f.limits[0].Requests = 1 // a copy, not the server's variable
	if got, want := f.String(), "1/min,1500/h,10/s"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if server.DefenderRateLimits[0].Requests != 100 {
		t.Errorf("server.DefenderRateLimits changed: %v", server.DefenderRateLimits)
	}
}

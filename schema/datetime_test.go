package schema

import (
	"testing"
	"time"
)

func TestParseDateTimeOffset(t *testing.T) {
	tests := []struct {
		in     string
		utc    string // the instant, in time.RFC3339Nano UTC
		offset int    // minutes
		out    string // AppendFormat; "" means in
	}{
		{"2018-08-02T14:55:03.7791856Z", "2018-08-02T14:55:03.7791856Z", 0, ""},
		{"2018-08-02T14:55:03Z", "2018-08-02T14:55:03Z", 0, ""},
		{"2018-08-02T14:55Z", "2018-08-02T14:55:00Z", 0, "2018-08-02T14:55:00Z"},
		{"2018-08-02t14:55:03.5z", "2018-08-02T14:55:03.5Z", 0, "2018-08-02T14:55:03.5Z"},
		{"2018-08-02T16:55:03.7791856+02:00", "2018-08-02T14:55:03.7791856Z", 120, ""},
		{"2024-12-31T23:30:00-02:00", "2025-01-01T01:30:00Z", -120, ""},
		{"2018-08-02T14:55:03+00:00", "2018-08-02T14:55:03Z", 0, ""},
		{"2018-08-02T14:55:03-00:00", "2018-08-02T14:55:03Z", 0, "2018-08-02T14:55:03+00:00"},
		{"2018-08-02T09:25:03+05:30", "2018-08-02T03:55:03Z", 330, ""},
		{"2018-08-02T14:55:03.123456789123+23:59", "2018-08-01T14:56:03.123456789Z", 1439, "2018-08-02T14:55:03.123456789000+23:59"},
		{"2020-02-29T00:00:00Z", "2020-02-29T00:00:00Z", 0, ""},
		{"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z", 0, ""},
		{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", 0, ""},
		{"9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z", 0, ""},
		{"10000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", 0, ""},
	}
	for _, tt := range tests {
		d, err := ParseDateTimeOffset(tt.in)
		if err != nil {
			t.Errorf("ParseDateTimeOffset(%q): %v", tt.in, err)
			continue
		}
		if !d.Valid() {
			t.Errorf("ParseDateTimeOffset(%q) is null", tt.in)
		}
		if got := d.Time().UTC().Format(time.RFC3339Nano); got != tt.utc {
			t.Errorf("ParseDateTimeOffset(%q) instant = %s, want %s", tt.in, got, tt.utc)
		}
		if d.Offset() != tt.offset {
			t.Errorf("ParseDateTimeOffset(%q) offset = %d, want %d", tt.in, d.Offset(), tt.offset)
		}
		want := tt.out
		if want == "" {
			want = tt.in
		}
		if got := d.String(); got != want {
			t.Errorf("ParseDateTimeOffset(%q).String() = %s, want %s", tt.in, got, want)
		}
	}
}

func TestParseDateTimeOffsetErrors(t *testing.T) {
	for _, in := range []string{
		"", "2018", "2018-08-02", "2018-08-01Z", "2018-08-02T14:55:03", "2018-08-02T14:55:03.7791856",
		"2018-08-02 14:55:03Z", "2018-8-02T14:55:03Z", "2018-08-2T14:55:03Z", "018-08-02T14:55:03Z",
		"02018-08-02T14:55:03Z", "2018-13-02T14:55:03Z", "2018-00-02T14:55:03Z", "2018-08-00T14:55:03Z",
		"2018-08-32T14:55:03Z", "2019-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2018-04-31T00:00:00Z",
		"2018-08-02T24:00:00Z", "2018-08-02T14:60:03Z", "2018-08-02T14:55:60Z", "2018-08-02T14:55:03.Z",
		"2018-08-02T14:55:03.1234567890123Z", "2018-08-02T14:55:03+2:00", "2018-08-02T14:55:03+02",
		"2018-08-02T14:55:03+24:00", "2018-08-02T14:55:03+02:60", "2018-08-02T14:55:03Zx",
		"2018-08-02T14:55:03 Z", "+2018-08-02T14:55:03Z", "2018-08-02T14:5:03Z", "２018-08-02T14:55:03Z",
	} {
		if d, err := ParseDateTimeOffset(in); err == nil {
			t.Errorf("ParseDateTimeOffset(%q) = %v, want an error", in, d)
		}
	}
}

func TestDateTimeOffsetCompare(t *testing.T) {
	a := mustDTO(t, "2018-08-02T14:55:03.7791856Z")
	b := mustDTO(t, "2018-08-02T16:55:03.7791856+02:00") // the same instant
	c := mustDTO(t, "2018-08-02T14:55:03.7791857Z")
	d := mustDTO(t, "2018-08-02T14:55:04-00:01") // later by a minute
	if a.Compare(b) != 0 || !a.Equal(b) || a.Before(b) || a.After(b) {
		t.Errorf("%v and %v should be the same instant", a, b)
	}
	if a.Compare(c) != -1 || c.Compare(a) != 1 || !a.Before(c) || !c.After(a) {
		t.Errorf("%v should be before %v", a, c)
	}
	if c.Compare(d) != -1 || d.Compare(c) != 1 {
		t.Errorf("%v should be before %v", c, d)
	}
}

func TestDateTimeOffsetWallClock(t *testing.T) {
	d := mustDTO(t, "2024-12-31T23:30:00.25-02:00")
	w := d.WallClock()
	if w.Year() != 2024 || w.Month() != 12 || w.Day() != 31 || w.Hour() != 23 || w.Minute() != 30 ||
		w.Nanosecond() != 250000000 || w.Location() != time.UTC {
		t.Errorf("WallClock() = %v, want 2024-12-31 23:30:00.25 as UTC", w)
	}
	if y := d.Time().Year(); y != 2024 {
		t.Errorf("Time().Year() = %d, want 2024", y)
	}
	if n := testing.AllocsPerRun(100, func() { _ = d.WallClock().Year() }); n != 0 {
		t.Errorf("WallClock allocates %v times", n)
	}
}

func TestDateTimeOffsetOf(t *testing.T) {
	loc := time.FixedZone("", 5*3600+30*60)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2018, 8, 2, 14, 55, 3, 779185600, time.UTC), "2018-08-02T14:55:03.7791856Z"},
		{time.Date(2018, 8, 2, 14, 55, 3, 0, loc), "2018-08-02T14:55:03.0000000+05:30"},
		{time.Date(2018, 8, 2, 14, 55, 3, 1, loc), "2018-08-02T14:55:03.000000001+05:30"},
		{time.Date(-44, 3, 15, 0, 0, 0, 0, time.UTC), "-0044-03-15T00:00:00.0000000Z"},
		{time.Date(2018, 8, 2, 0, 0, 0, 0, time.FixedZone("LMT", -(4*3600+56*60+2))), "2018-08-02T00:00:02.0000000-04:56"},
		{time.Date(2018, 8, 2, 1, 0, 0, 0, time.FixedZone("", 25*3600)), "2018-08-01T00:00:00.0000000Z"},
	}
	for _, tt := range tests {
		d := DateTimeOffsetOf(tt.t)
		if got := d.String(); got != tt.want {
			t.Errorf("DateTimeOffsetOf(%v) = %s, want %s", tt.t, got, tt.want)
		}
		if !d.Time().Equal(tt.t) {
			t.Errorf("DateTimeOffsetOf(%v).Time() = %v", tt.t, d.Time())
		}
		if back, err := ParseDateTimeOffset(d.String()); err != nil || back != d {
			t.Errorf("ParseDateTimeOffset(%s) = %v, %v; want %v", d, back, err, d)
		}
	}
	var null DateTimeOffset
	if null.Valid() || null.String() != "null" || len(null.AppendFormat(nil)) != 0 {
		t.Errorf("the zero DateTimeOffset should be null")
	}
}

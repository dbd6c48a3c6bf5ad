package fuzz

import (
	"math/big"
	"time"

	"github.com/odatafilter/odatafilter/ast"
)

// timeFunc evaluates the date and time functions on non-null arguments. A
// DateTimeOffset is read in its own offset, as written: its time.Time is in
// a fixed zone of that offset, so Year, Hour, ... read the wall clock.
func timeFunc(e *ast.CallExpr, args []value) (value, bool) {
	bad := func() {
		fail(e, "%s of %s", e.Name, show(args[0]))
	}
	switch e.Name {
	case "year", "month", "day":
		var y, m, d int
		switch v := args[0].(type) {
		case time.Time:
			var mm time.Month
			y, mm, d = v.Date()
			m = int(mm)
		case ast.Date:
			y, m, d = v.Year, v.Month, v.Day
		default:
			bad()
		}
		return int64(map[string]int{"year": y, "month": m, "day": d}[e.Name]), true
	case "hour", "minute", "second", "fractionalseconds":
		var tod ast.TimeOfDay
		switch v := args[0].(type) {
		case time.Time:
			tod = timeOfDay(v)
		case ast.TimeOfDay:
			tod = v
		default:
			bad()
		}
		switch e.Name {
		case "hour":
			return int64(tod.Hour), true
		case "minute":
			return int64(tod.Minute), true
		case "second":
			return int64(tod.Second), true
		}
		return float64(tod.Nanosecond) / 1e9, true // exact numerator and denominator: one rounding
	case "totalseconds":
		d, ok := args[0].(time.Duration)
		if !ok {
			bad()
		}
		// Reading: the nearest float64 to the exact number of seconds
		// (Duration.Seconds rounds twice for long durations).
		return ratFloat(big.NewRat(int64(d), 1e9)), true
	case "date":
		t, ok := args[0].(time.Time)
		if !ok {
			bad()
		}
		y, m, d := t.Date()
		return ast.Date{Year: y, Month: int(m), Day: d}, true
	case "time":
		t, ok := args[0].(time.Time)
		if !ok {
			bad()
		}
		return timeOfDay(t), true
	case "totaloffsetminutes":
		t, ok := args[0].(time.Time)
		if !ok {
			bad()
		}
		_, off := t.Zone()
		return int64(off / 60), true
	}
	return nil, false
}

// timeOfDay reads the wall-clock time of t in t's own zone.
func timeOfDay(t time.Time) ast.TimeOfDay {
	return ast.TimeOfDay{Hour: t.Hour(), Minute: t.Minute(), Second: t.Second(), Nanosecond: t.Nanosecond()}
}

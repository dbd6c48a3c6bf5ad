package eval

import (
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// Bounds of mindatetime() and maxdatetime().
var (
	minDateTime = schema.DateTimeOffsetOf(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC))
	maxDateTime = schema.DateTimeOffsetOf(time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC))
)

// part reads a component of a DateTimeOffset in its own offset.
type part struct {
	get func(wall time.Time, off int) int64
	x   node[schema.DateTimeOffset]
}

func (n part) eval(m *schema.Machine, f *frame) (int64, bool) {
	x, ok := n.x.eval(m, f)
	if !ok {
		return 0, false
	}
	return n.get(x.WallClock(), x.Offset()), true
}

var parts = map[string]func(time.Time, int) int64{
	"year":               func(t time.Time, _ int) int64 { return int64(t.Year()) },
	"month":              func(t time.Time, _ int) int64 { return int64(t.Month()) },
	"day":                func(t time.Time, _ int) int64 { return int64(t.Day()) },
	"hour":               func(t time.Time, _ int) int64 { return int64(t.Hour()) },
	"minute":             func(t time.Time, _ int) int64 { return int64(t.Minute()) },
	"second":             func(t time.Time, _ int) int64 { return int64(t.Second()) },
	"totaloffsetminutes": func(_ time.Time, off int) int64 { return int64(off) },
}

// datePart reads a component of a Date.
type datePart struct {
	name string
	x    node[date]
}

func (n datePart) eval(m *schema.Machine, f *frame) (int64, bool) {
	d, ok := n.x.eval(m, f)
	if !ok {
		return 0, false
	}
	t := time.Unix(int64(d)*86400, 0).UTC()
	switch n.name {
	case "year":
		return int64(t.Year()), true
	case "month":
		return int64(t.Month()), true
	}
	return int64(t.Day()), true
}

// todPart reads a component of a TimeOfDay.
type todPart struct {
	name string
	x    node[timeOfDay]
}

func (n todPart) eval(m *schema.Machine, f *frame) (int64, bool) {
	t, ok := n.x.eval(m, f)
	if !ok {
		return 0, false
	}
	d := time.Duration(t)
	switch n.name {
	case "hour":
		return int64(d / time.Hour), true
	case "minute":
		return int64(d % time.Hour / time.Minute), true
	}
	return int64(d % time.Minute / time.Second), true
}

// fraction is fractionalseconds of a DateTimeOffset or a TimeOfDay.
type fraction struct {
	x   node[schema.DateTimeOffset]
	tod node[timeOfDay]
}

func (n fraction) eval(m *schema.Machine, f *frame) (float64, bool) {
	if n.tod != nil {
		t, ok := n.tod.eval(m, f)
		return float64(time.Duration(t)%time.Second) / 1e9, ok
	}
	x, ok := n.x.eval(m, f)
	_, ns := x.Unix()
	return float64(ns) / 1e9, ok
}

type totalSeconds struct{ x node[durationT] }

func (n totalSeconds) eval(m *schema.Machine, f *frame) (float64, bool) {
	d, ok := n.x.eval(m, f)
	return d.Seconds(), ok
}

// dateOf is date(x): the date as written in x's offset.
type dateOf struct{ x node[schema.DateTimeOffset] }

func (n dateOf) eval(m *schema.Machine, f *frame) (date, bool) {
	x, ok := n.x.eval(m, f)
	if !ok {
		return 0, false
	}
	w := x.WallClock()
	return daysOf(w.Year(), int(w.Month()), w.Day()), true
}

// timeOf is time(x): the time of day as written in x's offset.
type timeOf struct{ x node[schema.DateTimeOffset] }

func (n timeOf) eval(m *schema.Machine, f *frame) (timeOfDay, bool) {
	x, ok := n.x.eval(m, f)
	if !ok {
		return 0, false
	}
	w := x.WallClock()
	return timeOfDay(time.Duration(w.Hour())*time.Hour + time.Duration(w.Minute())*time.Minute +
		time.Duration(w.Second())*time.Second + time.Duration(w.Nanosecond())), true
}

func (p *planner) timeCall(e *ast.CallExpr) any {
	switch e.Name {
	case "now":
		p.usesNow = true
		return now{}
	case "mindatetime":
		return constant[schema.DateTimeOffset]{minDateTime, true}
	case "maxdatetime":
		return constant[schema.DateTimeOffset]{maxDateTime, true}
	case "totalseconds":
		return totalSeconds{typed[durationT](p, e.Args[0])}
	case "date":
		return dateOf{typed[schema.DateTimeOffset](p, e.Args[0])}
	case "time":
		return timeOf{typed[schema.DateTimeOffset](p, e.Args[0])}
	}
	if _, ok := parts[e.Name]; !ok && e.Name != "fractionalseconds" {
		return nil
	}
	a := e.Args[0]
	switch t := p.typeOf(a); {
	case e.Name == "fractionalseconds" && t == schema.TypeTimeOfDay:
		return fraction{tod: typed[timeOfDay](p, a)}
	case e.Name == "fractionalseconds":
		return fraction{x: typed[schema.DateTimeOffset](p, a)}
	case t == schema.TypeDate:
		return datePart{e.Name, typed[date](p, a)}
	case t == schema.TypeTimeOfDay:
		return todPart{e.Name, typed[timeOfDay](p, a)}
	case t == schema.TypeNull:
		return constant[int64]{}
	}
	return part{parts[e.Name], typed[schema.DateTimeOffset](p, a)}
}

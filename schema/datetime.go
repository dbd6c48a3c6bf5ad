package schema

import (
	"fmt"
	"time"
)

// DateTimeOffset is an Edm.DateTimeOffset value that may be null: an instant
// together with the UTC offset it was written in. The zero value is null.
//
// The instant is kept as Unix seconds and nanoseconds, so comparing two values
// (Compare, Before, After, Equal) is two integer comparisons and never looks
// at a time zone. The offset is kept beside it, in minutes, so that WallClock
// can read year, month, day and time of day as written in the data
// (2024-12-31T23:30:00-02:00 is in 2024) without allocating. The number of
// fractional-second digits and whether UTC was written as "Z" are kept too,
// only so that a decoded value is written back as it was read
// (2018-08-02T14:55:03.7791856Z keeps its seven digits).
//
// The value is 16 bytes and has no pointers.
type DateTimeOffset struct {
	sec   int64 // seconds of the instant since 1970-01-01T00:00:00Z
	nsec  int32 // nanoseconds within the second, [0, 1e9)
	off   int16 // offset east of UTC in minutes, within ±23:59
	prec  uint8 // fractional digits as written, 0..12
	flags uint8 // dtoValid, dtoZulu
}

const (
	dtoValid uint8 = 1 << iota
	dtoZulu        // UTC was written "Z" rather than "+00:00"
)

const maxFracDigits = 12 // OData's fractionalSeconds = 1*12DIGIT

// DateTimeOffsetOf returns the non-null value of t's instant in t's offset.
// An offset that is not a whole number of minutes (historic local mean time)
// is truncated to minutes; one of a day or more, which ISO 8601 cannot write,
// becomes UTC. The value is written with seven fractional digits, as
// Defender writes them, or nine when t has finer precision.
func DateTimeOffsetOf(t time.Time) DateTimeOffset {
	_, offSec := t.Zone()
	if offSec <= -24*3600 || offSec >= 24*3600 {
		offSec = 0
	}
	d := DateTimeOffset{
		sec:   t.Unix(),
		nsec:  int32(t.Nanosecond()),
		off:   int16(offSec / 60),
		prec:  7,
		flags: dtoValid,
	}
	if d.nsec%100 != 0 {
		d.prec = 9
	}
	if offSec == 0 {
		d.flags |= dtoZulu
	}
	return d
}

// Valid reports whether the value is non-null.
func (t DateTimeOffset) Valid() bool { return t.flags&dtoValid != 0 }

// Unix returns the instant as seconds and nanoseconds since
// 1970-01-01T00:00:00Z. Both are zero for null.
func (t DateTimeOffset) Unix() (sec int64, nsec int32) { return t.sec, t.nsec }

// Offset returns the offset the value was written in, in minutes east of UTC.
func (t DateTimeOffset) Offset() int { return int(t.off) }

// Compare compares the instants of t and u: -1 if t is earlier, +1 if later,
// 0 if they are the same instant, whatever their offsets. It does not look
// at nullness: callers check Valid first (a null value holds the Unix epoch).
func (t DateTimeOffset) Compare(u DateTimeOffset) int {
	switch {
	case t.sec < u.sec:
		return -1
	case t.sec > u.sec:
		return 1
	case t.nsec < u.nsec:
		return -1
	case t.nsec > u.nsec:
		return 1
	}
	return 0
}

// Before reports whether t's instant is earlier than u's.
func (t DateTimeOffset) Before(u DateTimeOffset) bool { return t.Compare(u) < 0 }

// After reports whether t's instant is later than u's.
func (t DateTimeOffset) After(u DateTimeOffset) bool { return t.Compare(u) > 0 }

// Equal reports whether t and u are the same instant; offsets may differ.
func (t DateTimeOffset) Equal(u DateTimeOffset) bool { return t.sec == u.sec && t.nsec == u.nsec }

// WallClock returns the date and time of day as written in the value's own
// offset, as a time.Time whose location is UTC. Use it for OData's year,
// month, day, hour, minute, second, date and time functions: it does not
// allocate, unlike Time.
func (t DateTimeOffset) WallClock() time.Time {
	return time.Unix(t.sec+int64(t.off)*60, int64(t.nsec)).UTC()
}

// Time returns the value as a time.Time in a fixed zone of its offset (UTC
// when the offset is zero). It allocates a *time.Location for non-zero offsets.
func (t DateTimeOffset) Time() time.Time {
	u := time.Unix(t.sec, int64(t.nsec))
	if t.off == 0 {
		return u.UTC()
	}
	return u.In(time.FixedZone("", int(t.off)*60))
}

// String returns the value as JSON and OData write it, or "null".
func (t DateTimeOffset) String() string {
	if !t.Valid() {
		return "null"
	}
	return string(t.AppendFormat(make([]byte, 0, 40)))
}

// AppendFormat appends the value in ISO 8601 extended form
// (YYYY-MM-DDThh:mm:ss[.fffffff](Z|±hh:mm)), with as many fractional digits
// as were parsed, and returns the extended buffer. Null appends nothing.
func (t DateTimeOffset) AppendFormat(b []byte) []byte {
	if !t.Valid() {
		return b
	}
	w := t.WallClock()
	year, month, day := w.Date()
	if year < 0 {
		b = append(b, '-')
		year = -year
	}
	b = appendDigits(b, year, 4)
	b = append(b, '-')
	b = appendDigits(b, int(month), 2)
	b = append(b, '-')
	b = appendDigits(b, day, 2)
	b = append(b, 'T')
	b = appendDigits(b, w.Hour(), 2)
	b = append(b, ':')
	b = appendDigits(b, w.Minute(), 2)
	b = append(b, ':')
	b = appendDigits(b, w.Second(), 2)
	if prec := int(t.prec); prec > 0 || t.nsec != 0 {
		if prec == 0 {
			prec = 9
		}
		b = append(b, '.')
		frac := int(t.nsec)
		for i, div := 0, 100000000; i < prec; i++ {
			if div == 0 {
				b = append(b, '0') // digits below a nanosecond were truncated
				continue
			}
			b = append(b, byte('0'+frac/div))
			frac %= div
			div /= 10
		}
	}
	if t.off == 0 && t.flags&dtoZulu != 0 {
		return append(b, 'Z')
	}
	off := int(t.off)
	if off < 0 {
		b = append(b, '-')
		off = -off
	} else {
		b = append(b, '+')
	}
	b = appendDigits(b, off/60, 2)
	b = append(b, ':')
	return appendDigits(b, off%60, 2)
}

// appendDigits appends v (non-negative) in decimal, zero-padded to width.
func appendDigits(b []byte, v, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for v >= 10 || width > 1 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		width--
	}
	i--
	buf[i] = byte('0' + v)
	return append(b, buf[i:]...)
}

// dtoSyntax is the shape ParseDateTimeOffset accepts, for its errors.
const dtoSyntax = "YYYY-MM-DDThh:mm[:ss[.fffffff]] followed by Z or ±hh:mm"

// ParseDateTimeOffset parses the ISO 8601 form OData and Defender write:
// a date (a year of four or more digits, optionally negative), "T", hh:mm,
// optional seconds with 1 to 12 fractional digits, and "Z" or an offset
// ±hh:mm. "T" and "Z" may be lower case. Digits beyond nanoseconds are kept
// as zeros when formatting; the instant is truncated to the nanosecond. The
// date must be in the calendar and the time of day below 24:00.
func ParseDateTimeOffset(s string) (DateTimeOffset, error) {
	var p dtoParser
	p.s = s
	t, ok := p.parse()
	if !ok {
		return DateTimeOffset{}, fmt.Errorf("invalid DateTimeOffset %q: want %s", clip(s), dtoSyntax)
	}
	return t, nil
}

type dtoParser struct {
	s  string
	i  int
	ok bool
}

// num reads exactly n digits; it records a failure and returns 0 otherwise.
func (p *dtoParser) num(n int) int {
	v := 0
	for k := 0; k < n; k++ {
		if p.i >= len(p.s) || p.s[p.i] < '0' || p.s[p.i] > '9' {
			p.ok = false
			return 0
		}
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
	}
	return v
}

// lit consumes c (or its upper/lower-case twin when fold is set).
func (p *dtoParser) lit(c byte, fold bool) bool {
	if p.i < len(p.s) && (p.s[p.i] == c || fold && p.s[p.i]|0x20 == c|0x20) {
		p.i++
		return true
	}
	return false
}

func (p *dtoParser) parse() (DateTimeOffset, bool) {
	c, ok := p.fields()
	if !ok {
		return DateTimeOffset{}, false
	}
	t := c.t
	t.sec = time.Date(c.year, time.Month(c.month), c.day, c.hour, c.minute, c.second, 0, time.UTC).Unix() -
		int64(t.off)*60
	return t, true
}

// dtoFields are the parts of a DateTimeOffset as written; t has all but
// the seconds since the epoch, which parse computes.
type dtoFields struct {
	year, month, day, hour, minute, second int
	t                                      DateTimeOffset
}

// fields reads p.s and reports whether it is a DateTimeOffset: what parse
// accepts, without computing the instant (a check that keeps nothing, such
// as Projection's of a field it does not keep, needs no more).
func (p *dtoParser) fields() (dtoFields, bool) {
	p.ok = true
	neg := p.lit('-', false)
	digits := 0
	for p.i+digits < len(p.s) && p.s[p.i+digits] >= '0' && p.s[p.i+digits] <= '9' {
		digits++
	}
	if digits < 4 || digits > 9 || digits > 4 && p.s[p.i] == '0' {
		return dtoFields{}, false
	}
	year := p.num(digits)
	if neg {
		year = -year
	}
	p.ok = p.ok && p.lit('-', false)
	month := p.num(2)
	p.ok = p.ok && p.lit('-', false)
	day := p.num(2)
	p.ok = p.ok && p.lit('t', true)
	hour := p.num(2)
	p.ok = p.ok && p.lit(':', false)
	minute := p.num(2)
	second, nsec, prec := 0, 0, 0
	if p.lit(':', false) {
		second = p.num(2)
		if p.lit('.', false) {
			for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
				if prec < 9 {
					nsec = nsec*10 + int(p.s[p.i]-'0')
				}
				prec++
				p.i++
			}
			if prec == 0 || prec > maxFracDigits {
				return dtoFields{}, false
			}
			for k := prec; k < 9; k++ {
				nsec *= 10
			}
		}
	}
	t := DateTimeOffset{nsec: int32(nsec), prec: uint8(prec), flags: dtoValid}
	switch {
	case p.lit('z', true):
		t.flags |= dtoZulu
	case p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-'):
		sign := 1
		if p.s[p.i] == '-' {
			sign = -1
		}
		p.i++
		oh := p.num(2)
		p.ok = p.ok && p.lit(':', false)
		om := p.num(2)
		if oh > 23 || om > 59 {
			return dtoFields{}, false
		}
		t.off = int16(sign * (oh*60 + om))
	default:
		return dtoFields{}, false
	}
	if !p.ok || p.i != len(p.s) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(month, year) || hour > 23 || minute > 59 || second > 59 {
		return dtoFields{}, false
	}
	return dtoFields{year, month, day, hour, minute, second, t}, true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

package schema

import (
	"math"
	"time"
)

// DateTimeOffsetAt returns the non-null value of the instant sec, nsec
// (since 1970-01-01T00:00:00Z) written in the offset off, in minutes east of
// UTC. nsec must be in [0, 1e9) and off within ±23:59.
func DateTimeOffsetAt(sec int64, nsec int32, off int) DateTimeOffset {
	d := DateTimeOffset{sec: sec, nsec: nsec, off: int16(off), prec: 7, flags: dtoValid}
	if nsec%100 != 0 {
		d.prec = 9
	}
	if off == 0 {
		d.flags |= dtoZulu
	}
	return d
}

// Add returns t moved by d, in t's offset; ok is false when the result's
// seconds would overflow.
func (t DateTimeOffset) Add(d time.Duration) (DateTimeOffset, bool) {
	sec, nsec := int64(d/time.Second), int64(d%time.Second)
	n := int64(t.nsec) + nsec
	if n < 0 {
		n += 1e9
		sec--
	} else if n >= 1e9 {
		n -= 1e9
		sec++
	}
	s := t.sec + sec
	if (sec > 0 && s < t.sec) || (sec < 0 && s > t.sec) {
		return DateTimeOffset{}, false
	}
	return DateTimeOffsetAt(s, int32(n), int(t.off)), true
}

// Sub returns the duration t-u; ok is false when it is beyond the range of a
// time.Duration (about ±292 years).
func (t DateTimeOffset) Sub(u DateTimeOffset) (time.Duration, bool) {
	ds := t.sec - u.sec
	if (u.sec < 0 && ds < t.sec) || (u.sec > 0 && ds > t.sec) {
		return 0, false
	}
	dn := int64(t.nsec) - int64(u.nsec)
	// Give seconds and nanoseconds the same sign, so that the range check
	// on the seconds is exact.
	switch {
	case ds > 0 && dn < 0:
		ds, dn = ds-1, dn+1e9
	case ds < 0 && dn > 0:
		ds, dn = ds+1, dn-1e9
	}
	const maxSec = math.MaxInt64 / int64(time.Second)
	if ds > maxSec || ds < -maxSec {
		return 0, false
	}
	d := ds * int64(time.Second)
	r := d + dn
	if (dn > 0 && r < d) || (dn < 0 && r > d) {
		return 0, false
	}
	return time.Duration(r), true
}

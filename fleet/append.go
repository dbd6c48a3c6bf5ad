package fleet

import "strconv"

// The append helpers write JSON text for the values the generator draws,
// without encoding/json, fmt or allocation: the hot loop is appends into
// one reused buffer.

const hexLower = "0123456789abcdef"
const hexUpper = "0123456789ABCDEF"

// appendHex appends n random hex digits from digits.
func appendHex(b []byte, r *rng, n int, digits string) []byte {
	for n > 0 {
		x := r.u64()
		for k := 0; k < 16 && n > 0; k++ {
			b = append(b, digits[x&15])
			x >>= 4
			n--
		}
	}
	return b
}

// appendGUID appends a quoted random version-4 GUID, in lower case unless
// upper is set.
func appendGUID(b []byte, r *rng, upper bool) []byte {
	digits := hexLower
	if upper {
		digits = hexUpper
	}
	b = append(b, '"')
	b = appendHex(b, r, 8, digits)
	b = append(b, '-')
	b = appendHex(b, r, 4, digits)
	b = append(b, '-', '4')
	b = appendHex(b, r, 3, digits)
	b = append(b, '-', digits[8+r.intn(4)])
	b = appendHex(b, r, 3, digits)
	b = append(b, '-')
	b = appendHex(b, r, 12, digits)
	return append(b, '"')
}

// appendPad appends v in decimal, zero-padded to width digits.
func appendPad(b []byte, v int, width int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for v >= 10 || width > 1 {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		width--
	}
	i--
	tmp[i] = byte('0' + v)
	return append(b, tmp[i:]...)
}

// appendInt appends v in decimal.
func appendInt(b []byte, v int) []byte { return strconv.AppendInt(b, int64(v), 10) }

// appendString appends s quoted. s must need no escaping: the tables hold
// only such strings, and a test checks it.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendNullString appends s quoted, or null when s is empty.
func appendNullString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendBool appends true or false.
func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// timestamp is a DateTimeOffset to write: an instant, how many fractional
// digits to write (Defender writes seven), and the offset to write it in.
type timestamp struct {
	sec    int64 // Unix seconds; 0 is null
	frac   int   // in 100 ns units, [0, 1e7)
	digits int   // 7, 3 or 0
	off    int   // minutes east of UTC
	zulu   bool  // write UTC as "Z"
}

// appendTimestamp appends t quoted as an ISO 8601 DateTimeOffset in its own
// offset, or null.
func appendTimestamp(b []byte, t timestamp) []byte {
	if t.sec == 0 {
		return append(b, "null"...)
	}
	local := t.sec + int64(t.off)*60
	days, secs := local/86400, int(local%86400)
	y, m, d := civil(days)
	b = append(b, '"')
	b = appendPad(b, y, 4)
	b = append(b, '-')
	b = appendPad(b, m, 2)
	b = append(b, '-')
	b = appendPad(b, d, 2)
	b = append(b, 'T')
	b = appendPad(b, secs/3600, 2)
	b = append(b, ':')
	b = appendPad(b, secs/60%60, 2)
	b = append(b, ':')
	b = appendPad(b, secs%60, 2)
	switch t.digits {
	case 7:
		b = append(b, '.')
		b = appendPad(b, t.frac, 7)
	case 3:
		b = append(b, '.')
		b = appendPad(b, t.frac/10000, 3)
	}
	switch {
	case t.zulu:
		b = append(b, 'Z')
	default:
		off := t.off
		if off < 0 {
			b = append(b, '-')
			off = -off
		} else {
			b = append(b, '+')
		}
		b = appendPad(b, off/60, 2)
		b = append(b, ':')
		b = appendPad(b, off%60, 2)
	}
	return append(b, '"')
}

// civil converts days since 1970-01-01 (non-negative) into a proleptic
// Gregorian date, by Howard Hinnant's days_from_civil inverse.
func civil(days int64) (year, month, day int) {
	z := days + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}

// appendIPv4 appends a quoted dotted quad.
func appendIPv4(b []byte, a, c, d, e int) []byte {
	b = append(b, '"')
	b = appendInt(b, a)
	b = append(b, '.')
	b = appendInt(b, c)
	b = append(b, '.')
	b = appendInt(b, d)
	b = append(b, '.')
	b = appendInt(b, e)
	return append(b, '"')
}

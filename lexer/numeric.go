package lexer

import plexer "github.com/alecthomas/participle/v2/lexer"

// numeric scans what starts with a digit at digits (start is the sign, if
// any): a GUID, a date, a DateTimeOffset, a TimeOfDay or a number. The digit
// ranges the ABNF spells out (month 01-12, hour 00-23, ...) are checked here;
// whether a date exists in the calendar is the checker's business.
func (s *Scanner) numeric(start, digits int) (plexer.Token, error) {
	signed := start != digits
	if !signed {
		if end, ok := s.guidAt(start); ok {
			s.pos = end
			return s.tok(Guid, start), nil
		}
	}
	i := s.digitsEnd(digits)
	n := i - digits
	switch {
	case n >= 4 && s.at2(i, '-'):
		if end, ok := s.dateEnd(i); ok {
			return s.dateTime(start, end)
		}
	case n == 2 && !signed && s.at2(i, ':') && s.twoDigits(i+1) >= 0:
		// Two digits, a colon and two digits: a time. Anything else after
		// the colon leaves the number alone, as in case(x eq 10:1).
		end, err := s.timeEnd(digits, false)
		if err != nil {
			return plexer.Token{}, err
		}
		s.pos = end
		return s.afterLiteral(TimeOfDay, start, "time of day")
	}
	if i < len(s.src) && s.src[i] == '.' {
		if !(i+1 < len(s.src) && isDigit(s.src[i+1])) {
			return plexer.Token{}, s.errorf(start, i+1, "a decimal point must be followed by digits")
		}
		i = s.digitsEnd(i + 1)
	}
	if i < len(s.src) && (s.src[i] == 'e' || s.src[i] == 'E') {
		j := i + 1
		if j < len(s.src) && (s.src[j] == '+' || s.src[j] == '-') {
			j++
		}
		if !(j < len(s.src) && isDigit(s.src[j])) {
			return plexer.Token{}, s.errorf(start, j, "an exponent needs digits")
		}
		i = s.digitsEnd(j)
	}
	s.pos = i
	return s.afterLiteral(Number, start, "number")
}

// afterLiteral returns the token that ends at s.pos, or an error when a name
// character or a dot sticks to it (1L, 1.5M, 2012-01-01x).
func (s *Scanner) afterLiteral(t plexer.TokenType, start int, what string) (plexer.Token, error) {
	if s.identContinues(s.pos) || s.at2(s.pos, '.') {
		end := s.pos + 1
		if ok, _ := s.identStart(s.pos); ok {
			end = s.identEnd(s.pos)
		}
		return plexer.Token{}, s.errorf(s.pos, end, "unexpected %q after %s %s", s.src[s.pos:end], what, s.src[start:s.pos])
	}
	return s.tok(t, start), nil
}

func (s *Scanner) at2(i int, c byte) bool { return i < len(s.src) && s.src[i] == c }

func (s *Scanner) digitsEnd(i int) int {
	for i < len(s.src) && isDigit(s.src[i]) {
		i++
	}
	return i
}

// twoDigits returns the value of the two digits at i, or -1.
func (s *Scanner) twoDigits(i int) int {
	if i+1 < len(s.src) && isDigit(s.src[i]) && isDigit(s.src[i+1]) {
		return int(s.src[i]-'0')*10 + int(s.src[i+1]-'0')
	}
	return -1
}

// dateEnd checks "-MM-DD" at i (after the year) and returns its end.
func (s *Scanner) dateEnd(i int) (int, bool) {
	if !s.at2(i, '-') || !s.at2(i+3, '-') || s.twoDigits(i+1) < 0 || s.twoDigits(i+4) < 0 {
		return 0, false
	}
	return i + 6, true
}

// dateTime finishes a token that started as a date ending at end: a Date, a
// DateTimeOffset with a time and zone, or Defender's date-with-Z.
func (s *Scanner) dateTime(start, end int) (plexer.Token, error) {
	if m := s.twoDigits(end - 5); m < 1 || m > 12 {
		return plexer.Token{}, s.errorf(end-5, end-3, "month %s is not between 01 and 12", s.src[end-5:end-3])
	}
	if d := s.twoDigits(end - 2); d < 1 || d > 31 {
		return plexer.Token{}, s.errorf(end-2, end, "day %s is not between 01 and 31", s.src[end-2:end])
	}
	if end < len(s.src) {
		switch s.src[end] {
		case 'T', 't':
			tend, err := s.timeEnd(end+1, true)
			if err != nil {
				return plexer.Token{}, err
			}
			zend, err := s.zoneEnd(tend)
			if err != nil {
				return plexer.Token{}, err
			}
			s.pos = zend
			return s.afterLiteral(DateTimeOffset, start, "date and time")
		case 'Z', 'z':
			s.pos = end + 1
			return s.afterLiteral(DateTimeOffset, start, "date")
		}
	}
	s.pos = end
	return s.afterLiteral(Date, start, "date")
}

// timeEnd checks HH:MM[:SS[.fraction]] at i and returns its end. A second of
// 60 (a leap second) is allowed in a DateTimeOffset, as the ABNF allows it.
func (s *Scanner) timeEnd(i int, leap bool) (int, error) {
	h := s.twoDigits(i)
	if h < 0 || !s.at2(i+2, ':') {
		return 0, s.errorf(i, i+2, "expected a time as HH:MM")
	}
	if h > 23 {
		return 0, s.errorf(i, i+2, "hour %02d is not between 00 and 23", h)
	}
	m := s.twoDigits(i + 3)
	if m < 0 {
		return 0, s.errorf(i+3, i+5, "expected two digits of minutes")
	}
	if m > 59 {
		return 0, s.errorf(i+3, i+5, "minute %02d is not between 00 and 59", m)
	}
	i += 5
	if !s.at2(i, ':') {
		return i, nil
	}
	sec := s.twoDigits(i + 1)
	if sec < 0 {
		// The seconds are optional: a colon without two digits after it is
		// not part of the time, as in case(x eq 13:52:'late').
		return i, nil
	}
	if sec > 59 && !(leap && sec == 60) {
		return 0, s.errorf(i+1, i+3, "second %02d is not between 00 and 59", sec)
	}
	i += 3
	if !s.at2(i, '.') {
		return i, nil
	}
	f := s.digitsEnd(i + 1)
	switch n := f - i - 1; {
	case n == 0:
		return 0, s.errorf(i, i+1, "a decimal point must be followed by digits")
	case n > 12:
		return 0, s.errorf(i+1, f, "at most 12 digits of fractional seconds are allowed, not %d", n)
	}
	return f, nil
}

// zoneEnd checks Z or ±HH:MM at i and returns its end.
func (s *Scanner) zoneEnd(i int) (int, error) {
	if i < len(s.src) {
		switch s.src[i] {
		case 'Z', 'z':
			return i + 1, nil
		case '+', '-':
			h, m := s.twoDigits(i+1), s.twoDigits(i+4)
			if h >= 0 && s.at2(i+3, ':') && m >= 0 {
				if h > 23 || m > 59 {
					return 0, s.errorf(i, i+6, "offset %s is out of range", s.src[i:i+6])
				}
				return i + 6, nil
			}
			return 0, s.errorf(i, i+1, "an offset is written ±HH:MM")
		}
	}
	return 0, s.errorf(i, i, "a date and time needs a zone: Z or ±HH:MM")
}

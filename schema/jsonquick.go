package schema

import (
	"math/bits"
	"strings"
)

// Fast paths for the text Defender writes. Each takes only what the general
// path accepts, and gives the same result; anything else is left to the
// general path, which also says what is wrong.
//
// Member names: a record's names are most of its
// members' cost when each is scanned for its closing quote and then looked
// up among the fields; a name spelled exactly as Defender spells it,
// followed at once by its colon, is instead found by its first four bytes
// in a small table and compared whole, a word at a time (knownName). Any other
// spelling (another case, an escape, white space before the colon, a name
// Defender does not write) takes the general path, key and fieldIndex, as
// before: the table only makes the common case faster, never different.

// defenderNames are the names Defender writes in machine records that are
// no Machine field: their values are skipped, as any unknown member's.
var defenderNames = [...]string{
	"mergedIntoMachineId", "isPotentialDuplication", "isExcluded", "exclusionReason",
	"defenderAvStatus", "managedBy", "managedByStatus", "vmMetadata",
}

// A knownMember is a member name as Defender spells it, and its colon:
// the text after the opening quote, up to 24 bytes, as three little-endian
// words (zero past its end) and the masks of its bytes in them.
type knownMember struct {
	text, mask [3]uint64
	len        uint8
	field      int8  // its field, or -1 for one of defenderNames
	next       uint8 // the next member of its slot, plus one; 0 for none
	after      uint8 // the index in known of the member Defender writes after it (of id after the last)
	name       string
}

// defenderOrder is the order of the members in Defender's records (the
// fields' own, with the others where Defender puts them); a record may
// leave any of them out.
var defenderOrder = [...]string{
	"id", "mergedIntoMachineId", "isPotentialDuplication", "isExcluded", "exclusionReason",
	"computerDnsName", "firstSeen", "lastSeen", "osPlatform", "osVersion", "osProcessor", "version",
	"lastIpAddress", "lastExternalIpAddress", "agentVersion", "osBuild", "healthStatus", "deviceValue",
	"rbacGroupId", "rbacGroupName", "riskScore", "exposureLevel", "isAadJoined", "aadDeviceId",
	"machineTags", "defenderAvStatus", "onboardingStatus", "osArchitecture", "managedBy",
	"managedByStatus", "ipAddresses", "vmMetadata",
}

// known are the knownMembers; knownSlots holds, at the hash of the
// first four bytes of their text (nameSlot), the first member of each
// slot, plus one (0 for none). Every name is at least two bytes, so those
// four bytes are the name's own.
var known, knownSlots = func() (ks []knownMember, slots [256]uint8) {
	add := func(name string, field int) {
		text := name + `":`
		k := knownMember{len: uint8(len(text)), field: int8(field), name: name}
		for i := 0; i < len(text); i++ {
			k.text[i/8] |= uint64(text[i]) << (8 * (i % 8))
			k.mask[i/8] |= 0xff << (8 * (i % 8))
		}
		slot := nameSlot(k.text[0])
		k.next = slots[slot]
		ks = append(ks, k)
		slots[slot] = uint8(len(ks))
	}
	for i, name := range machineJSONNames {
		add(name, i)
	}
	for _, name := range defenderNames {
		add(name, -1)
	}
	index := func(name string) uint8 {
		for i, k := range ks {
			if k.name == name {
				return uint8(i)
			}
		}
		panic("schema: " + name + " in defenderOrder is no known member")
	}
	for i := 1; i < len(defenderOrder); i++ {
		ks[index(defenderOrder[i-1])].after = index(defenderOrder[i])
	}
	return ks, slots
}()

// nameSlot hashes the first four bytes of a name's text, the low ones of
// x, into knownSlots.
func nameSlot(x uint64) uint8 {
	return uint8(uint32(x) * 0x9e3779b1 >> 24)
}

// load64 returns the eight bytes of s at i as a little-endian word.
func load64(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// knownAt returns the knownMember whose name starts at s[i], its opening
// quote, spelled as Defender spells it and followed at once by its colon;
// nil for any other text, and within 25 bytes of the end of s, where the
// words cannot be read.
func knownAt(s string, i int) *knownMember {
	if i < 0 || i+25 > len(s) || s[i] != '"' {
		return nil
	}
	x0, x1, x2 := load64(s, i+1), load64(s, i+9), load64(s, i+17)
	for j := knownSlots[nameSlot(x0)]; j != 0; {
		k := &known[j-1]
		if k.is(x0, x1, x2) {
			return k
		}
		j = k.next
	}
	return nil
}

// knownAfter is knownAt, trying first known[guess]: the member Defender
// writes after the member before (knownMember.after), the right guess for
// most members, tried without the table.
func knownAfter(s string, i int, guess uint8) *knownMember {
	if g := &known[guess]; i >= 0 && i+25 <= len(s) && s[i] == '"' && g.is(load64(s, i+1), load64(s, i+9), load64(s, i+17)) {
		return g
	}
	return knownAt(s, i)
}

// is reports whether x0, x1 and x2, the 24 bytes after a name's opening
// quote, start with k's text.
func (k *knownMember) is(x0, x1, x2 uint64) bool {
	return ((x0&k.mask[0])^k.text[0])|((x1&k.mask[1])^k.text[1])|((x2&k.mask[2])^k.text[2]) == 0
}

// knownName reads the member name whose opening quote is at d.i, and its
// colon, when knownAt finds it: it returns the name, its field (-1 for one
// of defenderNames) and true, d.i past the colon. Else it returns false
// and leaves d.i alone, for key.
func (d *decoder) knownName() (name string, field int, ok bool) {
	k := knownAt(d.s, d.i)
	if k == nil {
		return "", -1, false
	}
	d.i += 1 + int(k.len)
	return k.name, int(k.field), true
}

// memberName reads the member name at d.i (after white space) and its
// colon, as key does, and finds its field, as fieldIndex does (-1 for a
// name that is no field).
func (d *decoder) memberName() (name string, field int, err error) {
	if d.peek() == '"' {
		if name, field, ok := d.knownName(); ok {
			return name, field, nil
		}
	}
	if name, err = d.key(); err != nil {
		return "", -1, err
	}
	return name, fieldIndex(name), nil
}

// timestampAt returns the end of the DateTimeOffset string at s[i] when
// it is written as Defender writes one, "2025-05-30T13:09:43.4085971Z": a
// four-digit year, seconds, up to maxFracDigits fraction digits (or none)
// and "Z" (or an offset, as "+02:00"), without escapes, and valid; -1 for
// anything else, which checkDateTimeOffset's general path checks.
func timestampAt(s string, i int) int {
	if i < 0 || i > len(s) {
		return -1
	}
	t := s[i:]
	if len(t) < 22 || t[0] != '"' || t[5] != '-' || t[8] != '-' || t[11] != 'T' || t[14] != ':' || t[17] != ':' {
		return -1
	}
	// A byte less '0' is above 9 unless it is a digit.
	digit := func(k int) int { return int(t[k] - '0') }
	for _, k := range [...]int{1, 2, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19} {
		if digit(k) > 9 {
			return -1
		}
	}
	j := 20
	if t[j] == '.' {
		j++
		for j < len(t) && t[j]-'0' <= 9 {
			j++
		}
		if n := j - 21; n == 0 || n > maxFracDigits {
			return -1
		}
	}
	switch {
	case j+1 < len(t) && t[j] == 'Z':
		j++
	case j+6 < len(t) && (t[j] == '+' || t[j] == '-') && t[j+3] == ':' &&
		digit(j+1) <= 2 && digit(j+2) <= 9 && digit(j+1)*10+digit(j+2) <= 23 && digit(j+4) <= 5 && digit(j+5) <= 9:
		j += 6 // an offset, ±hh:mm
	default:
		return -1
	}
	if t[j] != '"' {
		return -1
	}
	year := digit(1)*1000 + digit(2)*100 + digit(3)*10 + digit(4)
	month, day := digit(6)*10+digit(7), digit(9)*10+digit(10)
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		digit(12)*10+digit(13) > 23 || digit(15) > 5 || digit(18) > 5 {
		return -1
	}
	return i + j + 1
}

// quickTimestamp consumes the DateTimeOffset string at d.i when
// timestampAt takes it, and reports whether it did.
func (d *decoder) quickTimestamp() bool {
	if e := timestampAt(d.s, d.i); e >= 0 {
		d.i = e
		return true
	}
	return false
}

// plainAt returns the end of the value at s[i] when it is null or a
// string without escapes or control characters: the check of a string
// field not kept. -1 for anything else, which checkField checks.
func plainAt(s string, i int) int {
	if i < 0 || i >= len(s) {
		return -1
	}
	if s[i] == '"' {
		// plainRun(s, i+1, 0), in line: a call less for most values.
		for i++; i+8 <= len(s); i += 8 {
			if m := specialLanes(load64(s, i), 0); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				if s[i] == '"' {
					return i + 1
				}
				return -1
			}
		}
		if e := plainRun(s, i, 0); e < len(s) && s[e] == '"' {
			return e + 1
		}
		return -1
	}
	if strings.HasPrefix(s[i:], "null") {
		return i + 4
	}
	return -1
}

// uintAt reads the number at s[i] when it is an integer of at most 18
// digits, without a sign or a leading zero, as Defender writes osBuild and
// rbacGroupId: it returns its value and its end; -1 for anything else,
// which number and parseInt64 read.
func uintAt(s string, i int) (int64, int) {
	if i < 0 {
		return 0, -1
	}
	j, v := i, int64(0)
	for ; j < len(s) && j-i <= 18; j++ {
		c := s[j] - '0'
		if c > 9 {
			break
		}
		v = v*10 + int64(c)
	}
	n := j - i
	if n == 0 || n > 18 || n > 1 && s[i] == '0' || j < len(s) && (s[j] == '.' || s[j]|0x20 == 'e') {
		return 0, -1
	}
	return v, j
}

// quickUint consumes the number at d.i when uintAt takes it, returning
// its value and true.
func (d *decoder) quickUint() (int64, bool) {
	v, e := uintAt(d.s, d.i)
	if e < 0 {
		return 0, false
	}
	d.i = e
	return v, true
}

// memberAt reads the string at s[i] when it is a member of e spelled as
// e spells it, as Defender writes them: it returns the member's ordinal
// and the string's end; -1 for anything else (another case, an escape, no
// member), which str and Enum.parse read.
func memberAt(e *Enum, s string, i int) (uint8, int) {
	if i < 0 || i >= len(s) || s[i] != '"' {
		return 0, -1
	}
	text := s[i+1:]
	for k, m := range e.members {
		if len(text) > len(m) && text[0] == m[0] && text[len(m)] == '"' && text[:len(m)] == m {
			return uint8(k + 1), i + len(m) + 2
		}
	}
	return 0, -1
}

// quickMember consumes the string at d.i when memberAt takes it,
// returning the member's ordinal and true.
func (d *decoder) quickMember(e *Enum) (uint8, bool) {
	v, end := memberAt(e, d.s, d.i)
	if end < 0 {
		return 0, false
	}
	d.i = end
	return v, true
}

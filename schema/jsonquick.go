package schema

import "strings"

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
	name       string
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

// knownName reads the member name whose opening quote is at d.i, and its
// colon, when it is one of the names Defender writes spelled as Defender
// spells it with the colon right after it: it returns the name, its field
// (-1 for one of defenderNames) and true, d.i past the colon. Else (or
// within 25 bytes of the end of d.s, where the words cannot be read) it
// returns false and leaves d.i alone, for key.
func (d *decoder) knownName() (name string, field int, ok bool) {
	i := d.i + 1
	if i+24 > len(d.s) {
		return "", -1, false
	}
	x0, x1, x2 := load64(d.s, i), load64(d.s, i+8), load64(d.s, i+16)
	for j := knownSlots[nameSlot(x0)]; j != 0; {
		k := &known[j-1]
		diff := (x0 & k.mask[0]) ^ k.text[0]
		diff |= (x1 & k.mask[1]) ^ k.text[1]
		diff |= (x2 & k.mask[2]) ^ k.text[2]
		if diff == 0 {
			d.i = i + int(k.len)
			return k.name, int(k.field), true
		}
		j = k.next
	}
	return "", -1, false
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

// quickTimestamp checks the DateTimeOffset string at d.i when it is
// written as Defender writes one, "2025-05-30T13:09:43.4085971Z": a
// four-digit year, seconds, up to maxFracDigits fraction digits (or none)
// and "Z", without escapes. It consumes a valid one and reports true;
// anything else it leaves to checkDateTimeOffset's general path.
func (d *decoder) quickTimestamp() bool {
	s := d.s[d.i:]
	if len(s) < 22 || s[0] != '"' || s[5] != '-' || s[8] != '-' || s[11] != 'T' || s[14] != ':' || s[17] != ':' {
		return false
	}
	// A byte less '0' is above 9 unless it is a digit.
	digit := func(k int) int { return int(s[k] - '0') }
	for _, k := range [...]int{1, 2, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19} {
		if digit(k) > 9 {
			return false
		}
	}
	i := 20
	if s[i] == '.' {
		i++
		for i < len(s) && s[i]-'0' <= 9 {
			i++
		}
		if n := i - 21; n == 0 || n > maxFracDigits {
			return false
		}
	}
	if i+1 >= len(s) || s[i] != 'Z' || s[i+1] != '"' {
		return false
	}
	year := digit(1)*1000 + digit(2)*100 + digit(3)*10 + digit(4)
	month, day := digit(6)*10+digit(7), digit(9)*10+digit(10)
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) ||
		digit(12)*10+digit(13) > 23 || digit(15) > 5 || digit(18) > 5 {
		return false
	}
	d.i += i + 2
	return true
}

// skipPlain consumes the value at d.i when it is null or a string without
// escapes or control characters, reporting true: the check of a string
// field not kept, in line. Anything else it leaves to checkField.
func (d *decoder) skipPlain() bool {
	if d.i >= len(d.s) {
		return false
	}
	if d.s[d.i] == '"' {
		if i := plainRun(d.s, d.i+1, 0); i < len(d.s) && d.s[i] == '"' {
			d.i = i + 1
			return true
		}
		return false
	}
	if strings.HasPrefix(d.s[d.i:], "null") {
		d.i += 4
		return true
	}
	return false
}

// quickUint reads the number at d.i when it is an integer of at most 18
// digits, without a sign or a leading zero, as Defender writes osBuild and
// rbacGroupId: it returns its value and true, d.i past it. Anything else it
// leaves to number and parseInt64.
func (d *decoder) quickUint() (int64, bool) {
	i, v := d.i, int64(0)
	for ; i < len(d.s) && i-d.i <= 18; i++ {
		c := d.s[i] - '0'
		if c > 9 {
			break
		}
		v = v*10 + int64(c)
	}
	n := i - d.i
	if n == 0 || n > 18 || n > 1 && d.s[d.i] == '0' || i < len(d.s) && (d.s[i] == '.' || d.s[i]|0x20 == 'e') {
		return 0, false
	}
	d.i = i
	return v, true
}

// quickMember reads the string at d.i when it is a member of e spelled as
// e spells it, as Defender writes them: it returns the member's ordinal
// and true, d.i past the string. Anything else (another case, an escape,
// no member) it leaves to str and Enum.parse.
func (d *decoder) quickMember(e *Enum) (uint8, bool) {
	text := d.s[d.i+1:]
	for i, m := range e.members {
		if len(text) > len(m) && text[len(m)] == '"' && text[:len(m)] == m {
			d.i += len(m) + 2
			return uint8(i + 1), true
		}
	}
	return 0, false
}

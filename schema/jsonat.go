package schema

import (
	"errors"
	"unsafe"
)

// atMaxDepth is how deep UnmarshalAt skips a value that is no field:
// deeper records are left to the caller's own reading (see UnmarshalAt).
const atMaxDepth = 64

// errNotObject is UnmarshalAt's error when data[start] is not '{'.
var errNotObject = errors.New("schema: UnmarshalAt needs the '{' of a JSON object")

// errResponse is UnmarshalAt's error for an object with a "value" member.
var errResponse = errors.New(`schema: an object with a "value" member is a Defender response, not a machine`)

// UnmarshalAt decodes the JSON object that starts at data[start] (its
// '{'), as Unmarshal decodes a record, when the object is followed by
// more input: it returns the index in data just past the object, and
// appends to ms the object's members (offsets relative to start, as a
// records.Reader notes them). It lets a reader find a record's end and
// decode it in one pass, instead of checking its JSON first and decoding
// it after (UnmarshalMembers): the error says only that this pass did not
// succeed, and the reader should then check and decode the record its
// usual way, whose errors say where and why.
//
// It accepts no object that Unmarshal would reject, and fewer: values
// nested more than 64 deep in a member that is no field are left to the
// usual way, whose limit is another; so is an object with a member named
// "value" (or "Value", in any case, holding an array), which is no machine
// but a Defender response (a saved page): the reader's usual way says so. The object's text must not change
// while UnmarshalAt runs; m keeps no reference to it.
func (p Projection) UnmarshalAt(data []byte, start int, ms []Member, m *Machine) (int, []Member, error) {
	if start < 0 || start >= len(data) || data[start] != '{' {
		return 0, ms, errNotObject
	}
	d := decoder{s: unsafe.String(&data[0], len(data)), i: start + 1, index: -1, keep: p.keep, maxDepth: atMaxDepth}
	*m = Machine{}
	if d.peek() == '}' {
		return d.i + 1, ms, nil
	}
	// A member as Defender writes it takes the fast functions of
	// jsonfast.go, its place i in a register; any other the general way.
	s := d.s
	guess := uint8(0) // known[0], id: Defender's first member
	for i := d.i; ; {
		if k := knownAfter(s, i, guess); k != nil {
			guess = k.after
			f, v := int(k.field), i+1+int(k.len)
			if v < len(s) && s[v] <= ' ' { // white space after the colon
				d.i = v
				d.peek()
				v = d.i
			}
			ms = append(ms, Member{Name: int32(i - start), Value: int32(v - start)})
			var end int
			switch {
			case f < 0:
				end = extraAt(s, v)
			case p.keep&(1<<f) != 0:
				end = setAt(m, s, v, f)
			case plainText&(1<<f) != 0: // a string field, as most are: without checkAt's switch
				end = plainAt(s, v)
			default:
				end = checkAt(s, v, f)
			}
			if end < 0 {
				d.i = v
				err := d.fieldValue(m, f, k.name)
				d.field = ""
				if err != nil {
					return 0, ms, err
				}
				end = d.i
			}
			i = end
		} else {
			d.i = i
			var err error
			if ms, err = d.member(m, start, ms); err != nil {
				return 0, ms, err
			}
			i = d.i
		}
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		d.i = i
		more, err := d.next('}')
		if err != nil {
			return 0, ms, err
		}
		if !more {
			break
		}
		i = d.i
	}
	p.detach(m, d.s[start:d.i])
	return d.i, ms, nil
}

// member reads the member at d.i (after white space) and appends it to ms,
// the general way.
func (d *decoder) member(m *Machine, start int, ms []Member) ([]Member, error) {
	d.peek()
	name := d.i
	k, f, err := d.memberName()
	if err != nil {
		return ms, err
	}
	if c := d.peek(); f < 0 && (k == "value" || c == '[' && equalFoldASCII(k, "value")) {
		return ms, errResponse // as the reader's hasValue
	}
	ms = append(ms, Member{Name: int32(name - start), Value: int32(d.i - start)})
	err = d.fieldValue(m, f, k)
	d.field = ""
	return ms, err
}

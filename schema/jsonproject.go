package schema

import (
	"errors"
	"strings"
	"unsafe"
)

// Projection is a set of Machine fields to decode: typically the fields a
// filter reads (Checked.FieldsRead). Its Unmarshal decodes a record as
// Machine.UnmarshalJSON does but stores only those fields, so a filter that
// reads two fields does not pay for building the other twenty-two: no
// strings are unescaped, no machineTags or ipAddresses slices are grown.
//
// The other fields are still checked, exactly as UnmarshalJSON checks them:
// each must be valid JSON of its type (a string or null for computerDnsName,
// a DateTimeOffset for lastSeen, a member of the enum for riskScore, ...),
// and a bad one is the same *FieldError, at the same offset, with the same
// message. So a projection changes what a record holds, never whether it
// decodes.
//
// The zero Projection keeps no field; AllFields keeps every one. A
// Projection is a small value, safe for concurrent use.
type Projection struct {
	keep uint32 // bit i: the field machineJSONNames[i]
}

// AllFields is the projection of every field: its Unmarshal is
// Machine.UnmarshalJSON.
var AllFields = Projection{keep: allFields}

// ProjectionOf returns the projection of the given fields of a Model. A
// field that is no Machine field (no model has one) widens it to
// AllFields, the safe side.
func ProjectionOf(fields []*Field) Projection {
	var p Projection
	for _, f := range fields {
		i := fieldIndex(f.Name)
		if i < 0 {
			return AllFields
		}
		p.keep |= 1 << i
	}
	return p
}

// Unmarshal decodes the machine record in data into *m, replacing all of
// it, as m.UnmarshalJSON does, and with the same errors; but only the
// fields of p are stored: the others are left null (nil for the
// collections).
//
// As UnmarshalJSON, Unmarshal reads data in place and copies only the
// strings it stores, packed into at most two allocations (the well-known
// values UnmarshalJSON shares it shares too), so a projection of
// fields that hold no text (the enums, the timestamps, the integers,
// isAadJoined) allocates nothing. m keeps no reference to data. Data must
// not change while Unmarshal runs.
func (p Projection) Unmarshal(data []byte, m *Machine) error {
	if len(data) > 0 {
		d := decoder{s: unsafe.String(&data[0], len(data)), index: -1, keep: p.keep}
		if d.machine(m) == nil {
			p.detach(m, d.s)
			return nil
		}
		// An error may hold a piece of data (a name, an enum string):
		// decode again from a copy to return one that does not.
	}
	d := decoder{s: string(data), index: -1, keep: p.keep}
	return d.machine(m)
}

// Member locates one member of a record's JSON object (not of the objects
// nested in it) by byte offsets in the record's text. A streaming reader
// that has already checked a record (records.Reader) notes them, so that
// UnmarshalMembers need not look for them again.
type Member struct {
	Name  int32 // the opening quote of the member's name
	Value int32 // the first byte of its value
}

// UnmarshalMembers is Unmarshal(data, m) for a record whose members have
// already been located, and faster: a reader that has checked that data is
// well-formed JSON and noted where its members are (records.Reader does,
// in Record.Members) lets UnmarshalMembers go from member to member
// without reading again what needs no decoding: the members that are no
// Machine field, and the strings it does not store (a string field holds a
// string or null, and the first byte tells which). Everything else is
// checked as Unmarshal checks it, and the result, error included, is
// Unmarshal's.
//
// Members that are not those of data, or data that is not well-formed,
// are decoded by Unmarshal or, when the members are wrong but plausible,
// decoded wrongly; they never make UnmarshalMembers panic.
func (p Projection) UnmarshalMembers(data []byte, members []Member, m *Machine) error {
	if len(members) > 0 && len(data) > 0 {
		d := decoder{s: unsafe.String(&data[0], len(data)), index: -1, keep: p.keep}
		if d.members(m, members) == nil {
			p.detach(m, d.s)
			return nil
		}
		// A bad value, or members that do not fit data: let Unmarshal
		// find the problem and say it in its words.
	}
	return p.Unmarshal(data, m)
}

// errMembers reports Members that do not fit the record.
var errMembers = errors.New("record members that do not fit the record")

// members decodes the record from its members' offsets.
func (d *decoder) members(m *Machine, members []Member) error {
	*m = Machine{}
	for _, mb := range members {
		name, value := int(mb.Name), int(mb.Value)
		if name < 0 || value <= name+1 || value >= len(d.s) || d.s[name] != '"' {
			return errMembers
		}
		// The name ends at the last quote before the value: only white
		// space and the colon lie between.
		end := name + 1 + strings.LastIndexByte(d.s[name+1:value], '"')
		if end <= name {
			return errMembers
		}
		k := d.s[name+1 : end]
		f := fieldIndex(k)
		if f < 0 && strings.IndexByte(k, '\\') >= 0 {
			// No field's name has a backslash: read the name's escapes.
			d.i = name
			var err error
			if k, err = d.key(); err != nil {
				return err
			}
			f = fieldIndex(k)
		}
		d.i = value
		switch {
		case f < 0:
			continue // not a field: nothing to check in well-formed JSON
		case d.keep&(1<<f) == 0 && plainText&(1<<f) != 0:
			if c := d.s[value]; c != '"' && c != 'n' {
				return errMembers // a type error: Unmarshal reports it
			}
			continue
		}
		if err := d.fieldValue(m, f, k); err != nil {
			return err
		}
	}
	d.field = ""
	return nil
}

// plainText are the fields that hold one string (or null): all of
// Machine's but the collections and those of textFree.
const plainText = allFields &^ textFree &^ (1<<fieldMachineTags | 1<<fieldIPAddresses)

// allFields has the bit of every field.
const allFields = 1<<numFields - 1

// textFree are the fields whose decoded values hold no string.
const textFree = 1<<fieldFirstSeen | 1<<fieldLastSeen | 1<<fieldOSBuild | 1<<fieldHealthStatus |
	1<<fieldDeviceValue | 1<<fieldRBACGroupID | 1<<fieldRiskScore | 1<<fieldExposureLevel | 1<<fieldIsAADJoined

// detach gives the strings of m that refer to text, the data m was
// decoded from in place, copies of their own (see pack), so that m no
// longer refers to it.
func (p Projection) detach(m *Machine, text string) {
	if p.keep&^textFree != 0 {
		m.pack(text)
	}
}

// checkField checks the value of field f, which is not kept, as
// machineField would decode it, without storing or allocating.
func (d *decoder) checkField(f int) error {
	switch f {
	case fieldFirstSeen, fieldLastSeen:
		return d.checkDateTimeOffset()
	case fieldOSBuild, fieldRBACGroupID:
		var n NullInt64
		return d.nullInt64(&n, f == fieldRBACGroupID)
	case fieldHealthStatus:
		var v uint8
		return d.enum(HealthStatusEnum, &v)
	case fieldDeviceValue:
		var v uint8
		return d.enum(DeviceValueEnum, &v)
	case fieldRiskScore:
		var v uint8
		return d.enum(RiskScoreEnum, &v)
	case fieldExposureLevel:
		var v uint8
		return d.enum(ExposureLevelEnum, &v)
	case fieldIsAADJoined:
		var b NullBool
		return d.nullBool(&b)
	case fieldMachineTags:
		return d.array("an array of strings or null", func() error {
			if d.peek() != '"' {
				return d.typeError("a string")
			}
			return d.skipStr()
		})
	case fieldIPAddresses:
		return d.checkIPAddresses()
	}
	return d.checkNullString()
}

// checkDateTimeOffset checks what dateTimeOffset decodes, without
// computing the instant: the check of every record's two timestamps.
func (d *decoder) checkDateTimeOffset() error {
	if d.peek() == '"' {
		if d.quickTimestamp() {
			return nil
		}
		start := d.i
		if s, err := d.str(); err == nil {
			p := dtoParser{s: s}
			if _, ok := p.fields(); ok {
				return nil
			}
		}
		d.i = start // dateTimeOffset says what is wrong
	}
	var t DateTimeOffset
	return d.dateTimeOffset(&t)
}

// checkNullString checks what nullString decodes.
func (d *decoder) checkNullString() error {
	switch d.peek() {
	case 'n':
		return d.literal("null")
	case '"':
		return d.skipStr()
	}
	return d.typeError("a string or null")
}

// checkIPAddresses checks what ipAddresses decodes. A list of objects
// with only the four IpAddress names, each spelled as Defender does and
// holding a string or null, is checked in one straight pass; anything else
// (another name, an escape in a name, bad data) is checked again from the
// start by the general path below, which says what is wrong.
func (d *decoder) checkIPAddresses() error {
	if end := ipAddressesAt(d.s, d.i); end >= 0 {
		d.i = end
		return nil
	}
	return d.array("an array of IpAddress objects or null", func() error {
		if d.peek() != '{' {
			return d.typeError("an IpAddress object")
		}
		return d.object(func(k string) error {
			var err error
			if i := ipAddressIndex(k); i >= 0 {
				d.sub = ipAddressJSONNames[i]
				err = d.checkNullString()
			} else {
				d.sub = k
				err = d.skip(0)
			}
			if err == nil {
				d.sub = ""
			}
			return err
		})
	})
}

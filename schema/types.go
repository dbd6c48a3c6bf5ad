package schema

import "strings"

// The kinds of the types a filter computes that no Machine field has: the
// other EDM primitives a literal or a function can produce, null, and the
// entity itself ($it).
const (
	KindDecimal   Kind = KindCollection + 1 + iota // Edm.Decimal
	KindDouble                                     // Edm.Double
	KindDate                                       // Edm.Date
	KindTimeOfDay                                  // Edm.TimeOfDay
	KindDuration                                   // Edm.Duration
	KindNull                                       // the type of the null literal, which fits any type
	KindEntity                                     // the Machine entity, the type of $it
)

// The types of literals and expressions beyond the field types.
var (
	TypeDecimal   = &Type{Kind: KindDecimal}
	TypeDouble    = &Type{Kind: KindDouble}
	TypeDate      = &Type{Kind: KindDate}
	TypeTimeOfDay = &Type{Kind: KindTimeOfDay}
	TypeDuration  = &Type{Kind: KindDuration}
	TypeNull      = &Type{Kind: KindNull}
	TypeEntity    = &Type{Kind: KindEntity}
)

func (t *Type) isNumeric() bool {
	return t == TypeInt64 || t == TypeDecimal || t == TypeDouble
}

func (t *Type) isTemporal() bool {
	return t == TypeDateTimeOffset || t == TypeDate
}

// isOrdered reports whether gt, ge, lt and le apply to values of t: every
// primitive type but binary, stream and spatial ones (OData 4.01 §5.1.1.1,
// so false < true and GUIDs order too), and the enums declared Ordered.
func (t *Type) isOrdered() bool {
	switch t.Kind {
	case KindString, KindInt64, KindBoolean, KindGuid, KindDecimal, KindDouble, KindDateTimeOffset, KindDate, KindTimeOfDay, KindDuration:
		return true
	case KindEnum:
		return t.Enum.Ordered
	}
	return false
}

// collectionOf returns Collection(t); nil for a nil t.
func collectionOf(t *Type) *Type {
	switch t {
	case nil:
		return nil
	case TypeString:
		return TypeStrings
	}
	return &Type{Kind: KindCollection, Elem: t}
}

// Enums returns the enum types of the model's fields, each once, in field
// order.
func (m *Model) Enums() []*Enum {
	var out []*Enum
	for _, f := range m.Fields {
		if f.Type.Kind == KindEnum && !containsEnum(out, f.Type.Enum) {
			out = append(out, f.Type.Enum)
		}
	}
	return out
}

func containsEnum(es []*Enum, e *Enum) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// enumType returns the field type whose enum is e.
func (m *Model) enumType(e *Enum) *Type {
	for _, f := range m.Fields {
		if f.Type.Kind == KindEnum && f.Type.Enum == e {
			return f.Type
		}
	}
	return &Type{Kind: KindEnum, Enum: e}
}

// enumNamed finds the enum whose qualified name is typ. The namespace may be
// left out or written in another case: Defender does not publish its
// $metadata, so clients cannot be expected to know it.
func (m *Model) enumNamed(typ string) *Enum {
	for _, e := range m.Enums() {
		if strings.EqualFold(typ, e.QualifiedName()) || strings.EqualFold(typ[strings.LastIndexByte(typ, '.')+1:], e.Name) {
			return e
		}
	}
	return nil
}

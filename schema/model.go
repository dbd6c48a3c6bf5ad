package schema

// Kind is the shape of an EDM type in the model.
type Kind uint8

// The kinds of the model's types.
const (
	KindString         Kind = iota + 1 // Edm.String
	KindInt64                          // Edm.Int64
	KindBoolean                        // Edm.Boolean
	KindDateTimeOffset                 // Edm.DateTimeOffset
	KindGuid                           // Edm.Guid, held as its string
	KindEnum                           // an enumeration type; Type.Enum describes it
	KindComplex                        // a complex (structured) type; Type.Complex describes it
	KindCollection                     // Collection(Type.Elem)
)

// Type is an EDM type of the model. Types are compared with ==.
type Type struct {
	Kind    Kind
	Enum    *Enum        // for KindEnum
	Complex *ComplexType // for KindComplex
	Elem    *Type        // for KindCollection: the element type
}

// The primitive types, and the collection of strings (machineTags).
var (
	TypeString         = &Type{Kind: KindString}
	TypeInt64          = &Type{Kind: KindInt64}
	TypeBoolean        = &Type{Kind: KindBoolean}
	TypeDateTimeOffset = &Type{Kind: KindDateTimeOffset}
	TypeGuid           = &Type{Kind: KindGuid}
	TypeStrings        = &Type{Kind: KindCollection, Elem: TypeString}
)

// String returns the type's OData name: "Edm.String",
// "Microsoft.WindowsDefenderATP.Api.RiskScore", "Collection(Edm.String)".
func (t *Type) String() string {
	switch t.Kind {
	case KindString:
		return "Edm.String"
	case KindInt64:
		return "Edm.Int64"
	case KindBoolean:
		return "Edm.Boolean"
	case KindDateTimeOffset:
		return "Edm.DateTimeOffset"
	case KindGuid:
		return "Edm.Guid"
	case KindEnum:
		return t.Enum.QualifiedName()
	case KindComplex:
		return t.Complex.QualifiedName()
	case KindCollection:
		return "Collection(" + t.Elem.String() + ")"
	case KindDecimal:
		return "Edm.Decimal"
	case KindDouble:
		return "Edm.Double"
	case KindDate:
		return "Edm.Date"
	case KindTimeOfDay:
		return "Edm.TimeOfDay"
	case KindDuration:
		return "Edm.Duration"
	case KindNull:
		return "null"
	case KindEntity:
		return "Machine"
	}
	return "?"
}

// IsCollection reports whether t is a collection type.
func (t *Type) IsCollection() bool { return t.Kind == KindCollection }

// Field is one property of the Machine entity: its names, its type, whether
// $filter may use it, and a typed getter the evaluator calls without
// reflection. Exactly one getter is set, the one that matches Type:
//
//	Edm.String, Edm.Guid      String
//	Edm.Int64                 Int
//	Edm.Boolean               Bool
//	Edm.DateTimeOffset        Time
//	enum                      Enum (the member's ordinal, see Enum)
//	Collection(Edm.String)    Strings
//	Collection(IpAddress)     IPAddresses
//
// The scalar getters return ok=false for null, whatever Nullable says: data
// may hold null anywhere. Getters do not allocate. A Field is shared between
// models by pointer or by copy and must not be modified.
type Field struct {
	Name          string // the JSON name, camelCase: "riskScore"
	CanonicalName string // the name as the OData docs write it: "RiskScore"
	Type          *Type

	// Nullable reports whether the documented type admits null (strings,
	// and the properties the docs call Nullable). It describes the contract,
	// not the data: the decoder accepts null for every field.
	Nullable bool

	// Filterable reports whether the model's $filter may use the field;
	// using one that is not is its own error, not an unknown name.
	Filterable bool

	String      func(*Machine) (string, bool)
	Int         func(*Machine) (int64, bool)
	Bool        func(*Machine) (bool, bool)
	Time        func(*Machine) (DateTimeOffset, bool)
	Enum        func(*Machine) (uint8, bool)
	Strings     func(*Machine) []string
	IPAddresses func(*Machine) []IPAddress
}

// Model is an entity type as data: the fields of Machine, in JSON order,
// and which of them $filter may use. Machines and Machines2021 are the two
// documented models; both are immutable.
type Model struct {
	Name      string // the entity type: "Machine"
	EntitySet string // the entity set the API serves: "Machines"
	Fields    []*Field
}

// Lookup returns the field whose JSON name matches name without regard to
// ASCII case (DESIGN §2: the docs list RiskScore, their samples write
// riskScore). Only ASCII letters fold: "riſkScore" names nothing. Lookup
// finds fields that are not filterable too; callers check Filterable.
func (m *Model) Lookup(name string) (*Field, bool) {
	for _, f := range m.Fields {
		if equalFoldASCII(f.Name, name) {
			return f, true
		}
	}
	return nil, false
}

// FilterableNames returns the canonical names of the filterable fields, in
// field order.
func (m *Model) FilterableNames() []string {
	var names []string
	for _, f := range m.Fields {
		if f.Filterable {
			names = append(names, f.CanonicalName)
		}
	}
	return names
}

// Names returns the JSON names of all fields, in field order; "did you mean"
// suggestions for unknown names draw on them.
func (m *Model) Names() []string {
	names := make([]string, len(m.Fields))
	for i, f := range m.Fields {
		names[i] = f.Name
	}
	return names
}

// ComplexType describes a structured type: the element type of ipAddresses.
type ComplexType struct {
	Name       string // the simple name: "IpAddress"
	Properties []*Property
}

// QualifiedName returns the name with its namespace.
func (c *ComplexType) QualifiedName() string { return Namespace + "." + c.Name }

// Lookup returns the property whose JSON name matches name without regard
// to ASCII case.
func (c *ComplexType) Lookup(name string) (*Property, bool) {
	for _, p := range c.Properties {
		if equalFoldASCII(p.Name, name) {
			return p, true
		}
	}
	return nil, false
}

// Property is a property of a complex type. All of IpAddress's properties
// are nullable Edm.String, read by String.
type Property struct {
	Name          string // the JSON name: "macAddress"
	CanonicalName string // "MacAddress"
	Type          *Type
	String        func(*IPAddress) (string, bool)
}

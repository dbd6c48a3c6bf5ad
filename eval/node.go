package eval

import (
	"github.com/odatafilter/odatafilter/schema"
)

// tri is a three-valued Boolean.
type tri uint8

const (
	tFalse tri = iota
	tTrue
	tNull
)

func triOf(b bool) tri {
	if b {
		return tTrue
	}
	return tFalse
}

// boolNode is a planned Boolean expression.
type boolNode interface {
	b(m *schema.Machine, f *frame) tri
}

// node is a planned expression of Go type T; ok is false for null.
type node[T any] interface {
	eval(m *schema.Machine, f *frame) (v T, ok bool)
}

// The Go types of planned values, by EDM type:
//
//	Edm.Int64                 int64
//	Edm.Decimal, Edm.Double   float64
//	Edm.String, Edm.Guid      string
//	Edm.DateTimeOffset        schema.DateTimeOffset
//	Edm.Date                  date (days since 1970-01-01)
//	Edm.TimeOfDay             timeOfDay (nanoseconds since midnight)
//	Edm.Duration              time.Duration
//	enums                     uint8, the member ordinal
//	Collection(Edm.String)    []string (never null)
type (
	date      int64
	timeOfDay int64
)

// constant is a value known when planning.
type constant[T any] struct {
	v  T
	ok bool
}

func (c constant[T]) eval(*schema.Machine, *frame) (T, bool) { return c.v, c.ok }

// constBool is a Boolean known when planning.
type constBool tri

func (c constBool) b(*schema.Machine, *frame) tri { return tri(c) }

// field reads a field of the record through the model's getter. src is
// the field: tests of it may read it directly (see builtin), and tests of
// one field may merge.
type field[T any] struct {
	src *schema.Field
	get func(*schema.Machine) (T, bool)
}

func (n field[T]) eval(m *schema.Machine, _ *frame) (T, bool) { return n.get(m) }

// boolField reads an Edm.Boolean field.
type boolField struct {
	src *schema.Field
	get func(*schema.Machine) (bool, bool)
}

func (n boolField) b(m *schema.Machine, _ *frame) tri {
	v, ok := n.get(m)
	if !ok {
		return tNull
	}
	return triOf(v)
}

func (n boolField) truth() pred   { return boolPred(n.src, n.get, true) }
func (n boolField) falsity() pred { return boolPred(n.src, n.get, false) }

// strings reads a string collection field; null is empty.
type stringsField struct {
	src *schema.Field
	get func(*schema.Machine) []string
}

func (n stringsField) eval(m *schema.Machine, _ *frame) ([]string, bool) { return n.get(m), true }

// variable reads a lambda range variable.
type variable struct{ slot int }

func (n variable) eval(_ *schema.Machine, f *frame) (string, bool) { return f.vars[n.slot], true }

// now reads the frame's clock.
type now struct{}

func (now) eval(_ *schema.Machine, f *frame) (schema.DateTimeOffset, bool) { return f.now, true }

// boolValue adapts a Boolean node where a value node is needed (case).
type boolValue struct{ x boolNode }

func (n boolValue) eval(m *schema.Machine, f *frame) (bool, bool) {
	r := n.x.b(m, f)
	return r == tTrue, r != tNull
}

// valueBool adapts a Boolean value node (a case of Booleans) back.
type valueBool struct{ x node[bool] }

func (n valueBool) b(m *schema.Machine, f *frame) tri {
	v, ok := n.x.eval(m, f)
	if !ok {
		return tNull
	}
	return triOf(v)
}

package schema

// Exported for the external tests of package schema_test, which may import
// packages that import schema (records).
var (
	ProjectionInputs = projectionInputs
	Projections      = projections
	Mutate           = mutate
)

// Keep returns the set of fields p keeps, one bit a field.
func (p Projection) Keep() uint32 { return p.keep }

// ProjectionOfBits returns the projection of the fields whose bits are set
// in keep, ignoring bits that name no field.
func ProjectionOfBits(keep uint32) Projection { return Projection{keep: keep & allFields} }

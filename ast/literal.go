package ast

import (
	"fmt"
	"time"
)

// LitKind is the EDM kind of a literal. Literal.Value holds, by kind:
//
//	LitNull            nil
//	LitBoolean         bool
//	LitInt             int64 (an integer literal beyond Int64 has Value nil and a Problem)
//	LitDecimal         *big.Rat
//	LitDouble          float64 (also INF, -INF and NaN, and any number with an exponent)
//	LitString          string, unescaped ('' becomes ')
//	LitDate            Date
//	LitDateTimeOffset  time.Time in a fixed zone of the literal's offset; 2018-08-01Z is midnight UTC
//	LitTimeOfDay       TimeOfDay
//	LitDuration        time.Duration
//	LitGuid            GUID
//	LitEnum            EnumValue
//	LitBinary          []byte
//	LitGeography       Geo
//	LitGeometry        Geo
type LitKind uint8

// The literal kinds.
const (
	LitNull LitKind = iota + 1
	LitBoolean
	LitInt
	LitDecimal
	LitDouble
	LitString
	LitDate
	LitDateTimeOffset
	LitTimeOfDay
	LitDuration
	LitGuid
	LitEnum
	LitBinary
	LitGeography
	LitGeometry
)

var litKindNames = [...]string{
	LitNull: "null", LitBoolean: "Edm.Boolean", LitInt: "Edm.Int64", LitDecimal: "Edm.Decimal",
	LitDouble: "Edm.Double", LitString: "Edm.String", LitDate: "Edm.Date",
	LitDateTimeOffset: "Edm.DateTimeOffset", LitTimeOfDay: "Edm.TimeOfDay",
	LitDuration: "Edm.Duration", LitGuid: "Edm.Guid", LitEnum: "enum", LitBinary: "Edm.Binary",
	LitGeography: "Edm.Geography", LitGeometry: "Edm.Geometry",
}

// String returns the EDM name of the kind ("Edm.String", ...); "null" and
// "enum" for the kinds that have no single EDM type.
func (k LitKind) String() string {
	if int(k) < len(litKindNames) && litKindNames[k] != "" {
		return litKindNames[k]
	}
	return "LitKind(?)"
}

// Date is an Edm.Date value. It is not normalised: the parser keeps what was
// written and the checker rejects dates that are not in the calendar.
type Date struct {
	Year, Month, Day int
}

// String formats the date as OData writes it.
func (d Date) String() string {
	if d.Year < 0 {
		return fmt.Sprintf("-%04d-%02d-%02d", -d.Year, d.Month, d.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// TimeOfDay is an Edm.TimeOfDay value.
type TimeOfDay struct {
	Hour, Minute, Second, Nanosecond int
}

// Duration returns the time since midnight.
func (t TimeOfDay) Duration() time.Duration {
	return time.Duration(t.Hour)*time.Hour + time.Duration(t.Minute)*time.Minute +
		time.Duration(t.Second)*time.Second + time.Duration(t.Nanosecond)
}

// GUID is an Edm.Guid value.
type GUID [16]byte

// String formats the GUID in lower case with dashes.
func (g GUID) String() string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", g[0:4], g[4:6], g[6:8], g[8:10], g[10:16])
}

// EnumValue is a qualified enum literal, Type'Member' or Type'A,B' for flags.
type EnumValue struct {
	Type    string   // the qualified type name, e.g. "Sales.Pattern"
	Members []string // the members (names or integers) as written, comma-split
}

// Geo is a geography or geometry literal. The engine understands its syntax
// but no model field has a spatial type, so only its text is kept.
type Geo struct {
	SRID int
	WKT  string // the text after "SRID=n;"
}

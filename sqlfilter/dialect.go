package sqlfilter

import "strconv"

// Dialect is the SQL dialect a translation is written in.
type Dialect uint8

// The dialects.
const (
	SQLite     Dialect = iota + 1 // SQLite 3.45 or later (modernc.org/sqlite)
	PostgreSQL                    // PostgreSQL 13 or later
)

// String returns the dialect's name: "sqlite" or "postgresql".
func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case PostgreSQL:
		return "postgresql"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

// Args collects the bound arguments of one SQL statement, in order, and
// hands out their placeholders: ? in SQLite, $1, $2, ... in PostgreSQL. A
// statement built from several fragments shares one Args, so that the
// numbering runs on across them.
type Args struct {
	dialect Dialect
	values  []any
}

// NewArgs returns an empty argument list for d.
func NewArgs(d Dialect) *Args { return &Args{dialect: d} }

// Bind appends v and returns the placeholder that stands for it.
func (a *Args) Bind(v any) string {
	a.values = append(a.values, v)
	if a.dialect == PostgreSQL {
		return "$" + strconv.Itoa(len(a.values))
	}
	return "?"
}

// Values returns the arguments bound so far, in placeholder order.
func (a *Args) Values() []any { return a.values }

// Dialect returns the dialect the placeholders are written for.
func (a *Args) Dialect() Dialect { return a.dialect }

package sqlfilter

import (
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/schema"
)

// Translation is a checked $filter written as SQL for one dialect. It is
// immutable and safe for concurrent use; Where and WhereFalse render it into
// a statement's arguments, once per query (now() is bound then).
type Translation struct {
	dialect  Dialect
	exact    bool
	residual []string
}

// Translate writes c's filter as SQL in dialect d.
//
// TODO(sqlfilter): this is the skeleton every part of the filter is
// residual in: Where is TRUE and Exact false, so a caller that follows the
// contract (re-check each candidate with eval when Exact is false) already
// gives the evaluator's answers.
func Translate(c *schema.Checked, d Dialect) (*Translation, error) {
	t := &Translation{dialect: d, exact: true}
	if f := c.Filter(); f != nil {
		t.exact, t.residual = false, []string{ast.Format(f)}
	}
	return t, nil
}

// Where returns the SQL condition, over MachinesTable as M, that is true for
// every record the filter keeps: exactly those when Exact is true, a superset
// of them otherwise. Its values are bound into a; now is what now() reads.
func (t *Translation) Where(a *Args, now time.Time) string { return "TRUE" }

// WhereFalse returns the SQL condition that is true for every record the
// filter is OData-false for: exactly those when Exact is true, a superset of
// them otherwise. A record the filter is null for satisfies neither.
func (t *Translation) WhereFalse(a *Args, now time.Time) string { return "TRUE" }

// Exact reports whether Where is exactly the filter. When it is false, the
// caller re-checks each candidate row with the evaluator (package eval) and
// applies $skip and $top after the re-check.
func (t *Translation) Exact() bool { return t.exact }

// Residual returns the parts of the filter the SQL does not decide exactly,
// each in canonical form (ast.Format), for --explain: the evaluator decides
// them on each candidate. It is empty when Exact is true.
func (t *Translation) Residual() []string { return t.residual }

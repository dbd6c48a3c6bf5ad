package schema

import (
	"sort"

	"github.com/odatafilter/odatafilter/ast"
)

// Checked is a query that the checker accepted, with what it learned about
// each node of the tree, in the manner of go/types.Info: the tree itself is
// not modified, so one parse can be checked against several models.
type Checked struct {
	Model *Model
	Query *ast.Query // the query as parsed; Query.Filter may be nil

	// Types holds the type of every expression of the filter and of the
	// alias values it uses. A null literal has TypeNull. An alias's value
	// is typed where it is used; one used where different types are
	// expected (riskScore eq @p and computerDnsName eq @p) holds the type of
	// its last use, so read the type of each use, Types[use].
	Types map[ast.Expr]*Type

	// Fields maps each member expression that names a field of the model
	// (riskScore, $it/riskScore) to the field.
	Fields map[*ast.MemberExpr]*Field

	// Vars maps each member expression that names a lambda range variable
	// to the lambda that binds it.
	Vars map[*ast.MemberExpr]*ast.LambdaExpr

	// Members holds the member ordinal (see Enum) of every string or
	// qualified enum literal that the checker read as an enum member,
	// as in riskScore eq 'High'.
	Members map[*ast.Literal]uint8

	// Aliases maps each parameter alias use (@p) to the alias's value.
	Aliases map[*ast.AliasExpr]ast.Expr
}

// Filter returns the checked $filter expression, nil when there is none.
func (c *Checked) Filter() ast.Expr { return c.Query.Filter }

// FieldsRead returns the fields the filter reads, each once, in model order.
func (c *Checked) FieldsRead() []*Field {
	var out []*Field
	for _, f := range c.Model.Fields {
		for _, g := range c.Fields {
			if f == g {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// Check checks q against the default model, Machines.
func Check(q *ast.Query) (*Checked, error) { return Machines.Check(q) }

// CheckFilter checks a bare $filter expression against the default model.
func CheckFilter(e ast.Expr) (*Checked, error) { return Machines.CheckFilter(e) }

// CheckFilter checks a bare $filter expression against m.
func (m *Model) CheckFilter(e ast.Expr) (*Checked, error) {
	return m.Check(&ast.Query{Filter: e})
}

// Check resolves and types q against m. It returns every independent error
// it finds as ast.Diagnostics: names that are unknown or not filterable,
// operands of the wrong type, unknown enum members, literals that denote no
// value, a filter that is not Boolean, and custom query options named after
// a property (riskScore=High: the filter would be lost). Errors inside an operand do not
// produce further errors about the expressions around it. The diagnostics
// are in source order, each once: a parameter alias used twice has its
// errors reported once.
func (m *Model) Check(q *ast.Query) (*Checked, error) {
	c := &checker{
		model: m,
		out: &Checked{
			Model:   m,
			Query:   q,
			Types:   make(map[ast.Expr]*Type, typesHint(q)),
			Fields:  map[*ast.MemberExpr]*Field{},
			Vars:    map[*ast.MemberExpr]*ast.LambdaExpr{},
			Members: map[*ast.Literal]uint8{},
			Aliases: map[*ast.AliasExpr]ast.Expr{},
		},
		aliases: q.Aliases,
	}
	c.customOptions(q.Custom)
	if q.Filter != nil {
		t := c.expr(q.Filter, nil)
		if t != nil && t != TypeBoolean && t != TypeNull {
			c.notBoolean(q.Filter, t)
		}
	}
	if err := inSourceOrder(c.ds).Err(); err != nil {
		return nil, err
	}
	return c.out, nil
}

// typesHint guesses how many expressions q has, one for every few bytes of
// its text, so that Types is allocated once rather than grown and rehashed
// as the checker fills it.
func typesHint(q *ast.Query) int {
	n := 0
	if q.Filter != nil {
		n = q.Filter.Span().End - q.Filter.Span().Start
	}
	for _, a := range q.Aliases {
		n += a.Value.Span().End - a.Value.Span().Start
	}
	return min(n/5, 1024)
}

// inSourceOrder sorts ds by the start of their spans, keeping the checker's
// order for equal starts, and drops repeats: the checker visits an alias's
// value at each use, and operands are not always visited left to right
// ('High' eq riskScore, hassubset([...], x), aliases defined after $filter).
func inSourceOrder(ds ast.Diagnostics) ast.Diagnostics {
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].Span.Start < ds[j].Span.Start })
	out := ds[:0]
	for _, d := range ds {
		dup := false
		for _, e := range out {
			if e.Span == d.Span && e.Code == d.Code && e.Message == d.Message {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, d)
		}
	}
	return out
}

// checker holds the state of one Check.
type checker struct {
	model   *Model
	out     *Checked
	ds      ast.Diagnostics
	aliases []ast.Alias
	inAlias []string // aliases being checked, to catch @a=@a
}

// scope is a lambda range variable in force, innermost first.
type scope struct {
	name   string
	typ    *Type // the element type
	lambda *ast.LambdaExpr
	outer  *scope
}

func (s *scope) lookup(name string) *scope {
	for ; s != nil; s = s.outer {
		if s.name == name {
			return s
		}
	}
	return nil
}

// typed records t as e's type and returns it.
func (c *checker) typed(e ast.Expr, t *Type) *Type {
	if t != nil {
		c.out.Types[e] = t
	}
	return t
}

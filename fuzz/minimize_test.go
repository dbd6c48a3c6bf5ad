package fuzz

import (
	"slices"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// disagrees reports whether eval and the reference differ on filter and m
// (a filter that no longer checks does not).
func disagrees(filter string, m *schema.Machine) bool {
	c, err := checkText(filter)
	if err != nil {
		return false
	}
	p, err := eval.New(c, eval.WithClock(clock))
	if err != nil {
		return false
	}
	return disagreement(c, p, m) != ""
}

// minimize shrinks a filter and a machine on which bad holds to a smaller
// pair on which it still holds: it replaces sub-expressions with their own
// sub-expressions or with small literals, drops list items and case
// clauses, and nulls the machine's fields one at a time.
func minimize(filter string, m schema.Machine, bad func(string, *schema.Machine) bool) (string, schema.Machine) {
	for round := 0; round < 200; round++ {
		better := false
		for _, cand := range shrinkFilter(filter) {
			if len(cand) < len(filter) && bad(cand, &m) {
				filter, better = cand, true
				break
			}
		}
		if !better {
			break
		}
	}
	for _, clear := range machineShrinks {
		n := m
		clear(&n)
		if bad(filter, &n) {
			m = n
		}
	}
	for len(m.MachineTags) > 0 {
		dropped := false
		for i := range m.MachineTags {
			n := m
			n.MachineTags = slices.Delete(slices.Clone(m.MachineTags), i, i+1)
			if bad(filter, &n) {
				m, dropped = n, true
				break
			}
		}
		if !dropped {
			break
		}
	}
	return filter, m
}

// machineShrinks null one field each; the non-filterable ones first.
var machineShrinks = []func(*schema.Machine){
	func(m *schema.Machine) {
		*m = schema.Machine{ID: m.ID, ComputerDNSName: m.ComputerDNSName, LastSeen: m.LastSeen, LastIPAddress: m.LastIPAddress,
			HealthStatus: m.HealthStatus, OSPlatform: m.OSPlatform, RiskScore: m.RiskScore, MachineTags: m.MachineTags, RBACGroupID: m.RBACGroupID}
	},
	func(m *schema.Machine) { m.ID = schema.NullString{} },
	func(m *schema.Machine) { m.ComputerDNSName = schema.NullString{} },
	func(m *schema.Machine) { m.LastSeen = schema.DateTimeOffset{} },
	func(m *schema.Machine) { m.LastIPAddress = schema.NullString{} },
	func(m *schema.Machine) { m.HealthStatus = 0 },
	func(m *schema.Machine) { m.OSPlatform = schema.NullString{} },
	func(m *schema.Machine) { m.RiskScore = 0 },
	func(m *schema.Machine) { m.MachineTags = nil },
	func(m *schema.Machine) { m.RBACGroupID = schema.NullInt64{} },
}

// shrinkFilter returns smaller variants of filter, shortest first. Some do
// not check (a range variable taken out of its lambda); callers test them.
func shrinkFilter(filter string) []string {
	root, err := parser.ParseFilter(filter)
	if err != nil {
		return nil
	}
	var nodes []ast.Expr
	ast.Inspect(root, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && n != nil {
			if _, isType := e.(*ast.TypeExpr); !isType {
				nodes = append(nodes, e)
			}
		}
		return true
	})
	seen := map[string]bool{filter: true}
	var out []string
	add := func(e ast.Expr) {
		s := ast.Format(e)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	small := []string{"true", "false", "null", "0", "1", "''", "'a'"}
	for _, n := range nodes {
		for _, d := range nodes {
			if d != n && contains(n, d) {
				add(rebuild(root, n, d))
			}
		}
		for _, s := range small {
			if lit, err := parser.ParseFilter(s); err == nil {
				add(rebuild(root, n, lit))
			}
		}
		switch n := n.(type) {
		case *ast.ListExpr:
			for i := range n.Elems {
				c := *n
				c.Elems = slices.Delete(slices.Clone(n.Elems), i, i+1)
				add(rebuild(root, n, &c))
			}
		case *ast.CaseExpr:
			for i := range n.Clauses {
				if len(n.Clauses) > 1 {
					c := *n
					c.Clauses = slices.Delete(slices.Clone(n.Clauses), i, i+1)
					add(rebuild(root, n, &c))
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(a) - len(b) })
	return out
}

// contains reports whether d is inside n.
func contains(n, d ast.Expr) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if x == ast.Node(d) {
			found = true
		}
		return !found
	})
	return found
}

// rebuild returns e with target replaced by repl, copying the nodes on the
// way; the original tree is not modified.
func rebuild(e, target, repl ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	if e == target {
		return repl
	}
	switch n := e.(type) {
	case *ast.BinaryExpr:
		c := *n
		c.X, c.Y = rebuild(n.X, target, repl), rebuild(n.Y, target, repl)
		return &c
	case *ast.UnaryExpr:
		c := *n
		c.X = rebuild(n.X, target, repl)
		return &c
	case *ast.MemberExpr:
		if n.X == nil {
			return n
		}
		c := *n
		c.X = rebuild(n.X, target, repl)
		return &c
	case *ast.LambdaExpr:
		c := *n
		c.X = rebuild(n.X, target, repl)
		if n.Predicate != nil {
			c.Predicate = rebuild(n.Predicate, target, repl)
		}
		return &c
	case *ast.CountExpr:
		c := *n
		c.X = rebuild(n.X, target, repl)
		return &c
	case *ast.CallExpr:
		c := *n
		c.Args = make([]ast.Expr, len(n.Args))
		for i, a := range n.Args {
			c.Args[i] = rebuild(a, target, repl)
		}
		return &c
	case *ast.CaseExpr:
		c := *n
		c.Clauses = make([]ast.CaseClause, len(n.Clauses))
		for i, cl := range n.Clauses {
			c.Clauses[i] = ast.CaseClause{Cond: rebuild(cl.Cond, target, repl), Value: rebuild(cl.Value, target, repl)}
		}
		return &c
	case *ast.ListExpr:
		c := *n
		c.Elems = make([]ast.Expr, len(n.Elems))
		for i, x := range n.Elems {
			c.Elems[i] = rebuild(x, target, repl)
		}
		return &c
	}
	return e
}

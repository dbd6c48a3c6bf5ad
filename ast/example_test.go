package ast_test

import (
	"fmt"

	"github.com/odatafilter/odatafilter/ast"
)

// riskFilter is riskScore eq 'High' and not (healthStatus eq 'Active' or
// machineTags/any(t:t eq 'x')), built by hand as package parser would.
func riskFilter() ast.Expr {
	return &ast.BinaryExpr{
		Op: ast.OpAnd,
		X: &ast.BinaryExpr{Op: ast.OpEq,
			X: &ast.MemberExpr{Name: "riskScore"},
			Y: &ast.Literal{Kind: ast.LitString, Raw: "'High'", Value: "High"}},
		Y: &ast.UnaryExpr{Op: ast.OpNot, X: &ast.BinaryExpr{Op: ast.OpOr,
			X: &ast.BinaryExpr{Op: ast.OpEq,
				X: &ast.MemberExpr{Name: "healthStatus"},
				Y: &ast.Literal{Kind: ast.LitString, Raw: "'Active'", Value: "Active"}},
			Y: &ast.LambdaExpr{X: &ast.MemberExpr{Name: "machineTags"}, Kind: ast.Any, Var: "t",
				Predicate: &ast.BinaryExpr{Op: ast.OpEq,
					X: &ast.MemberExpr{Name: "t"},
					Y: &ast.Literal{Kind: ast.LitString, Raw: "'x'", Value: "x"}}}}},
	}
}

func ExampleFormat() {
	fmt.Println(ast.Format(riskFilter()))
	// Output:
	// riskScore eq 'High' and not (healthStatus eq 'Active' or machineTags/any(t:t eq 'x'))
}

func ExampleDebug() {
	fmt.Println(ast.Debug(riskFilter()))
	// Output:
	// ((riskScore eq Edm.String('High')) and (not ((healthStatus eq Edm.String('Active')) or machineTags/any(t:(t eq Edm.String('x'))))))
}

func ExampleInspect() {
	// List the first segment of every member path.
	ast.Inspect(riskFilter(), func(n ast.Node) bool {
		if m, ok := n.(*ast.MemberExpr); ok && m.X == nil {
			fmt.Println(m.Name)
		}
		return true
	})
	// Output:
	// riskScore
	// healthStatus
	// machineTags
	// t
}

func ExampleDiagnostics_Render() {
	src := "riskScor eq 'High'"
	var ds ast.Diagnostics
	d := ds.Add(ast.Span{Start: 0, End: 8}, ast.CodeUnknownField, "unknown field '%s'", src[:8])
	d.Suggestion = "riskScore"
	fmt.Print(ds.Render(src))
	// Output:
	// error: unknown field 'riskScor' [unknown_field]
	//  | riskScor eq 'High'
	//  | ^~~~~~~~
	//  = did you mean `riskScore`?
}

// Package compile compares the cost of compiling a filter with odatafilter
// (eval.CompileFilter: parse, check, plan) against expr-lang/expr
// (expr.Compile of the equivalent expression over a struct with the fields
// of schema.Machine), on the four benchmark filters of the front-end issue.
//
// It is a nested module, with a go.mod of its own, so that the main module
// does not depend on expr; go test ./... from the repository root does not
// enter it. Run the comparison from this directory:
//
//	go test -run TestCompileVersusExpr -v                  # one table: both sides, their ratio, a cache hit
//	go test -run TestCompileVersusExpr -v -benchtime=200ms # the same, quicker and noisier (CI)
//	go test -run XXX -bench . -benchmem                    # the ordinary benchmarks
package compile

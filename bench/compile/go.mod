module github.com/odatafilter/odatafilter/bench/compile

go 1.26.8

require (
	github.com/expr-lang/expr v1.17.8
	github.com/odatafilter/odatafilter v0.0.0-00010101000000-000000000000
)

require github.com/alecthomas/participle/v2 v2.1.4 // indirect

replace github.com/odatafilter/odatafilter => ../..

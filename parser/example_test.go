package parser_test

import (
	"errors"
	"fmt"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

func ExampleParseFilter() {
	e, err := parser.ParseFilter("riskScore eq 'High' and machineTags/any(t: t eq 'test tag 1')")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ast.Format(e))
	fmt.Println(ast.Debug(e))
	// Output:
	// riskScore eq 'High' and machineTags/any(t:t eq 'test tag 1')
	// ((riskScore eq Edm.String('High')) and machineTags/any(t:(t eq Edm.String('test tag 1'))))
}

func ExampleParseFilter_error() {
	src := "riskScore eq 'High'and healthStatus eq 'Active'"
	_, err := parser.ParseFilter(src)
	var ds ast.Diagnostics
	if errors.As(err, &ds) {
		fmt.Print(ds.Render(src))
	}
	// Output:
	// error: unexpected "and": an operator needs whitespace on both sides (and not needs whitespace after it) [syntax]
	//  | riskScore eq 'High'and healthStatus eq 'Active'
	//  |                    ^~~
}

func ExampleParseQuery() {
	// A raw query as in r.URL.RawQuery: "+" is a space, %XX is decoded.
	q, err := parser.ParseQuery("$filter=riskScore+eq+'High'&$top=10&$skip=20")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ast.Format(q.Filter))
	fmt.Println(q.Top, q.Skip)
	// Output:
	// riskScore eq 'High'
	// 10 20
}

func ExampleParseQuery_error() {
	// Spans index the raw query, so the caret lands under what was typed.
	raw := "$filter=riskScore%20eq%20'High'&$top=20000"
	_, err := parser.ParseQuery(raw)
	var ds ast.Diagnostics
	if errors.As(err, &ds) {
		for _, d := range ds {
			fmt.Printf("%s at %d-%d: %q\n", d.Code, d.Span.Start, d.Span.End, raw[d.Span.Start:d.Span.End])
		}
	}
	// Output:
	// top_too_large at 37-42: "20000"
}

func ExampleParser() {
	// A Parser carries its own limits; zero fields take the defaults.
	p := parser.Parser{Limits: parser.Limits{MaxInList: 2}}
	_, err := p.ParseFilter("riskScore in ('Low','Medium','High')")
	fmt.Println(err)
	// Output:
	// offset 13: list has more than 2 items, the limit
}

// The stages one at a time, as tools use them: parse a raw query, check
// its filter against the Machine model, print the canonical form.
// (eval.Compile does all of this and plans a Program.)
func Example() {
	raw := "$filter=RiskScore+EQ+'High'+AND+(rbacGroupId+eq+140)&$top=5"
	q, err := parser.ParseQuery(raw)
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := schema.Check(q); err != nil {
		var ds ast.Diagnostics
		errors.As(err, &ds)
		fmt.Print(ds.Render(raw))
		return
	}
	fmt.Println(ast.Format(q.Filter), q.Top)
	// Output:
	// RiskScore eq 'High' and rbacGroupId eq 140 5
}

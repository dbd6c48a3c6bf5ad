package parser_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
)

// aliasChain builds a query whose aliases each use the next one twice: its
// expansion doubles with every alias.
func aliasChain(n int) string {
	var b strings.Builder
	b.WriteString("$filter=@a0 eq 1")
	for i := range n {
		fmt.Fprintf(&b, "&@a%d=@a%d add @a%d", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "&@a%d=1", n)
	return b.String()
}

func TestAliasExpansionIsBounded(t *testing.T) {
	if _, err := parser.ParseQuery(aliasChain(8)); err != nil {
		t.Fatalf("a small chain is fine: %v", err)
	}
	raw := aliasChain(40)
	_, err := parser.ParseQuery(raw)
	ds, ok := err.(ast.Diagnostics)
	if !ok || len(ds) != 1 || ds[0].Code != ast.CodeTooManyNodes {
		t.Fatalf("a doubling chain of 40 aliases: got %v, want one too_many_nodes", err)
	}
	if want := (ast.Span{Start: 8, End: 16}); ds[0].Span != want {
		t.Errorf("span %v, want the $filter value %v", ds[0].Span, want)
	}
	// A cycle is not an expansion problem: the checker reports it.
	if _, err := parser.ParseQuery("$filter=@a eq 1&@a=@b&@b=@a"); err != nil {
		t.Errorf("a cycle: %v", err)
	}
}

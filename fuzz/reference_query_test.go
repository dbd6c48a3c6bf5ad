package fuzz

import (
	"testing"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// TestReferenceAliases: an alias takes the type of the place it is used
// in, so one alias can name a member and be a string in the same filter.
func TestReferenceAliases(t *testing.T) {
	for _, tc := range []struct {
		query string
		m     *schema.Machine
		want  any
	}{
		{"$filter=riskScore eq @p&@p='High'", &mFull, true},
		{"$filter=riskScore gt @p&@p='Low'", &mFull, true},
		{"$filter=id eq @p and riskScore eq @p&@p='High'", &schema.Machine{ID: schema.StringValue("High"), RiskScore: schema.RiskScoreHigh}, true},
		{"$filter=rbacGroupId in (@a,@b)&@a=1&@b=9007199254740993", &mFull, true},
		{"$filter=length(@s) eq 3&@s='日本語'", &mNull, true},
		{"$filter=@r eq riskScore&@r='High'", &mFull, true},
		{"$filter=riskScore in @l&@l=['Low',\"High\"]", &mFull, true},
		{"$filter=id in @a&@a=@b&@b=['abc']", &mFull, true},
		{"$filter=hassubset(machineTags,@l)&@l=['a','日本語']", &mFull, true},
		{"$filter=matchesPattern(id,@p)&@p='('", &mFull, null}, // an alias pattern is not checked
	} {
		t.Run(tc.query, func(t *testing.T) {
			q, err := parser.ParseQuery(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			c, err := schema.Check(q)
			if err != nil {
				t.Fatal(err)
			}
			if got := Eval(c, TestClock, tc.m); got != tc.want {
				t.Errorf("Eval = %s, want %s", showResult(got), showResult(tc.want))
			}
		})
	}
}

// TestApplyReference: filter, then $skip, then $top, in order.
func TestApplyReference(t *testing.T) {
	ms := []schema.Machine{mNull, mFull, mEdge, mFull}
	for _, tc := range []struct {
		query string
		want  []int // indexes into ms
	}{
		{"", []int{0, 1, 2, 3}},
		{"$filter=true", []int{0, 1, 2, 3}},
		{"$filter=null", nil},
		{"$filter=id ne null", []int{1, 2, 3}},
		{"$top=2&$skip=1&$filter=id ne null", []int{2, 3}},
		{"$skip=1&$top=1", []int{1}},
		{"$top=0", nil},
		{"$skip=4", nil},
		{"$skip=9223372036854775807", nil},
		{"$top=10000", []int{0, 1, 2, 3}},
	} {
		q, err := parser.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		c, err := schema.Check(q)
		if err != nil {
			t.Fatal(err)
		}
		got := ApplyReference(c, TestClock, ms)
		var want []schema.Machine
		for _, i := range tc.want {
			want = append(want, ms[i])
		}
		if !sameMachines(got, want) {
			t.Errorf("%q: got %d machines, want %v", tc.query, len(got), tc.want)
		}
	}
}

// TestReferenceRejects: the reference refuses, with a *ReferenceError, a
// tree the checker would not have accepted, rather than inventing a value.
func TestReferenceRejects(t *testing.T) {
	e, err := parser.ParseFilter("1 gt 'a'")
	if err != nil {
		t.Fatal(err)
	}
	c := &schema.Checked{Model: schema.Machines, Query: &ast.Query{Filter: e}}
	defer func() {
		if _, ok := recover().(*ReferenceError); !ok {
			t.Fatal("no *ReferenceError for 1 gt 'a'")
		}
	}()
	Eval(c, TestClock, &mNull)
}

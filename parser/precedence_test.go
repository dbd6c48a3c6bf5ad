package parser_test

import "testing"

// TestPrecedence covers every pair of precedence levels of the URL
// Conventions table, in both orders, with each binary operator at least
// once: or < and < eq ne < gt ge lt le < add sub < mul div divby mod <
// unary - and not < has in.
func TestPrecedence(t *testing.T) {
	runTrees(t, []treeCase{
		{"a or b and c", "(a or (b and c))"},
		{"a and b or c", "((a and b) or c)"},
		{"a or b eq c", "(a or (b eq c))"},
		{"a ne b or c", "((a ne b) or c)"},
		{"a or b gt c", "(a or (b gt c))"},
		{"a ge b or c", "((a ge b) or c)"},
		{"a or b add c", "(a or (b add c))"},
		{"a sub b or c", "((a sub b) or c)"},
		{"a or b mul c", "(a or (b mul c))"},
		{"a div b or c", "((a div b) or c)"},
		{"a and b eq c", "(a and (b eq c))"},
		{"a ne b and c", "((a ne b) and c)"},
		{"a and b gt c", "(a and (b gt c))"},
		{"a ge b and c", "((a ge b) and c)"},
		{"a and b add c", "(a and (b add c))"},
		{"a sub b and c", "((a sub b) and c)"},
		{"a and b mul c", "(a and (b mul c))"},
		{"a div b and c", "((a div b) and c)"},
		{"a eq b lt c", "(a eq (b lt c))"},
		{"a le b ne c", "((a le b) ne c)"},
		{"a eq b add c", "(a eq (b add c))"},
		{"a sub b ne c", "((a sub b) ne c)"},
		{"a eq b divby c", "(a eq (b divby c))"},
		{"a mod b ne c", "((a mod b) ne c)"},
		{"a gt b add c", "(a gt (b add c))"},
		{"a sub b ge c", "((a sub b) ge c)"},
		{"a lt b divby c", "(a lt (b divby c))"},
		{"a mod b le c", "((a mod b) le c)"},
		{"a add b mul c", "(a add (b mul c))"},
		{"a div b sub c", "((a div b) sub c)"},
		{"a or b has c", "(a or (b has c))"},
		{"a has b or c", "((a has b) or c)"},
		{"a and b in c", "(a and (b in c))"},
		{"a in b and c", "((a in b) and c)"},
		{"a eq b has c", "(a eq (b has c))"},
		{"a has b eq c", "((a has b) eq c)"},
		{"a ne b in c", "(a ne (b in c))"},
		{"a in b ne c", "((a in b) ne c)"},
		{"a gt b has c", "(a gt (b has c))"},
		{"a has b gt c", "((a has b) gt c)"},
		{"a ge b in c", "(a ge (b in c))"},
		{"a in b ge c", "((a in b) ge c)"},
		{"a lt b has c", "(a lt (b has c))"},
		{"a has b lt c", "((a has b) lt c)"},
		{"a le b in c", "(a le (b in c))"},
		{"a in b le c", "((a in b) le c)"},
		{"a add b has c", "(a add (b has c))"},
		{"a has b add c", "((a has b) add c)"},
		{"a sub b in c", "(a sub (b in c))"},
		{"a in b sub c", "((a in b) sub c)"},
		{"a mul b has c", "(a mul (b has c))"},
		{"a has b mul c", "((a has b) mul c)"},
		{"a div b in c", "(a div (b in c))"},
		{"a in b div c", "((a in b) div c)"},
		{"a divby b has c", "(a divby (b has c))"},
		{"a has b divby c", "((a has b) divby c)"},
		{"a mod b in c", "(a mod (b in c))"},
		{"a in b mod c", "((a in b) mod c)"},
		{"not a or b", "((not a) or b)"},
		{"a or not b", "(a or (not b))"},
		{"-a and b", "((-a) and b)"},
		{"a and -b", "(a and (-b))"},
		{"not a eq b", "((not a) eq b)"},
		{"a eq not b", "(a eq (not b))"},
		{"-a ne b", "((-a) ne b)"},
		{"a ne -b", "(a ne (-b))"},
		{"not a gt b", "((not a) gt b)"},
		{"a gt not b", "(a gt (not b))"},
		{"-a ge b", "((-a) ge b)"},
		{"a ge -b", "(a ge (-b))"},
		{"not a lt b", "((not a) lt b)"},
		{"a lt not b", "(a lt (not b))"},
		{"-a le b", "((-a) le b)"},
		{"a le -b", "(a le (-b))"},
		{"not a add b", "((not a) add b)"},
		{"a add not b", "(a add (not b))"},
		{"-a sub b", "((-a) sub b)"},
		{"a sub -b", "(a sub (-b))"},
		{"not a mul b", "((not a) mul b)"},
		{"a mul not b", "(a mul (not b))"},
		{"-a div b", "((-a) div b)"},
		{"a div -b", "(a div (-b))"},
		{"not a divby b", "((not a) divby b)"},
		{"a divby not b", "(a divby (not b))"},
		{"-a mod b", "((-a) mod b)"},
		{"a mod -b", "(a mod (-b))"},

		// has and in bind tighter than the unary operators.
		{"not a in b", "(not (a in b))"},
		{"not a has b", "(not (a has b))"},
		{"- a has b", "(-(a has b))"},
		{"-a in b", "(-(a in b))"},
		{"(not a) has b", "((not a) has b)"},
		{"(-a) in b", "((-a) in b)"},
		{"-1 has b", "(Edm.Int64(-1) has b)"}, // -1 is a literal, not a negation

		// Unary operators nest.
		{"not not a", "(not (not a))"},
		{"- -a", "(-(-a))"},
		{"not -a", "(not (-a))"},
		{"-not a", "(-(not a))"},
		{"- 1", "(-Edm.Int64(1))"},
		{"-INF", "Edm.Double(-INF)"},
		{"- INF", "(-Edm.Double(INF))"},
		{"not a eq b", "((not a) eq b)"},
		{"not (a eq b)", "(not (a eq b))"},

		// Parentheses override precedence.
		{"(a or b) and c", "((a or b) and c)"},
		{"a mul (b add c)", "(a mul (b add c))"},
		{"a sub (b sub c)", "(a sub (b sub c))"},
		{"a has (b has c)", "(a has (b has c))"},
		{"((a))", "a"},
		{"((a eq b))", "(a eq b)"},
	})
}

// TestAssociativity checks that every level is left-associative.
func TestAssociativity(t *testing.T) {
	runTrees(t, []treeCase{
		{"a or b or c", "((a or b) or c)"},
		{"a and b and c", "((a and b) and c)"},
		{"a eq b ne c", "((a eq b) ne c)"},
		{"a ne b eq c", "((a ne b) eq c)"},
		{"a gt b lt c", "((a gt b) lt c)"},
		{"a le b ge c", "((a le b) ge c)"},
		{"a add b sub c", "((a add b) sub c)"},
		{"a sub b add c", "((a sub b) add c)"},
		{"a sub b sub c sub d", "(((a sub b) sub c) sub d)"},
		{"a mul b div c", "((a mul b) div c)"},
		{"a divby b mod c", "((a divby b) mod c)"},
		{"a mod b mul c divby d", "(((a mod b) mul c) divby d)"},
		{"a has b has c", "((a has b) has c)"},
		{"a in b in c", "((a in b) in c)"},
		{"a has b in c", "((a has b) in c)"},
		{"a or b and c or d", "((a or (b and c)) or d)"},
		{"a add b mul c sub d", "((a add (b mul c)) sub d)"},
	})
}

// TestOperatorCase checks operators in any case and whitespace of any width.
func TestOperatorCase(t *testing.T) {
	runTrees(t, []treeCase{
		{"a EQ b AND NOT c", "((a eq b) and (not c))"},
		{"a Gt 1 Or b DivBy 2 Le 3", "((a gt Edm.Int64(1)) or ((b divby Edm.Int64(2)) le Edm.Int64(3)))"},
		{"a  eq\t\tb", "(a eq b)"},
	})
}

package schema

import "testing"

// Collections: lambdas and their range variables, in, and /$count.
func TestCheckCollections(t *testing.T) { runCheckCases(t, Machines, collectionCases) }

var collectionCases = []checkCase{
	{"machineTags/any(tag: tag eq 'ExampleTag')", ok, "tag -> $tag; tag: Edm.String; machineTags/any(tag: tag eq 'ExampleTag'): Edm.Boolean"},
	{"machineTags/all(t: startswith(t, 'prod-'))", ok, "t -> $t"},
	{"machineTags/any()", ok, "machineTags/any(): Edm.Boolean"},
	{"machineTags/all(t: t ne null)", ok, ""},
	{"machineTags/any(riskScore: riskScore eq 'x')", ok, "riskScore -> $riskScore; riskScore: Edm.String"}, // the variable wins
	{"machineTags/any(riskScore: $it/riskScore eq 'High')", ok, "$it/riskScore -> riskScore; 'High' #5"},
	{"machineTags/any(t: riskScore eq 'High' and t eq 'x')", ok, "riskScore -> riskScore; t -> $t"},
	{"machineTags/any(a: machineTags/any(b: a eq b))", ok, "a -> $a; b -> $b"},
	{"machineTags/any(t: machineTags/all(t: t eq 'x'))", ok, "t -> $t"},
	{"machineTags/any(tag: tag eq 'x') and tag eq 'y'", "unknown_field@37:40", ""},
	{"machineTags/any(t: $it/t eq 'x')", "unknown_field@23:24", ""},
	{"machineTags/any(tag: tga eq 'x')", "unknown_field@21:24", ""},
	{"machineTags/any(t: t/foo eq 'x')", "type_mismatch@21:24", ""},
	{"machineTags/all(t: 1)", "type_mismatch@19:20", ""},
	{"machineTags/all(t: t)", "type_mismatch@19:20", ""},
	{"machineTags/any(t: concat(t, 'x'))", "type_mismatch@19:33", ""},
	{"machineTags/any(t: t eq riskScore)", "type_mismatch@21:23", ""},
	{"riskScore/any()", "type_mismatch@0:9", ""},
	{"computerDnsName/any(c: c eq 'x')", "type_mismatch@0:15", ""},

	{"'ExampleTag' in machineTags", ok, "machineTags: Collection(Edm.String)"},
	{"computerDnsName in machineTags", ok, ""},
	{"computerDnsName in (machineTags)", ok, "machineTags: Collection(Edm.String)"},
	{"rbacGroupId in (rbacGroupId)", "type_mismatch@16:27", ""},
	{"rbacGroupId in (1,2,3)", ok, "(1,2,3): Collection(Edm.Int64); rbacGroupId in (1,2,3): Edm.Boolean"},
	{"rbacGroupId in (140, 140.5, 1e3)", ok, ""},
	{"riskScore in ('Low','None')", ok, "'Low' #3; 'None' #1; ('Low','None'): Collection(RiskScore)"},
	{"riskScore in ['Low','High']", ok, "'High' #5"},
	{"computerDnsName in ()", ok, ""},
	{"riskScore in ('Low','Nope')", "unknown_enum_member@20:26", ""},
	{"riskScore in ('Lw','Nope')", "unknown_enum_member@14:18 unknown_enum_member@19:25", ""},
	{"rbacGroupId in (1,'2',3)", "type_mismatch@18:21", ""},
	{"rbacGroupId in machineTags", "type_mismatch@12:14", ""},
	{"machineTags in ('a','b')", "type_mismatch@0:11", ""},
	{"riskScore in 'Low'", "type_mismatch@13:18", ""},

	{"machineTags/$count gt 0", ok, "machineTags/$count: Edm.Int64"},
	{"machineTags/$count eq 'x'", "type_mismatch@19:21", ""},
	{"computerDnsName/$count gt 0", "type_mismatch@0:15", ""},
	{"machineTags/$count($filter=$this eq 'x') gt 0", "unsupported@0:40", ""},
	{"machineTags/$filter($this eq 'x')/$count gt 0", "unsupported@0:33", ""},
}

// Parameter aliases, through parser.ParseQuery: an alias is checked where
// it is used, outside any lambda; its errors are reported once, where its
// value is written.
func TestCheckAliases(t *testing.T) { runCheckCases(t, Machines, aliasCases) }

var aliasCases = []checkCase{
	{"$filter=riskScore eq @r&@r='High'", ok, "@r: RiskScore; 'High' #5"},
	{"$filter=@r eq riskScore&@r='High'", ok, "'High' #5"},
	{"$filter=@ok&@ok=riskScore eq 'High'", ok, "@ok: Edm.Boolean"},
	{"$filter=rbacGroupId in @ids&@ids=[140,141]", ok, "@ids: Collection(Edm.Int64)"},
	{`$filter=riskScore in @l&@l=["Low","High"]`, ok, `"Low" #3; "High" #5`},
	{"$filter=hassubset(machineTags, @tags)&@tags=['a','b']", ok, "@tags: Collection(Edm.String)"},
	{"$filter=riskScore eq @r and computerDnsName eq @r&@r='High'", ok, ""},
	{"$filter=riskScore eq @r", "unknown_alias@21:23", ""},
	{"$filter=riskScore eq @r&@p='High'", "unknown_alias@21:23", ""},
	{"$filter=riskScore eq @r or riskScore eq @r&@r='Hgh'", "unknown_enum_member@46:51", ""},
	{"$filter=riskScore eq @r and foo eq 1&@r='Hgh'", "unknown_field@28:31 unknown_enum_member@40:45", ""},
	{"$filter=rbacGroupId div @z eq 1&@z=0", "division_by_zero@24:26", ""},
	{"$filter=rbacGroupId mod @z eq 1&@z=@y&@y=0", "division_by_zero@24:26", ""},
	{"$filter=rbacGroupId div @z eq 1&@z=@z", "alias_cycle@35:37", ""},
	{"$filter=@a&@a=@a", "alias_cycle@14:16", ""},
	{"$filter=computerDnsName eq @a&@a=@b&@b=concat(@a,'x')", "alias_cycle@46:48", ""},
	{"$filter=@a and @b&@a=@b&@b=@a", "alias_cycle@21:23 alias_cycle@27:29", ""},
	{"$filter=machineTags/any(t: @p)&@p=t eq 'x'", "unknown_field@34:35", ""},
}

package eval

import (
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/leanovate/gopter"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/fuzz"
	"github.com/odatafilter/odatafilter/schema"
)

// predFilters exercise every compiled test (pred) and planning rule: each
// leaf kind on built-in fields, the guards of and and or chains in every
// position, the merges of enum tests and in-lists, constants, and filters
// that need a frame.
var predFilters = []string{
	"riskScore eq 'High'",
	"riskScore ne 'High'",
	"riskScore gt 'Low'",
	"riskScore le 'Medium'",
	"riskScore in ('Low','None')",
	"not (riskScore in ('Low','None'))",
	"riskScore in ('Low', null)",
	"riskScore eq null",
	"riskScore eq 'High' or riskScore eq 'Medium'",
	"riskScore ne 'High' and riskScore ne 'Low'",
	"riskScore eq 'High' and healthStatus eq 'Active' or riskScore eq 'Low'",
	"exposureLevel gt 'Low' and deviceValue ne 'Low'",
	"deviceValue eq 'High' or exposureLevel eq 'None' or deviceValue eq 'Normal'",
	"healthStatus ne 'Active' and rbacGroupId eq 140",
	"rbacGroupId eq 140 and healthStatus ne 'Active'",
	"healthStatus eq 'Active' or rbacGroupId gt 100",
	"rbacGroupId lt 0 or healthStatus eq 'Inactive' or osPlatform eq 'Linux'",
	"healthStatus ne 'Active' and (rbacGroupId eq 140 or riskScore eq 'High')",
	"not (healthStatus ne 'Active' and rbacGroupId ge 140)",
	"not (healthStatus eq 'Active' or rbacGroupId le 140 or startswith(computerDnsName, 'a'))",
	"startswith(computerDnsName, 'a') and rbacGroupId eq 140 and healthStatus eq 'Active'",
	"rbacGroupId eq 140 and startswith(computerDnsName, 'a') or riskScore eq 'Low'",
	"rbacGroupId gt 9223372036854775807",
	"rbacGroupId ge 9223372036854775807",
	"rbacGroupId lt -9223372036854775808",
	"rbacGroupId le -9223372036854775808 or rbacGroupId eq null",
	"rbacGroupId ne 140",
	"not (rbacGroupId ne 140)",
	"rbacGroupId ge -1 and rbacGroupId le 0",
	"rbacGroupId eq 1 or rbacGroupId eq 140 or rbacGroupId in (0, -1)",
	"rbacGroupId in (140, null) or rbacGroupId eq 0",
	"rbacGroupId gt 1.5",
	"osPlatform eq 'Windows10' or osPlatform eq 'Windows11'",
	"not (osPlatform eq 'Windows10' or osPlatform eq 'Windows11')",
	"osPlatform eq 'Linux' or osPlatform in ('macOS', null) or computerDnsName eq 'x'",
	"osPlatform ne 'Linux'",
	"osPlatform gt 'M'",
	"not (osPlatform le 'M')",
	"id in ('a','b','c','d','e','f','g','h','i','j','k','l','m','n','o','p','q','r') or id eq 's'",
	"lastSeen gt 2018-08-01T00:00:00Z",
	"lastSeen le 2024-01-01",
	"not (lastSeen lt 2020-01-01T00:00:00+02:00)",
	"lastSeen eq null or lastSeen ne 2024-06-15T12:30:45.123456789Z",
	"lastSeen gt 2018-08-01T00:00:00Z and (osPlatform eq 'Windows10' or osPlatform eq 'Windows11') and not (riskScore in ('Low','None'))",
	"startswith(computerDnsName,'mymachine') or machineTags/any(t: t eq 'test tag 1')",
	"not endswith(computerDnsName, '.com')",
	"contains(version, '1') or not contains(onboardingStatus, 'On')",
	"startswith(computerDnsName, lastIpAddress)",
	"machineTags/any(t: t eq 'prod')",
	"not machineTags/any(t: t eq 'prod')",
	"machineTags/all(t: t ne 'x')",
	"machineTags/any()",
	"'prod' in machineTags",
	"aadDeviceId eq 01234567-89ab-cdef-0123-456789ABCDEF",
	"true and riskScore eq 'High'",
	"false or riskScore eq 'High'",
	"null and riskScore eq 'High'",
	"riskScore eq 'High' and false",
	"null or riskScore eq 'High' or true",
	"not (null and riskScore eq 'High')",
	"now() gt lastSeen and riskScore eq 'High'",
	"machineTags/any(t: t eq id) or healthStatus eq 'Active'",
}

// TestPredsAgree holds the compiled tests to the three-valued nodes they
// are compiled from, and Match to the reference evaluator, on generated
// machines and on machines holding enum ordinals no member has. Every
// filter is also compiled against a copy of the model, whose fields are
// not built-in, so that the tests read them through the getters.
func TestPredsAgree(t *testing.T) {
	clock := WithClock(func() time.Time { return fuzz.TestClock })
	ms := []schema.Machine(fuzz.GenMachines(400)(gopter.DefaultGenParameters()).Result.(fuzz.Batch))
	odd := oddMachines(ms[:50])
	copied := copyModel(schema.Machines2021)
	for _, f := range predFilters {
		p, err := CompileFilter(f, WithModel(schema.Machines2021), clock)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		q, err := CompileFilter(f, WithModel(copied), clock)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		truth, falsity := truthOf(p.root), falsityOf(p.root)
		for i := range ms {
			m := &ms[i]
			want := fuzz.Keep(p.Checked(), fuzz.TestClock, m)
			if got := p.Match(m); got != want {
				t.Fatalf("%s: machine %d: Match %v, the reference %v", f, i, got, want)
			}
			if got := q.Match(m); got != want {
				t.Fatalf("%s: machine %d: Match with getters %v, the reference %v", f, i, got, want)
			}
		}
		for _, batch := range [][]schema.Machine{ms, odd} {
			for i := range batch {
				m := &batch[i]
				fr := p.getFrame()
				r := p.root.b(m, fr)
				if got := truth(m, fr); got != (r == tTrue) {
					t.Fatalf("%s: machine %d: truth %v, node %v", f, i, got, r)
				}
				if got := falsity(m, fr); got != (r == tFalse) {
					t.Fatalf("%s: machine %d: falsity %v, node %v", f, i, got, r)
				}
				if got := q.Match(m); got != (r == tTrue) {
					t.Fatalf("%s: machine %d: Match with getters %v, node %v", f, i, got, r)
				}
				p.putFrame(fr)
			}
		}
	}
}

// oddMachines returns copies of ms whose enum fields hold ordinals no
// member has, which only a Machine built by hand can hold.
func oddMachines(ms []schema.Machine) []schema.Machine {
	out := make([]schema.Machine, len(ms))
	r := rand.New(rand.NewSource(1))
	odd := []uint8{5, 6, 7, 63, 64, 65, 200, 255}
	for i := range ms {
		m := ms[i]
		m.HealthStatus = schema.HealthStatus(odd[r.Intn(len(odd))])
		m.RiskScore = schema.RiskScore(odd[r.Intn(len(odd))])
		m.DeviceValue = schema.DeviceValue(odd[r.Intn(len(odd))])
		m.ExposureLevel = schema.ExposureLevel(odd[r.Intn(len(odd))])
		out[i] = m
	}
	return out
}

// copyModel returns a model with copies of base's fields, all filterable.
func copyModel(base *schema.Model) *schema.Model {
	m := &schema.Model{Name: base.Name, EntitySet: base.EntitySet}
	for _, f := range base.Fields {
		c := *f
		c.Filterable = true
		m.Fields = append(m.Fields, &c)
	}
	return m
}

// TestBuiltinReadsAgree holds the readers of the built-in fields to the
// getters, and checks that every field of the built-in models has a
// reader of its type.
func TestBuiltinReadsAgree(t *testing.T) {
	ms := fuzz.GenMachines(300)(gopter.DefaultGenParameters()).Result.(fuzz.Batch)
	ms = append(ms, oddMachines(ms[:50])...)
	r := rand.New(rand.NewSource(2))
	for i := range ms {
		// Fill what the generator leaves null or zero.
		m := &ms[i]
		m.OSBuild = schema.Int64Value(r.Int63n(30000))
		m.IsAADJoined = schema.NullBool{V: r.Intn(2) == 0, Valid: r.Intn(3) > 0}
		for _, s := range []*schema.NullString{&m.OSProcessor, &m.Version, &m.LastExternalIPAddress,
			&m.RBACGroupName, &m.AADDeviceID, &m.OnboardingStatus, &m.OSArchitecture} {
			if r.Intn(4) > 0 {
				*s = schema.StringValue(string(rune('a' + r.Intn(26))))
			}
		}
	}
	for _, model := range []*schema.Model{schema.Machines, schema.Machines2021} {
		for _, f := range model.Fields {
			id := builtin[f]
			var lo, hi fieldID
			switch {
			case f.String != nil:
				lo, hi = idID, idOSArchitecture
			case f.Int != nil:
				lo, hi = idOSBuild, idRBACGroupID
			case f.Time != nil:
				lo, hi = idFirstSeen, idLastSeen
			case f.Enum != nil:
				lo, hi = idHealthStatus, idExposureLevel
			case f.Bool != nil:
				lo, hi = idIsAADJoined, idIsAADJoined
			case f.Strings != nil:
				lo, hi = idMachineTags, idMachineTags
			default:
				continue
			}
			if id < lo || id > hi {
				t.Errorf("%s: id %d, want one in [%d, %d]", f.Name, id, lo, hi)
				continue
			}
			for i := range ms {
				m := &ms[i]
				if !readsAgree(f, id, m) {
					t.Fatalf("%s: machine %d: the reader disagrees with the getter", f.Name, i)
				}
			}
		}
	}
}

func readsAgree(f *schema.Field, id fieldID, m *schema.Machine) bool {
	switch {
	case f.String != nil:
		v, ok := f.String(m)
		s := stringRef(m, id)
		return s.V == v && s.Valid == ok
	case f.Int != nil:
		v, ok := f.Int(m)
		x := intRef(m, id)
		return x.V == v && x.Valid == ok
	case f.Time != nil:
		v, ok := f.Time(m)
		x := timeRef(m, id)
		return *x == v && x.Valid() == ok
	case f.Enum != nil:
		v, ok := f.Enum(m)
		return enumOf(m, id) == v && ok == (v != 0)
	case f.Bool != nil:
		v, ok := f.Bool(m)
		return boolPred(f, nil, true)(m, nil) == (ok && v) && boolPred(f, nil, false)(m, nil) == (ok && !v)
	case f.Strings != nil:
		v := f.Strings(m)
		return len(v) == len(m.MachineTags) && (len(v) == 0 || &v[0] == &m.MachineTags[0])
	}
	return false
}

// TestIntRangeOf checks the range form of every Int64 comparison with a
// constant against Go's operators, at the edges of int64.
func TestIntRangeOf(t *testing.T) {
	vals := []int64{math.MinInt64, math.MinInt64 + 1, -141, -1, 0, 1, 139, 140, 141, math.MaxInt64 - 1, math.MaxInt64}
	for _, op := range []ast.BinaryOp{ast.OpEq, ast.OpNe, ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe} {
		for _, c := range vals {
			r := intRangeOf(op, c)
			for _, x := range vals {
				want := test(op, x, c) == tTrue
				if r.has(x) != want || r.not().has(x) == want {
					t.Errorf("%d %s %d: range %v, want %v", x, op, c, r.has(x), want)
				}
			}
			if r.onNull != (nullResult(op, false, true) == tTrue) || r.not().onNull == r.onNull {
				t.Errorf("null %s %d: range %v", op, c, r.onNull)
			}
		}
	}
}

// TestEnumCompareOrdinals checks the ordinal sets of enum comparisons for
// every uint8, members or not.
func TestEnumCompareOrdinals(t *testing.T) {
	get := func(m *schema.Machine) (uint8, bool) { return uint8(m.RiskScore), m.RiskScore != 0 }
	for _, op := range []ast.BinaryOp{ast.OpEq, ast.OpNe, ast.OpGt, ast.OpGe, ast.OpLt, ast.OpLe} {
		for c := uint8(1); c <= 5; c++ {
			n := enumCompare(op, field[uint8]{get: get}, c).(enumTest)
			for v := 0; v < 256; v++ {
				want := nullResult(op, false, true)
				if v != 0 {
					want = test(op, uint8(v), c)
				}
				if got := triOf(n.in.has(uint8(v))); got != want {
					t.Errorf("%d %s %d: %v, want %v", v, op, c, got, want)
				}
			}
		}
	}
}

package schema

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
	"unsafe"
)

// TestWellKnownCases reads wellknown.go: every case of wellKnown's switch
// returns its own value, so a typo cannot turn one value into another.
func TestWellKnownCases(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "wellknown.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ast.Inspect(f, func(x ast.Node) bool {
		c, ok := x.(*ast.CaseClause)
		if !ok || len(c.List) == 0 {
			return true
		}
		n++
		ret := c.Body[0].(*ast.ReturnStmt)
		want, _ := strconv.Unquote(c.List[0].(*ast.BasicLit).Value)
		got, _ := strconv.Unquote(ret.Results[0].(*ast.BasicLit).Value)
		if len(c.List) != 1 || got != want {
			t.Errorf("case %s returns %q", want, got)
		}
		if k, ok := wellKnown(want); !ok || k != want {
			t.Errorf("wellKnown(%q) = %q, %v", want, k, ok)
		}
		return true
	})
	if n < 10 {
		t.Fatalf("found %d cases in wellknown.go", n)
	}
}

// TestWellKnownShared decodes two records, whole and projected: their
// well-known values are one shared copy, the others their own.
func TestWellKnownShared(t *testing.T) {
	const rec = `{"osPlatform":"Windows10","osArchitecture":"64-bit","version":"22H2",` +
		`"ipAddresses":[{"type":"Ethernet","operationalStatus":"Up"}]}`
	var ms [4]Machine
	for i := range ms {
		data := []byte(rec)
		var err error
		if i < 2 {
			err = ms[i].UnmarshalJSON(data)
		} else {
			err = AllFields.Unmarshal(data, &ms[i])
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	for i := 1; i < len(ms); i++ {
		a, b := &ms[0], &ms[i]
		if a.OSPlatform != b.OSPlatform || a.Version != b.Version {
			t.Fatalf("record %d decodes differently: %+v, %+v", i, a, b)
		}
		for _, p := range [][2]string{
			{a.OSPlatform.V, b.OSPlatform.V}, {a.OSArchitecture.V, b.OSArchitecture.V},
			{a.IPAddresses[0].Type.V, b.IPAddresses[0].Type.V},
			{a.IPAddresses[0].OperationalStatus.V, b.IPAddresses[0].OperationalStatus.V},
		} {
			if !same(p[0], p[1]) {
				t.Errorf("record %d: %q is not shared", i, p[1])
			}
		}
		if same(a.Version.V, b.Version.V) {
			t.Errorf("record %d: %q is shared, though not well known", i, b.Version.V)
		}
	}
}

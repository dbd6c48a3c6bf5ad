package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand"
	"os"
	"reflect"
	"testing"
)

// decodeSeeds are records that exercise every decoding path; the mutation
// test and FuzzUnmarshalMachine start from them.
var decodeSeeds = []string{
	`{}`,
	`null`,
	richMachine,
	`{"id":"a\"\u00e9\ud83d\ude00","rbacGroupId":"140","machineTags":null,"vmMetadata":{"a":[1,-2.5e+3,true,null]}}`,
	`{"lastSeen":"2024-12-31T23:30:00-02:00","healthStatus":"active","riskScore":"HIGH","isAadJoined":false}`,
	`{"ipAddresses":[{"ipAddress":"10.0.0.1","type":null},{}],"osBuild":-1,"RiskScore":"none"}`,
	`[{"id":1}]`,
}

// checkDecode decodes in and checks the invariants that hold for any input:
// no panic (the caller's job); an error is a *FieldError with an offset
// inside the input; a success means in is valid JSON, agrees with
// encoding/json on the plain string fields, and survives Marshal and
// Unmarshal unchanged.
func checkDecode(t *testing.T, in []byte) {
	t.Helper()
	var m Machine
	err := m.UnmarshalJSON(in)
	if err != nil {
		var fe *FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("UnmarshalJSON(%q) = %v, not a *FieldError", in, err)
		}
		if fe.Offset < 0 || fe.Offset > len(in) {
			t.Fatalf("UnmarshalJSON(%q): offset %d outside the input", in, fe.Offset)
		}
		return
	}
	if !json.Valid(in) {
		t.Fatalf("UnmarshalJSON(%q) accepted invalid JSON: %+v", in, m)
	}
	// encoding/json folds names with Unicode rules (ſ is s, K is k), the
	// decoder only ASCII: compare only when no name could tell them apart.
	if !bytes.ContainsAny(in, "\u017f\u212a") && !bytes.Contains(in, []byte(`\u`)) {
		var ref struct {
			ID              *string  `json:"id"`
			ComputerDNSName *string  `json:"computerDnsName"`
			OSPlatform      *string  `json:"osPlatform"`
			MachineTags     []string `json:"machineTags"`
		}
		if bytes.HasPrefix(bytes.TrimSpace(in), []byte("{")) && json.Unmarshal(in, &ref) == nil {
			same := func(p *string, s NullString) bool { return p == nil && !s.Valid || p != nil && s.Valid && *p == s.V }
			if !same(ref.ID, m.ID) || !same(ref.ComputerDNSName, m.ComputerDNSName) || !same(ref.OSPlatform, m.OSPlatform) ||
				len(ref.MachineTags) != len(m.MachineTags) || len(m.MachineTags) > 0 && !reflect.DeepEqual(ref.MachineTags, m.MachineTags) {
				t.Fatalf("UnmarshalJSON(%q) = %+v; encoding/json reads %+v", in, m, ref)
			}
		}
	}
	out, err := m.MarshalJSON()
	if err != nil || !json.Valid(out) {
		t.Fatalf("MarshalJSON(%+v) = %s, %v: not valid JSON", m, out, err)
	}
	var back Machine
	if err := back.UnmarshalJSON(out); err != nil {
		t.Fatalf("UnmarshalJSON(MarshalJSON(%q)) = %v", in, err)
	}
	if !reflect.DeepEqual(m, back) {
		t.Fatalf("round trip of %q\n got %+v\nwant %+v", in, back, m)
	}
}

// tokens are spliced into inputs by the mutation test, to reach the parts
// of the grammar random bytes seldom reach.
var tokens = []string{
	`null`, `true`, `false`, `"`, `\`, `\u`, `\ud800`, `{`, `}`, `[`, `]`, `,`, `:`, `-`, `0`, `1e5`, `.5`,
	`"x"`, `"140"`, `"2018-08-02T14:55:03.7791856Z"`, `"+02:00"`, "\xff", "\x00", `"riskScore":`,
	`"machineTags":[`, `"ipAddresses":[{`, `"healthStatus":"Active"`, `99999999999999999999`, `ſ`,
}

// TestUnmarshalMutations is a quick, deterministic fuzz loop: it mutates the
// seeds and the example response and checks the invariants of checkDecode.
func TestUnmarshalMutations(t *testing.T) {
	inputs := append([]string(nil), decodeSeeds...)
	if data, err := os.ReadFile(exampleResponse); err == nil {
		inputs = append(inputs, string(data))
	}
	n := 30000
	if testing.Short() {
		n = 3000
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < n; i++ {
		in := []byte(inputs[r.Intn(len(inputs))])
		for k := 1 + r.Intn(4); k > 0; k-- {
			in = mutate(r, in)
		}
		checkDecode(t, in)
	}
}

func mutate(r *rand.Rand, in []byte) []byte {
	at := 0
	if len(in) > 0 {
		at = r.Intn(len(in) + 1)
	}
	out := append([]byte(nil), in[:at]...)
	rest := in[at:]
	switch r.Intn(5) {
	case 0: // delete a few bytes
		if n := r.Intn(4); n < len(rest) {
			rest = rest[n:]
		}
	case 1: // flip a byte
		if len(rest) > 0 {
			out = append(out, rest[0]^byte(1+r.Intn(255)))
			rest = rest[1:]
		}
	case 2: // insert a token
		out = append(out, tokens[r.Intn(len(tokens))]...)
	case 3: // replace a byte with a token
		out = append(out, tokens[r.Intn(len(tokens))]...)
		if len(rest) > 0 {
			rest = rest[1:]
		}
	case 4: // truncate
		rest = nil
	}
	return append(out, rest...)
}

func FuzzUnmarshalMachine(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile(exampleResponse); err == nil {
		var doc struct{ Value []json.RawMessage }
		if json.Unmarshal(data, &doc) == nil {
			for _, rec := range doc.Value {
				f.Add([]byte(rec))
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		checkDecode(t, in)
		// A projection keeping nothing checks every field the quick way;
		// one keeping the filter's two fields is what query decodes.
		checkProjection(t, Projection{}, in)
		checkProjection(t, Projection{keep: 1<<fieldHealthStatus | 1<<fieldRBACGroupID}, in)
	})
}

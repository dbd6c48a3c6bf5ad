package schema_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

// checkMembers checks that p.UnmarshalMembers agrees with p.Unmarshal on
// in, when a records.Reader reads in as a record and locates its members,
// and that it survives members that do not fit.
func checkMembers(t *testing.T, p schema.Projection, in []byte) {
	t.Helper()
	rd := records.NewReader(bytes.NewReader(append(append([]byte("["), in...), ']')))
	rec, err := rd.Next()
	if err != nil {
		return // not a well-formed object
	}
	var want, got schema.Machine
	wantErr := p.Unmarshal(rec.Raw, &want)
	err = p.UnmarshalMembers(rec.Raw, rec.Members, &got)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
		t.Fatalf("projection %024b of %q: UnmarshalMembers gives %+v, %v\nUnmarshal gives %+v, %v", p.Keep(), in, got, err, want, wantErr)
	}
	// Members that are not the record's may decode wrongly, never panic.
	for _, ms := range [][]schema.Member{
		{{Name: -1, Value: 3}}, {{Name: 0, Value: int32(len(rec.Raw))}}, {{Name: 1, Value: 1}},
		{{Name: 1, Value: 2}, {Name: int32(len(rec.Raw) - 1), Value: int32(len(rec.Raw))}},
		append(slices.Clone(rec.Members), rec.Members...), {{Name: 0, Value: 1}},
	} {
		_ = p.UnmarshalMembers(rec.Raw, ms, &got)
	}
}

func TestUnmarshalMembersAgrees(t *testing.T) {
	eachInput(t, 3, nil, checkMembers)
}

// eachInput runs check over every projection input and those of extra,
// with every projection, then over mutated inputs, which reach the error
// paths, each with a projection drawn at random from seed.
func eachInput(t *testing.T, seed int64, extra []string, check func(*testing.T, schema.Projection, []byte)) {
	inputs := schema.ProjectionInputs()
	ps := schema.Projections()
	for _, in := range append(inputs, extra...) {
		for _, p := range ps {
			check(t, p, []byte(in))
		}
	}
	r := rand.New(rand.NewSource(seed))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		in := []byte(inputs[r.Intn(len(inputs))])
		for k := 1 + r.Intn(4); k > 0; k-- {
			in = schema.Mutate(r, in)
		}
		check(t, ps[r.Intn(len(ps))], in)
	}
}

func FuzzUnmarshalMembers(f *testing.F) {
	for _, s := range schema.ProjectionInputs() {
		f.Add([]byte(s), uint32(0b1010))
	}
	f.Fuzz(func(t *testing.T, in []byte, keep uint32) {
		checkMembers(t, schema.ProjectionOfBits(keep), in)
	})
}

// checkAt checks that p.UnmarshalAt, finding and decoding in as a record
// in one pass, takes only what a records.Reader reads as a record and
// UnmarshalMembers decodes: the same end, the same members, the same
// Machine; and that it takes the well-formed records that are not nested
// deep.
func checkAt(t *testing.T, p schema.Projection, in []byte) {
	t.Helper()
	data := append(append([]byte("["), in...), `,{"id":"next"}]`...)
	var got, want schema.Machine
	start := len(data) - len(bytes.TrimLeft(data[1:], " \t\r\n")) // the record's first byte, where the Reader calls a Decoder
	end, ms, err := p.UnmarshalAt(data, start, nil, &got)
	// Cut short of its end (as at the end of a chunk), right after a
	// colon or a quote, where a value or a name is read, a record taken
	// whole is not taken.
	for cut := start + 1; err == nil && cut < end; cut++ {
		if c := data[cut-1]; c == ':' || c == '"' {
			var scratch schema.Machine
			if _, _, err := p.UnmarshalAt(data[:cut], start, nil, &scratch); err == nil {
				t.Fatalf("projection %024b of %q: UnmarshalAt takes it cut short at %d", p.Keep(), in, cut-start)
			}
		}
	}
	rd := records.NewReader(bytes.NewReader(data))
	rec, rerr := rd.Next()
	var er *records.ErrorResponse
	if errors.Is(rerr, records.ErrPages) && err == nil {
		t.Fatalf("projection %024b of %q: UnmarshalAt takes a Defender response", p.Keep(), in)
	}
	if errors.Is(rerr, records.ErrPages) || errors.As(rerr, &er) {
		return // an error body: the Reader's checks after either pass reject it
	}
	wantErr := rerr
	if rerr == nil {
		wantErr = p.UnmarshalMembers(rec.Raw, rec.Members, &want)
	}
	switch {
	case err == nil && wantErr != nil:
		t.Fatalf("projection %024b of %q: UnmarshalAt takes it, the reader and UnmarshalMembers do not: %v", p.Keep(), in, wantErr)
	case err == nil && (end != start+len(rec.Raw) || !slices.Equal(ms, rec.Members) || !reflect.DeepEqual(got, want)):
		t.Fatalf("projection %024b of %q: UnmarshalAt ends at %d with %v, %+v; the reader at %d with %v, %+v",
			p.Keep(), in, end, ms, got, start+len(rec.Raw), rec.Members, want)
	case err != nil && wantErr == nil && !bytes.Contains(in, bytes.Repeat([]byte("["), 60)):
		t.Fatalf("projection %024b of %q: UnmarshalAt fails (%v), the reader and UnmarshalMembers take it", p.Keep(), in, err)
	}
}

func TestUnmarshalAtAgrees(t *testing.T) {
	eachInput(t, 4, []string{`{}`, ` { "id" : "a" , "x" : [ { } ] } `,
		`{"id": "a", "lastSeen":` + "\n\t" + `"2025-01-01T00:00:00Z", "machineTags": ["a"], "riskScore": "High", "osBuild": 7}`,
		`{"id":"a","Value":[]}`, `{"id":"a","VALUE":2}`, `{"id":"a","\u0056alue":[{}]}`, `{"a":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`}, checkAt)
}

func FuzzUnmarshalAt(f *testing.F) {
	for _, s := range schema.ProjectionInputs() {
		f.Add([]byte(s), uint32(0b1010))
	}
	f.Fuzz(func(t *testing.T, in []byte, keep uint32) {
		checkAt(t, schema.ProjectionOfBits(keep), in)
	})
}

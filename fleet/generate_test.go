package fleet

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/schema"
)

func generate(t testing.TB, n int, seed uint64, ndjson bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Generate(&buf, n, seed, ndjson); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGenerateDeterministic(t *testing.T) {
	for _, ndjson := range []bool{false, true} {
		a, b := generate(t, 2000, 7, ndjson), generate(t, 2000, 7, ndjson)
		if !bytes.Equal(a, b) {
			t.Errorf("ndjson=%v: two runs with seed 7 differ", ndjson)
		}
		if c := generate(t, 2000, 8, ndjson); bytes.Equal(a, c) {
			t.Errorf("ndjson=%v: seeds 7 and 8 give the same fleet", ndjson)
		}
	}
	// The first k records of a fleet of n are the fleet of k.
	long, short := generate(t, 500, 3, true), generate(t, 100, 3, true)
	if !bytes.HasPrefix(long, short) {
		t.Error("the fleet of 100 is not a prefix of the fleet of 500")
	}
}

func TestGenerateDocument(t *testing.T) {
	for _, n := range []int{0, 1, 2, 1000} {
		out := generate(t, n, 1, false)
		var doc struct {
			Context string            `json:"@odata.context"`
			Value   []json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("n=%d: not a JSON document: %v", n, err)
		}
		if doc.Context != Context || doc.Value == nil || len(doc.Value) != n {
			t.Errorf("n=%d: context %q, %d records (nil: %v)", n, doc.Context, len(doc.Value), doc.Value == nil)
		}
		if !bytes.HasSuffix(out, []byte("]}\n")) {
			t.Errorf("n=%d: the document does not end with ]} and a newline", n)
		}
		if lines := bytes.Count(out, []byte("\n")); n > 0 && lines != n+2 {
			t.Errorf("n=%d: %d lines, want one a record and two for the envelope", n, lines)
		}
	}
	if got, want := string(generate(t, 0, 1, false)), `{"@odata.context":"`+Context+`","value":[]}`+"\n"; got != want {
		t.Errorf("n=0: %s, want %s", got, want)
	}
	if out := generate(t, 0, 1, true); len(out) != 0 {
		t.Errorf("n=0 as NDJSON: %q, want nothing", out)
	}
}

func TestGenerateErrors(t *testing.T) {
	if err := Generate(&bytes.Buffer{}, -1, 1, false); err == nil {
		t.Error("n=-1: no error")
	}
	broken := errors.New("disk full")
	if err := Generate(failingWriter{broken}, 10000, 1, true); !errors.Is(err, broken) {
		t.Errorf("a failing writer: error %v, want %v", err, broken)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// TestGenerateDecodes decodes every record of a fleet with the Machine
// codec and checks the invariants the distributions promise.
func TestGenerateDecodes(t *testing.T) {
	sc := bufio.NewScanner(bytes.NewReader(generate(t, 5000, 42, true)))
	sc.Buffer(nil, 1<<20)
	ids := map[string]bool{}
	for i := 0; sc.Scan(); i++ {
		var m schema.Machine
		if err := m.UnmarshalJSON(sc.Bytes()); err != nil {
			t.Fatalf("record %d: %v\n%s", i, err, sc.Bytes())
		}
		if !json.Valid(sc.Bytes()) {
			t.Fatalf("record %d is not valid JSON: %s", i, sc.Bytes())
		}
		if id := m.ID.V; len(id) != 40 || strings.Trim(id, "0123456789abcdef") != "" || ids[id] {
			t.Errorf("record %d: id %q is not 40 hex digits, or repeats", i, id)
		}
		ids[m.ID.V] = true
		if m.FirstSeen.Valid() && m.LastSeen.Valid() && m.FirstSeen.Compare(m.LastSeen) > 0 {
			t.Errorf("record %d: firstSeen after lastSeen", i)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 5000 {
		t.Errorf("%d records, want 5000", len(ids))
	}
}

// TestGenerateDates: the dates are those gen --help and the README
// promise, so that filters written from them match: every lastSeen
// before 2025-06-01T00:00:01Z, an Active machine's in the three days
// before the anchor, firstSeen not before 2016-01-01.
func TestGenerateDates(t *testing.T) {
	sc := bufio.NewScanner(bytes.NewReader(generate(t, 5000, 7, true)))
	sc.Buffer(nil, 1<<20)
	var active int
	for i := 0; sc.Scan(); i++ {
		var m schema.Machine
		if err := m.UnmarshalJSON(sc.Bytes()); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		last, _ := m.LastSeen.Unix()
		first, _ := m.FirstSeen.Unix()
		if m.LastSeen.Valid() && last > anchor {
			t.Errorf("record %d: lastSeen %v after 2025-06-01T00:00:00Z", i, m.LastSeen)
		}
		if m.FirstSeen.Valid() && first < notBefore {
			t.Errorf("record %d: firstSeen %v before 2016", i, m.FirstSeen)
		}
		if m.HealthStatus == schema.HealthStatusActive {
			active++
			if m.LastSeen.Valid() && last < anchor-3*day {
				t.Errorf("record %d: Active, but lastSeen %v is over three days before 2025-06-01", i, m.LastSeen)
			}
		}
	}
	if active < 3000 {
		t.Errorf("%d Active machines of 5000: the distribution changed; update gen's help", active)
	}
	if anchor != 1748736000 || notBefore != 1451606400 {
		t.Errorf("anchor or notBefore changed: update gen's help and the README")
	}
}

func TestTableStrings(t *testing.T) {
	plain := func(s string) bool { return !strings.ContainsAny(s, "\"\\\x00\n\r\t") }
	var all []string
	for _, p := range platforms.items {
		all = append(all, p.name)
		all = append(all, p.agents...)
		for _, r := range p.releases {
			all = append(all, r.version, r.osVersion)
		}
	}
	for _, g := range append(workstationGroups.items, serverGroups.items...) {
		all = append(all, g.name)
		all = append(all, g.depts...)
	}
	all = append(all, nonASCIINames...)
	all = append(all, firstNames...)
	all = append(all, domains.items...)
	all = append(all, healthStatuses.items...)
	all = append(all, subscriptions...)
	for _, s := range all {
		if !plain(s) {
			t.Errorf("table string %q needs escaping", s)
		}
	}
	for _, s := range append(tags.items, egressIPs...) {
		var v string
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Errorf("%s is not a JSON string: %v", s, err)
		}
	}
}

// TestGenerateLayouts checks that the document and NDJSON hold the same
// records, one a line.
func TestGenerateLayouts(t *testing.T) {
	doc := bytes.Split(generate(t, 300, 5, false), []byte("\n"))
	nd := bytes.Split(generate(t, 300, 5, true), []byte("\n"))
	if len(doc) != 303 || len(nd) != 301 {
		t.Fatalf("%d document lines and %d NDJSON lines, want 303 and 301", len(doc), len(nd))
	}
	for i, rec := range nd[:300] {
		if got := bytes.TrimSuffix(doc[i+1], []byte(",")); !bytes.Equal(got, rec) {
			t.Fatalf("record %d differs:\n%s\n%s", i, got, rec)
		}
	}
}

package server

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/odatafilter/odatafilter/fuzz"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

const (
	propertyCases = 300
	propertySeed  = 20240615 // ODATAFILTER_PROPERTY_SEED overrides it, as in package fuzz
)

// TestPropertyScope: for random filters, random machines, random scopes
// and random $top/$skip and page sizes, what a token gets (following
// nextLinks to the end) is exactly what the reference evaluator keeps
// from the token's machines, in order, and every machine returned is in
// the token's groups.
func TestPropertyScope(t *testing.T) {
	var current atomic.Pointer[Handler]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		current.Load().ServeHTTP(w, r)
	}))
	defer srv.Close()

	seed := int64(propertySeed)
	if v, err := strconv.ParseInt(os.Getenv("ODATAFILTER_PROPERTY_SEED"), 10, 64); err == nil && v != 0 {
		seed = v
	}
	params := gopter.DefaultTestParametersWithSeed(seed)
	params.MinSuccessfulTests = propertyCases
	params.Workers = 1
	ps := gopter.NewProperties(params)
	var st propertyStats
	ps.Property("scope, then filter, $skip, $top, as the reference", prop.ForAll(
		func(filter string, ms fuzz.Batch, pick int64) string {
			return scopeCase(t, srv, &current, &st, filter, ms, rand.New(rand.NewSource(pick)))
		},
		fuzz.GenFilter(4), fuzz.GenMachines(40), gen.Int64(),
	))
	start := time.Now()
	ps.TestingRun(t)
	t.Logf("%d cases in %v (seed %d): %d returned machines, %d followed a nextLink, %d had an empty scope",
		propertyCases, time.Since(start).Round(time.Millisecond), seed, st.nonEmpty, st.paged, st.emptyScope)
	if !t.Failed() && (st.nonEmpty < propertyCases/10 || st.paged < propertyCases/20) {
		t.Errorf("the property is nearly vacuous: %+v", st)
	}
}

// propertyStats counts the kinds of case a run saw, so that a generator
// change that makes the property vacuous is noticed.
type propertyStats struct {
	nonEmpty, paged, emptyScope int
}

// scopeCase runs one case; it returns "" when the property holds.
func scopeCase(t *testing.T, srv *httptest.Server, current *atomic.Pointer[Handler], st *propertyStats, filter string, ms fuzz.Batch, r *rand.Rand) string {
	// The records as a file would hold them, and the machines the server
	// decodes from them.
	raws := make([]string, len(ms))
	decoded := make([]schema.Machine, len(ms))
	for i := range ms {
		raw, _ := ms[i].MarshalJSON()
		raws[i] = string(raw)
		if err := decoded[i].UnmarshalJSON(raw); err != nil {
			return fmt.Sprintf("generated machine does not decode: %v", err)
		}
	}
	groups, token := randomScope(decoded, r)
	opts := Options{Clock: func() time.Time { return fuzz.TestClock }, PageSize: 1 + r.Intn(20)}
	if token != "" {
		opts.Tokens = map[string][]int64{token: groups, "other": {140}}
	}
	h, err := New(toRecords(raws...), opts)
	if err != nil {
		return fmt.Sprintf("New: %v", err)
	}
	current.Store(h)

	query := "$filter=" + url.QueryEscape(filter)
	if r.Intn(3) == 0 {
		query += "&$top=" + strconv.Itoa(r.Intn(50))
	}
	if r.Intn(3) == 0 {
		query += "&$skip=" + strconv.Itoa(r.Intn(50))
	}

	// Expected: the scope first, then the reference over the checked query.
	inScope := func(m *schema.Machine) bool {
		if len(groups) == 0 || token == "" {
			return true
		}
		for _, g := range groups {
			if m.RBACGroupID.Valid && m.RBACGroupID.V == g {
				return true
			}
		}
		return false
	}
	var scoped []schema.Machine
	for i := range decoded {
		if inScope(&decoded[i]) {
			scoped = append(scoped, decoded[i])
		}
	}
	pq, err := parser.ParseQuery(query)
	if err != nil {
		return fmt.Sprintf("query %s does not parse: %v", query, err)
	}
	checked, err := schema.Check(pq)
	if err != nil {
		return fmt.Sprintf("query %s does not check: %v", query, err)
	}
	want := fuzz.ApplyReference(checked, fuzz.TestClock, scoped)

	got, pages, status, err := fetchAll(t, srv, "/api/machines?"+query, token)
	switch {
	case err != nil:
		return err.Error()
	case len(scoped) == 0:
		if status != http.StatusNotFound {
			return fmt.Sprintf("empty scope: status %d, want 404", status)
		}
		st.emptyScope++
		return ""
	case status != http.StatusOK:
		return fmt.Sprintf("status %d for %s", status, query)
	}
	if len(got) > 0 {
		st.nonEmpty++
	}
	if pages > 1 {
		st.paged++
	}
	for _, m := range got {
		if !inScope(&m) {
			return fmt.Sprintf("machine %s of group %v is outside the scope %v\n  query: %s", m.ID.V, m.RBACGroupID, groups, query)
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d machines, the reference %d (scope %v of %d machines)\n  query: %s", len(got), len(want), groups, len(scoped), query)
	}
	for i := range got {
		if g, w := got[i].AppendJSON(nil), want[i].AppendJSON(nil); string(g) != string(w) {
			return fmt.Sprintf("machine %d is %s, the reference's %s\n  query: %s", i, g, w, query)
		}
	}
	return ""
}

// randomScope picks a token's groups: usually some of the groups in the
// batch and sometimes one that no machine has, sometimes none (every
// group); token is "" now and then, for a server without tokens.
func randomScope(ms []schema.Machine, r *rand.Rand) (groups []int64, token string) {
	switch r.Intn(8) {
	case 0:
		return nil, ""
	case 1:
		return []int64{}, "tok"
	case 2:
		return []int64{424242}, "tok"
	}
	for i := range ms {
		if g := ms[i].RBACGroupID; g.Valid && r.Intn(4) == 0 {
			groups = append(groups, g.V)
		}
	}
	if len(groups) == 0 {
		groups = append(groups, 140)
	}
	return groups, "tok"
}

// fetchAll gets target and every page its nextLinks lead to, and decodes
// the machines. status is the first response's.
func fetchAll(t *testing.T, srv *httptest.Server, target, token string) (ms []schema.Machine, pages, status int, err error) {
	var out []schema.Machine
	page := 0
	for ; target != ""; page++ {
		r := get(t, srv, target, token)
		if page == 0 && r.status != http.StatusOK {
			return nil, 0, r.status, nil
		}
		if r.status != http.StatusOK || page > 100 {
			return nil, page, r.status, fmt.Errorf("page %d: status %d, body %.200s", page, r.status, r.body)
		}
		env := decodeEnvelope(t, r)
		for _, v := range env.Value {
			var m schema.Machine
			if err := m.UnmarshalJSON(v); err != nil {
				return nil, page, r.status, fmt.Errorf("returned record %s: %v", v, err)
			}
			out = append(out, m)
		}
		target = env.NextLink
	}
	return out, page, http.StatusOK, nil
}

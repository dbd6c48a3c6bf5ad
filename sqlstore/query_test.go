package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// sampleQueries are raw queries over the sample fleet: every kind of
// filter, with $top and $skip.
var sampleQueries = []string{
	"",
	"$top=0",
	"$top=7",
	"$skip=295",
	"$skip=10&$top=5",
	"$filter=riskScore eq 'High'",
	"$filter=riskScore eq 'High'&$skip=3&$top=4",
	"$filter=riskScore ne 'High'",
	"$filter=not (riskScore gt 'Low')",
	"$filter=healthStatus in ('Active','Inactive') and osPlatform eq 'Windows10'",
	"$filter=startswith(computerDnsName,'m')&$top=20",
	"$filter=contains(computerDnsName,'contoso') or rbacGroupId eq 140",
	"$filter=lastSeen gt 2018-08-01Z",
	"$filter=year(lastSeen) eq 2018 and hour(lastSeen) lt 12",
	"$filter=lastSeen lt now()",
	"$filter=machineTags/any(t: t eq 'test tag 1')",
	"$filter=machineTags/all(t: startswith(t,'t'))&$skip=1",
	"$filter=machineTags/$count ge 2",
	"$filter=rbacGroupId gt 100 and rbacGroupId le 200&$top=3",
	"$filter=id eq '1e5bc9d7e413ddd7902c2932e418702b84d0cc07'",
	"$filter=computerDnsName eq null",
	"$filter=length(computerDnsName) gt 20 and tolower(osPlatform) eq 'linux'",
	"$filter=osPlatform eq 'no such platform'",
}

// evalAnswer is odatafilter.Query's answer over input: the selected
// records, one a line.
func evalAnswer(t *testing.T, prog *eval.Program, input []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	if _, err := odatafilter.Query(context.Background(), prog, bytes.NewReader(input), &out, odatafilter.Options{NDJSON: true}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// storeAnswer is st.Query's answer, written as evalAnswer writes it.
func storeAnswer(t *testing.T, st *sqlstore.Store, prog *eval.Program, opts sqlstore.QueryOptions) []byte {
	t.Helper()
	var out bytes.Buffer
	w := records.NewNDJSONWriter(&out)
	for m, err := range st.Query(context.Background(), prog, opts) {
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.Raw)
	}
	w.Close()
	return out.Bytes()
}

// fixedClock compiles with one now(), so that the SQL's and the
// evaluator's agree.
var now = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func compile(t *testing.T, raw string, opts ...eval.Option) *eval.Program {
	t.Helper()
	prog, err := eval.Compile(raw, append([]eval.Option{eval.WithClock(func() time.Time { return now })}, opts...)...)
	if err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return prog
}

// TestQueryEqualsTheEvaluator: over the sample fleet, each query's records
// come out of the store byte for byte and in the order odatafilter.Query
// writes them from the export.
func TestQueryEqualsTheEvaluator(t *testing.T) {
	sample := fleet.Sample()
	dialects(t, func(t *testing.T, url string) {
		st := loaded(t, url, sample)
		for _, raw := range sampleQueries {
			prog := compile(t, raw)
			want := evalAnswer(t, prog, sample)
			got := storeAnswer(t, st, prog, sqlstore.QueryOptions{Now: now})
			if !bytes.Equal(got, want) {
				t.Errorf("%s: the store answers %d lines, the evaluator %d; they differ", raw, bytes.Count(got, []byte("\n")), bytes.Count(want, []byte("\n")))
			}
		}
	})
}

// TestQueryScopeAfterAndLimit: the scope narrows before the filter, $skip
// and $top; After continues after an ord; Limit caps a page.
func TestQueryScopeAfterAndLimit(t *testing.T) {
	input := ndjson(
		`{"id":"1","rbacGroupId":1,"riskScore":"High"}`,
		`{"id":"2","rbacGroupId":2,"riskScore":"High"}`,
		`{"id":"3","riskScore":"High"}`,
		`{"id":"4","rbacGroupId":"1","riskScore":"High"}`,
		`{"id":"5","rbacGroupId":1,"riskScore":"Low"}`,
		`{"id":"6","rbacGroupId":1,"riskScore":"High"}`,
	)
	dialects(t, func(t *testing.T, url string) {
		st := loaded(t, url, input)
		ids := func(raw string, opts sqlstore.QueryOptions) string {
			var out []byte
			for m, err := range st.Query(context.Background(), compile(t, raw), opts) {
				if err != nil {
					t.Fatal(err)
				}
				var mc schema.Machine
				if err := mc.UnmarshalJSON(m.Raw); err != nil {
					t.Fatal(err)
				}
				out = append(out, mc.ID.V...)
			}
			return string(out)
		}
		for _, tc := range []struct {
			raw  string
			opts sqlstore.QueryOptions
			want string
		}{
			{"", sqlstore.QueryOptions{}, "123456"},
			{"", sqlstore.QueryOptions{Groups: []int64{1}}, "1456"},
			{"", sqlstore.QueryOptions{Groups: []int64{}}, ""},
			{"$filter=riskScore eq 'High'", sqlstore.QueryOptions{Groups: []int64{1, 2}}, "1246"},
			{"$filter=riskScore eq 'High'&$skip=1&$top=2", sqlstore.QueryOptions{Groups: []int64{1}}, "46"},
			{"$filter=rbacGroupId ne 1 or rbacGroupId eq null", sqlstore.QueryOptions{Groups: []int64{1}}, ""},
			{"", sqlstore.QueryOptions{After: 2}, "3456"},
			{"$filter=riskScore eq 'High'&$skip=1", sqlstore.QueryOptions{After: 2}, "46"},
			{"", sqlstore.QueryOptions{Limit: 2}, "12"},
			{"$top=3", sqlstore.QueryOptions{Limit: 5}, "123"},
			{"$filter=riskScore eq 'High'", sqlstore.QueryOptions{Limit: 2, After: 1}, "23"},
		} {
			if got := ids(tc.raw, tc.opts); got != tc.want {
				t.Errorf("%q with %+v: ids %q, want %q", tc.raw, tc.opts, got, tc.want)
			}
		}
		if n, err := st.Count(context.Background(), []int64{1}); err != nil || n != 4 {
			t.Errorf("Count(group 1) = %d, %v; want 4", n, err)
		}
	})
}

func TestGet(t *testing.T) {
	input := ndjson(`{"id":"x","rbacGroupId":1,"n":1}`, `{"id":"x","rbacGroupId":2,"n":2}`, `{"id":"X","n":3}`)
	dialects(t, func(t *testing.T, url string) {
		st := loaded(t, url, input)
		for _, tc := range []struct {
			id     string
			groups []int64
			want   string // "" for not found
		}{
			{"x", nil, `{"id":"x","rbacGroupId":1,"n":1}`},
			{"x", []int64{2}, `{"id":"x","rbacGroupId":2,"n":2}`},
			{"x", []int64{3}, ""},
			{"X", nil, `{"id":"X","n":3}`},
			{"X", []int64{1}, ""}, // a null rbacGroupId is in no group
			{"y", nil, ""},
		} {
			raw, found, err := st.Get(context.Background(), tc.id, tc.groups)
			if err != nil || string(raw) != tc.want || found != (tc.want != "") {
				t.Errorf("Get(%q, %v) = %s, %v, %v; want %s", tc.id, tc.groups, raw, found, err, tc.want)
			}
		}
	})
}

// TestQueryConcurrently runs queries side by side with a Load (run it
// with -race).
func TestQueryConcurrently(t *testing.T) {
	sample := fleet.Sample()
	dialects(t, func(t *testing.T, url string) {
		st := loaded(t, url, sample)
		progs := []*eval.Program{compile(t, sampleQueries[5]), compile(t, sampleQueries[10]), compile(t, sampleQueries[16])}
		wants := make([][]byte, len(progs))
		for i, p := range progs {
			wants[i] = evalAnswer(t, p, sample)
		}
		var wg sync.WaitGroup
		wg.Go(func() { // a second load of the same export stores nothing
			if stats, err := st.Load(context.Background(), bytes.NewReader(sample)); err != nil || stats.Loaded != 0 {
				t.Errorf("concurrent reload: %+v, %v", stats, err)
			}
		})
		for g := range 6 {
			wg.Go(func() {
				for i := range 3 {
					k := (g + i) % len(progs)
					if got := storeAnswer(t, st, progs[k], sqlstore.QueryOptions{Now: now}); !bytes.Equal(got, wants[k]) {
						t.Errorf("goroutine %d, query %d: a different answer", g, k)
					}
				}
			})
		}
		wg.Wait()
	})
}

// TestQueryStops: a canceled context ends a query with its error, and a
// record over the program's work budget ends it with a *RecordError
// wrapping the *eval.BudgetError.
func TestQueryStops(t *testing.T) {
	sample := fleet.Sample()
	dialects(t, func(t *testing.T, url string) {
		st := loaded(t, url, sample)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n := 0
		var last error
		for _, err := range st.Query(ctx, compile(t, "$filter=contains(computerDnsName,'m')"), sqlstore.QueryOptions{}) {
			if err != nil {
				last = err
				break
			}
			if n++; n == 3 {
				cancel()
			}
		}
		if !errors.Is(last, context.Canceled) {
			t.Errorf("after cancel: %v, want context.Canceled", last)
		}
		// hassubsequence over the tags is residual in both dialects, so the
		// evaluator re-checks every candidate, under a budget it exceeds.
		prog := compile(t, "$filter=hassubsequence(machineTags,['x','y']) or machineTags/any(a: machineTags/any(b: machineTags/any(c: c eq a)))", eval.WithMaxSteps(2))
		var re *sqlstore.RecordError
		var be *eval.BudgetError
		for _, err := range st.Query(context.Background(), prog, sqlstore.QueryOptions{}) {
			last = err
			if err != nil {
				break
			}
		}
		if !errors.As(last, &re) || !errors.As(last, &be) || re.Ord < 1 {
			t.Errorf("over the budget: %v, want a *RecordError wrapping an *eval.BudgetError", last)
		}
	})
}

func TestExplain(t *testing.T) {
	dialects(t, func(t *testing.T, url string) {
		st := loaded(t, url, ndjson(`{"id":"a"}`))
		p, err := st.Explain(compile(t, "$filter=riskScore eq 'High'&$top=5"), sqlstore.QueryOptions{Groups: []int64{7}})
		if err != nil {
			t.Fatal(err)
		}
		if p.SQL == "" || !bytes.Contains([]byte(p.SQL), []byte("rbac_group_id")) || len(p.Args) == 0 {
			t.Errorf("Explain: %+v; want the SQL with the scope and its arguments", p)
		}
		if !p.Exact && len(p.Residual) == 0 {
			t.Errorf("Explain: not exact, and no residual named: %+v", p)
		}
		// The statement runs as it is shown.
		rows, err := st.DB().Query(p.SQL, p.Args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, p.SQL)
		}
		rows.Close()
	})
}

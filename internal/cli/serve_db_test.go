package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/server"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// TestServeDBEqualsServeData: the handler over a store answers every
// request as the handler over the same export in memory does: status,
// body (bar the request id), paging links, scopes, ids, 400s and 404s.
func TestServeDBEqualsServeData(t *testing.T) {
	sample := fleet.Sample()
	recs, _, err := records.ReadAll(bytes.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	opts := server.Options{
		PageSize: 40,
		Tokens:   map[string][]int64{"all": nil, "g140": {140}, "g2": {140, 141}, "none": {999999}},
		Clock:    func() time.Time { return now },
	}
	mem, err := server.New(recs, opts)
	if err != nil {
		t.Fatal(err)
	}
	memSrv := httptest.NewServer(mem)
	defer memSrv.Close()
	dbURLs(t, func(t *testing.T, url string) {
		ctx := context.Background()
		st, err := sqlstore.Create(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.Load(ctx, bytes.NewReader(sample)); err != nil {
			t.Fatal(err)
		}
		db, err := server.NewSource(storeSource{st}, opts)
		if err != nil {
			t.Fatal(err)
		}
		dbSrv := httptest.NewServer(db)
		defer dbSrv.Close()
		requestID := regexp.MustCompile(`"target":"[^"]*"`)
		// The store's nextLinks carry the keyset option too (see the
		// next test); the rest of them must be the same.
		afterOption := regexp.MustCompile(`&odatafilter-after=[0-9]+\.[0-9a-f]+`)
		get := func(base, target, token string) (int, string) {
			req, _ := http.NewRequest("GET", base+target, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			body = bytes.ReplaceAll(body, []byte(base), []byte("BASE"))
			body = afterOption.ReplaceAll(body, nil)
			return resp.StatusCode, string(requestID.ReplaceAll(body, []byte(`"target":"ID"`)))
		}
		for _, token := range []string{"all", "g140", "g2", "none"} {
			for _, target := range []string{
				"/api/machines",
				"/api/machines?$skip=40",
				"/api/machines?$skip=280",
				"/api/machines?$top=5&$skip=3",
				"/api/machines?$filter=riskScore+eq+'High'",
				"/api/machines?$filter=healthStatus+ne+'Active'&$skip=20",
				"/api/machines?$filter=lastSeen+gt+now()+sub+duration'P365D'",
				"/api/machines?$filter=machineTags/any(t:t+eq+'test+tag+1')",
				"/api/machines?$filter=riskScor+eq+'High'",
				"/api/machines?$filter=osPlatform+eq+'none'",
				"/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
				"/api/machines/nope",
			} {
				wantCode, want := get(memSrv.URL, target, token)
				code, got := get(dbSrv.URL, target, token)
				if code != wantCode || got != want {
					t.Errorf("%s as %s: the store answers %d (%d bytes), memory %d (%d bytes)\nstore:  %.300s\nmemory: %.300s",
						target, token, code, len(got), wantCode, len(want), got, want)
				}
			}
		}
	})
}

// afterSpy records the After of each Selection a Source gets.
type afterSpy struct {
	storeSource
	afters chan int64
}

func (s afterSpy) Select(ctx context.Context, sel server.Selection) iter.Seq2[server.SourceRecord, error] {
	s.afters <- sel.After
	return s.storeSource.Select(ctx, sel)
}

// TestServeDBPagesByKeyset: following the store's nextLinks gives the
// pages of the in-memory handler, each after the first asked by keyset
// (Selection.After) rather than by $skip; a link whose keyset option was
// edited, or used with another token's scope, is answered by its $skip,
// with the same machines.
func TestServeDBPagesByKeyset(t *testing.T) {
	sample := fleet.Sample()
	recs, _, err := records.ReadAll(bytes.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	opts := server.Options{PageSize: 25, Tokens: map[string][]int64{"all": nil, "g140": {140}}}
	mem, err := server.New(recs, opts)
	if err != nil {
		t.Fatal(err)
	}
	dbURLs(t, func(t *testing.T, url string) {
		st, err := sqlstore.Create(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.Load(context.Background(), bytes.NewReader(sample)); err != nil {
			t.Fatal(err)
		}
		spy := afterSpy{storeSource{st}, make(chan int64, 100)}
		db, err := server.NewSource(spy, opts)
		if err != nil {
			t.Fatal(err)
		}
		type page struct {
			Value    []json.RawMessage `json:"value"`
			NextLink string            `json:"@odata.nextLink"`
		}
		get := func(h http.Handler, target, token string) (int, page) {
			req := httptest.NewRequest("GET", target, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var p page
			json.Unmarshal(rec.Body.Bytes(), &p)
			return rec.Code, p
		}
		for _, token := range []string{"all", "g140"} {
			for _, first := range []string{"/api/machines", "/api/machines?$filter=riskScore+ne+'High'&$skip=3"} {
				memNext, dbNext := first, first
				for n := 0; memNext != "" || dbNext != ""; n++ {
					_, mp := get(mem, memNext, token)
					code, dp := get(db, dbNext, token)
					after := <-spy.afters
					if code != http.StatusOK || len(dp.Value) != len(mp.Value) || !reflect.DeepEqual(dp.Value, mp.Value) {
						t.Fatalf("%s as %s, page %d: the store answers %d with %d machines, memory %d", first, token, n, code, len(dp.Value), len(mp.Value))
					}
					if (n > 0) != (after > 0) {
						t.Errorf("%s as %s, page %d: asked with After %d", first, token, n, after)
					}
					if (mp.NextLink == "") != (dp.NextLink == "") {
						t.Fatalf("page %d: nextLinks %q and %q", n, mp.NextLink, dp.NextLink)
					}
					if dp.NextLink != "" {
						// Tampered: a wrong ord, or another token, is answered by $skip.
						for _, tc := range []struct{ link, token string }{
							{regexp.MustCompile(`odatafilter-after=[0-9]+`).ReplaceAllString(dp.NextLink, "odatafilter-after=1"), token},
							{dp.NextLink, map[string]string{"all": "g140", "g140": "all"}[token]},
						} {
							_, want := get(mem, mp.NextLink, tc.token)
							_, got := get(db, tc.link, tc.token)
							if after := <-spy.afters; after != 0 || !reflect.DeepEqual(got.Value, want.Value) {
								t.Errorf("%s as %s: After %d, %d machines; want After 0 and the %d of $skip", tc.link, tc.token, after, len(got.Value), len(want.Value))
							}
						}
					}
					memNext, dbNext = mp.NextLink, dp.NextLink
				}
			}
		}
	})
}

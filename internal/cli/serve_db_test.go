package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
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

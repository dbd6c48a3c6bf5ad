package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/internal/sqltest"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/server"
	"github.com/odatafilter/odatafilter/sqlstore"
)

// serveBenchTargets are the requests of BenchmarkServe, taken in turn: a
// first page, a selective filter, a scoped filter with $top, an entity.
var serveBenchTargets = []struct{ target, token string }{
	{"/api/machines?$top=100", "all"},
	{"/api/machines?$filter=riskScore+eq+'High'&$top=50", "all"},
	{"/api/machines?$filter=healthStatus+ne+'Active'&$top=20", "g140"},
	{"/api/machines?$filter=startswith(computerDnsName,'desktop')&$top=10", "all"},
	{"/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07", "all"},
}

// BenchmarkServe answers the same requests over loopback, from 8
// concurrent clients, with the handler over 20,000 generated machines in
// memory (serve --data) and over the same machines in SQLite and in
// PostgreSQL (serve --db). It reports requests a second, the 99th
// percentile latency, and fails on any status but 200.
//
//	ODATAFILTER_TEST_PG=... go test ./internal/cli -run XXX -bench Serve -benchtime 2000x
func BenchmarkServe(b *testing.B) {
	var input bytes.Buffer
	if err := fleet.Generate(&input, 20000, 7, true); err != nil {
		b.Fatal(err)
	}
	data := append(input.Bytes(), []byte(`{"id":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07","rbacGroupId":140}`+"\n")...)
	opts := server.Options{Tokens: map[string][]int64{"all": nil, "g140": {140}}}
	run := func(b *testing.B, h http.Handler) {
		srv := httptest.NewServer(h)
		defer srv.Close()
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
		var mu sync.Mutex
		var lat []time.Duration
		b.SetParallelism(4) // 8 clients on 2 cores
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			var mine []time.Duration
			k := 0
			for pb.Next() {
				t := serveBenchTargets[k%len(serveBenchTargets)]
				k++
				req, _ := http.NewRequest("GET", srv.URL+t.target, nil)
				req.Header.Set("Authorization", "Bearer "+t.token)
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(start))
				if resp.StatusCode != http.StatusOK {
					b.Errorf("%s: %d", t.target, resp.StatusCode)
					return
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
		b.StopTimer()
		slices.Sort(lat)
		if len(lat) > 0 {
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	}
	b.Run("memory", func(b *testing.B) {
		recs, _, err := records.ReadAll(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		h, err := server.New(recs, opts)
		if err != nil {
			b.Fatal(err)
		}
		run(b, h)
	})
	for _, d := range []struct {
		name string
		url  func(testing.TB) string
	}{
		{"sqlite", func(tb testing.TB) string { return "sqlite:" + sqltest.SQLitePath(tb) }},
		{"postgresql", sqltest.PostgresURL},
	} {
		b.Run(d.name, func(b *testing.B) {
			st, err := sqlstore.Create(context.Background(), d.url(b))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Load(context.Background(), bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
			h, err := server.NewSource(storeSource{st}, opts)
			if err != nil {
				b.Fatal(err)
			}
			run(b, h)
		})
	}
}

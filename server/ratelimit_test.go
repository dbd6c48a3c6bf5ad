package server

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testClock is a clock the test moves; the handler's goroutines may read
// it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// serveLocal sends one request to h in-process, without a listener.
func serveLocal(h *Handler, method, target, token string) response {
	req := httptest.NewRequest(method, target, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

// checkTooMany checks a 429: Defender's error document with code
// TooManyRequests, and Retry-After and the message both saying secs.
func checkTooMany(t *testing.T, r response, secs int) {
	t.Helper()
	want := "Rate limit is exceeded. Try again in " + strconv.Itoa(secs) + " seconds."
	if msg := checkError(t, r, http.StatusTooManyRequests, codeTooManyRequests, want); msg != want {
		t.Errorf("message %q, want %q", msg, want)
	}
	if got := r.header.Values("Retry-After"); len(got) != 1 || got[0] != strconv.Itoa(secs) {
		t.Errorf("Retry-After %q, want %d", got, secs)
	}
}

// wantOK fails the test unless r is a 200.
func wantOK(t *testing.T, what string, r response) {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("%s: status %d, want 200; body %s", what, r.status, r.body)
	}
}

// TestRateLimitMinute: over the wire, the 101st request in a minute is a
// 429 whose Retry-After counts to the moment the oldest request leaves
// the window; at that moment one request is admitted again.
func TestRateLimitMinute(t *testing.T) {
	clock := newTestClock()
	srv, _ := start(t, toRecords(smallFleet...), Options{Clock: clock.now, RateLimits: DefenderRateLimits})
	wantOK(t, "request 1", get(t, srv, "/api/machines", ""))
	clock.advance(30 * time.Second)
	for i := 2; i <= 100; i++ {
		wantOK(t, "request "+strconv.Itoa(i), get(t, srv, "/api/machines/a1", ""))
	}
	checkTooMany(t, get(t, srv, "/api/machines", ""), 30)

	clock.advance(29*time.Second + 500*time.Millisecond)
	checkTooMany(t, get(t, srv, "/api/machines", ""), 1) // half a second, rounded up

	clock.advance(500 * time.Millisecond) // request 1 was exactly a minute ago: it left
	wantOK(t, "after the first request left the window", get(t, srv, "/api/machines", ""))
	checkTooMany(t, get(t, srv, "/api/machines", ""), 30) // requests 2 to 100 are 30 s old

	clock.advance(30 * time.Second)
	for i := range 99 {
		wantOK(t, "after the window passed, request "+strconv.Itoa(i+1), get(t, srv, "/api/machines", ""))
	}
	checkTooMany(t, get(t, srv, "/api/machines", ""), 30)
}

// TestRateLimitHour: 100 requests a minute for 15 minutes use up the hour;
// the minute limit then has room but the hour limit refuses until the
// first minute's requests are an hour old.
func TestRateLimitHour(t *testing.T) {
	clock := newTestClock()
	h, err := New(toRecords(smallFleet...), Options{Clock: clock.now, RateLimits: DefenderRateLimits})
	if err != nil {
		t.Fatal(err)
	}
	for m := range 15 {
		for i := range 100 {
			r := serveLocal(h, "GET", "/api/machines?$top=1", "")
			wantOK(t, "minute "+strconv.Itoa(m)+" request "+strconv.Itoa(i+1), r)
		}
		wait := 60 // the minute is full
		if m == 14 {
			wait = 46 * 60 // and now the hour too, until minute 0 is an hour old
		}
		checkTooMany(t, serveLocal(h, "GET", "/api/machines", ""), wait)
		clock.advance(time.Minute)
	}
	// 15 minutes in: the minute is empty, the hour full until minute 60.
	checkTooMany(t, serveLocal(h, "GET", "/api/machines", ""), 45*60)
	clock.advance(45*time.Minute - time.Second)
	checkTooMany(t, serveLocal(h, "GET", "/api/machines", ""), 1)
	clock.advance(time.Second)
	for i := range 100 {
		wantOK(t, "at minute 60, request "+strconv.Itoa(i+1), serveLocal(h, "GET", "/api/machines", ""))
	}
	checkTooMany(t, serveLocal(h, "GET", "/api/machines", ""), 60)
}

// TestRateLimitWhatCounts: requests refused before authentication (414,
// 401) and requests refused with 429 do not count; 400, 404 and 405
// answers do, as do 200s. The limit is one count across all tokens.
func TestRateLimitWhatCounts(t *testing.T) {
	clock := newTestClock()
	h, err := New(toRecords(smallFleet...), Options{
		Clock:           clock.now,
		Tokens:          map[string][]int64{"all": nil, "t140": {140}},
		MaxRequestBytes: 100,
		RateLimits:      []RateLimit{{Requests: 4, Per: time.Minute}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		if r := serveLocal(h, "GET", "/api/machines", ""); r.status != http.StatusUnauthorized {
			t.Fatalf("no token: status %d, want 401", r.status)
		}
		if r := serveLocal(h, "GET", "/api/machines", "wrong"); r.status != http.StatusUnauthorized {
			t.Fatalf("wrong token: status %d, want 401", r.status)
		}
		if r := serveLocal(h, "GET", "/api/machines?$filter="+strings.Repeat("a", 100), "all"); r.status != http.StatusRequestURITooLong {
			t.Fatalf("long URL: status %d, want 414", r.status)
		}
	}
	counted := []struct {
		method, target, token string
		status                int
	}{
		{"GET", "/api/machines?$filter=riskScor+eq+'High'", "all", http.StatusBadRequest},
		{"GET", "/api/nothing", "t140", http.StatusNotFound},
		{"POST", "/api/machines", "all", http.StatusMethodNotAllowed},
		{"GET", "/api/machines/b2", "t140", http.StatusNotFound}, // outside the scope
	}
	for _, c := range counted {
		if r := serveLocal(h, c.method, c.target, c.token); r.status != c.status {
			t.Fatalf("%s %s: status %d, want %d; body %s", c.method, c.target, r.status, c.status, r.body)
		}
	}
	// Four counted: full, for every token, whatever the route.
	checkTooMany(t, serveLocal(h, "GET", "/api/machines", "all"), 60)
	checkTooMany(t, serveLocal(h, "GET", "/api/nothing", "t140"), 60)
	// Authentication still comes first.
	if r := serveLocal(h, "GET", "/api/machines", ""); r.status != http.StatusUnauthorized {
		t.Errorf("no token when the limit is used up: status %d, want 401", r.status)
	}

	clock.advance(30 * time.Second)
	for range 20 {
		checkTooMany(t, serveLocal(h, "GET", "/api/machines", "all"), 30)
	}
	// Had the 429s counted, they would fill the window for 30 s more.
	clock.advance(30 * time.Second)
	for i := range 4 {
		wantOK(t, "after the window, request "+strconv.Itoa(i+1), serveLocal(h, "GET", "/api/machines", "t140"))
	}
	checkTooMany(t, serveLocal(h, "GET", "/api/machines", "all"), 60)
}

// TestRateLimitConcurrent: N requests at once against a limit of K give
// exactly K 200s and N-K 429s. Run it with -race.
func TestRateLimitConcurrent(t *testing.T) {
	const n, k = 200, 37
	clock := newTestClock()
	h, err := New(toRecords(smallFleet...), Options{Clock: clock.now, RateLimits: []RateLimit{{Requests: k, Per: time.Hour}}})
	if err != nil {
		t.Fatal(err)
	}
	statuses := make([]int, n)
	var ready, done sync.WaitGroup
	begin := make(chan struct{})
	for i := range n {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-begin
			statuses[i] = serveLocal(h, "GET", "/api/machines?$filter=riskScore+eq+'High'", "").status
		}()
	}
	ready.Wait()
	close(begin)
	done.Wait()
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	if count[http.StatusOK] != k || count[http.StatusTooManyRequests] != n-k {
		t.Errorf("statuses %v, want %d×200 and %d×429", count, k, n-k)
	}
}

// TestRateLimitRounding: Retry-After is whole seconds rounded up, at least
// one, over several limits the longest wait.
func TestRateLimitRounding(t *testing.T) {
	tests := []struct {
		limits []RateLimit
		gaps   []time.Duration // before each admitted request, then before the refused one
		secs   int
	}{
		{[]RateLimit{{2, time.Second}}, []time.Duration{0, 200 * time.Millisecond, 300 * time.Millisecond}, 1},
		{[]RateLimit{{1, time.Second}}, []time.Duration{0, 999 * time.Millisecond}, 1},
		{[]RateLimit{{1, time.Second}}, []time.Duration{0, time.Nanosecond}, 1},
		{[]RateLimit{{1, 90 * time.Second}}, []time.Duration{0, 10*time.Second + time.Millisecond}, 80},
		{[]RateLimit{{1, 90 * time.Second}}, []time.Duration{0, 10*time.Second - time.Millisecond}, 81},
		{[]RateLimit{{3, time.Minute}, {1, 10 * time.Second}}, []time.Duration{0, 2 * time.Second}, 8},
		{[]RateLimit{{2, time.Minute}, {1, 10 * time.Second}}, []time.Duration{0, 20 * time.Second, 5 * time.Second}, 35},
	}
	for _, tt := range tests {
		clock := newTestClock()
		h, err := New(toRecords(m140), Options{Clock: clock.now, RateLimits: tt.limits})
		if err != nil {
			t.Fatal(err)
		}
		last := len(tt.gaps) - 1
		for i, gap := range tt.gaps {
			clock.advance(gap)
			r := serveLocal(h, "GET", "/api/machines", "")
			if i < last {
				wantOK(t, "request "+strconv.Itoa(i+1), r)
				continue
			}
			if got := r.header.Get("Retry-After"); r.status != http.StatusTooManyRequests || got != strconv.Itoa(tt.secs) {
				t.Errorf("%v, gaps %v: status %d, Retry-After %q, want 429 and %d", tt.limits, tt.gaps, r.status, got, tt.secs)
			}
		}
	}
}

// TestRateLimitOff: without RateLimits nothing is counted.
func TestRateLimitOff(t *testing.T) {
	clock := newTestClock()
	h, err := New(toRecords(m140), Options{Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	if h.limiter != nil {
		t.Fatal("a limiter without rate limits")
	}
	for i := range 2000 {
		wantOK(t, "request "+strconv.Itoa(i+1), serveLocal(h, "GET", "/api/machines", ""))
	}
}

// TestRateLimitInvalid: a limit that is not positive is an error of New.
func TestRateLimitInvalid(t *testing.T) {
	for _, rl := range []RateLimit{{0, time.Minute}, {-1, time.Minute}, {1, 0}, {1, -time.Second}} {
		_, err := New(nil, Options{RateLimits: []RateLimit{{100, time.Minute}, rl}})
		if err == nil || !strings.Contains(err.Error(), "must be positive") {
			t.Errorf("%+v: error %v, want one saying it must be positive", rl, err)
		}
	}
}

// TestLimiterAllocs: counting a request allocates nothing once the rings
// have grown to their limits.
func TestLimiterAllocs(t *testing.T) {
	l, err := newLimiter(DefenderRateLimits)
	if err != nil {
		t.Fatal(err)
	}
	now := newTestClock().now()
	for range 1500 {
		l.admit(now)
		now = now.Add(time.Minute / 100)
	}
	now = now.Add(time.Hour) // the rings are full and every request in them is old
	refused := 0
	allocs := testing.AllocsPerRun(1000, func() {
		if _, ok := l.admit(now); !ok {
			refused++
		}
		now = now.Add(time.Second)
	})
	if refused != 0 {
		t.Errorf("%d of 1001 requests a second apart were refused", refused)
	}
	if allocs != 0 {
		t.Errorf("%v allocations per request, want 0", allocs)
	}
}

package server

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// RateLimit is one call limit: at most Requests requests in any window of
// length Per.
type RateLimit struct {
	Requests int           // the most requests a window admits; positive
	Per      time.Duration // the length of the window; positive
}

// DefenderRateLimits are the machines API's documented limits per tenant:
// 100 calls a minute and 1,500 an hour. Pass them as Options.RateLimits
// for a stand-in that answers 429 when Defender would.
var DefenderRateLimits = []RateLimit{
	{Requests: 100, Per: time.Minute},
	{Requests: 1500, Per: time.Hour},
}

// limiter counts the requests a Handler has admitted, one sliding window
// per RateLimit. The handler stands for one tenant, so there is one
// limiter, shared by every token.
type limiter struct {
	mu      sync.Mutex
	windows []window
}

// window remembers the times of the latest admitted requests, at most
// limit of them, in a ring: once the ring is full, its oldest time says
// when the window next has room.
type window struct {
	limit int
	per   time.Duration
	times []time.Time // grows to limit, so a huge limit costs only what is used
	next  int         // when full, the index of the oldest time
}

// newLimiter returns the limiter of limits, or nil when there are none.
func newLimiter(limits []RateLimit) (*limiter, error) {
	if len(limits) == 0 {
		return nil, nil
	}
	l := &limiter{windows: make([]window, len(limits))}
	for i, rl := range limits {
		if rl.Requests <= 0 || rl.Per <= 0 {
			return nil, fmt.Errorf("server: rate limit of %d requests per %v: both must be positive", rl.Requests, rl.Per)
		}
		l.windows[i] = window{limit: rl.Requests, per: rl.Per}
	}
	return l, nil
}

// admit counts a request at now when every window has room for it, and
// otherwise counts nothing and returns how long until every window has.
func (l *limiter) admit(now time.Time) (wait time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range l.windows {
		wait = max(wait, l.windows[i].wait(now))
	}
	if wait > 0 {
		return wait, false
	}
	for i := range l.windows {
		l.windows[i].add(now)
	}
	return 0, true
}

// wait is how long until the window admits a request: zero when fewer
// than limit requests were admitted within per before now. A request
// admitted exactly per ago has left the window.
func (w *window) wait(now time.Time) time.Duration {
	if len(w.times) < w.limit {
		return 0
	}
	return max(w.times[w.next].Add(w.per).Sub(now), 0)
}

// add records a request admitted at now, in place of the oldest one once
// the ring is full.
func (w *window) add(now time.Time) {
	if len(w.times) < w.limit {
		w.times = append(w.times, now)
		return
	}
	w.times[w.next] = now
	w.next = (w.next + 1) % w.limit
}

// admit counts the request against the handler's rate limits and answers
// 429 TooManyRequests, with Retry-After, when they are exhausted. It
// reports whether the request may go on.
func (x *exchange) admit() bool {
	l := x.h.limiter
	if l == nil {
		return true
	}
	wait, ok := l.admit(x.h.opts.Clock())
	if ok {
		return true
	}
	secs := retryAfter(wait)
	x.w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	x.fail(http.StatusTooManyRequests, codeTooManyRequests,
		fmt.Sprintf("Rate limit is exceeded. Try again in %d seconds.", secs))
	return false
}

// retryAfter is wait in whole seconds, rounded up and at least 1, as the
// Retry-After header gives it: a client that waits that long finds room.
func retryAfter(wait time.Duration) int64 {
	return max(int64((wait+time.Second-1)/time.Second), 1)
}

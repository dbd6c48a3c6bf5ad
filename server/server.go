package server

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
)

// MaxPageSize is the most machines one response holds, as in Defender.
const MaxPageSize = 10000

// DefaultMaxRequestBytes is the default of Options.MaxRequestBytes: the
// parser's limit on a raw query.
const DefaultMaxRequestBytes = 65536

// DefaultComputeTimeout is the default of Options.ComputeTimeout.
const DefaultComputeTimeout = 10 * time.Second

// ErrShutdown is the cause a server gives the contexts of its requests
// (context.WithCancelCause, through http.Server.BaseContext) to stop their
// computation when it shuts down: such a request is answered 503, not
// taken for a client that went away.
var ErrShutdown = errors.New("server: shutting down")

// Options configure a Handler. The zero value serves every machine to
// anyone, with pages of 10,000.
type Options struct {
	// BaseURL is the scheme and authority, with no trailing slash, of the
	// @odata.context and @odata.nextLink URLs, as in
	// "https://api.securitycenter.microsoft.com". Empty: the scheme and
	// Host of each request.
	BaseURL string

	// Tokens, when not nil, makes a bearer token required: each key is a
	// token, and its value the rbacGroupIds it may see (empty: every
	// group). A non-nil empty map admits no one.
	Tokens map[string][]int64

	// Clock is the handler's time: what now() in a filter reads, once per
	// request, and the time the rate limiter counts requests by. Nil:
	// time.Now.
	Clock func() time.Time

	// RateLimits, when not empty, limit the requests the handler admits:
	// at most Requests in any window of Per, for every limit listed,
	// counted across all tokens (the handler is one tenant). A request
	// over a limit is answered 429 TooManyRequests with Retry-After. Nil:
	// no limit. DefenderRateLimits are the real API's.
	RateLimits []RateLimit

	// Log receives one line per request. Nil: no logging.
	Log *slog.Logger

	// MaxRequestBytes bounds the request target (path and query: 414) and
	// the declared body (413). Zero: DefaultMaxRequestBytes.
	MaxRequestBytes int

	// PageSize is the most machines a response without $top holds before
	// it adds a nextLink. Zero: MaxPageSize; at most MaxPageSize.
	PageSize int

	// Model is the Machine model queries are checked against. Nil:
	// schema.Machines (the documented 2018 list of filterable fields).
	Model *schema.Model

	// ComputeTimeout bounds the time one request spends running its
	// query over the machines; past it the request is answered 503
	// ServiceUnavailable. Zero: DefaultComputeTimeout; negative: none.
	ComputeTimeout time.Duration

	// MaxSteps is the work budget of one machine's evaluation (see
	// eval.WithMaxSteps); a query that needs more is answered 400. Zero:
	// eval.DefaultMaxSteps; negative: none.
	MaxSteps int64

	// CacheBytes bounds the memory of the compiled queries the handler
	// keeps (see eval.NewCacheBytes). Zero: eval.DefaultCacheBytes.
	CacheBytes int64
}

// Handler serves machine records like the Defender machines API; see the
// package documentation for its routes and statuses. Its records and
// options are fixed at New; what changes as it serves (the cache of
// compiled queries, the count of recent requests for the rate limits) is
// guarded inside it, so it is safe for concurrent use.
type Handler struct {
	opts      Options
	src       Source           // the machines when they are not in memory (NewSource); nil for New
	pagingKey [32]byte         // a Source's nextLinks' MAC key (sourcePage)
	machines  []schema.Machine // decoded once, for the filter
	raws      [][]byte         // the records as read, for the response
	byID      map[string][]int // id → the indices of the records with it, in order
	all       *scope           // the scope when no tokens are configured
	tokens    []tokenScope     // nil when no tokens are configured
	programs  *eval.Cache      // compiled queries, with the handler's clock and model
	limiter   *limiter         // nil when there are no rate limits
	log       *slog.Logger
}

// New decodes each record once and returns a Handler serving them in the
// given order. The records are typically records.ReadAll of a machine
// list (a Defender response document, a JSON array or NDJSON); the
// Handler answers them byte for byte. It keeps the records' Raw slices,
// which the caller must not change afterwards.
//
// The Handler matches the full request path (/api/machines and
// /api/machines/{id}), so it is mounted at the root or at "/api/" of a
// mux, never behind http.StripPrefix. The zero Options serve every
// machine to anyone, checked against schema.Machines, in pages of 10,000.
//
// A record that is not a JSON object, or that does not decode as a
// machine, is a *RecordError naming it and the byte offset of the problem.
// An empty token, a PageSize out of range and a RateLimit that is not
// positive are errors too.
func New(recs []records.Record, opts Options) (*Handler, error) {
	h, err := newHandler(opts)
	if err != nil {
		return nil, err
	}
	h.machines = make([]schema.Machine, len(recs))
	h.raws = make([][]byte, len(recs))
	h.byID = make(map[string][]int, len(recs))
	for i, rec := range recs {
		if err := decode(&h.machines[i], rec.Raw); err != nil {
			return nil, recordError(rec, err)
		}
		h.raws[i] = rec.Raw
		if id := h.machines[i].ID; id.Valid {
			h.byID[id.V] = append(h.byID[id.V], i)
		}
	}
	if err := h.scopes(len(recs)); err != nil {
		return nil, err
	}
	return h, nil
}

// newHandler checks opts and fills in their defaults, for New and
// NewSource.
func newHandler(opts Options) (*Handler, error) {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.MaxRequestBytes <= 0 {
		opts.MaxRequestBytes = DefaultMaxRequestBytes
	}
	if opts.PageSize == 0 {
		opts.PageSize = MaxPageSize
	}
	if opts.PageSize < 0 || opts.PageSize > MaxPageSize {
		return nil, fmt.Errorf("server: page size %d is outside 1..%d", opts.PageSize, MaxPageSize)
	}
	if opts.Model == nil {
		opts.Model = schema.Machines
	}
	opts.BaseURL = strings.TrimSuffix(opts.BaseURL, "/")
	lim, err := newLimiter(opts.RateLimits)
	if err != nil {
		return nil, err
	}
	if opts.ComputeTimeout == 0 {
		opts.ComputeTimeout = DefaultComputeTimeout
	}
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = eval.DefaultCacheBytes
	}
	h := &Handler{opts: opts, limiter: lim, log: opts.Log}
	h.programs = eval.NewCacheBytes(programCacheSize, opts.CacheBytes,
		eval.WithClock(opts.Clock), eval.WithModel(opts.Model), eval.WithMaxSteps(opts.MaxSteps))
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	return h, nil
}

// scopes builds the scope of every machine, of size n, and of each token.
func (h *Handler) scopes(n int) error {
	h.all = &scope{all: true, size: n}
	if h.opts.Tokens != nil {
		ts, err := h.tokenScopes(h.opts.Tokens)
		if err != nil {
			return err
		}
		h.tokens = ts
	}
	return nil
}

// RecordError reports a record New could not serve: it is not a JSON
// object, or it does not decode as a machine.
type RecordError struct {
	Index  int    // the record's 0-based position, as records.Record.Index
	Offset int64  // the byte offset of the problem in the input
	Field  string // the JSON path of the bad value, "" for the record itself
	Err    error  // what is wrong: a *schema.FieldError's Err, or a message
}

// Error returns "server: record N at byte OFFSET: ...", N counted from 1
// as in records.Error.
func (e *RecordError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("server: record %d at byte %d: %v", e.Index+1, e.Offset, e.Err)
	}
	return fmt.Sprintf("server: record %d at byte %d: machine field %s: %v", e.Index+1, e.Offset, e.Field, e.Err)
}

// Unwrap returns Err.
func (e *RecordError) Unwrap() error { return e.Err }

// recordError turns a decoding error of rec into a *RecordError with the
// offset of the problem in the whole input.
func recordError(rec records.Record, err error) *RecordError {
	e := &RecordError{Index: rec.Index, Offset: rec.Offset, Err: err}
	var fe *schema.FieldError
	if errors.As(err, &fe) {
		e.Offset += int64(fe.Offset)
		e.Field, e.Err = fe.Field, fe.Err
	}
	return e
}

// decode decodes one record, which must be a JSON object: the literal null
// would decode as a machine with nothing known and be served as null.
func decode(m *schema.Machine, raw []byte) error {
	if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return errors.New("a record must be a JSON object")
	}
	return m.UnmarshalJSON(raw)
}

// Len returns the number of machines the handler serves; -1 when they are
// a Source's, which may change as the handler serves.
func (h *Handler) Len() int {
	if h.src != nil {
		return -1
	}
	return len(h.machines)
}

// ServeHTTP answers one request; see the package documentation.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	x := newExchange(h, w, r)
	defer x.finish()
	x.serve()
}

// serve runs the checks in the documented order and then the route.
func (x *exchange) serve() {
	r := x.r
	if requestTargetLen(r) > x.h.opts.MaxRequestBytes {
		x.fail(http.StatusRequestURITooLong, codeInvalidInput,
			fmt.Sprintf("The request URL is longer than %d bytes", x.h.opts.MaxRequestBytes))
		return
	}
	if r.ContentLength > int64(x.h.opts.MaxRequestBytes) {
		x.fail(http.StatusRequestEntityTooLarge, codeInvalidInput,
			fmt.Sprintf("The request body is longer than %d bytes", x.h.opts.MaxRequestBytes))
		return
	}
	if x.explorer() { // the page at "/": public, it holds no data (explorer.go)
		return
	}
	sc, ok := x.h.authorize(r)
	if !ok {
		x.w.Header().Set("WWW-Authenticate", "Bearer")
		x.fail(http.StatusUnauthorized, codeUnauthorized,
			"Authorization is required: send 'Authorization: Bearer <token>' with a valid token")
		return
	}
	if isCheckPath(r.URL.Path) { // not rate limited: a check calls nothing (checkapi.go)
		x.check()
		return
	}
	if !x.admit() {
		return
	}
	id, isEntity, found := route(r.URL.Path)
	if !found {
		x.fail(http.StatusNotFound, codeNotFound, "No resource at "+r.URL.Path)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		x.w.Header().Set("Allow", "GET, HEAD")
		x.fail(http.StatusMethodNotAllowed, codeMethodNotAllowed,
			fmt.Sprintf("The method %s is not allowed: use GET", r.Method))
		return
	}
	if isEntity {
		x.entity(sc, id)
		return
	}
	x.list(sc)
}

// requestTargetLen is the length of the request target as the client sent
// it, or as it would be sent when the request was built in-process.
func requestTargetLen(r *http.Request) int {
	if r.RequestURI != "" {
		return len(r.RequestURI)
	}
	return len(r.URL.RequestURI())
}

// collectionPath is the path of the machines collection.
const collectionPath = "/api/machines"

// route matches path against the two routes: the collection, or one
// entity with its id. found is false for any other path.
func route(path string) (id string, isEntity, found bool) {
	n := len(collectionPath)
	if len(path) < n || !strings.EqualFold(path[:n], collectionPath) {
		return "", false, false
	}
	rest := path[n:]
	switch {
	case rest == "":
		return "", false, true
	case rest[0] != '/' || len(rest) == 1 || strings.Contains(rest[1:], "/"):
		return "", false, false
	}
	return rest[1:], true, true
}

// baseURL returns Options.BaseURL, or the scheme and Host of r.
func (h *Handler) baseURL(r *http.Request) string {
	if h.opts.BaseURL != "" {
		return h.opts.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" { // an HTTP/1.0 request without Host: the address it came to
		host = "localhost"
		if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
			host = a.String()
		}
	}
	return scheme + "://" + host
}

// programCacheSize is how many compiled queries a Handler keeps.
const programCacheSize = 256

// compile compiles a raw query with the handler's clock and model, or finds
// it in the cache; errors are cached too (see eval.Cache).
func (h *Handler) compile(raw string) (*eval.Program, error) {
	return h.programs.Compile(raw)
}

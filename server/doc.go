// Package server is a local stand-in of the Microsoft Defender for Endpoint
// machines API: an http.Handler that serves a fixed set of machine records
// the way GET /api/machines does, with the engine's $filter, $top and $skip.
// It is for SDK and integration tests that need Defender's behaviour without
// a tenant, and it embeds in any Go server:
//
//	recs, _, err := records.ReadAll(file)
//	h, err := server.New(recs, server.Options{})
//	http.Handle("/api/", h)
//
// The command "odatafilter serve" is this handler behind an http.Server. It
// is not a production API server: the records are fixed at New and held in
// memory. NewSource serves a Source instead, such as a database
// ("odatafilter serve --db" gives it a sqlstore.Store): each request then
// asks the Source for one page, with the caller's scope, and sees the
// machines as the Source holds them at that moment; the routes, errors and
// limits are the same. Rate limiting, as Defender's 429, is optional (see
// Rate limits). Mounted at /, it also serves the explorer, a page to try
// filters in a browser (see The explorer and GET /api/check).
//
// # Routes
//
// GET /api/machines answers 200 with the Defender envelope
//
//	{"@odata.context":"<base>/api/$metadata#Machines","value":[...]}
//
// where each element is a record exactly as it was read: unknown fields,
// key order, number spelling and escapes survive. When the query has no
// $top and more than a page (Options.PageSize, at most 10,000) of machines
// match, the response holds the first page and, after "value",
// "@odata.nextLink": the same URL with $skip advanced by a page. The other
// options stay as the client wrote them (only bytes a URL may not hold are
// percent-encoded), and a $skip the client gave is rewritten in place. With
// $top there is never a nextLink. A handler over a Source (NewSource) adds
// the custom option odatafilter-after=ORD.MAC at the end, so that the next
// page is asked after the last machine's position rather than by $skip
// (see NewSource).
//
// GET /api/machines/{id} answers 200 with the first record in the caller's
// scope whose id equals
// {id} (exactly, case-sensitively), as Defender returns an entity: the
// record's own members, byte for byte, after an added first member
//
//	{"@odata.context":"<base>/api/$metadata#Machines/$entity", ...record members...}
//
// Its query string is ignored. HEAD is allowed wherever GET is; the prefix
// "/api/machines" matches without regard to ASCII case, as ASP.NET routes do.
//
// <base> is Options.BaseURL, or else the scheme and Host of the request
// (a request without Host: the local address it came to). Set BaseURL
// when clients reach the handler through a proxy, or when the Host header
// must not decide the URLs the handler hands out.
//
// # The explorer and GET /api/check
//
// GET / answers the explorer, a page to write a filter in a browser and see
// its errors as you type and the machines it keeps: plain HTML, CSS and
// JavaScript embedded in the binary (GET /explorer/app.js and
// /explorer/style.css), under a Content-Security-Policy that lets it load
// and ask nothing but this origin. It evaluates nothing itself: it asks
// GET /api/check for the diagnostics and the canonical form, and GET
// /api/machines for the machines, so what it shows is what the API answers.
// It shows the URL of the same request to the real API,
//
//	https://api.securitycenter.microsoft.com/api/machines?$filter=...
//
// percent-encoded (every byte but letters, digits and -._~!$()*,:@/, so
// that the URL fits between single quotes in a shell and a plus stays a
// plus), with a curl
// and a PowerShell line to copy, and pages by following @odata.nextLink
// (its path and query, asked of this origin, so a BaseURL elsewhere still
// pages here). An embedder that mounts the handler under /api/ only has no
// page; mounted at / or under a prefix (http.StripPrefix: the page asks
// only URLs relative to itself) it has one. These three paths
// are public: they come before authentication (a browser cannot send a
// bearer token to open a page, and the files hold no machine data) and do
// not count against the rate limits. The page is told the handler's model
// and whether a token is needed, and then asks for the token.
//
// GET /api/check?q=QUERY&model=2018|2021 answers 200 with the document
// "odatafilter check --json --model MODEL QUERY" prints, valid or not
// (package check builds both): how QUERY was read ("filter" or "query"),
// the canonical form or the diagnostics with their codes, byte spans into
// QUERY, suggestions, and each one rendered with its caret as the command
// prints it. q is QUERY percent-encoded once, as a query parameter; QUERY
// is then read as the command reads it: a bare filter as typed, a query
// string decoded. Without model, QUERY is checked against Options.Model,
// the model GET /api/machines uses; the machines route takes no model
// parameter, so the page's model switch changes what is checked, not what
// is listed. A missing or repeated q, an unknown model, any parameter
// other than q and model (named, as OData names an unknown $-option:
// ignoring modle=2021 would check against another model than asked) and a
// malformed query string are 400 InvalidInput. Like the machines routes it needs a
// token when tokens are configured, and any token will do: a scope limits
// machines, not the language. It is not rate limited: it calls nothing.
// The request target limit (414) applies; a QUERY over the parser's own
// limit is a too_long diagnostic in a 200, as check reports it.
//
// # Errors
//
// Every error has Defender's shape,
//
//	{"error":{"code":"...","message":"...","target":"<request id>"}}
//
// and the checks run in this order:
//
//   - 414 InvalidInput: the request target (path and query) is longer than
//     Options.MaxRequestBytes; 413 InvalidInput: the declared body
//     (Content-Length) is. The body is never read. The parser's own limits
//     (64 KiB of query, nesting, nodes, in-list items) give 400.
//   - 401 Unauthorized (with WWW-Authenticate: Bearer): tokens are
//     configured and the request has no "Authorization: Bearer <token>"
//     naming one of them. Authentication comes before routing, so an
//     anonymous client learns nothing about the routes but the explorer's
//     public page and files.
//   - 429 TooManyRequests (with Retry-After): Options.RateLimits are set
//     and one of them is used up; see Rate limits.
//   - 404 NotFound: a path other than the routes. The explorer's page and
//     files come before the 401 (they are public), and GET /api/check
//     after it but before the 429.
//   - 405 MethodNotAllowed, with "Allow: GET, HEAD": any other method.
//   - 400 ODataError: the query does not compile (eval.Compile on the raw
//     query, against Options.Model); the message is below. On
//     GET /api/machines/{id} too, where $filter, $top and $skip are a 400
//     as well: they apply to collections only (ASP.NET OData rejects them
//     on a single entity); custom options pass.
//   - 404 ResourceNotFound: the caller's scope holds no machines at all
//     ("No machines were found"), or no machine in it has the id ("Machine
//     <id> was not found"). A filter that matches nothing is a 200 with an
//     empty value, not a 404.
//   - 400 ODataError: the query needs more work for one machine than
//     Options.MaxSteps allows (eval.BudgetError): nested lambdas over long
//     collections, or regular expressions over long strings.
//   - 503 ServiceUnavailable: the scan ran past Options.ComputeTimeout, or
//     the server is shutting down (the request's context was canceled with
//     ErrShutdown as its cause; with Connection: close and Retry-After).
//   - 500 InternalServerError: a panic in the handler, logged.
//
// The message of a 400 for a query that does not compile is "Invalid
// OData URI query: " and every diagnostic, joined by "; ", each with its position and "did you mean";
// then, on lines of their own, the query with a caret under each of the
// first few problems, as the command prints them:
//
//	Invalid OData URI query: unknown field riskScor; the filterable fields are Id, ... (at 8-16; did you mean `riskScore`?)
//	 | $filter=riskScor+eq+'High'
//	 |         ^~~~~~~~
//
// A position is a pair of byte offsets into the query string as the client
// sent it (after the "?", escapes and all), end exclusive, as "odatafilter
// check --json" reports them; one offset for a point, such as the end of
// the query.
//
// # Request id, tokens and scopes
//
// Each request gets a fresh random id (a UUID version 4). It is the error
// target and the X-Request-Id response header of every response, and it is
// in the log line.
//
// Options.Tokens maps a bearer token to the machine groups (rbacGroupId)
// it may see; an empty list means every group. The scope is applied before
// the filter, $skip and $top, and independently of them: the query runs
// over the scope's machines only, so no filter can widen it. A machine with
// a null rbacGroupId is outside every limited scope. A machine outside the
// scope is "not found" on the id route, not forbidden.
//
// # Rate limits
//
// Options.RateLimits, when set, limit how many requests the handler
// admits, as Defender limits a tenant to 100 calls a minute and 1,500 an
// hour (DefenderRateLimits). The handler stands for one tenant, so one
// count is shared by every token. Each limit is a sliding window: a
// request is refused when Requests requests were admitted in the Per
// before it (one admitted exactly Per ago no longer counts). A refused
// request gets 429 with code TooManyRequests, the message "Rate limit is
// exceeded. Try again in N seconds." and the header Retry-After: N, where
// N is the seconds, rounded up and at least 1, until every limit has room
// again (the oldest request of each full window has left it): a client
// that waits N seconds finds room, unless another client took it first.
//
// What counts is every request that passes authentication, whatever its
// answer: 200, and the 400, 404 and 405 answers too, as Defender counts
// calls. A request refused before that (413, 414, 401) or refused with
// 429 does not count. Time is Options.Clock, so a test can move it
// instead of sleeping.
//
// # Limits, logging and concurrency
//
// The handler bounds what one request can cost: the request target and
// body sizes above; the parser's limits on the query, with its limits on
// work (lambda nesting, the size of regular expressions); a budget of
// steps for each machine (Options.MaxSteps); a deadline on the scan
// (Options.ComputeTimeout); and the request's context, looked at inside
// each machine's evaluation, so a client that goes away stops the work at
// once. The compiled queries the handler keeps are bounded by bytes
// (Options.CacheBytes), not only by count. The other time limits belong
// to the http.Server (the command sets ReadHeaderTimeout, ReadTimeout,
// WriteTimeout and IdleTimeout).
//
// Each request writes one log line to Options.Log: method, path, query
// (clipped), status, bytes of body written, duration, request id, the
// number of machines in the response ("matched"), and the error code of
// an error response. A request whose client went away during the scan is
// logged with status 499 (nothing was sent) and canceled=true; a response
// that could not be written whole carries write_error. A panic is logged
// at level Error as well.
//
// A Handler's records and options are fixed at New, and it is safe for
// concurrent use. Two things change as it serves, both guarded inside it:
// a small LRU cache keyed by the raw query, bounded by count and by bytes, keeps recently compiled
// programs (and the diagnostics of bad queries) for the requests that
// repeat it, which is sound because a compiled Program is immutable; and,
// with rate limits, the times of the recently admitted requests, kept in
// one ring of at most Requests times per limit behind a mutex. Without
// rate limits no request takes that mutex.
package server

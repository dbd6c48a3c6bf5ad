package cli

const serveHelp = `Serve answers HTTP requests for machine records the way the Defender for
Endpoint machines API does, for SDK and integration tests that need it
without a tenant. The records are the sample fleet embedded in the binary,
or the machine list in --data (a Defender response document, a JSON array
or NDJSON), served byte for byte as they were read, or the machines stored
in the database --db names (see 'odatafilter help load'). With
ODATAFILTER_NO_SAMPLE=1 in the environment, a missing --data (and no --db)
is a usage error (exit 2) instead of the sample fleet.

With --db URL (sqlite:PATH, a bare PATH, or postgres://USER@HOST:PORT/DB),
each request is a query to the database: the token's groups are part of
its SQL, before the filter; the database decides what its SQL says
exactly and the evaluator re-checks the rest, so the answers, pages and
errors are those --data gives for the export that was loaded. Machines
loaded while it serves are seen by the next request. Several serve
processes may share one PostgreSQL database. A database that fails
during a request is a 503 (the cause is in the log).

Routes:
  GET /api/machines        200 {"@odata.context":...,"value":[...]} with
                           $filter, $top and $skip; at most 10,000 machines
                           a page, with "@odata.nextLink" (the same query,
                           $skip advanced) when $top is absent and more match
  GET /api/machines/{id}   200 the first machine with that id (in the token's
                           groups), with an
                           "@odata.context" ending in #Machines/$entity;
                           400 with $filter, $top or $skip, which apply
                           to the collection only
  GET /                    the explorer: a page to write a filter and see
                           its errors as you type and the machines it
                           keeps (its URL is printed at start; it needs no
                           token to load, but asks for one when --token is
                           set)
  GET /api/check?q=QUERY[&model=2018|2021]
                           200 with what "check --json" prints for QUERY
                           (the explorer's checker; a token when --token
                           is set; not counted by --rate-limit; any
                           other parameter is a 400 naming it)
HEAD works wherever GET does.

Errors, as {"error":{"code":...,"message":...,"target":<request id>}}:
  400 ODataError        the query is invalid: "Invalid OData URI query: "
                        and each problem with its position (byte offsets
                        into the query string) and "did you mean", then the
                        query with a caret under each, on the next lines;
                        or it needs more work for one machine than the
                        budget
  503 ServiceUnavailable the query ran past --timeout, the server is
                        shutting down, or the --db database failed
  401 Unauthorized      tokens are set and the request has none of them
  404 ResourceNotFound  no machines at all (in the token's groups), or no
                        machine with that id
  404 NotFound          any other path
  405 MethodNotAllowed  any method but GET and HEAD (Allow: GET, HEAD)
  429 TooManyRequests   over --rate-limit ("Rate limit is exceeded. Try
                        again in N seconds.", with Retry-After: N)
  413, 414 InvalidInput a body, or a URL, over 64 KiB
Every response carries the request id in the X-Request-Id header.

Flags:
  --addr HOST:PORT  where to listen (default 127.0.0.1:8080; port 0 picks a
                    free port); the address is printed on stderr
  --data FILE       the machine list to serve; '-' reads standard input
  --db URL          serve the machines stored in this database instead
                    (odatafilter load puts them there)
  --model YEAR      the Machine model queries are checked against: 2018
                    (default; the documented nine filterable fields) or
                    2021 (fourteen: exposureLevel, deviceValue, ...)
  --token TOKEN[=GROUP,...]
                    require "Authorization: Bearer TOKEN" (repeatable: one
                    flag per token). With groups, the token sees only the
                    machines whose rbacGroupId is listed, whatever the
                    filter: the scope is applied before $filter, $skip and
                    $top, and a machine with no group is in no scope.
                    Without groups it sees every machine. A token that ends
                    in '=' is taken whole.
  --rate-limit SPEC
                    limit the requests admitted, as Defender limits a
                    tenant. SPEC is COUNT/UNIT,... with UNIT s (or sec,
                    second), min (minute) or h (hour), or 'defender' for
                    Defender's 100/min,1500/hour. Each limit is a sliding
                    window, one count for all tokens; a request over a
                    limit gets 429 with Retry-After, the seconds until
                    there is room. Every request that passes the token
                    check counts, 400, 404 and 405 answers too; 401 and
                    429 do not. Repeatable: every limit given applies.
                    Default: no limit.
  --base-url URL    the scheme and host of "@odata.context" and
                    "@odata.nextLink", such as https://api.example.com;
                    default: those of each request (its Host header)
  --timeout DURATION
                    the most time one request may spend running its query
                    (default 10s); past it the answer is 503. Each machine
                    has a budget of work too, and the filter's lambda
                    nesting and regular expressions are limited (see the
                    README's limits)
  -h, --help        print this help

The server logs one line per request on stderr (method, path, status,
bytes, duration, request id, machines returned); a request whose client
left is logged with status 499. SIGINT or SIGTERM stops it gracefully:
in-flight requests get 10 seconds to finish, and those still running their
query after 3 seconds are answered 503; a second signal stops it at once.
Read and write timeouts bound slow clients.

Results:
  stopped   exit 0 after a signal
  bad data  exit 1: the file, the record number and byte offset; exit 1
            too when the address cannot be listened on, or the --db
            database cannot be reached or holds no machines table
  usage     exit 2; the problem and the usage line on stderr

Examples:
  odatafilter serve
  curl -s "http://127.0.0.1:8080/api/machines?\$filter=riskScore+eq+'High'&\$top=5"
  odatafilter serve --addr 127.0.0.1:0 --data export.json
  odatafilter serve --model 2021 --data export.json
  odatafilter gen -n 25000 | odatafilter serve --data -
  odatafilter load --db fleet.db export.json && odatafilter serve --db fleet.db
  odatafilter serve --db 'postgres://app@db.internal:5432/fleet?sslmode=require'
  odatafilter serve --token secret --token team140=140,141
  odatafilter serve --rate-limit defender
  odatafilter serve --rate-limit 10/s,100/min
  curl -s -H "Authorization: Bearer team140" http://127.0.0.1:8080/api/machines/1e5bc9d7e413ddd7902c2932e418702b84d0cc07
`

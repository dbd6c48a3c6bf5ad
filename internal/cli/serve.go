package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/server"
	"github.com/odatafilter/odatafilter/sqlstore"
)

var serveCommand = &command{
	name:    "serve",
	usage:   "odatafilter serve [--addr HOST:PORT] [--data FILE|- | --db URL] [--model 2018|2021] [--token TOKEN[=GROUP,...]]... [--rate-limit SPEC] [--base-url URL] [--timeout DURATION]",
	summary: "serve machine records over HTTP, as GET /api/machines does",
	help:    serveHelp,
	run:     runServe,
}

// The http.Server's limits. A page of 10,000 real records is tens of
// megabytes, hence the generous write timeout.
const (
	serveReadHeaderTimeout = 10 * time.Second
	serveReadTimeout       = 30 * time.Second
	serveWriteTimeout      = 2 * time.Minute
	serveIdleTimeout       = 2 * time.Minute
	serveMaxHeaderBytes    = 1 << 20 // above the handler's URL limit, so that answers 414
	serveShutdownTimeout   = 10 * time.Second
)

// serveComputeGrace is how long, after a shutdown begins, requests still
// computing may go on before they are stopped (answered 503), so that the
// shutdown ends within serveShutdownTimeout whatever they ask. A variable
// for the tests.
var serveComputeGrace = 3 * time.Second

// serveConfig is the command line of serve, parsed.
type serveConfig struct {
	addr       string
	data       string // "" for the sample fleet, "-" for stdin
	db         string // --db: the database to serve instead of data
	cmd        *command
	model      *schema.Model
	modelName  string
	tokens     tokenFlag
	rateLimits rateLimitFlag
	baseURL    string
	timeout    time.Duration
}

func runServe(c *command, args []string, s streams) int {
	cfg, code, ok := parseServe(c, args, s)
	if !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal stops the process at once, as by default
	}()
	return serve(ctx, cfg, s)
}

// parseServe reads serve's command line; ok is false when the command
// should exit with code (help, or a usage error).
func parseServe(c *command, args []string, s streams) (cfg serveConfig, code int, ok bool) {
	cfg.cmd = c
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "the address to listen on")
	fs.StringVar(&cfg.data, "data", "", "the machine list to serve; the sample fleet when not given")
	fs.StringVar(&cfg.db, "db", "", "serve the machines stored in this database (see load) instead of --data")
	fs.StringVar(&cfg.modelName, "model", "2018", "the Machine model queries are checked against: 2018 or 2021")
	fs.Var(&cfg.tokens, "token", "a bearer token, with the groups it may see (repeatable)")
	fs.Var(&cfg.rateLimits, "rate-limit", "requests admitted per second, minute or hour, as 100/min,1500/hour or defender")
	fs.StringVar(&cfg.baseURL, "base-url", "", "the scheme and host of @odata.context and @odata.nextLink, instead of the request's Host")
	fs.DurationVar(&cfg.timeout, "timeout", server.DefaultComputeTimeout, "the most time one request may spend running its query")
	pos, err := parseArgs(fs, args)
	switch {
	case errors.Is(err, errHelp):
		return cfg, c.printHelp(s), false
	case err != nil:
		return cfg, c.usageError(s, "%v", err), false
	case len(pos) > 0:
		return cfg, c.usageError(s, "unexpected argument %q (the data file goes after --data)", pos[0]), false
	}
	if cfg.db == "" && flagGiven(fs, "db") {
		return cfg, c.usageError(s, "--db is empty (an unset variable, as in --db \"$DB\"?): give the database URL, or drop --db to serve --data"), false
	}
	if cfg.db != "" && cfg.data != "" {
		return cfg, c.usageError(s, "give --data FILE or --db URL, not both"), false
	}
	if cfg.db != "" {
		if err := sqlstore.CheckURL(cfg.db); err != nil {
			return cfg, c.usageError(s, "--db: %v", err), false
		}
	}
	if cfg.model = models[cfg.modelName]; cfg.model == nil {
		return cfg, c.usageError(s, "unknown model %q: use 2018 or 2021", cfg.modelName), false
	}
	if _, port, err := net.SplitHostPort(cfg.addr); err != nil || port == "" {
		return cfg, c.usageError(s, "invalid --addr %q: want HOST:PORT, such as 127.0.0.1:8080 (port 0 picks a free one)", cfg.addr), false
	}
	if cfg.baseURL != "" {
		if u, err := url.Parse(cfg.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
			return cfg, c.usageError(s, "invalid --base-url %q: want a scheme and host only, such as https://api.securitycenter.microsoft.com", cfg.baseURL), false
		}
	}
	if cfg.timeout <= 0 {
		return cfg, c.usageError(s, "invalid --timeout %v: want a positive duration, such as 10s", cfg.timeout), false
	}
	if cfg.data == "" && sampleForbidden() {
		return cfg, c.usageError(s, "missing --data FILE: %s is set, so the sample fleet is not served", noSampleEnv), false
	}
	return cfg, 0, true
}

// serve loads the data, listens, and serves until ctx ends; then it shuts
// down gracefully. Bad data and a failure to listen exit 1.
func serve(ctx context.Context, cfg serveConfig, s streams) int {
	stderr := &syncWriter{w: s.stderr} // the log and our messages, from many goroutines
	fail := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "odatafilter serve: "+format+"\n", args...)
		return ExitInvalid
	}
	opts := server.Options{
		Model:          cfg.model,
		Tokens:         cfg.tokens.groups,
		RateLimits:     cfg.rateLimits.limits,
		Log:            slog.New(slog.NewTextHandler(stderr, nil)),
		BaseURL:        cfg.baseURL,
		ComputeTimeout: cfg.timeout,
	}
	var h *server.Handler
	var name string // what is served, for the startup line
	if cfg.db != "" {
		st, code := openStore(ctx, cfg.cmd, s, cfg.db, false)
		if st == nil {
			return code
		}
		defer st.Close()
		n, err := st.Count(ctx, nil)
		if err != nil {
			return fail("%v", err)
		}
		if h, err = server.NewSource(storeSource{st}, opts); err != nil {
			return fail("%v", strings.TrimPrefix(err.Error(), "server: "))
		}
		name = fmt.Sprintf("%s (at start) in %s", count(int(n), "machine", "machines"), st)
	} else {
		recs, n, err := loadRecords(cfg.data, s.stdin)
		var pe *fs.PathError
		switch {
		case errors.As(err, &pe):
			return fail("%v", err) // "open FILE: …" names it already
		case err != nil:
			return fail("%s: %v", n, err)
		}
		if h, err = server.New(recs, opts); err != nil {
			return fail("%s: %v", n, strings.TrimPrefix(err.Error(), "server: "))
		}
		name = fmt.Sprintf("%s from %s", count(h.Len(), "machine", "machines"), n)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fail("%v", err)
	}
	// Requests compute under a context the shutdown can end (with
	// server.ErrShutdown as the cause, which the handler answers 503).
	base, stopCompute := context.WithCancelCause(context.Background())
	defer stopCompute(nil)
	srv := &http.Server{
		Handler:           h,
		BaseContext:       func(net.Listener) context.Context { return base },
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    serveMaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(slog.NewTextHandler(stderr, nil), slog.LevelWarn),
	}
	auth := "no token needed"
	if n := len(cfg.tokens.groups); n > 0 {
		auth = count(n, "token", "tokens")
	}
	if len(cfg.rateLimits.limits) > 0 {
		auth += ", rate limit " + cfg.rateLimits.String()
	}
	if cfg.model != schema.Machines {
		auth += ", model " + cfg.modelName
	}
	fmt.Fprintf(stderr, "odatafilter serve: %s at http://%s/api/machines (%s)\n", name, ln.Addr(), auth)
	fmt.Fprintf(stderr, "odatafilter serve: explorer at http://%s/ (write a filter, see its errors and its machines)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fail("%v", err)
	case <-ctx.Done():
	}
	fmt.Fprintf(stderr, "odatafilter serve: shutting down\n")
	sctx, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
	defer cancel()
	grace := time.AfterFunc(serveComputeGrace, func() { stopCompute(server.ErrShutdown) })
	defer grace.Stop()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fail("shutdown: %v", err)
	}
	<-done // http.ErrServerClosed
	return ExitOK
}

// loadRecords reads the machine list to serve: the file named, standard
// input for "-", or the embedded sample fleet for "". name says which, for
// messages.
func loadRecords(path string, stdin io.Reader) (recs []records.Record, name string, err error) {
	var r io.Reader
	switch path {
	case "":
		r, name = bytes.NewReader(fleet.Sample()), "the sample fleet"
	case "-":
		r, name = stdin, "standard input"
	default:
		f, err := os.Open(path)
		if err != nil {
			return nil, path, err
		}
		defer f.Close()
		r, name = f, path
	}
	recs, _, err = records.ReadAll(r)
	return recs, name, err
}

// tokenFlag is the repeatable --token TOKEN[=GROUP,...] flag: each token
// and the rbacGroupIds it may see (none listed: every group).
type tokenFlag struct {
	groups map[string][]int64
}

func (f *tokenFlag) String() string { return "" }

func (*tokenFlag) repeatable() {}

// Set adds one token. The groups follow the last '=', as a comma-separated
// list of integers; a token that ends in '=' (base64 padding) is kept
// whole and sees every group.
func (f *tokenFlag) Set(v string) error {
	tok, groups := v, []int64{}
	if k := strings.LastIndexByte(v, '='); k >= 0 && k < len(v)-1 {
		tok = v[:k]
		for _, g := range strings.Split(v[k+1:], ",") {
			n, err := strconv.ParseInt(g, 10, 64)
			if err != nil {
				return fmt.Errorf("group %q is not an integer rbacGroupId (want TOKEN or TOKEN=140,141)", g)
			}
			groups = append(groups, n)
		}
	}
	switch {
	case tok == "" || strings.TrimSpace(tok) != tok:
		return errors.New("a token may not be empty or start or end with white space")
	case f.groups[tok] != nil:
		return fmt.Errorf("token %q is given twice", tok)
	}
	if f.groups == nil {
		f.groups = map[string][]int64{}
	}
	f.groups[tok] = groups
	return nil
}

// syncWriter serializes writes to w.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

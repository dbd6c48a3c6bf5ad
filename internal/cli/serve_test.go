package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestTokenFlag(t *testing.T) {
	tests := []struct {
		args []string
		want map[string][]int64
		err  string
	}{
		{args: []string{"s"}, want: map[string][]int64{"s": {}}},
		{args: []string{"s", "t=140,141"}, want: map[string][]int64{"s": {}, "t": {140, 141}}},
		{args: []string{"a=b=-1"}, want: map[string][]int64{"a=b": {-1}}},
		{args: []string{"YWJj=="}, want: map[string][]int64{"YWJj==": {}}},
		{args: []string{"t=140,"}, err: `group "" is not an integer`},
		{args: []string{"t=x"}, err: `group "x" is not an integer`},
		{args: []string{"=140"}, err: "a token may not be empty"},
		{args: []string{" t"}, err: "a token may not be empty"},
		{args: []string{"t", "t=1"}, err: `token "t" is given twice`},
	}
	for _, tt := range tests {
		var f tokenFlag
		var err error
		for _, a := range tt.args {
			if err = f.Set(a); err != nil {
				break
			}
		}
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.args, err, tt.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tt.args, err)
		case !reflect.DeepEqual(f.groups, tt.want):
			t.Errorf("%q: %v, want %v", tt.args, f.groups, tt.want)
		}
	}
}

// lockedBuffer is a bytes.Builder that the server's goroutines and the
// test may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestServe runs the command in-process on a loopback port: it prints the
// address, serves the data file with token scoping and a rate limit, logs
// each request, and stops with exit 0 when its context ends (as on SIGINT).
func TestServe(t *testing.T) {
	data := filepath.Join(t.TempDir(), "machines.ndjson")
	lines := `{"id":"a1","rbacGroupId":140,"extra":[1.0]}` + "\n" + `{"id":"b2","rbacGroupId":141}` + "\n"
	if err := os.WriteFile(data, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, code, ok := parseServe(serveCommand,
		[]string{"--addr", "127.0.0.1:0", "--data", data, "--token", "t140=140", "--rate-limit", "1/hour"}, streams{})
	if !ok {
		t.Fatalf("parseServe: exit %d", code)
	}
	var stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() { exit <- serve(ctx, cfg, streams{stdout: io.Discard, stderr: &stderr}) }()
	defer cancel()

	addrRE := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/api/machines`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if base == "" {
		t.Fatalf("no address on stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "2 machines from "+data) || !strings.Contains(stderr.String(), "(1 token, rate limit 1/h)") {
		t.Errorf("stderr %q does not name the machines, the file and the rate limit", stderr.String())
	}

	req, _ := http.NewRequest("GET", base+"/api/machines", nil)
	req.Header.Set("Authorization", "Bearer t140")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var env struct{ Value []json.RawMessage }
	if err := json.Unmarshal(body, &env); err != nil || resp.StatusCode != 200 || len(env.Value) != 1 ||
		string(env.Value[0]) != `{"id":"a1","rbacGroupId":140,"extra":[1.0]}` {
		t.Errorf("status %d, body %s (%v)", resp.StatusCode, body, err)
	}
	resp, err = http.Get(base + "/api/machines")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("without a token: status %d, want 401", resp.StatusCode)
	}
	// The 200 used up the hour; the 401 did not count.
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "3600" {
		t.Errorf("over the rate limit: status %d, Retry-After %q; want 429 and 3600", resp.StatusCode, resp.Header.Get("Retry-After"))
	}

	cancel()
	select {
	case code := <-exit:
		if code != ExitOK {
			t.Errorf("exit %d after the signal, want 0; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	log := stderr.String()
	if n := strings.Count(log, "msg=request "); n != 3 {
		t.Errorf("%d request log lines, want 3:\n%s", n, log)
	}
	if !strings.Contains(log, "status=401") || !strings.Contains(log, "code=TooManyRequests") || !strings.Contains(log, "matched=1") || !strings.Contains(log, "shutting down") {
		t.Errorf("stderr lacks the log lines or the shutdown:\n%s", log)
	}
}

// TestServeBadData: bad data is exit 1 naming the file and the record.
func TestServeBadData(t *testing.T) {
	data := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(data, []byte(`[{"id":"a1"},{"riskScore":"Extreme"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	code := Main([]string{"serve", "--addr", "127.0.0.1:0", "--data", data}, nil, io.Discard, &stderr)
	if code != ExitInvalid || !strings.Contains(stderr.String(), data+`: record 2 at byte 26: machine field riskScore: unknown RiskScore member "Extreme"`) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// TestServeShutdownDuringComputation: a SIGTERM while a request is still
// running its query ends that query (503, or 499 when its client already
// left) and the command exits 0 within the shutdown timeout; the
// handler's deadline bounds a request from another client meanwhile.
func TestServeShutdownDuringComputation(t *testing.T) {
	defer func(g time.Duration) { serveComputeGrace = g }(serveComputeGrace)
	serveComputeGrace = 200 * time.Millisecond
	// 100 machines with 3,000 tags, and two lambdas: each machine needs
	// 9 million steps (under the budget of 10 million, about 0.1 s), so the
	// scan would take some 10 s.
	var b strings.Builder
	tags := make([]string, 3000)
	for j := range tags {
		tags[j] = `"t` + strconv.Itoa(j) + `"`
	}
	for i := range 100 {
		b.WriteString(`{"id":"m` + strconv.Itoa(i) + `","machineTags":[` + strings.Join(tags, ",") + "]}\n")
	}
	data := filepath.Join(t.TempDir(), "tags.ndjson")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, code, ok := parseServe(serveCommand, []string{"--addr", "127.0.0.1:0", "--data", data, "--timeout", "1m"}, streams{})
	if !ok {
		t.Fatalf("parseServe: exit %d", code)
	}
	var stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	exit := make(chan int, 1)
	go func() { exit <- serve(ctx, cfg, streams{stdout: io.Discard, stderr: &stderr}) }()
	addrRE := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/api/machines`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if base == "" {
		t.Fatalf("no address on stderr:\n%s", stderr.String())
	}
	filter := url.QueryEscape("machineTags/any(a:machineTags/any(b:b eq a and a eq 'x'))")
	answered := make(chan int, 1)
	go func() {
		resp, err := http.Get(base + "/api/machines?$filter=" + filter)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	time.Sleep(300 * time.Millisecond) // the request is computing
	start := time.Now()
	cancel() // as SIGTERM does
	select {
	case code := <-exit:
		if code != ExitOK {
			t.Errorf("exit %d, want 0; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop; stderr:\n%s", stderr.String())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the shutdown took %v", d)
	}
	if status := <-answered; status != 503 {
		t.Errorf("the request running at shutdown got %d, want 503; stderr:\n%s", status, stderr.String())
	}
	if !strings.Contains(stderr.String(), "status=503") {
		t.Errorf("no 503 logged:\n%s", stderr.String())
	}
}

// startServe runs serve with args (and --addr 127.0.0.1:0) in-process and
// returns its base URL and its stderr; the server stops when the test
// ends, and must exit 0.
func startServe(t *testing.T, args ...string) (base string, stderr *lockedBuffer) {
	t.Helper()
	cfg, code, ok := parseServe(serveCommand, append([]string{"--addr", "127.0.0.1:0"}, args...), streams{})
	if !ok {
		t.Fatalf("parseServe %q: exit %d", args, code)
	}
	stderr = &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() { exit <- serve(ctx, cfg, streams{stdout: io.Discard, stderr: stderr}) }()
	t.Cleanup(func() {
		cancel()
		if code := <-exit; code != ExitOK {
			t.Errorf("serve %q: exit %d; stderr:\n%s", args, code, stderr.String())
		}
	})
	addrRE := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/api/machines`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], stderr
		}
	}
	t.Fatalf("no address on stderr:\n%s", stderr.String())
	return "", nil
}

// TestServeModel: --model 2021 admits the newer fields, which the default
// model rejects with a positioned 400 naming the field and the flag's
// choice.
func TestServeModel(t *testing.T) {
	const target = "/api/machines?$filter=exposureLevel+eq+'High'"
	errorOf := func(base string) (int, string) {
		resp, err := http.Get(base + target)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Error struct{ Code, Message string }
		}
		json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body.Error.Message
	}
	base, _ := startServe(t)
	if status, msg := errorOf(base); status != 400 || !strings.Contains(msg, "exposureLevel") || !strings.Contains(msg, "(at 8-21") {
		t.Errorf("model 2018: status %d, message %q; want 400 naming exposureLevel at 8-21", status, msg)
	}
	base, stderr := startServe(t, "--model", "2021")
	if status, msg := errorOf(base); status != 200 {
		t.Errorf("model 2021: status %d (%s), want 200", status, msg)
	}
	if !strings.Contains(stderr.String(), "model 2021") {
		t.Errorf("stderr does not name the model: %s", stderr.String())
	}
}

package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer is a bytes.Buffer the handler's goroutines may share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLogLine: each request writes one log line with the method, path,
// status, body bytes, duration, request id, and the number of machines
// returned or the error code.
func TestLogLine(t *testing.T) {
	var logs lockedBuffer
	srv, _ := start(t, toRecords(smallFleet...), Options{Log: slog.New(slog.NewJSONHandler(&logs, nil))})
	rs := []response{
		get(t, srv, "/api/machines?$filter=rbacGroupId eq 141", ""),
		get(t, srv, "/api/machines?$filter=bad", ""),
		get(t, srv, "/api/machines/a1", ""),
	}
	// The server logs after the response is sent: close it to wait for
	// every handler to return.
	srv.Close()
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != len(rs) {
		t.Fatalf("%d log lines for %d requests:\n%s", len(lines), len(rs), logs.String())
	}
	want := []struct {
		path    string
		status  float64
		matched any // float64, or nil when absent
		code    any
	}{
		{"/api/machines", 200, 2.0, nil},
		{"/api/machines", 400, nil, "ODataError"},
		{"/api/machines/a1", 200, 1.0, nil},
	}
	for i, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		w := want[i]
		if rec["msg"] != "request" || rec["method"] != "GET" || rec["path"] != w.path || rec["status"] != w.status ||
			rec["matched"] != w.matched || rec["code"] != w.code {
			t.Errorf("log line %s, want path %s status %v matched %v code %v", line, w.path, w.status, w.matched, w.code)
		}
		if rec["bytes"] != float64(len(rs[i].body)) {
			t.Errorf("log line %s: bytes, want %d", line, len(rs[i].body))
		}
		if rec["request_id"] != rs[i].header.Get(RequestIDHeader) {
			t.Errorf("log line %s: request_id, want %s", line, rs[i].header.Get(RequestIDHeader))
		}
		if _, ok := rec["duration"].(float64); !ok {
			t.Errorf("log line %s: no duration", line)
		}
	}
}

// TestCanceled: when the request's context ends during the scan, the
// handler stops, answers nothing, and logs the request as canceled, with
// nginx's 499 (client closed request) as its status.
func TestCanceled(t *testing.T) {
	var logs lockedBuffer
	raws, _ := bigFleet(3 * 4096)
	h, err := New(toRecords(raws...), Options{Log: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/machines", nil).WithContext(ctx))
	if w.Body.Len() != 0 {
		t.Errorf("wrote %d bytes for a canceled request", w.Body.Len())
	}
	if line := logs.String(); !strings.Contains(line, `"status":499`) || !strings.Contains(line, `"canceled":true`) {
		t.Errorf("log line %s, want status 499 and canceled", line)
	}
}

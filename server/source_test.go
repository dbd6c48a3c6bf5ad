package server

import (
	"context"
	"errors"
	"iter"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/eval"
)

// failingSource is a Source whose database is down, or whose machine is
// over the work budget.
type failingSource struct{ err error }

func (f failingSource) Select(context.Context, Selection) iter.Seq2[SourceRecord, error] {
	return func(yield func(SourceRecord, error) bool) { yield(SourceRecord{}, f.err) }
}

func (f failingSource) Get(context.Context, string, []int64) ([]byte, bool, error) {
	return nil, false, f.err
}

func (f failingSource) Count(context.Context, []int64) (int64, error) { return 0, f.err }

// TestSourceErrors: a Source's failure is a 503 that says nothing of the
// cause (the log has it); a machine over the budget is a 400, as in memory.
func TestSourceErrors(t *testing.T) {
	for _, tc := range []struct {
		err    error
		status int
		msg    string
	}{
		{errors.New("connection refused"), http.StatusServiceUnavailable, "The machine store did not answer"},
		{&wrapped{&eval.BudgetError{Steps: 5}}, http.StatusBadRequest, "more than 5 steps"},
	} {
		var log strings.Builder
		h, err := NewSource(failingSource{tc.err}, Options{Log: slog.New(slog.NewTextHandler(&log, nil))})
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range []string{"/api/machines", "/api/machines/x"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
			body := rec.Body.String()
			if rec.Code != tc.status || !strings.Contains(body, tc.msg) || strings.Contains(body, "refused") {
				t.Errorf("%s with %v: %d %s; want %d saying %q", target, tc.err, rec.Code, body, tc.status, tc.msg)
			}
		}
		if tc.status == http.StatusServiceUnavailable && !strings.Contains(log.String(), "connection refused") {
			t.Errorf("the log does not have the cause:\n%s", log.String())
		}
	}
	if _, err := NewSource(nil, Options{}); err == nil {
		t.Error("NewSource(nil) is not an error")
	}
}

// wrapped wraps an error, as a Source naming the record does.
type wrapped struct{ err error }

func (w *wrapped) Error() string { return "stored record 7: " + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }

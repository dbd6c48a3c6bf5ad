package server

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"
)

// The error codes the handler answers with, Defender's where it has one.
const (
	codeODataError         = "ODataError"
	codeInvalidInput       = "InvalidInput"
	codeUnauthorized       = "Unauthorized"
	codeNotFound           = "NotFound"
	codeResourceNotFound   = "ResourceNotFound"
	codeMethodNotAllowed   = "MethodNotAllowed"
	codeTooManyRequests    = "TooManyRequests"
	codeServiceUnavailable = "ServiceUnavailable"
	codeInternal           = "InternalServerError"
)

// statusClientClosed is the status logged for a request whose client went
// away before it was answered (nginx's 499): nothing was sent.
const statusClientClosed = 499

// RequestIDHeader is the response header that carries the request id, the
// same id as an error's target.
const RequestIDHeader = "X-Request-Id"

// exchange is one request and what the handler has answered so far: the
// state the log line reports.
type exchange struct {
	h        *Handler
	w        *countingWriter
	r        *http.Request
	id       string
	start    time.Time
	matched  int    // machines in the response; -1 for none
	code     string // the error code of an error response
	canceled bool   // the client went away before the handler answered
	writeErr error  // the response could not be written whole
}

func newExchange(h *Handler, w http.ResponseWriter, r *http.Request) *exchange {
	x := &exchange{
		h: h, r: r, id: newRequestID(), start: time.Now(), matched: -1,
		w: &countingWriter{ResponseWriter: w},
	}
	w.Header().Set(RequestIDHeader, x.id)
	return x
}

// finish writes the request's log line. It turns a panic into a 500 when
// nothing was written yet, and aborts the connection when part of a
// response was, so the client sees a broken response rather than a
// truncated 200.
func (x *exchange) finish() {
	v := recover()
	if v != nil && v != http.ErrAbortHandler {
		x.h.log.Error("handler panic", "request_id", x.id, "panic", v)
		if x.w.status == 0 {
			x.fail(http.StatusInternalServerError, codeInternal, "Internal server error")
			v = nil
		}
	}
	defer func() {
		if v != nil {
			panic(http.ErrAbortHandler)
		}
	}()
	status := x.w.status
	if status == 0 && x.canceled {
		status = statusClientClosed
	}
	attrs := []slog.Attr{
		slog.String("method", x.r.Method),
		slog.String("path", x.r.URL.Path),
		slog.String("query", clip(x.r.URL.RawQuery, 256)),
		slog.Int("status", status),
		slog.Int64("bytes", x.w.n),
		slog.Duration("duration", time.Since(x.start)),
		slog.String("request_id", x.id),
	}
	if x.matched >= 0 {
		attrs = append(attrs, slog.Int("matched", x.matched))
	}
	if x.code != "" {
		attrs = append(attrs, slog.String("code", x.code))
	}
	if x.canceled {
		attrs = append(attrs, slog.Bool("canceled", true))
	}
	if x.writeErr != nil {
		attrs = append(attrs, slog.String("write_error", x.writeErr.Error()))
	}
	x.h.log.LogAttrs(x.r.Context(), slog.LevelInfo, "request", attrs...)
}

// errorBody is Defender's error document. The field order is the wire
// order.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Target  string `json:"target"`
	} `json:"error"`
}

// fail answers with an error document: status, code, message and the
// request id as the target.
func (x *exchange) fail(status int, code, message string) {
	var b errorBody
	b.Error.Code, b.Error.Message, b.Error.Target = code, message, x.id
	x.code = code
	x.matched = -1
	x.w.Header().Set("Content-Type", "application/json; charset=utf-8")
	x.w.WriteHeader(status)
	x.w.Write(marshal(b))
}

// marshal encodes v as JSON without HTML escaping, so that URLs and
// messages keep their & < >.
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings and structs of strings reach here
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// newRequestID returns a random UUID (version 4), the shape of Defender's
// request tracking ids.
func newRequestID() string {
	var u [16]byte
	rand.Read(u[:]) // never fails (crypto/rand, Go 1.24+)
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:])
}

// clip shortens s to at most n bytes for the log, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// countingWriter records the status and counts the body bytes written.
type countingWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (w *countingWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *countingWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

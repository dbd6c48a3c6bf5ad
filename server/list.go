package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
)

// contentType is the media type of a successful response, as Defender's
// ASP.NET OData stack labels it.
const contentType = "application/json; odata.metadata=minimal; charset=utf-8"

// list answers GET /api/machines for a caller with scope sc.
func (x *exchange) list(sc *scope) {
	p, err := x.h.compile(x.r.URL.RawQuery)
	if err != nil {
		x.fail(http.StatusBadRequest, codeODataError, queryMessage(x.r.URL.RawQuery, err))
		return
	}
	if sc.size == 0 {
		x.fail(http.StatusNotFound, codeResourceNotFound, "No machines were found")
		return
	}
	var page [][]byte
	next := ""
	if x.h.src != nil {
		page, next, err = x.h.sourcePage(x, sc, p)
		if err == nil && len(page) == 0 {
			var empty bool
			if empty, err = x.h.sourceScopeEmpty(x, sc); err == nil && empty {
				x.fail(http.StatusNotFound, codeResourceNotFound, "No machines were found")
				return
			}
		}
	} else {
		var indices []int
		var more bool
		indices, more, err = x.h.page(x, sc, p)
		page = make([][]byte, len(indices))
		for k, i := range indices {
			page[k] = x.h.raws[i]
		}
		if more {
			next = nextQuery(p.Checked().Query, p.Skip()+int64(len(page)))
		}
	}
	if err != nil {
		x.computeFailed(err)
		return
	}
	if next != "" {
		next = x.h.baseURL(x.r) + collectionPath + "?" + next
	}
	x.matched = len(page)
	x.writeEnvelope(page, next)
}

// page runs p over the machines of sc and returns the indices of the
// response's machines. Without $top it takes at most a page, and more
// reports whether another match follows it. The error is the request
// context's when it ended during the scan, context.DeadlineExceeded past
// Options.ComputeTimeout, or an *eval.BudgetError.
func (h *Handler) page(x *exchange, sc *scope, p *eval.Program) (page []int, more bool, err error) {
	top, hasTop := p.Top()
	limit := h.opts.PageSize + 1 // one more than a page tells whether more remain
	if hasTop {
		page = make([]int, 0, min(top, int64(sc.size)))
	} else {
		page = make([]int, 0, min(limit, sc.size))
	}
	ctx := x.r.Context()
	if h.opts.ComputeTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, h.opts.ComputeTimeout)
		defer cancel()
	}
	cur := -1
	machines := func(yield func(*schema.Machine) bool) {
		sc.each(func(i int) bool {
			cur = i
			return yield(&h.machines[i])
		})
	}
	for m, err := range p.AllContext(ctx, machines) {
		if err != nil {
			return nil, false, err
		}
		// All yields the record it was given, synchronously: cur is its index.
		if m != &h.machines[cur] {
			panic("server: eval.Program.AllContext yielded a record out of step with its input")
		}
		page = append(page, cur)
		if !hasTop && len(page) == limit {
			return page[:h.opts.PageSize], true, nil
		}
	}
	return page, false, nil
}

// computeFailed answers a request whose scan did not finish: 400 when the
// query needs more work per machine than the budget, 503 when it ran out
// of time or the server is shutting down, and nothing (logged as 499) when
// the client went away.
func (x *exchange) computeFailed(err error) {
	var be *eval.BudgetError
	switch {
	case errors.As(err, &be):
		x.fail(http.StatusBadRequest, codeODataError, "Invalid OData URI query: "+be.Error()+
			" (nested lambdas over long collections, or regular expressions over long strings, multiply the work)")
	case errors.Is(context.Cause(x.r.Context()), ErrShutdown):
		x.w.Header().Set("Connection", "close")
		x.w.Header().Set("Retry-After", "1")
		x.fail(http.StatusServiceUnavailable, codeServiceUnavailable, "The server is shutting down: retry the request")
	case x.r.Context().Err() != nil:
		x.canceled = true // the client went away; there is no one to answer
	case !errors.Is(err, context.DeadlineExceeded):
		// A Source's own failure (the database is down): the client
		// learns it is on this side; the log has the cause.
		x.h.log.Error("source failed", "request_id", x.id, "error", err.Error())
		x.fail(http.StatusServiceUnavailable, codeServiceUnavailable, "The machine store did not answer: retry the request")
	default:
		x.fail(http.StatusServiceUnavailable, codeServiceUnavailable,
			fmt.Sprintf("The query did not finish within %v, the limit: narrow the filter", x.h.opts.ComputeTimeout))
	}
}

// writeEnvelope writes the 200 response: the context, the records of page
// byte for byte, and the nextLink when there is one.
func (x *exchange) writeEnvelope(page [][]byte, next string) {
	x.w.Header().Set("Content-Type", contentType)
	x.w.Header().Set("OData-Version", "4.0")
	bw := bufio.NewWriterSize(x.w, 64<<10)
	bw.WriteString(`{"@odata.context":`)
	bw.Write(marshal(x.h.baseURL(x.r) + "/api/$metadata#Machines"))
	bw.WriteString(`,"value":[`)
	for k, raw := range page {
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.Write(raw)
	}
	bw.WriteByte(']')
	if next != "" {
		bw.WriteString(`,"@odata.nextLink":`)
		bw.Write(marshal(next))
	}
	bw.WriteByte('}')
	if err := bw.Flush(); err != nil { // the client went away, or the write timed out
		x.writeErr = err
	}
}

// nextQuery is the raw query q.Text with $skip set to skip: the value of
// the client's $skip replaced in place, or "$skip=N" appended. The rest is
// kept as written, except that bytes a URL query may not hold are
// percent-encoded; that changes nothing the parser reads, since it decodes
// %XX once.
func nextQuery(q *ast.Query, skip int64) string {
	n := strconv.FormatInt(skip, 10)
	var s string
	switch {
	case q.HasSkip:
		s = q.Text[:q.SkipSpan.Start] + n + q.Text[q.SkipSpan.End:]
	case q.Text == "" || q.Text == "?":
		s = "$skip=" + n
	default:
		s = q.Text + "&$skip=" + n
	}
	return escapeQuery(s)
}

// escapeQuery percent-encodes the bytes of s that RFC 3986 does not allow
// in a query, and a '%' that does not start an escape.
func escapeQuery(s string) string {
	var b strings.Builder
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if queryByte(c) || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// queryByte reports whether RFC 3986 allows c in a query as it is:
// unreserved, sub-delims, ':', '@', '/' and '?'.
func queryByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

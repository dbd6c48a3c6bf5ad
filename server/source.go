package server

import (
	"bufio"
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/odatafilter/odatafilter/eval"
)

// Source holds the machines a Handler made by NewSource serves, when they
// are not held in memory: a database (package sqlstore, as "odatafilter
// serve --db" uses it). Its methods are called concurrently, each under
// the request's context bounded by Options.ComputeTimeout; an error that
// is not the context's, nor an *eval.BudgetError, is answered 503 and
// logged.
type Source interface {
	// Select yields the exact bytes of the machines in scope that
	// s.Program selects, in export order: its filter, then its $skip,
	// then its $top, and at most s.Limit of them. A machine over the
	// program's work budget ends it with an error wrapping the
	// *eval.BudgetError. An error is yielded once and ends the sequence.
	Select(ctx context.Context, s Selection) iter.Seq2[[]byte, error]

	// Get returns the exact bytes of the first machine, in export order,
	// whose id is id (exactly) and which is in scope (as
	// Selection.Groups); found is false when there is none.
	Get(ctx context.Context, id string, groups []int64) (raw []byte, found bool, err error)

	// Count returns the number of machines in scope (as
	// Selection.Groups).
	Count(ctx context.Context, groups []int64) (int64, error)
}

// Selection is one request's query over a Source.
type Selection struct {
	Program *eval.Program
	Groups  []int64   // the caller's rbacGroupIds, sorted; nil: every machine. A machine with a null rbacGroupId is in no group.
	Limit   int64     // the most machines to yield, after $skip and $top
	Now     time.Time // what now() reads: Options.Clock, once for the request
}

// NewSource returns a Handler serving the machines of src, with the same
// routes, errors, scopes and limits as New's. The scope of a token is
// given to the Source (Selection.Groups), which applies it before the
// filter; the 404 for a scope without machines asks src.Count when a page
// comes back empty. Unlike New's records, src's machines may change while
// the handler serves (a load into the database): each request sees them
// as the Source does then.
func NewSource(src Source, opts Options) (*Handler, error) {
	if src == nil {
		return nil, errors.New("server: NewSource needs a Source")
	}
	h, err := newHandler(opts)
	if err != nil {
		return nil, err
	}
	h.src = src
	if err := h.scopes(-1); err != nil {
		return nil, err
	}
	return h, nil
}

// computeContext is the request's context bounded by ComputeTimeout.
func (h *Handler) computeContext(x *exchange) (context.Context, context.CancelFunc) {
	if h.opts.ComputeTimeout > 0 {
		return context.WithTimeout(x.r.Context(), h.opts.ComputeTimeout)
	}
	return context.WithCancel(x.r.Context())
}

// sourcePage is page for a Source: the bytes of the response's machines.
// Without $top it asks one more than a page, to tell whether more remain.
func (h *Handler) sourcePage(x *exchange, sc *scope, p *eval.Program) (page [][]byte, more bool, err error) {
	ctx, cancel := h.computeContext(x)
	defer cancel()
	_, hasTop := p.Top()
	limit := int64(h.opts.PageSize) + 1
	if hasTop {
		limit = 0
	}
	for raw, err := range h.src.Select(ctx, Selection{Program: p, Groups: sc.list, Limit: limit, Now: h.opts.Clock()}) {
		if err != nil {
			return nil, false, err
		}
		page = append(page, raw)
	}
	if !hasTop && len(page) > h.opts.PageSize {
		return page[:h.opts.PageSize], true, nil
	}
	return page, false, nil
}

// sourceScopeEmpty reports whether sc holds no machine of the Source.
func (h *Handler) sourceScopeEmpty(x *exchange, sc *scope) (bool, error) {
	ctx, cancel := h.computeContext(x)
	defer cancel()
	n, err := h.src.Count(ctx, sc.list)
	return n == 0, err
}

// sourceEntity answers GET /api/machines/{id} from a Source.
func (x *exchange) sourceEntity(sc *scope, id string) {
	ctx, cancel := x.h.computeContext(x)
	defer cancel()
	raw, found, err := x.h.src.Get(ctx, id, sc.list)
	switch {
	case err != nil:
		x.computeFailed(err)
		return
	case !found:
		x.fail(http.StatusNotFound, codeResourceNotFound, "Machine "+id+" was not found")
		return
	}
	x.matched = 1
	x.w.Header().Set("Content-Type", contentType)
	x.w.Header().Set("OData-Version", "4.0")
	bw := bufio.NewWriter(x.w)
	writeEntity(bw, marshal(x.h.baseURL(x.r)+"/api/$metadata#Machines/$entity"), raw)
	bw.Flush()
}

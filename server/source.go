package server

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
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
	// Select yields the machines in scope that s.Program selects, in
	// export order, after s.After: its filter, then its $skip, then its
	// $top, and at most s.Limit of them. A machine over the program's
	// work budget ends it with an error wrapping the *eval.BudgetError.
	// An error is yielded once and ends the sequence.
	Select(ctx context.Context, s Selection) iter.Seq2[SourceRecord, error]

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
	After   int64     // when positive, only the machines whose Ord is greater (keyset paging)
	Limit   int64     // the most machines to yield, after $skip and $top
	Now     time.Time // what now() reads: Options.Clock, once for the request
}

// SourceRecord is one machine a Source yields.
type SourceRecord struct {
	Ord int64  // its position in the Source's export order: unique, increasing
	Raw []byte // its exact bytes, a JSON object
}

// NewSource returns a Handler serving the machines of src, with the same
// routes, errors, scopes and limits as New's. The scope of a token is
// given to the Source (Selection.Groups), which applies it before the
// filter; the 404 for a scope without machines asks src.Count when a page
// comes back empty. Unlike New's records, src's machines may change while
// the handler serves (a load into the database): each request sees them
// as the Source does then, and a Source must only add machines after
// those it holds (with greater Ords), as sqlstore's Load does.
//
// Its nextLinks page by keyset: each carries, after the $skip New's would
// carry, the custom option odatafilter-after=ORD.MAC, the Ord of the page's
// last machine and an HMAC (a key of the handler's own, random) of it, the
// rest of the link and the caller's scope. The next request then asks the
// Source for the machines after ORD with no $skip. A link whose option does
// not check out (edited, used with another token, from another handler) is
// answered by its $skip as written: the same machines, at OFFSET's cost.
func NewSource(src Source, opts Options) (*Handler, error) {
	if src == nil {
		return nil, errors.New("server: NewSource needs a Source")
	}
	h, err := newHandler(opts)
	if err != nil {
		return nil, err
	}
	h.src = src
	rand.Read(h.pagingKey[:])
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

// sourcePage is page for a Source: the bytes of the response's machines,
// and the nextLink's query when more remain. Without $top it asks one
// more than a page, to tell whether more remain.
//
// Paging is keyset paging under the hood: a nextLink carries, besides its
// $skip, the custom option odatafilter-after=ORD.MAC, the ord of the last
// machine of the page and a MAC binding it to the rest of the link and to
// the caller's scope. A request whose option checks out runs its filter
// after that ord with no $skip, so a deep page costs what the first does;
// one that does not (edited, from another process, another scope) runs its
// $skip as written. The answer is the same either way, since machines are
// only ever added after the stored ones.
func (h *Handler) sourcePage(x *exchange, sc *scope, p *eval.Program) (page [][]byte, next string, err error) {
	ctx, cancel := h.computeContext(x)
	defer cancel()
	raw, token := splitAfter(x.r.URL.RawQuery)
	run, after := p, int64(0)
	_, hasTop := p.Top()
	if token != "" {
		if p, err = h.compile(raw); err != nil {
			return nil, "", err // cannot be: raw is the query less a custom option
		}
		run = p
		if ord, ok := h.checkAfter(raw, sc.list, token); ok && !hasTop && p.Skip() > 0 {
			q := p.Checked().Query
			if run, err = h.compile(q.Text[:q.SkipSpan.Start] + "0" + q.Text[q.SkipSpan.End:]); err != nil {
				return nil, "", err
			}
			after = ord
		}
	}
	limit := int64(h.opts.PageSize) + 1
	if hasTop {
		limit = 0
	}
	var last int64
	for rec, err := range h.src.Select(ctx, Selection{Program: run, Groups: sc.list, After: after, Limit: limit, Now: h.opts.Clock()}) {
		if err != nil {
			return nil, "", err
		}
		if len(page) == h.opts.PageSize {
			next = nextQuery(p.Checked().Query, p.Skip()+int64(len(page)))
			return page, next + "&" + afterOption + "=" + h.afterToken(next, sc.list, last), nil
		}
		page, last = append(page, rec.Raw), rec.Ord
	}
	return page, "", nil
}

// afterOption is the custom query option of a Source handler's nextLinks.
const afterOption = "odatafilter-after"

// splitAfter returns raw without its afterOption, and that option's value
// ("" when it has none). It takes the option as the handler writes it, at
// the end.
func splitAfter(raw string) (rest, token string) {
	k := strings.LastIndex(raw, "&"+afterOption+"=")
	if k < 0 {
		return raw, ""
	}
	return raw[:k], raw[k+len(afterOption)+2:]
}

// afterToken is the value of afterOption for the page ending at ord, for
// the nextLink query rest and the scope groups: ORD.MAC.
func (h *Handler) afterToken(rest string, groups []int64, ord int64) string {
	o := strconv.FormatInt(ord, 10)
	return o + "." + h.afterMAC(rest, groups, o)
}

// checkAfter returns the ord of a token afterToken made for rest and
// groups.
func (h *Handler) checkAfter(rest string, groups []int64, token string) (int64, bool) {
	o, mac, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(h.afterMAC(rest, groups, o))) {
		return 0, false
	}
	ord, err := strconv.ParseInt(o, 10, 64)
	return ord, err == nil && ord > 0
}

func (h *Handler) afterMAC(rest string, groups []int64, ord string) string {
	m := hmac.New(sha256.New, h.pagingKey[:])
	fmt.Fprintf(m, "%d\x00%s\x00%v\x00%s", len(rest), rest, groups, ord)
	return hex.EncodeToString(m.Sum(nil)[:16])
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
		x.notFound(id)
		return
	}
	x.writeEntity(raw)
}

package server

import (
	"container/list"
	"sync"

	"github.com/odatafilter/odatafilter/eval"
)

// programCacheSize is how many compiled queries a Handler keeps.
const programCacheSize = 256

// maxCachedQuery is the longest raw query the cache keeps, so that the
// cache holds at most programCacheSize × maxCachedQuery bytes of keys.
const maxCachedQuery = 4096

// compile compiles a raw query with the handler's clock and model, or
// finds it in the cache. Both results are cached: a Program is immutable,
// and so are the diagnostics of a query that does not compile.
func (h *Handler) compile(raw string) (*eval.Program, error) {
	if c, ok := h.programs.get(raw); ok {
		return c.p, c.err
	}
	p, err := eval.Compile(raw, eval.WithClock(h.opts.Clock), eval.WithModel(h.opts.Model))
	if len(raw) <= maxCachedQuery {
		h.programs.put(raw, compiled{p, err})
	}
	return p, err
}

// compiled is the result of compiling one query.
type compiled struct {
	p   *eval.Program
	err error
}

// programCache is a least-recently-used cache of compiled queries, keyed
// by the raw query string. It is safe for concurrent use.
type programCache struct {
	mu    sync.Mutex
	size  int
	order *list.List               // of *cacheEntry, most recent first
	index map[string]*list.Element // raw query → its element in order
}

type cacheEntry struct {
	raw string
	compiled
}

func newProgramCache(size int) *programCache {
	return &programCache{size: size, order: list.New(), index: map[string]*list.Element{}}
}

func (c *programCache) get(raw string) (compiled, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.index[raw]
	if !ok {
		return compiled{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).compiled, true
}

func (c *programCache) put(raw string, v compiled) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.index[raw]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.index[raw] = c.order.PushFront(&cacheEntry{raw, v})
	if c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.index, last.Value.(*cacheEntry).raw)
	}
}

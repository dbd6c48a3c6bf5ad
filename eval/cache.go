package eval

import "sync"

// MaxCachedLength is the longest query or filter text a Cache keeps: longer
// ones are compiled on every call, so that a cache of n entries holds at
// most n × MaxCachedLength bytes of keys.
const MaxCachedLength = 4096

// DefaultCacheBytes is the byte bound of a Cache made by NewCache: the
// sum of its programs' Cost. The largest program the default limits
// allow costs about 7 MB, so at least 9 of those fit.
const DefaultCacheBytes = 64 << 20

// Cache is a bounded, least-recently-used cache in front of Compile and
// CompileFilter, for callers that see the same few queries again and again
// (a server's request handler). It is keyed by the text and by which of the
// two entry points was called; the options are fixed when the cache is made,
// so every entry was compiled with them.
//
// Both outcomes are cached: the Program of a query that compiles, and the
// error of one that does not. Programs are immutable, so one Program may
// serve many callers at once; the diagnostics are shared as well and must
// not be modified.
//
// A Cache is safe for concurrent use. Two goroutines that miss on the same
// text at the same time may both compile it; the first result stored wins.
type Cache struct {
	opts     []Option
	max      int
	maxBytes int64

	bytes int64 // the Cost of the cached entries, guarded by mu

	mu      sync.Mutex
	entries map[cacheKey]*cacheEntry
	head    cacheEntry // sentinel of the recency list: head.next is the most recent
}

type cacheKey struct {
	text   string
	filter bool // CompileFilter rather than Compile
}

type cacheEntry struct {
	key        cacheKey
	prog       *Program
	err        error
	cost       int64
	prev, next *cacheEntry
}

// NewCache returns a cache that keeps at most size compiled queries (at
// least one), and at most DefaultCacheBytes of them (Program.Cost),
// compiling misses with opts.
func NewCache(size int, opts ...Option) *Cache {
	return NewCacheBytes(size, DefaultCacheBytes, opts...)
}

// NewCacheBytes is NewCache with a byte bound of its own: the cache keeps
// at most size queries whose Cost adds up to at most maxBytes, dropping
// the least recently used first. A program that costs more than maxBytes
// alone is not kept.
func NewCacheBytes(size int, maxBytes int64, opts ...Option) *Cache {
	size = max(size, 1)
	c := &Cache{opts: opts, max: size, maxBytes: maxBytes, entries: make(map[cacheKey]*cacheEntry, min(size, 1024))}
	c.head.prev, c.head.next = &c.head, &c.head
	return c
}

// Bytes returns the Cost of the cached queries, added up.
func (c *Cache) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// Compile is eval.Compile with the cache's options, answered from the cache
// when rawQuery was compiled before.
func (c *Cache) Compile(rawQuery string) (*Program, error) {
	return c.compile(cacheKey{text: rawQuery}, Compile)
}

// CompileFilter is eval.CompileFilter with the cache's options, answered
// from the cache when expr was compiled before.
func (c *Cache) CompileFilter(expr string) (*Program, error) {
	return c.compile(cacheKey{text: expr, filter: true}, CompileFilter)
}

// Len returns the number of cached queries.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *Cache) compile(k cacheKey, compile func(string, ...Option) (*Program, error)) (*Program, error) {
	if len(k.text) > MaxCachedLength {
		return compile(k.text, c.opts...)
	}
	c.mu.Lock()
	if e, ok := c.entries[k]; ok {
		c.toFront(e)
		c.mu.Unlock()
		return e.prog, e.err
	}
	c.mu.Unlock()

	p, err := compile(k.text, c.opts...)

	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[k]; ok { // another goroutine was quicker
		c.toFront(e)
		return e.prog, e.err
	}
	e := &cacheEntry{key: k, prog: p, err: err, cost: programBaseCost + int64(len(k.text))*textCost}
	if p != nil {
		e.cost = p.Cost()
	}
	if e.cost > c.maxBytes {
		return p, err
	}
	c.entries[k] = e
	c.bytes += e.cost
	c.link(e)
	for len(c.entries) > c.max || c.bytes > c.maxBytes {
		last := c.head.prev
		c.unlink(last)
		delete(c.entries, last.key)
		c.bytes -= last.cost
	}
	return p, err
}

// link puts e at the front of the recency list.
func (c *Cache) link(e *cacheEntry) {
	e.prev, e.next = &c.head, c.head.next
	e.prev.next, e.next.prev = e, e
}

func (c *Cache) unlink(e *cacheEntry) {
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
}

func (c *Cache) toFront(e *cacheEntry) {
	if c.head.next != e {
		c.unlink(e)
		c.link(e)
	}
}

// The estimate of a Program's memory (Program.Cost), measured with
// TestCacheStaysUnderItsByteBound: the parse tree, the checked types and
// the planned nodes of a query grow with its text (at most
// parser.Limits.MaxLength bytes), and a compiled regular expression with
// its program (at most parser.Limits.MaxPatternSize instructions, constant
// patterns together; a program that computes patterns may cache as many
// again).
const (
	programBaseCost = 4 << 10 // a Program with no filter, and its cache entry
	textCost        = 64      // per byte of query text (measured: at most 40)
	patternInstCost = 128     // per instruction of a compiled pattern (measured: about 50)
)

// Cost returns an estimate, in bytes, of the memory p holds: what a
// Cache counts against its byte bound.
func (p *Program) Cost() int64 { return p.cost }

package eval

import (
	"iter"
	"sync"
	"time"

	"github.com/odatafilter/odatafilter/ast"
	"github.com/odatafilter/odatafilter/parser"
	"github.com/odatafilter/odatafilter/schema"
)

// Program is a compiled query: a planned $filter and the $top and $skip to
// apply. It is immutable and safe for concurrent use.
type Program struct {
	checked *schema.Checked
	root    boolNode // nil when the query has no $filter
	test    pred     // whether root is true; true when there is no root
	match   pred     // Match's test: test, with a frame of its own when needed
	frame   bool     // root needs a frame: lambda variables or now()
	usesNow bool     // root calls now()
	vars    int      // lambda variable slots the frame needs
	clock   func() time.Time
	pool    sync.Pool
	steps   int64 // the work budget of one record in the Context methods; 0: DefaultMaxSteps
	cost    int64 // an estimate of the bytes the program holds (Cost)

	hasTop bool
	top    int64
	skip   int64
}

// Option configures compilation.
type Option func(*config)

type config struct {
	clock    func() time.Time
	model    *schema.Model
	limits   parser.Limits
	maxSteps int64
}

// WithClock sets the clock now() reads, once per Match, Apply or All call.
// The default is time.Now.
func WithClock(now func() time.Time) Option { return func(c *config) { c.clock = now } }

// WithModel sets the entity model to check against; the default is
// schema.Machines, the documented 2018 whitelist.
func WithModel(m *schema.Model) Option { return func(c *config) { c.model = m } }

// WithLimits sets the parser's input limits; the default is
// parser.DefaultLimits.
func WithLimits(l parser.Limits) Option { return func(c *config) { c.limits = l } }

func configure(opts []Option) config {
	c := config{clock: time.Now, model: schema.Machines}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Compile parses, checks and plans a raw query string, as in
// url.URL.RawQuery: "$filter=riskScore eq 'High'&$top=10". The error is
// ast.Diagnostics.
func Compile(rawQuery string, opts ...Option) (*Program, error) {
	c := configure(opts)
	q, err := (&parser.Parser{Limits: c.limits}).ParseQuery(rawQuery)
	if err != nil {
		return nil, err
	}
	checked, err := c.model.Check(q)
	if err != nil {
		return nil, err
	}
	return plan(checked, c)
}

// CompileFilter parses, checks and plans a bare $filter expression, taken
// as typed (no percent-decoding). The error is ast.Diagnostics.
func CompileFilter(expr string, opts ...Option) (*Program, error) {
	c := configure(opts)
	e, err := (&parser.Parser{Limits: c.limits}).ParseFilter(expr)
	if err != nil {
		return nil, err
	}
	checked, err := c.model.Check(&ast.Query{Text: expr, Filter: e})
	if err != nil {
		return nil, err
	}
	return plan(checked, c)
}

// New plans a query the caller has already parsed and checked.
func New(c *schema.Checked, opts ...Option) (*Program, error) {
	cfg := configure(opts)
	cfg.model = c.Model
	return plan(c, cfg)
}

// Checked returns the checked query the program was planned from.
func (p *Program) Checked() *schema.Checked { return p.checked }

// Top returns $top and whether the query gave it.
func (p *Program) Top() (int64, bool) { return p.top, p.hasTop }

// Skip returns $skip, 0 when the query did not give it.
func (p *Program) Skip() int64 { return p.skip }

// frame is the per-call state of an evaluation: the value of now() and the
// values of the lambda range variables in force.
type frame struct {
	now  schema.DateTimeOffset
	vars []string
	b    *budget // nil outside the Context methods
	bv   budget  // what b points to: a pooled frame brings its budget along
}

func (p *Program) getFrame() *frame {
	f, _ := p.pool.Get().(*frame)
	if f == nil {
		f = &frame{vars: make([]string, p.vars)}
	}
	if p.usesNow {
		f.now = schema.DateTimeOffsetOf(p.clock())
	}
	return f
}

func (p *Program) putFrame(f *frame) {
	clear(f.vars) // do not keep records' strings alive
	f.b, f.bv = nil, budget{}
	p.pool.Put(f)
}

// Match reports whether the filter is true for m. A query without $filter
// matches every record. $top and $skip do not apply.
func (p *Program) Match(m *schema.Machine) bool {
	// Small enough to be inlined: the caller's loop makes one call, to the
	// compiled filter.
	return p.match(m, nil)
}

// matchFrame is Match for a filter that needs a frame.
func (p *Program) matchFrame(m *schema.Machine, _ *frame) bool {
	f := p.getFrame()
	ok := p.test(m, f)
	p.putFrame(f)
	return ok
}

// Apply returns the records the query selects: those that match, less the
// first $skip of them, at most $top, in their original order. The result
// shares no memory with ms.
func (p *Program) Apply(ms []schema.Machine) []schema.Machine {
	var out []schema.Machine
	for m := range p.All(func(yield func(*schema.Machine) bool) {
		for i := range ms {
			if !yield(&ms[i]) {
				return
			}
		}
	}) {
		out = append(out, *m)
	}
	return out
}

// All filters a stream of records, then skips $skip of the matches and
// yields at most $top. now() is read once for the whole stream.
func (p *Program) All(seq iter.Seq[*schema.Machine]) iter.Seq[*schema.Machine] {
	return func(yield func(*schema.Machine) bool) {
		if p.hasTop && p.top == 0 {
			return
		}
		var f *frame
		if p.frame {
			f = p.getFrame()
			defer p.putFrame(f)
		}
		skip, n := p.skip, int64(0)
		for m := range seq {
			if !p.test(m, f) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			if !yield(m) {
				return
			}
			n++
			if p.hasTop && n >= p.top {
				return
			}
		}
	}
}

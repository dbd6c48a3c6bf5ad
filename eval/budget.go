package eval

import (
	"context"
	"fmt"
	"iter"
	"math"

	"github.com/odatafilter/odatafilter/schema"
)

// DefaultMaxSteps is the default work budget of one record's evaluation
// in MatchContext, AllContext and ApplyContext: about 0.1 s of work on one
// core (a step is one element of a lambda's collection, one byte of a
// string built by concat, tolower, toupper or trim, or one byte of a
// regular expression's subject times its program size over 32; each
// about 10 ns).
const DefaultMaxSteps = 10_000_000

// WithMaxSteps sets the work budget of one record's evaluation in the
// Context methods (MatchContext, AllContext, ApplyContext). Zero means
// DefaultMaxSteps; a negative n means no budget (the context still
// applies). Match, Apply and All have no budget: they are for filters and
// records the caller trusts.
func WithMaxSteps(n int64) Option { return func(c *config) { c.maxSteps = n } }

// BudgetError is the error of an evaluation that needed more than its
// budget of steps for one record (see WithMaxSteps).
type BudgetError struct {
	Steps int64 // the budget
}

// Error says what the budget was.
func (e *BudgetError) Error() string {
	return fmt.Sprintf("the filter needs more than %d steps of work for one record, the limit", e.Steps)
}

// checkEvery is how many steps an evaluation takes between two looks at
// its context.
const checkEvery = 4096

// budget is the allowance of one Context call: the steps left for the
// current record, and the context, looked at every checkEvery steps. Once
// spent (or the context ends), err is set and every node returns at once.
type budget struct {
	ctx   context.Context
	max   int64 // steps per record; math.MaxInt64 for none
	left  int64
	tick  int64
	err   error
	limit int64 // the budget as configured, for BudgetError
}

// setBudget gives f a fresh budget.
func (f *frame) setBudget(ctx context.Context, maxSteps int64) *budget {
	f.bv = budget{ctx: ctx, max: maxSteps, limit: maxSteps, tick: checkEvery}
	if maxSteps < 0 {
		f.bv.max = math.MaxInt64
	}
	f.bv.left = f.bv.max
	f.b = &f.bv
	return f.b
}

// record starts the budget of the next record, and counts one step for it.
func (b *budget) record() bool {
	b.left = b.max
	return b.spend(1)
}

// spend takes n steps; true means the evaluation must stop (b.err says why).
func (b *budget) spend(n int64) bool {
	if b.err != nil {
		return true
	}
	if b.left -= n; b.left < 0 {
		b.err = &BudgetError{Steps: b.limit}
		return true
	}
	if b.tick -= n; b.tick <= 0 {
		b.tick = checkEvery
		if err := b.ctx.Err(); err != nil {
			b.err = err
			return true
		}
	}
	return false
}

// spend takes n steps from f's budget, if it has one; true means stop.
func (f *frame) spend(n int) bool {
	return f != nil && f.b != nil && f.b.spend(int64(n))
}

// stopped reports whether f's evaluation has been cut off.
func (f *frame) stopped() bool { return f != nil && f.b != nil && f.b.err != nil }

func (p *Program) maxSteps() int64 {
	if p.steps == 0 {
		return DefaultMaxSteps
	}
	return p.steps
}

// MatchContext is Match within a budget: it returns ctx's error when ctx
// ends during the evaluation, and a *BudgetError when the record needs
// more steps than the budget (WithMaxSteps). ctx is looked at during the
// evaluation, not only before it, so a long evaluation stops soon after
// ctx ends.
func (p *Program) MatchContext(ctx context.Context, m *schema.Machine) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	f := p.getFrame()
	defer p.putFrame(f)
	f.setBudget(ctx, p.maxSteps())
	ok := p.test(m, f)
	if f.b.err != nil {
		return false, f.b.err
	}
	return ok, nil
}

// AllContext is All within a budget: it yields the selected records with
// a nil error, and when ctx ends or a record needs more steps than the
// budget (a *BudgetError), it yields a nil record and that error and
// stops. Each record has its own budget; ctx is looked at during each
// evaluation and between records.
func (p *Program) AllContext(ctx context.Context, seq iter.Seq[*schema.Machine]) iter.Seq2[*schema.Machine, error] {
	return func(yield func(*schema.Machine, error) bool) {
		if p.hasTop && p.top == 0 {
			return
		}
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		f := p.getFrame()
		defer p.putFrame(f)
		b := f.setBudget(ctx, p.maxSteps())
		skip, n := p.skip, int64(0)
		for m := range seq {
			if b.record() {
				break
			}
			ok := p.test(m, f)
			if b.err != nil {
				break
			}
			if !ok {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			if !yield(m, nil) {
				return
			}
			n++
			if p.hasTop && n >= p.top {
				return
			}
		}
		if b.err != nil {
			yield(nil, b.err)
		}
	}
}

// ApplyContext is Apply within a budget: see AllContext. On an error it
// returns no records.
func (p *Program) ApplyContext(ctx context.Context, ms []schema.Machine) ([]schema.Machine, error) {
	var out []schema.Machine
	seq := func(yield func(*schema.Machine) bool) {
		for i := range ms {
			if !yield(&ms[i]) {
				return
			}
		}
	}
	for m, err := range p.AllContext(ctx, seq) {
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
	}
	return out, nil
}

package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/odatafilter/odatafilter/eval"
	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// QueryOptions narrow a Query beyond its program.
type QueryOptions struct {
	// Groups, when not nil, is the caller's scope: only machines whose
	// rbacGroupId is one of these are seen (a machine with a null
	// rbacGroupId is in none; an empty, non-nil list sees nothing). The
	// scope is part of the SQL, applied before the filter, $skip and
	// $top, so no filter can widen it. Nil sees every machine.
	Groups []int64

	// After, when positive, starts after the record with this ord
	// (keyset paging: pass the last Match.Ord of the previous page).
	// $skip then counts from there.
	After int64

	// Limit, when positive, is the most records the query yields, below
	// $top: a server asks one more than a page to learn whether another
	// page follows.
	Limit int64

	// Now is what now() reads in the SQL. Zero: the time the query
	// starts. The records the SQL leaves to the evaluator are matched
	// with the program's own clock (eval.WithClock): compile the program
	// with a fixed clock and pass the same instant here when the filter
	// calls now() and both must agree to the nanosecond.
	Now time.Time
}

// Match is one record a Query selects.
type Match struct {
	Ord int64  // its position in the store's export order
	Raw []byte // its exact input bytes; the caller's to keep
}

// residualChunk bounds how many candidate records one statement fetches
// when the evaluator re-checks them: the records wait in memory, and the
// statement ends (its connection returns to the pool) before they are
// matched. Chunks start small, for a $top that is met soon, and grow.
const (
	firstChunk = 256
	maxChunk   = 4096
)

// Query runs prog over the stored records and yields the ones it selects,
// in export order: the filter, then $skip, then $top, as eval's Program.All
// applies them to the export. When sqlfilter translates the filter exactly,
// the database does it all (WHERE, ORDER BY ord, LIMIT and OFFSET). When
// not, the database yields the candidates of a looser condition, in ord
// order and in chunks, and each is decoded and re-checked with
// prog.AllContext, which then applies $skip and $top and stops early: the
// answer is the evaluator's either way. The re-check has prog's work
// budget (eval.WithMaxSteps): a record over it ends the query with the
// *eval.BudgetError, wrapped in a *RecordError naming the record.
//
// Once ctx is done the query stops, within a record's evaluation too,
// and yields ctx's error. An error is yielded once, with a zero Match,
// and ends the sequence.
func (s *Store) Query(ctx context.Context, prog *eval.Program, opts QueryOptions) iter.Seq2[Match, error] {
	return func(yield func(Match, error) bool) {
		if prog == nil {
			yield(Match{}, errNoProgram)
			return
		}
		top, hasTop := prog.Top()
		if hasTop && top == 0 || opts.Limit < 0 {
			return
		}
		if opts.Now.IsZero() {
			opts.Now = time.Now()
		}
		tr, err := sqlfilter.Translate(prog.Checked(), s.dialect)
		if err != nil {
			yield(Match{}, err)
			return
		}
		if tr.Exact() {
			s.queryExact(ctx, prog, tr, opts, yield)
			return
		}
		s.queryResidual(ctx, prog, tr, opts, yield)
	}
}

var errNoProgram = errors.New("sqlstore: no program (nil *eval.Program); eval.Compile(\"\") selects every record")

// statement is the SELECT of a query: the candidates after ord after, at
// most limit (0: no limit) after skipping skip.
func (s *Store) statement(tr *sqlfilter.Translation, opts QueryOptions, after, limit, skip int64) (string, []any) {
	a := sqlfilter.NewArgs(s.dialect)
	var b strings.Builder
	b.WriteString("SELECT m.ord, m.raw FROM " + sqlfilter.MachinesTable + " " + sqlfilter.M + "\nWHERE ")
	if opts.Groups != nil {
		b.WriteString(inList(a, "m.rbac_group_id", opts.Groups) + "\n  AND ")
	}
	if after > 0 {
		b.WriteString("m.ord > " + a.Bind(after) + "\n  AND ")
	}
	b.WriteString("(" + tr.Where(a, opts.Now) + ")\nORDER BY m.ord")
	switch {
	case limit > 0:
		b.WriteString(" LIMIT " + a.Bind(limit))
	case skip > 0 && s.dialect == sqlfilter.SQLite:
		b.WriteString(" LIMIT -1") // SQLite has no OFFSET without LIMIT
	}
	if skip > 0 {
		b.WriteString(" OFFSET " + a.Bind(skip))
	}
	return b.String(), a.Values()
}

// limits are the LIMIT and OFFSET of an exact query.
func limits(prog *eval.Program, opts QueryOptions) (limit, skip int64) {
	if top, ok := prog.Top(); ok {
		limit = top
	}
	if opts.Limit > 0 && (limit == 0 || opts.Limit < limit) {
		limit = opts.Limit
	}
	return limit, prog.Skip()
}

// queryExact runs a query the SQL decides whole.
func (s *Store) queryExact(ctx context.Context, prog *eval.Program, tr *sqlfilter.Translation, opts QueryOptions, yield func(Match, error) bool) {
	limit, skip := limits(prog, opts)
	q, args := s.statement(tr, opts, opts.After, limit, skip)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		yield(Match{}, s.queryError(ctx, err))
		return
	}
	defer rows.Close()
	for rows.Next() {
		// The driver may have the rest of the rows buffered already, and
		// then a canceled context would not end them: check it each row.
		if err := ctx.Err(); err != nil {
			yield(Match{}, err)
			return
		}
		var m Match
		if err := rows.Scan(&m.Ord, &m.Raw); err != nil {
			yield(Match{}, s.queryError(ctx, err))
			return
		}
		if !yield(m, nil) {
			return
		}
	}
	if err := rows.Err(); err != nil {
		yield(Match{}, s.queryError(ctx, err))
	}
}

// queryResidual fetches the candidates in chunks, in ord order, and lets
// the evaluator decide each, skip and take.
func (s *Store) queryResidual(ctx context.Context, prog *eval.Program, tr *sqlfilter.Translation, opts QueryOptions, yield func(Match, error) bool) {
	fields := schema.AllFields
	if c := prog.Checked(); c != nil {
		fields = schema.ProjectionOf(c.FieldsRead())
	}
	var (
		dbErr error
		cur   Match // the candidate the evaluator has
		m     schema.Machine
	)
	candidates := func(yield func(*schema.Machine) bool) {
		after, chunk := opts.After, int64(firstChunk)
		for {
			q, args := s.statement(tr, opts, after, chunk, 0)
			batch, err := s.fetch(ctx, q, args)
			if err != nil {
				dbErr = err
				return
			}
			for _, c := range batch {
				m = schema.Machine{}
				if err := fields.Unmarshal(c.Raw, &m); err != nil {
					dbErr = &RecordError{Ord: c.Ord, Err: err}
					return
				}
				cur = c
				if !yield(&m) {
					return
				}
			}
			if int64(len(batch)) < chunk {
				return
			}
			after = batch[len(batch)-1].Ord
			chunk = min(2*chunk, maxChunk)
		}
	}
	n := int64(0)
	for _, err := range prog.AllContext(ctx, candidates) {
		if err != nil {
			if be := (*eval.BudgetError)(nil); errors.As(err, &be) {
				err = &RecordError{Ord: cur.Ord, Err: err}
			}
			yield(Match{}, err)
			return
		}
		if !yield(cur, nil) {
			return
		}
		if n++; opts.Limit > 0 && n >= opts.Limit {
			return
		}
	}
	if dbErr != nil {
		yield(Match{}, dbErr)
	}
}

// fetch runs a candidates statement and returns its rows.
func (s *Store) fetch(ctx context.Context, q string, args []any) ([]Match, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.queryError(ctx, err)
	}
	defer rows.Close()
	var out []Match
	for rows.Next() {
		var m Match
		if err := rows.Scan(&m.Ord, &m.Raw); err != nil {
			return nil, s.queryError(ctx, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, s.queryError(ctx, err)
	}
	return out, nil
}

// queryError is ctx's error when ctx ended (the drivers word it each
// their own way), else the database's, saying which database.
func (s *Store) queryError(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return fmt.Errorf("querying %s: %w", s.where, err)
}

// RecordError is the error of one stored record a Query could not decide:
// it needs more work than the program's budget (Err is the
// *eval.BudgetError), or its stored bytes do not decode.
type RecordError struct {
	Ord int64 // the record's ord
	Err error
}

// Error returns "stored record ORD: ERR".
func (e *RecordError) Error() string { return fmt.Sprintf("stored record %d: %v", e.Ord, e.Err) }

// Unwrap returns Err.
func (e *RecordError) Unwrap() error { return e.Err }

// Get returns the exact bytes of the first record, in export order, whose
// id is id (exactly, case-sensitively) and which is in the scope groups
// (as QueryOptions.Groups: nil is every machine). found is false when
// there is none.
func (s *Store) Get(ctx context.Context, id string, groups []int64) (raw []byte, found bool, err error) {
	a := sqlfilter.NewArgs(s.dialect)
	q := "SELECT m.raw FROM " + sqlfilter.MachinesTable + " m WHERE m.id = " + a.Bind(id)
	if groups != nil {
		q += " AND " + inList(a, "m.rbac_group_id", groups)
	}
	q += " ORDER BY m.ord LIMIT 1"
	rows, err := s.db.QueryContext(ctx, q, a.Values()...)
	if err != nil {
		return nil, false, s.queryError(ctx, err)
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&raw); err != nil {
			return nil, false, s.queryError(ctx, err)
		}
		return raw, true, nil
	}
	if err := rows.Err(); err != nil {
		return nil, false, s.queryError(ctx, err)
	}
	return nil, false, nil
}

// Count returns the number of stored machines in the scope groups (as
// QueryOptions.Groups: nil is every machine).
func (s *Store) Count(ctx context.Context, groups []int64) (int64, error) {
	a := sqlfilter.NewArgs(s.dialect)
	q := "SELECT count(*) FROM " + sqlfilter.MachinesTable + " m"
	if groups != nil {
		q += " WHERE " + inList(a, "m.rbac_group_id", groups)
	}
	var n int64
	if err := s.db.QueryRowContext(ctx, q, a.Values()...).Scan(&n); err != nil {
		return 0, s.queryError(ctx, err)
	}
	return n, nil
}

// Plan is what a Query runs, for --explain.
type Plan struct {
	SQL      string   // the statement, with placeholders
	Args     []any    // its bound arguments, in order
	Exact    bool     // the SQL decides the filter, $skip and $top whole
	Residual []string // the parts of the filter the evaluator decides on each candidate, canonical form
}

// Explain returns the statement Query runs for prog with opts: with a
// residual, the first chunk's (the next ones continue after the last ord
// fetched, each twice as long, up to 4096). now() is bound to opts.Now
// (zero: the present).
func (s *Store) Explain(prog *eval.Program, opts QueryOptions) (Plan, error) {
	if prog == nil {
		return Plan{}, errNoProgram
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	tr, err := sqlfilter.Translate(prog.Checked(), s.dialect)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Exact: tr.Exact(), Residual: tr.Residual()}
	if p.Exact {
		limit, skip := limits(prog, opts)
		p.SQL, p.Args = s.statement(tr, opts, opts.After, limit, skip)
	} else {
		p.SQL, p.Args = s.statement(tr, opts, opts.After, firstChunk, 0)
	}
	return p, nil
}

// inList is the condition that col is one of vals: col IN (?, …) in
// SQLite, col = ANY($n) in PostgreSQL (one argument however many values),
// FALSE when vals is empty.
func inList[T string | int64](a *sqlfilter.Args, col string, vals []T) string {
	if len(vals) == 0 {
		return "FALSE"
	}
	if a.Dialect() == sqlfilter.PostgreSQL {
		return col + " = ANY(" + a.Bind(vals) + ")"
	}
	marks := make([]string, len(vals))
	for i, v := range vals {
		marks[i] = a.Bind(v)
	}
	return col + " IN (" + strings.Join(marks, ", ") + ")"
}

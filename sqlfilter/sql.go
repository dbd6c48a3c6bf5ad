package sqlfilter

import (
	"errors"
	"strings"
	"time"
)

func errDialect(d Dialect) error { return errors.New("sqlfilter: unknown dialect " + d.String()) }

// render is the state of one rendering of a translation: the statement's
// arguments and the instant now() reads.
type render struct {
	a   *Args
	d   Dialect
	now time.Time
}

// frag is a piece of SQL, written when the statement is rendered, since
// its values are bound then.
type frag func(r *render) string

// text is a fixed piece of SQL (keywords, column names from the layout).
func text(s string) frag { return func(*render) string { return s } }

// bindString binds s as a text value.
func bindString(s string) frag {
	return func(r *render) string {
		p := r.a.Bind(s)
		if r.d == PostgreSQL {
			return "CAST(" + p + " AS text)"
		}
		return p
	}
}

// bindInt binds n as an integer value.
func bindInt(n int64) frag {
	return func(r *render) string {
		p := r.a.Bind(n)
		if r.d == PostgreSQL {
			return "CAST(" + p + " AS bigint)"
		}
		return p
	}
}

// join writes the pieces one after another.
func join(fs ...frag) frag {
	return func(r *render) string {
		var b strings.Builder
		for _, f := range fs {
			b.WriteString(f(r))
		}
		return b.String()
	}
}

// dialectFrag writes sqlite in SQLite and pg in PostgreSQL.
func dialectFrag(sqlite, pg frag) frag {
	return func(r *render) string {
		if r.d == PostgreSQL {
			return pg(r)
		}
		return sqlite(r)
	}
}

// bexp is an SQL Boolean whose value may be known at translation time, so
// that AND and OR fold constants away and leaves stay plain, sargable
// comparisons.
type bexp struct {
	k int8 // 1 TRUE, -1 FALSE, 0 unknown (in f)
	f frag
}

var (
	sqlTrue  = bexp{k: 1}
	sqlFalse = bexp{k: -1}
)

func bx(f frag) bexp { return bexp{f: f} }

func (b bexp) render(r *render) string {
	switch b.k {
	case 1:
		return "TRUE"
	case -1:
		return "FALSE"
	}
	return b.f(r)
}

// and is the SQL conjunction of bs, with constants folded.
func and(bs ...bexp) bexp { return connect(" AND ", 1, bs) }

// or is the SQL disjunction of bs, with constants folded.
func or(bs ...bexp) bexp { return connect(" OR ", -1, bs) }

// connect joins bs with op, whose unit (the value that changes nothing)
// is unit; the other constant decides the whole.
func connect(op string, unit int8, bs []bexp) bexp {
	var keep []bexp
	for _, b := range bs {
		switch b.k {
		case unit:
			continue
		case -unit:
			return bexp{k: -unit}
		}
		keep = append(keep, b)
	}
	switch len(keep) {
	case 0:
		return bexp{k: unit}
	case 1:
		return keep[0]
	}
	return bx(func(r *render) string {
		parts := make([]string, len(keep))
		for i, b := range keep {
			parts[i] = "(" + b.f(r) + ")"
		}
		return strings.Join(parts, op)
	})
}

// isNotTrue is b IS NOT TRUE: true when b is false or null.
func isNotTrue(b bexp) bexp {
	switch b.k {
	case 1:
		return sqlFalse
	case -1:
		return sqlTrue
	}
	return bx(join(text("("), b.f, text(") IS NOT TRUE")))
}

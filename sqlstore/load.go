package sqlstore

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/odatafilter/odatafilter/records"
	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// LoadStats says what a Load did.
type LoadStats struct {
	Read       int64         // records read from the input
	Loaded     int64         // records stored
	Duplicates int64         // records skipped: their id was already stored before the Load began
	WithoutID  int64         // records stored that have no id (null or missing): nothing identifies them, so a reload stores them again
	NextLink   string        // the input's @odata.nextLink: it was one page of a longer list
	Elapsed    time.Duration // the whole Load, ANALYZE included
}

// loadBatch is how many records wait for their ids to be looked up and
// their rows written together (see writer).
const loadBatch = 500

// Load reads a machine list from r (any format package records reads: a
// Defender response document, a JSON array, NDJSON) and stores its
// records after those already stored, in one transaction: all of them, or
// none when it fails. Each record's exact bytes are kept for output; the
// typed columns come from schema's decoder, the evaluator's own.
//
// Load is idempotent by id: a record whose id was already stored before
// the Load began is skipped and counted in Duplicates, so loading the same
// export twice leaves one copy. Records of the one input that share an id
// are all stored, as "odatafilter query FILE" keeps them all (ids are not
// unique in merged exports); "odatafilter query --db" then answers as
// "odatafilter query FILE" does. A record without id is stored each time
// (counted in WithoutID). Ords continue after the largest stored one.
//
// A record that is malformed or does not decode as a machine, and a
// record holding U+0000 in a filterable string (PostgreSQL text cannot
// hold it, and SQLite's string functions stop at it), is a
// *records.Error naming the record; nothing is stored then. After the
// transaction, the tables are analyzed (ANALYZE) so the planner knows
// their size. Load takes the database's write lock (SQLite) or a lock on
// the machines table that other writers wait for (PostgreSQL); queries go
// on meanwhile and see the records once the Load commits.
func (s *Store) Load(ctx context.Context, r io.Reader) (LoadStats, error) {
	start := time.Now()
	var st LoadStats
	err := s.write(ctx, func(w writer) error {
		before, err := w.maxOrd(ctx) // the largest ord stored before this Load
		if err != nil {
			return err
		}
		l := &loader{ctx: ctx, w: w, before: before, ord: before, st: &st}
		rd := records.NewReader(r)
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			rec, err := rd.Next()
			if err == io.EOF {
				st.NextLink = rd.NextLink()
				break
			}
			if err != nil {
				return err
			}
			st.Read++
			if err := l.add(rec); err != nil {
				return err
			}
		}
		if err := l.flush(); err != nil {
			return err
		}
		return w.commit(ctx)
	})
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			err = cerr // the drivers word a canceled statement each their own way
		}
		return st, err
	}
	if st.Loaded > 0 {
		if err := s.analyze(ctx); err != nil {
			return st, err
		}
	}
	st.Elapsed = time.Since(start)
	return st, nil
}

// analyze refreshes the planner's statistics.
func (s *Store) analyze(ctx context.Context) error {
	stmts := []string{"ANALYZE"}
	if s.dialect == sqlfilter.PostgreSQL {
		// Not raw: the planner never filters on it, and sampling its
		// kilobytes a row is most of ANALYZE's time.
		cols := strings.Join(slices.DeleteFunc(slices.Clone(sqlfilter.Columns), func(c string) bool { return c == "raw" }), ", ")
		stmts = []string{"ANALYZE " + sqlfilter.MachinesTable + " (" + cols + ")", "ANALYZE " + sqlfilter.TagsTable}
	}
	for _, q := range stmts {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("analyzing the tables: %w", err)
		}
	}
	return nil
}

// loader is one Load's state: the batch of records waiting for their
// INSERT.
type loader struct {
	ctx    context.Context
	w      writer
	before int64 // records at or below this ord were stored before the Load
	ord    int64 // the last ord handed out
	st     *LoadStats

	batch []pending
	m     schema.Machine
}

// pending is a decoded record waiting in a batch.
type pending struct {
	id   string
	row  []any
	tags [][]any
}

// add decodes rec and queues it.
func (l *loader) add(rec records.Record) error {
	l.m = schema.Machine{}
	if err := schema.AllFields.UnmarshalMembers(rec.Raw, rec.Members, &l.m); err != nil {
		return records.DecodeError(rec, err)
	}
	if field := nulField(&l.m); field != "" {
		return &records.Error{Index: rec.Index, Offset: rec.Offset,
			Msg: "field " + field + " holds the character U+0000, which the database cannot store or compare (PostgreSQL text cannot hold it)"}
	}
	raw := append([]byte(nil), rec.Raw...) // rec.Raw is the reader's until its next Next
	p := pending{row: sqlfilter.Row(0, &l.m, raw)}
	if l.m.ID.Valid {
		p.id = l.m.ID.V
	}
	p.tags = sqlfilter.TagRows(0, &l.m)
	l.batch = append(l.batch, p)
	if len(l.batch) == loadBatch {
		return l.flush()
	}
	return nil
}

// nulField names the first filterable string field of m that holds U+0000,
// or returns "".
func nulField(m *schema.Machine) string {
	for _, f := range []struct {
		name string
		v    schema.NullString
	}{
		{"id", m.ID}, {"computerDnsName", m.ComputerDNSName}, {"lastIpAddress", m.LastIPAddress},
		{"osPlatform", m.OSPlatform}, {"version", m.Version}, {"aadDeviceId", m.AADDeviceID},
		{"onboardingStatus", m.OnboardingStatus},
	} {
		if f.v.Valid && strings.IndexByte(f.v.V, 0) >= 0 {
			return f.name
		}
	}
	for i, t := range m.MachineTags {
		if strings.IndexByte(t, 0) >= 0 {
			return fmt.Sprintf("machineTags[%d]", i)
		}
	}
	return ""
}

// flush stores the batch: it drops the records whose id was stored before
// the Load, hands out ords, and inserts the rest and their tags.
func (l *loader) flush() error {
	if len(l.batch) == 0 {
		return nil
	}
	stored, err := l.storedIDs()
	if err != nil {
		return err
	}
	var rows, tags [][]any
	for _, p := range l.batch {
		if p.id != "" && stored[p.id] {
			l.st.Duplicates++
			continue
		}
		l.ord++
		p.row[0] = l.ord
		rows = append(rows, p.row)
		for _, t := range p.tags {
			t[0] = l.ord
			tags = append(tags, t)
		}
		if p.id == "" {
			l.st.WithoutID++
		}
	}
	l.batch = l.batch[:0]
	if err := l.insert(sqlfilter.MachinesTable, sqlfilter.Columns, rows); err != nil {
		return err
	}
	l.st.Loaded += int64(len(rows))
	return l.insert(sqlfilter.TagsTable, sqlfilter.TagColumns, tags)
}

// storedIDs returns which ids of the batch were stored before the Load.
func (l *loader) storedIDs() (map[string]bool, error) {
	var ids []string
	for _, p := range l.batch {
		if p.id != "" {
			ids = append(ids, p.id)
		}
	}
	if len(ids) == 0 || l.before == 0 {
		return nil, nil
	}
	return l.w.storedIDs(l.ctx, l.before, ids)
}

// insert adds rows to table.
func (l *loader) insert(table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if err := l.w.insert(l.ctx, table, cols, rows); err != nil {
		return fmt.Errorf("storing records: %w", err)
	}
	return nil
}

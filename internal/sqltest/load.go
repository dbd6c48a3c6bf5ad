package sqltest

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// Load creates sqlfilter's layout in db, written in dialect d, and inserts
// ms in order (the ord of ms[i] is i), each with its JSON encoding as its
// raw bytes, in one transaction; then it analyzes the tables. It is the
// tests' loader, not the store's: it trusts its input.
func Load(t testing.TB, db *sql.DB, d sqlfilter.Dialect, ms []schema.Machine) {
	t.Helper()
	for _, stmt := range sqlfilter.Schema(d) {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%v\n%s", err, stmt)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const batch = 100
	var rows, tags [][]any
	flush := func() {
		insertRows(t, tx, d, sqlfilter.MachinesTable, sqlfilter.Columns, rows)
		insertRows(t, tx, d, sqlfilter.TagsTable, sqlfilter.TagColumns, tags)
		rows, tags = rows[:0], tags[:0]
	}
	for i := range ms {
		raw, err := ms[i].MarshalJSON()
		if err != nil {
			t.Fatalf("machine %d: %v", i, err)
		}
		rows = append(rows, sqlfilter.Row(int64(i), &ms[i], raw))
		tags = append(tags, sqlfilter.TagRows(int64(i), &ms[i])...)
		if len(rows) == batch {
			flush()
		}
	}
	flush()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("ANALYZE"); err != nil {
		t.Fatal(err)
	}
}

// insertRows inserts rows into table with one multi-row INSERT.
func insertRows(t testing.TB, tx *sql.Tx, d sqlfilter.Dialect, table string, cols []string, rows [][]any) {
	t.Helper()
	if len(rows) == 0 {
		return
	}
	a := sqlfilter.NewArgs(d)
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(")
		for j, v := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(a.Bind(v))
		}
		b.WriteString(")")
	}
	if _, err := tx.Exec(b.String(), a.Values()...); err != nil {
		t.Fatalf("insert into %s: %v", table, err)
	}
}

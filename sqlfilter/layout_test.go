package sqlfilter_test

import (
	"testing"

	"github.com/odatafilter/odatafilter/internal/sqltest"

	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// TestLayout creates the layout in each dialect and stores a record and its
// tags through Row and TagRows.
func TestLayout(t *testing.T) {
	m := schema.Machine{
		ID:          schema.StringValue("1e5bc9d7e413ddd7902c2932e418702b84d0cc07"),
		RiskScore:   schema.RiskScore(5),
		RBACGroupID: schema.Int64Value(140),
		MachineTags: []string{"a", "b"},
	}
	var err error
	m.LastSeen, err = schema.ParseDateTimeOffset("2024-12-31T23:30:00-02:00")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []sqlfilter.Dialect{sqlfilter.SQLite, sqlfilter.PostgreSQL} {
		t.Run(d.String(), func(t *testing.T) {
			db := sqltest.OpenSQLite(t)
			if d == sqlfilter.PostgreSQL {
				db = sqltest.OpenPostgres(t)
			}
			for _, stmt := range sqlfilter.Schema(d) {
				if _, err := db.Exec(stmt); err != nil {
					t.Fatalf("%v\n%s", err, stmt)
				}
			}
			insert := func(table string, cols []string, row []any) {
				a := sqlfilter.NewArgs(d)
				marks := ""
				for i := range row {
					if i > 0 {
						marks += ", "
					}
					marks += a.Bind(row[i])
				}
				stmt := "INSERT INTO " + table + " VALUES (" + marks + ")"
				if _, err := db.Exec(stmt, a.Values()...); err != nil {
					t.Fatalf("%v\n%s", err, stmt)
				}
			}
			insert(sqlfilter.MachinesTable, sqlfilter.Columns, sqlfilter.Row(7, &m, []byte(`{"id":"x"}`)))
			for _, row := range sqlfilter.TagRows(7, &m) {
				insert(sqlfilter.TagsTable, sqlfilter.TagColumns, row)
			}
			var ymd, risk int64
			var raw []byte
			if err := db.QueryRow("SELECT ls_ymd, risk_score, raw FROM machines WHERE ord = 7").Scan(&ymd, &risk, &raw); err != nil {
				t.Fatal(err)
			}
			if ymd != 20241231 || risk != 5 || string(raw) != `{"id":"x"}` {
				t.Errorf("got ls_ymd %d, risk_score %d, raw %s; want 20241231, 5, {\"id\":\"x\"}", ymd, risk, raw)
			}
			var n int
			if err := db.QueryRow("SELECT count(*) FROM machine_tags WHERE tag = 'b' AND ord = 7").Scan(&n); err != nil || n != 1 {
				t.Errorf("tag b: %d rows, %v", n, err)
			}
		})
	}
}

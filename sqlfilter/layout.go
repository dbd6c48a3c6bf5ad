package sqlfilter

import (
	"strings"

	"github.com/odatafilter/odatafilter/schema"
)

// The table layout. Translated SQL reads the machines table under the alias
// M (FROM machines m) and the tags table under aliases of its own.
const (
	MachinesTable = "machines"     // one row a record, in export order
	TagsTable     = "machine_tags" // one row a machineTags element
	M             = "m"            // the alias of MachinesTable in a query
)

// Columns are the columns of MachinesTable, in the order of Row's values.
//
//   - ord: the record's position in the export order, unique; every query
//     orders by it.
//   - the filterable fields of both models as typed columns (strings as
//     text, enums as their ordinals, rbacGroupId as an integer);
//     aad_device_id holds the GUID as written.
//   - lastSeen as ls_sec, ls_nsec (the instant: UTC Unix seconds and
//     nanoseconds), ls_off (the offset in minutes), ls_ymd (the date as
//     written in that offset, year*10000+month*100+day, which orders dates
//     for any year) and ls_sod (seconds of that day); all NULL together.
//   - raw: the record's exact input bytes, for byte-for-byte output.
var Columns = []string{
	"ord", "id", "computer_dns_name", "last_ip_address", "os_platform",
	"health_status", "risk_score", "rbac_group_id",
	"ls_sec", "ls_nsec", "ls_off", "ls_ymd", "ls_sod",
	"version", "device_value", "aad_device_id", "exposure_level", "onboarding_status",
	"raw",
}

// TagColumns are the columns of TagsTable, in the order of TagRows' values:
// the record's ord, the element's position, and the tag.
var TagColumns = []string{"ord", "pos", "tag"}

// Schema returns the statements that create the layout and its indexes in
// d, each safe to run again (IF NOT EXISTS).
func Schema(d Dialect) []string {
	integer, small, text, blob, strict := "INTEGER", "INTEGER", "TEXT", "BLOB", " STRICT"
	if d == PostgreSQL {
		integer, small, text, blob, strict = "BIGINT", "SMALLINT", `TEXT COLLATE "C"`, "BYTEA", ""
	}
	machines := "CREATE TABLE IF NOT EXISTS " + MachinesTable + " (\n" +
		"  ord " + integer + " PRIMARY KEY,\n" +
		"  id " + text + ",\n" +
		"  computer_dns_name " + text + ",\n" +
		"  last_ip_address " + text + ",\n" +
		"  os_platform " + text + ",\n" +
		"  health_status " + small + ",\n" +
		"  risk_score " + small + ",\n" +
		"  rbac_group_id " + integer + ",\n" +
		"  ls_sec " + integer + ",\n" +
		"  ls_nsec " + integer + ",\n" +
		"  ls_off " + small + ",\n" +
		"  ls_ymd " + integer + ",\n" +
		"  ls_sod " + integer + ",\n" +
		"  version " + text + ",\n" +
		"  device_value " + small + ",\n" +
		"  aad_device_id " + text + ",\n" +
		"  exposure_level " + small + ",\n" +
		"  onboarding_status " + text + ",\n" +
		"  raw " + blob + " NOT NULL,\n" +
		"  CHECK ((ls_sec IS NULL) = (ls_nsec IS NULL) AND (ls_sec IS NULL) = (ls_off IS NULL)" +
		" AND (ls_sec IS NULL) = (ls_ymd IS NULL) AND (ls_sec IS NULL) = (ls_sod IS NULL))\n" +
		")" + strict
	tags := "CREATE TABLE IF NOT EXISTS " + TagsTable + " (\n" +
		"  ord " + integer + " NOT NULL REFERENCES " + MachinesTable + " (ord),\n" +
		"  pos " + integer + " NOT NULL,\n" +
		"  tag " + text + ",\n" +
		"  PRIMARY KEY (ord, pos)\n" +
		")"
	if d == SQLite {
		tags += " WITHOUT ROWID, STRICT"
	}
	stmts := []string{machines, tags}
	for _, cols := range indexed {
		name := MachinesTable + "_" + strings.ReplaceAll(strings.ReplaceAll(cols, ", ", "_"), "ls_sec_ls_nsec", "ls")
		stmts = append(stmts, "CREATE INDEX IF NOT EXISTS "+name+" ON "+MachinesTable+" ("+cols+")")
	}
	stmts = append(stmts, "CREATE INDEX IF NOT EXISTS "+TagsTable+"_tag ON "+TagsTable+" (tag, ord)")
	return stmts
}

// indexed are the column lists of MachinesTable's secondary indexes.
var indexed = []string{
	"id", "computer_dns_name", "last_ip_address", "os_platform", "health_status",
	"risk_score", "rbac_group_id", "ls_sec, ls_nsec", "ls_ymd",
	"version", "device_value", "aad_device_id", "exposure_level", "onboarding_status",
}

// Row returns the values of m's row in MachinesTable, in the order of
// Columns: ord is its position in the export order and raw its exact input
// bytes. Null fields are nil.
func Row(ord int64, m *schema.Machine, raw []byte) []any {
	row := []any{
		ord, str(m.ID), str(m.ComputerDNSName), str(m.LastIPAddress), str(m.OSPlatform),
		enum(uint8(m.HealthStatus)), enum(uint8(m.RiskScore)), integer(m.RBACGroupID),
		nil, nil, nil, nil, nil,
		str(m.Version), enum(uint8(m.DeviceValue)), str(m.AADDeviceID), enum(uint8(m.ExposureLevel)), str(m.OnboardingStatus),
		raw,
	}
	if t := m.LastSeen; t.Valid() {
		sec, nsec := t.Unix()
		w := t.WallClock()
		y, mo, d := w.Date()
		row[8], row[9], row[10] = sec, int64(nsec), int64(t.Offset())
		row[11] = int64(y)*10000 + int64(mo)*100 + int64(d)
		row[12] = int64(w.Hour()*3600 + w.Minute()*60 + w.Second())
	}
	return row
}

// TagRows returns the rows of m's machineTags in TagsTable, in the order of
// TagColumns; nil when it has none.
func TagRows(ord int64, m *schema.Machine) [][]any {
	if len(m.MachineTags) == 0 {
		return nil
	}
	rows := make([][]any, len(m.MachineTags))
	for i, tag := range m.MachineTags {
		rows[i] = []any{ord, int64(i), tag}
	}
	return rows
}

func str(s schema.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.V
}

func integer(n schema.NullInt64) any {
	if !n.Valid {
		return nil
	}
	return n.V
}

func enum(ordinal uint8) any {
	if ordinal == 0 {
		return nil
	}
	return int64(ordinal)
}

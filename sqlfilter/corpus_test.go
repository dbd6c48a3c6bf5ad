package sqlfilter_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/odatafilter/odatafilter/internal/sqltest"
	"github.com/odatafilter/odatafilter/schema"
	"github.com/odatafilter/odatafilter/sqlfilter"
)

// hostile are strings that break translators that splice, escape or
// count badly: quotes, SQL, LIKE and GLOB wildcards, the LIKE escape
// character, control characters, non-ASCII and astral-plane text, the
// code points around the surrogates and the last one, and a long string.
var hostile = []string{
	"", "'", "''", "O'Neil", "'; DROP TABLE machines; --", "\"; DROP TABLE machine_tags; --", "--", "/*", "*/",
	`\`, `\\`, `\%`, `\_`, "%", "_", "a%b", "a_b", "100%", "[", "[a]", "*", "?", "$1", "?1", ":a", "@p",
	"\x01", "a\tb", "line\nbreak", "\r\n", "\x7f", "é", "É", "ß", "İ", "日本語", "🙂", "a🙂b", "\U0010FFFF",
	"a\U0010FFFF", "\uD7FF", "\uE000", "\uFFFF", " x ", "\u00a0nbsp\u3000", "x\u2028",
	strings.Repeat("long-", 1000), strings.Repeat("🙂", 300),
}

// odataString writes s as an OData string literal.
func odataString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// hostileFleet holds a machine per hostile string (in every string field
// and as a tag), machines with nulls everywhere, tags [], [a] and [a, a],
// and rbacGroupId at the Int64 edges.
func hostileFleet() []schema.Machine {
	var ms []schema.Machine
	edges := []int64{-9223372036854775808, -9223372036854775807, -1, 0, 1, 3037000500, 9223372036854775806, 9223372036854775807}
	for i, s := range hostile {
		var m schema.Machine
		v := schema.StringValue(s)
		m.ID, m.ComputerDNSName, m.OSPlatform, m.LastIPAddress = v, v, v, v
		m.Version, m.OnboardingStatus = v, v
		m.MachineTags = []string{s, "x" + s}
		m.RBACGroupID = schema.Int64Value(edges[i%len(edges)])
		m.RiskScore = schema.RiskScore(i % 6)
		m.HealthStatus = schema.HealthStatus(i % 7)
		m.DeviceValue = schema.DeviceValue(i % 4)
		m.ExposureLevel = schema.ExposureLevel(i % 5)
		ls, err := schema.ParseDateTimeOffset([]string{"2024-12-31T23:30:00-02:00", "2018-08-02T14:55:03.7791856Z", "2024-06-15T12:30:45.123456789+05:45", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999-14:00"}[i%5])
		if err != nil {
			panic(err)
		}
		m.LastSeen = ls
		ms = append(ms, m)
	}
	ms = append(ms, schema.Machine{}, schema.Machine{MachineTags: []string{}}, schema.Machine{ID: schema.StringValue("a"), MachineTags: []string{"a"}},
		schema.Machine{ID: schema.StringValue("a"), MachineTags: []string{"a", "a"}, RBACGroupID: schema.Int64Value(140)})
	return ms
}

// hostileFilters are the corpus's filters over the 2018 model.
func hostileFilters() []string {
	var fs []string
	for _, s := range hostile {
		q := odataString(s)
		fs = append(fs,
			"computerDnsName eq "+q, "computerDnsName ne "+q, "not (id eq "+q+")", "osPlatform lt "+q, "osPlatform ge "+q,
			"startswith(computerDnsName, "+q+")", "not startswith(id, "+q+")", "endswith(lastIpAddress, "+q+")",
			"not endswith(lastIpAddress, "+q+")", "contains(id, "+q+")", "not contains(id, "+q+")",
			"indexof(id, "+q+") eq -1", "indexof(id, "+q+") ge 1", "length(id) eq length("+q+")",
			"id in ("+q+", 'a')", "id in ("+q+", null)", "not (id in ("+q+"))", q+" in machineTags",
			"machineTags/any(t: t eq "+q+")", "machineTags/all(t: t ne "+q+")", "machineTags/any(t: startswith(t, "+q+"))",
			"concat(id, "+q+") eq concat("+q+", id)", "concat("+q+", id) gt id", "substring(id, 1) eq substring("+q+", 1)",
			"trim(id) eq trim("+q+")", "tolower(id) eq tolower("+q+")", "toupper(computerDnsName) lt "+q,
			"matchesPattern(id, "+odataString(regexp.QuoteMeta(s))+")", "not matchesPattern(id, "+odataString("^"+regexp.QuoteMeta(s)+"$")+")",
			"startswith(id, substring("+q+", 0, 3))", "endswith(id, id)", "contains("+q+", id)",
		)
	}
	// Null seeds: every comparison with null on either side, and of two
	// nullable sides.
	for _, f := range []string{"id", "computerDnsName", "riskScore", "rbacGroupId", "lastSeen", "length(id)", "year(lastSeen)", "tolower(id)", "rbacGroupId add 1"} {
		for _, op := range []string{"eq", "ne", "gt", "ge", "lt", "le"} {
			fs = append(fs, f+" "+op+" null", "null "+op+" "+f, "not ("+f+" "+op+" null)", f+" "+op+" "+f)
		}
	}
	fs = append(fs,
		"computerDnsName gt id", "computerDnsName le id", "not (computerDnsName ge id)", "id eq computerDnsName",
		"null eq null", "null ne null", "null ge null", "null gt null", "not (null eq null)", "null", "not null",
		"(id eq 'a') eq null", "(id eq 'a') ne null", "(id eq 'a') eq true", "(id eq 'a') eq false", "(id eq 'a') ne false",
		"not ((id gt 'a') eq null)", "id in []", "id in [null]", "id in [null, 'a']", "null in [null]", "null in ['a']", "null in [time(lastSeen)]", "null in [id, 'a']", "not (null in [id])",
		"not (id in [null, 'a'])", "riskScore in ('Low', 'High', null)", "not (riskScore in ('Low'))",
		"machineTags/any()", "not machineTags/any()", "machineTags/all(t: t eq 'a')", "not machineTags/all(t: t eq 'a')",
		"machineTags/all(t: id eq 'a')", "machineTags/any(t: t eq id)", "machineTags/any(t: machineTags/all(u: u eq t))",
		"hassubset(machineTags, ['a'])", "hassubset(machineTags, ['a', null])", "not hassubset(machineTags, ['a', 'xa'])",
		"hassubset(['a', 'xa'], machineTags)", "hassubset([], machineTags)", "not hassubset(['a', null], machineTags)",
		"hassubsequence(machineTags, ['a'])", "hassubsequence(machineTags, [])", "hassubset(machineTags, machineTags)",
		"hassubset(['a', null], [null])", "hassubsequence(['a', 'b'], ['b', 'a'])", "cast(null, Edm.Boolean)",
		"machineTags/$count eq 0", "machineTags/$count ge 2", "id in machineTags", "not (id in machineTags)",
		"riskScore ge 'Medium'", "riskScore lt 'Low'", "not (riskScore gt 'None')", "healthStatus ne 'Active'", "healthStatus eq null", "null ne healthStatus", "healthStatus eq healthStatus",
		"rbacGroupId eq -9223372036854775808", "rbacGroupId eq 9223372036854775807", "rbacGroupId add 1 gt 0",
		"rbacGroupId sub 1 lt 0", "rbacGroupId mul 2 eq null", "-rbacGroupId gt 0", "-rbacGroupId eq null",
		"rbacGroupId div -1 eq null", "rbacGroupId mod -1 eq 0", "rbacGroupId div (rbacGroupId sub rbacGroupId) eq null",
		"rbacGroupId mod (rbacGroupId sub rbacGroupId) eq null", "rbacGroupId mul rbacGroupId gt 0",
		"rbacGroupId gt 9223372036854775807.5", "rbacGroupId lt -9223372036854775808.5", "rbacGroupId ge 9.3e18",
		"rbacGroupId le -9.3e18", "rbacGroupId ne 1.5", "rbacGroupId eq 140.0", "rbacGroupId gt -0.5", "rbacGroupId lt -0.5",
		"rbacGroupId gt NaN", "rbacGroupId ne NaN", "rbacGroupId lt INF", "rbacGroupId gt -INF",
		"year(lastSeen) eq 2024", "year(lastSeen) eq 1", "month(lastSeen) eq 12", "day(lastSeen) eq 31", "hour(lastSeen) eq 23",
		"minute(lastSeen) eq 30", "second(lastSeen) eq 59", "totaloffsetminutes(lastSeen) eq -120", "date(lastSeen) eq 2024-12-31",
		"date(lastSeen) lt 2018-08-03", "time(lastSeen) gt 14:55:03.7791855", "time(lastSeen) eq 23:59:59.9999999",
		"year(date(lastSeen)) eq 9999", "date(lastSeen) lt now()", "date(lastSeen) ge 2024-12-31T00:00:00Z",
		"date(lastSeen) eq 2024-12-31T00:00:00Z", "not (lastSeen gt date(lastSeen))", "date(lastSeen) le mindatetime()",
		"date(lastSeen) ne 0001-01-01T00:00:00Z", "hour(time(lastSeen)) eq 12",
		"lastSeen gt 2024-12-31", "lastSeen ge 2018-08-02T14:55:03.7791856Z", "lastSeen gt 2018-08-02T14:55:03.7791856Z",
		"lastSeen eq 2025-01-01T01:30:00Z", "lastSeen lt now()", "lastSeen gt now() sub duration'P1D'",
		"lastSeen le mindatetime()", "lastSeen add duration'PT0.0000001S' gt 2018-08-02T14:55:03.7791856Z",
		"lastSeen sub duration'-P1DT0.5S' eq 2025-01-01T01:30:00.5Z", "lastSeen add duration'-PT0.2208144S' eq 2018-08-02T14:55:03.5583712Z",
		"lastSeen sub duration'P106751DT23H47M16.854775807S' lt mindatetime()", "lastSeen add duration'P3650D' ge now()",
		"lastSeen add duration'P1D' gt lastSeen", "not (lastSeen sub duration'PT1S' ge lastSeen)", "lastSeen ge maxdatetime()", "lastSeen gt 2024-06-15T12:30:45.123456788+05:45",
		"substring(id, -1) eq 'a'", "substring(id, -100, 2) eq 'lo'", "substring(id, 100) eq ''", "substring(id, 2, 0) eq ''",
		"substring(id, rbacGroupId) eq ''", "substring(id, 0, rbacGroupId) eq id", "length(substring(id, -3, 2)) eq 2",
	)
	return fs
}

// TestHostileCorpus: the corpus's filters give eval's answers in both
// dialects, tri-state and ids, with indexes and without, and the tables
// are intact afterwards.
func TestHostileCorpus(t *testing.T) {
	ms := hostileFleet()
	fs := hostileFilters()
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			f := loadFleet(t, d, ms)
			ctx := context.Background()
			checked, exact := 0, 0
			for i, s := range fs {
				c, err := checkFilter(schema.Machines, s)
				if err != nil {
					t.Errorf("%q does not check: %v", s, err)
					continue
				}
				checked++
				variants := i%4 == 0 // the plan variants for a quarter of the corpus, to keep go test fast
				if tr, err := sqlfilter.Translate(c, d); err == nil && tr.Exact() {
					exact++
				}
				if msg := f.disagreement(ctx, c, variants); msg != "" {
					t.Errorf("%s\n  filter: %s", msg, s)
				}
			}
			if msg := f.schemaIntact(ctx); msg != "" {
				t.Errorf("after the corpus: %s", msg)
			}
			t.Logf("%d filters over %d machines, %d translated exactly", checked, len(ms), exact)
		})
	}
}

// TestModel2021: the fields only the 2021 model filters on.
func TestModel2021(t *testing.T) {
	ms := hostileFleet()
	for i := range ms {
		if i%3 == 0 {
			ms[i].AADDeviceID = schema.StringValue(fmt.Sprintf("%08x-89AB-cdef-0123-456789abcdef", i))
		}
	}
	fs := []string{
		"version eq 'é'", "startswith(version, 'long')", "onboardingStatus ne null", "deviceValue eq 'High'",
		"deviceValue in ('Low', 'Normal')", "not (deviceValue eq 'Low')", "exposureLevel ge 'Medium'", "exposureLevel lt 'Low'",
		"aadDeviceId eq null", "aadDeviceId ne null", "aadDeviceId eq 00000000-89ab-cdef-0123-456789abcdef",
		"aadDeviceId gt 00000003-89ab-cdef-0123-456789abcdef", "contains(onboardingStatus, '%')",
	}
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			f := loadFleet(t, d, ms)
			for _, s := range fs {
				c, err := checkFilter(schema.Machines2021, s)
				if err != nil {
					t.Errorf("%q does not check: %v", s, err)
					continue
				}
				if msg := f.disagreement(context.Background(), c, true); msg != "" {
					t.Errorf("%s\n  filter: %s", msg, s)
				}
			}
		})
	}
}

// TestHostileCorpusICU: the corpus in a PostgreSQL database whose default
// collation is linguistic (ICU en-US). Strings computed from a column
// inherit its "C"; strings computed from bound values alone (an enum cast
// to its member's name) would order 'a' < 'B' unless the translation
// compares them in "C".
func TestHostileCorpusICU(t *testing.T) {
	ms := hostileFleet()
	db := sqltest.OpenPostgresICU(t, "en-US")
	sqltest.Load(t, db, sqlfilter.PostgreSQL, ms)
	f := &fleetDB{d: sqlfilter.PostgreSQL, db: db, ms: ms}
	ctx := context.Background()
	extra := []string{
		"concat(id, 'B') gt concat(id, 'a')", "'a' lt substring(id, 0)", "trim(id) lt 'B'", "'é' gt concat(id, 'z')",
		"case(true: id) ge 'B'", "startswith(concat('a', id), 'a')", "concat(id, '') lt 'Z'",
		"cast(riskScore, Edm.String) lt 'high'", "cast(riskScore, Edm.String) gt 'informational'",
		"startswith(cast(healthStatus, Edm.String), 'Inactive')", "concat(cast(riskScore, Edm.String), id) lt 'low'",
	}
	for _, s := range append(hostileFilters(), extra...) {
		c, err := checkFilter(schema.Machines, s)
		if err != nil {
			t.Fatalf("%q does not check: %v", s, err)
		}
		if msg := f.disagreement(ctx, c, false); msg != "" {
			t.Errorf("%s\n  filter: %s", msg, s)
		}
	}
}

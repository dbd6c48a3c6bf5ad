// Package sqlfilter translates a checked $filter into SQL for SQLite and
// PostgreSQL: a WHERE fragment with bound arguments that is true exactly when
// the evaluator (package eval) says true, over the table layout this package
// defines (Schema, Columns, Row, TagRows). It is pure: no database, no driver.
//
//	tr, err := sqlfilter.Translate(checked, sqlfilter.PostgreSQL)
//	a := sqlfilter.NewArgs(sqlfilter.PostgreSQL)
//	q := "SELECT m.raw FROM machines m WHERE " + tr.Where(a, time.Now()) + " ORDER BY m.ord"
//	rows, err := db.QueryContext(ctx, q, a.Values()...)
//	// when !tr.Exact(): keep the rows eval matches, then $skip and $top
//
// Every value is a bound argument (Args hands out the placeholders; in
// PostgreSQL each is cast to its type), and identifiers come only from the
// layout's constant column map; no LIKE pattern is unescaped. Each Boolean
// is translated twice, into Where, true exactly when it is OData-true, and
// WhereFalse, true exactly when it is OData-false (a record the filter is
// null for satisfies neither); not swaps the two, so SQL NOT never wraps a
// term that can be NULL, and leaves stay plain, sargable comparisons
// (column op $n). What a dialect cannot express exactly is never
// mistranslated: that part of the filter (the smallest Boolean around it)
// becomes TRUE in both translations, a superset either way; Exact reports
// false and Residual lists the parts, and the caller re-checks each
// candidate with the evaluator and applies $skip and $top after the
// re-check. A part whose complement a translation takes (the predicate of
// all, an operand of a Boolean comparison, a case condition) must be exact,
// or the part around it is residual instead. The background, and the rules
// this package follows, are in the project's shared/sql/NOTES.md.
//
// # What is pushed
//
// "SQL" means exact in SQL; "eval" means residual, decided by the
// evaluator on the candidates; "fold" means computed at translation (or,
// for now(), when Where is called) as the evaluator computes it.
//
//	filter                                   SQLite                        PostgreSQL
//	and, or, not                             SQL (two polarities)          same
//	x eq/ne/gt/ge/lt/le y, null rules        SQL: col op $v, IS NULL       same
//	  strings (code point order)             SQL, BINARY                   SQL, COLLATE "C"
//	  enums (riskScore ge 'Medium')          SQL on ordinals               same
//	  Int64 against a Decimal or Double      fold into an integer bound    same
//	  two constants, GUIDs, NaN, INF         fold                          fold
//	  aadDeviceId against a GUID             eval (case-insensitive)       eval
//	  Booleans (b eq null, b le false)       SQL, by the three states      same
//	  Durations (lastSeen sub now())         eval                          eval
//	x in (list), null in the list            SQL IN, + IS NULL             same
//	x in machineTags                         SQL subquery on machine_tags  same
//	machineTags/any(t: p), all(t: p)         SQL: m.ord [NOT] IN (SELECT)  same
//	machineTags/$count                       SQL count(*) subquery         same
//	hassubset(machineTags, [...])            SQL tag lookups               same
//	hassubset([...], machineTags)            SQL NOT IN                    same
//	hassubsequence(machineTags, [a, b, ..])  eval (one item: SQL)          eval
//	hassubset/hassubsequence of lists        fold                          fold
//	startswith(x, 'p')                       SQL range x >= p AND x < succ same
//	startswith(x, y)                         SQL substr = y                SQL left = y
//	endswith                                 SQL substr(x, -n) = p         SQL right(x, n) = p
//	contains                                 SQL instr > 0                 SQL LIKE, escaped; strpos
//	length, indexof, concat                  SQL length, instr-1, ||       char_length, strpos-1, ||
//	substring (clamped; negative n null)     SQL CASE + substr             same
//	trim (Go's 25 space code points)         SQL trim(x, $set)             SQL btrim(x, $set)
//	tolower, toupper (Unicode)               SQL, registered Go functions  eval
//	matchesPattern(x, 'constant')            SQL, registered Go RE2        eval
//	matchesPattern(x, computed)              eval (eval's size limits)     eval
//	lastSeen op instant                      SQL (ls_sec, ls_nsec) op      same, with a bound on ls_sec
//	now(), mindatetime(), maxdatetime()      bound when Where is called    same
//	constant instant add/sub Duration        fold                          fold
//	lastSeen add/sub Duration literal        SQL, nanoseconds carried      same
//	year/month/day/hour/minute/second        SQL on ls_ymd, ls_sod         same
//	date, time, totaloffsetminutes           SQL ls_ymd, ls_sod, ls_off    same
//	date or time parts of a literal          fold                          fold
//	date(lastSeen) against an instant        SQL, days from the civil date same
//	fractionalseconds, totalseconds          eval                          eval
//	Int64 add, sub, mul, unary -             SQL, NULL on overflow         SQL in numeric, NULL outside Int64
//	div, mod (by zero: null)                 SQL, NULL on min div -1       SQL div/NULLIF, same
//	Decimal, Double arithmetic, divby        fold constants; else eval     same
//	round, floor, ceiling                    fold constants; else eval     same
//	cast                                     same type: SQL; numbers:      same
//	                                         fold; enum to string: SQL
//	isof                                     SQL (the static type decides) same
//	case(c: v, ...)                          SQL CASE                      same
//	parameter aliases                        as their values               same
//
// Overflow: SQLite turns an overflowing integer into a REAL, so each
// operation is kept only when typeof() is still 'integer'; PostgreSQL
// computes in numeric and casts back only inside the Int64 range, so no
// statement raises an error. A value whose SQL would pass 4 KiB (guarded
// operations repeat their operands) is residual. A string literal holding
// U+0000 or invalid UTF-8, which PostgreSQL text cannot hold, is residual
// in both dialects.
//
// Instants: PostgreSQL estimates a row comparison at a fixed share of the
// rows, which planned a narrow lastSeen range over a large table as a
// scan of all of it; so a gt/ge (lt/le) comparison with the lastSeen column
// is also written ls_sec >= (<=) the other side's seconds, a bound the row
// comparison implies (the AND keeps its value, NULL included) and that the
// planner estimates from the column's statistics.
//
// # The layout
//
// machines (ord PRIMARY KEY, the typed columns, raw), machine_tags (ord,
// pos, tag; PRIMARY KEY (ord, pos)); see Columns for the columns. SQLite
// tables are STRICT, PostgreSQL text is COLLATE "C" (code-point order, so
// plain btrees serve startswith's range). lastSeen is ls_sec and ls_nsec
// (the instant), ls_off (the offset in minutes), ls_ymd (the date as
// written, signed year*10000+month*100+day) and ls_sod (seconds of that
// day), all NULL together. Indexes (Schema): a btree on each filterable
// column (id, computer_dns_name, last_ip_address, os_platform,
// health_status, risk_score, rbac_group_id, version, device_value,
// aad_device_id, exposure_level, onboarding_status), on (ls_sec, ls_nsec)
// and on ls_ymd, and machine_tags (tag, ord); ord is the primary key, the
// export order every query sorts by. Run ANALYZE after loading. A loader
// must refuse a record whose filterable strings or tags hold U+0000:
// PostgreSQL text cannot hold it and SQLite's length() stops at it.
//
// The sargable forms use them in both dialects (TestExplainUsesIndexes):
// eq on a column, in, startswith with a constant, a lastSeen range, and
// machineTags/any(t: t eq 'x') (m.ord IN (SELECT ord FROM machine_tags
// WHERE tag = $1)). They are ranges rather than LIKE, so they use the
// index under PostgreSQL's generic plans too.
//
// # SQLite functions
//
// SQLite statements may call the functions SQLiteFunctions lists (Go's
// tolower, toupper and RE2 matching, under names of this package); the
// driver must register them (internal/sqlitefunc does, for
// modernc.org/sqlite).
package sqlfilter

#!/usr/bin/env bash
# bench/sql/run.sh measures the SQL pushdown of issue 10 on N generated
# machines (default 1,000,000), in SQLite and in PostgreSQL:
#
#   - load: odatafilter load --db URL, machines a second, and the size of
#     the database on disk (the SQLite file with its WAL; PostgreSQL's
#     pg_total_relation_size of both tables, indexes included);
#   - query: odatafilter query --db URL --filter F --ndjson against a
#     hand-written SQL query over the same tables and indexes, run by
#     bench/sql/hand over the same driver and connection settings, which
#     writes the same bytes (target: ours at most 1.2 times the hand's
#     time); and against the in-memory path, odatafilter query --ndjson
#     FILE, to say when a database pays off. The four benchmark filters of
#     eval/bench_test.go and five selective ones. Every side's output must
#     be byte-identical to the in-memory one (the evaluator's answer);
#   - the plans: the EXPLAIN QUERY PLAN (SQLite) / EXPLAIN (PostgreSQL)
#     lines of our statement (as query --db --explain gives it, with its
#     bound arguments) and of the hand-written one, and whether each
#     searches an index;
#   - serve: serve --data FILE, serve --db sqlite:..., serve --db postgres
#     under CLIENTS concurrent clients over loopback (bench/sql/loadgen):
#     requests a second, median and 99th percentile latency, non-200s.
#
# Times are whole processes (start, connect, query, write to a file), the
# median of ROUNDS rounds (the selective filters, which take tens of
# milliseconds, REPEAT times a round), every side run in turn within a
# round, so load from other processes spreads over all sides alike. The
# ratio ours/hand is the median of the ratios of runs taken side by side
# (our run and the hand-written one right after it), which a busy machine
# skews less than a ratio of medians; the ratios to the in-memory path are
# of medians.
#
# PostgreSQL: ${ODATAFILTER_TEST_PG:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable},
# in a schema of its own (odatafilter_sqlbench_PID), dropped at the end.
# Needs psql (for the schema and the size). Not run in CI: at the default
# size it takes about 13 minutes on 2 cores and 5 GB of disk.
#
#   bench/sql/run.sh                          # 1,000,000 machines, 5 rounds
#   N=100000 ROUNDS=3 REPEAT=3 SERVE_SECS=5 bench/sql/run.sh   # a quick run
set -euo pipefail

N=${N:-1000000}
SEED=${SEED:-1}
ROUNDS=${ROUNDS:-5}
REPEAT=${REPEAT:-5}
CLIENTS=${CLIENTS:-8}
SERVE_SECS=${SERVE_SECS:-10}
PG=${ODATAFILTER_TEST_PG:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}

root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/odatafilter-sqlbench.XXXXXX")
schema=odatafilter_sqlbench_$$
serve_pid=
cleanup() {
	[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
	psql -q "$PG" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || echo "warning: could not drop schema $schema" >&2
	rm -rf "$tmp"
}
trap cleanup EXIT

case "$PG" in *\?*) pgurl="$PG&search_path=$schema" ;; *) pgurl="$PG?search_path=$schema" ;; esac
sqliteurl="sqlite:$tmp/fleet.db"
if ! command -v psql >/dev/null; then
	echo "bench/sql/run.sh needs psql (apt-get install postgresql-client)" >&2
	exit 1
fi
psql -q -v ON_ERROR_STOP=1 "$PG" -c "CREATE SCHEMA $schema" >/dev/null

echo "building..." >&2
(cd "$root" && go build -o "$tmp/odatafilter" ./cmd/odatafilter &&
	go build -o "$tmp/hand" ./bench/sql/hand &&
	go build -o "$tmp/loadgen" ./bench/sql/loadgen)
bin=$tmp/odatafilter

echo "generating $N machines (seed $SEED)..." >&2
# A few machines (about ten) get the tag 'rare', which the generator never
# writes: each tenth of the fleet, the first machine with no tags after it.
"$bin" gen -n "$N" --seed "$SEED" --ndjson |
	awk -v step="$(((N + 9) / 10))" '
		NR > next_at && index($0, "\"machineTags\":[]") { sub(/"machineTags":\[\]/, "\"machineTags\":[\"rare\"]"); next_at += step; if (next_at < NR) next_at = NR }
		{ print }' >"$tmp/machines.ndjson"
size=$(stat -c %s "$tmp/machines.ndjson")

# The target of the selective filters: the first machine from the middle on
# with a plain name and a lastSeen.
read -r tid tname tseen < <(awk -v from="$((N / 2))" 'NR > from &&
	match($0, /"computerDnsName":"[a-z0-9.-]+"/) && match($0, /"lastSeen":"[0-9-]+T[0-9:.]+Z"/) {
		match($0, /"id":"[0-9a-f]+"/); id = substr($0, RSTART + 6, RLENGTH - 7)
		match($0, /"computerDnsName":"[a-z0-9.-]+"/); name = substr($0, RSTART + 19, RLENGTH - 20)
		match($0, /"lastSeen":"[0-9-]+T[0-9:.]+Z"/); seen = substr($0, RSTART + 12, RLENGTH - 13)
		print id, name, seen; exit }' "$tmp/machines.ndjson")
prefix=${tname:0:$((${#tname} > 12 ? ${#tname} - 12 : 1))} # the name but its last 12 bytes (".contoso.com" or so)
from=$(date -u -d "${tseen:0:16}:00Z" +%s)
to=$((from + 60))
fromiso=$(date -u -d "@$from" +%Y-%m-%dT%H:%M:%SZ)
toiso=$(date -u -d "@$to" +%Y-%m-%dT%H:%M:%SZ)

# The filters: name, OData filter, hand-written SQLite, hand-written
# PostgreSQL. The hand-written SQL is what someone who knows the tables
# writes for the same answer: enum members are their codes (healthStatus
# Active 1; riskScore None 1, Low 3, High 5), a null healthStatus or
# riskScore is not 'Active' or 'Low' (OData's ne and not keep it), a prefix
# is GLOB in SQLite (LIKE ignores ASCII case there) and LIKE in PostgreSQL
# (the columns are COLLATE "C"), tags a subquery.
names=() filters=() sqlites=() pgs=()
add() { names+=("$1") filters+=("$2") sqlites+=("$3") pgs+=("$4"); }
sel='SELECT raw FROM machines m WHERE'
add eq "riskScore eq 'High'" \
	"$sel risk_score = 5 ORDER BY ord" \
	"$sel risk_score = 5 ORDER BY ord"
add and "healthStatus ne 'Active' and rbacGroupId eq 140" \
	"$sel (health_status <> 1 OR health_status IS NULL) AND rbac_group_id = 140 ORDER BY ord" \
	"$sel (health_status <> 1 OR health_status IS NULL) AND rbac_group_id = 140 ORDER BY ord"
add any "startswith(computerDnsName,'mymachine') or machineTags/any(t: t eq 'test tag 1')" \
	"$sel computer_dns_name GLOB 'mymachine*' OR ord IN (SELECT ord FROM machine_tags WHERE tag = 'test tag 1') ORDER BY ord" \
	"$sel computer_dns_name LIKE 'mymachine%' OR EXISTS (SELECT 1 FROM machine_tags t WHERE t.ord = m.ord AND t.tag = 'test tag 1') ORDER BY ord"
add mixed "lastSeen gt 2018-08-01T00:00:00Z and (osPlatform eq 'Windows10' or osPlatform eq 'Windows11') and not (riskScore in ('Low','None'))" \
	"$sel (ls_sec, ls_nsec) > (1533081600, 0) AND os_platform IN ('Windows10', 'Windows11') AND (risk_score NOT IN (3, 1) OR risk_score IS NULL) ORDER BY ord" \
	"$sel (ls_sec, ls_nsec) > (1533081600, 0) AND os_platform IN ('Windows10', 'Windows11') AND (risk_score NOT IN (3, 1) OR risk_score IS NULL) ORDER BY ord"
add id "id eq '$tid'" \
	"$sel id = '$tid' ORDER BY ord" \
	"$sel id = '$tid' ORDER BY ord"
add name "computerDnsName eq '$tname'" \
	"$sel computer_dns_name = '$tname' ORDER BY ord" \
	"$sel computer_dns_name = '$tname' ORDER BY ord"
add prefix "startswith(computerDnsName,'$prefix')" \
	"$sel computer_dns_name GLOB '$prefix*' ORDER BY ord" \
	"$sel computer_dns_name LIKE '$prefix%' ORDER BY ord"
add minute "lastSeen ge $fromiso and lastSeen lt $toiso" \
	"$sel ls_sec >= $from AND ls_sec < $to ORDER BY ord" \
	"$sel ls_sec >= $from AND ls_sec < $to ORDER BY ord"
add rare "machineTags/any(t: t eq 'rare')" \
	"$sel ord IN (SELECT ord FROM machine_tags WHERE tag = 'rare') ORDER BY ord" \
	"$sel EXISTS (SELECT 1 FROM machine_tags t WHERE t.ord = m.ord AND t.tag = 'rare') ORDER BY ord"

# busy prints the CPU time the whole machine has spent busy, in seconds.
busy() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat; }

# timed NAME COMMAND...: runs the command, its output in $tmp/NAME.out,
# appends its wall seconds to $tmp/NAME.times, and prints that.
timed() {
	local name=$1 t0 t1
	shift
	t0=$EPOCHREALTIME
	"$@" >"$tmp/$name.out"
	t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f\n", b - a}' | tee -a "$tmp/$name.times"
}
median() { sort -n "$1" | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

echo "loading into SQLite..." >&2
b0=$(busy)
tload_sqlite=$(timed load-sqlite "$bin" load --db "$sqliteurl" "$tmp/machines.ndjson")
echo "loading into PostgreSQL..." >&2
tload_pg=$(timed load-pg "$bin" load --db "$pgurl" "$tmp/machines.ndjson")
size_sqlite=$(stat -c %s "$tmp"/fleet.db* | awk '{s += $1} END {print s}') # with its WAL and shared memory
size_pg=$(psql -At "$PG" -c "SELECT pg_total_relation_size('$schema.machines') + pg_total_relation_size('$schema.machine_tags')")

echo "querying, $ROUNDS rounds..." >&2
for round in $(seq "$ROUNDS"); do
	for i in "${!names[@]}"; do
		n=${names[$i]}
		# The selective queries take tens of milliseconds, mostly starting
		# the process and connecting: they run REPEAT times a round.
		reps=1
		[ "$i" -ge 4 ] && reps=$REPEAT
		for _ in $(seq "$reps"); do
			echo "  round $round: $n: ours sqlite $(timed "$n.ours-sqlite" "$bin" query --db "$sqliteurl" --ndjson --filter "${filters[$i]}") s," \
				"hand sqlite $(timed "$n.hand-sqlite" "$tmp/hand" rows "$sqliteurl" "${sqlites[$i]}") s," \
				"ours pg $(timed "$n.ours-pg" "$bin" query --db "$pgurl" --ndjson --filter "${filters[$i]}") s," \
				"hand pg $(timed "$n.hand-pg" "$tmp/hand" rows "$pgurl" "${pgs[$i]}") s" >&2
		done
		echo "  round $round: $n: memory $(timed "$n.memory" "$bin" query --ndjson --filter "${filters[$i]}" "$tmp/machines.ndjson") s" >&2
	done
done
b1=$(busy)

# serve SIDE ARGS...: serve under load; prints "req/s p50 p99 non200 errors".
serve() {
	local side=$1 base=
	shift
	"$bin" serve --addr 127.0.0.1:0 --token all --token g140=140 "$@" 2>"$tmp/serve-$side.log" &
	serve_pid=$!
	for _ in $(seq 6000); do
		base=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve-$side.log" | head -1 || true)
		[ -n "$base" ] && break
		sleep 0.1
	done
	if [ -z "$base" ]; then
		echo "serve $side did not start:" >&2
		cat "$tmp/serve-$side.log" >&2
		exit 1
	fi
	local targets=("all:/api/machines?\$top=100"
		"all:/api/machines?\$filter=riskScore%20eq%20'High'&\$top=50"
		"g140:/api/machines?\$filter=healthStatus%20ne%20'Active'&\$top=20"
		"all:/api/machines?\$filter=startswith(computerDnsName,'desktop')&\$top=10"
		"all:/api/machines/$tid")
	"$tmp/loadgen" -c "$CLIENTS" -d 1s "$base" "${targets[@]}" >/dev/null # warm up
	"$tmp/loadgen" -c "$CLIENTS" -d "${SERVE_SECS}s" "$base" "${targets[@]}"
	kill "$serve_pid"
	wait "$serve_pid" || true
	serve_pid=
}
echo "serving, $CLIENTS clients, ${SERVE_SECS} s each..." >&2
serve_memory=$(serve memory --data "$tmp/machines.ndjson")
serve_sqlite=$(serve sqlite --db "$sqliteurl")
serve_pg=$(serve pg --db "$pgurl")

# The report.
pgversion=$(psql -At "$PG" -c "SHOW server_version")
echo
echo "bench/sql/run.sh: N=$N machines (seed $SEED, $((size / 1000000)) MB of NDJSON), median of $ROUNDS rounds (selective filters: $REPEAT runs a round)"
echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); PostgreSQL $pgversion; uptime:$(uptime | sed 's/.*up [^,]*,//')"
echo
echo "| store | load (machines/s) | load s | size on disk (MB) |"
echo "|---|---:|---:|---:|"
printf '| SQLite | %.0f | %.1f | %.0f |\n' "$(awk -v n="$N" -v t="$tload_sqlite" 'BEGIN {print n / t}')" "$tload_sqlite" "$(awk -v s="$size_sqlite" 'BEGIN {print s / 1e6}')"
printf '| PostgreSQL | %.0f | %.1f | %.0f |\n' "$(awk -v n="$N" -v t="$tload_pg" 'BEGIN {print n / t}')" "$tload_pg" "$(awk -v s="$size_pg" 'BEGIN {print s / 1e6}')"
echo
echo "Query, seconds (median), whole processes; ours/hand (the median of side-by-side ratios) is the target (<= 1.2);"
echo "memory/SQLite and memory/PG > 1 mean the database answers faster than query FILE."
echo
echo "| filter | matches | SQLite ours | SQLite hand | ours/hand | PG ours | PG hand | ours/hand | memory | memory/SQLite | memory/PG | outputs |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
differ=0 slow=""
for i in "${!names[@]}"; do
	n=${names[$i]}
	for s in ours-sqlite hand-sqlite ours-pg hand-pg memory; do median "$tmp/$n.$s.times" >"$tmp/$n.$s.median"; done
	same=identical
	for s in ours-sqlite hand-sqlite ours-pg hand-pg; do
		cmp -s "$tmp/$n.memory.out" "$tmp/$n.$s.out" || { same="DIFFERENT ($s)"; differ=1; }
	done
	m() { cat "$tmp/$n.$1.median"; }
	r() { awk -v a="$(m "$1")" -v b="$(m "$2")" 'BEGIN {printf "%.2f", a / b}'; }
	# pair OURS HAND: the median of the ratios of runs side by side.
	pair() {
		paste -d' ' "$tmp/$n.$1.times" "$tmp/$n.$2.times" | awk '{print $1 / $2}' >"$tmp/ratios"
		median "$tmp/ratios" | awk '{printf "%.2f", $1}'
	}
	printf '| %s | %d | %.3f | %.3f | %s | %.3f | %.3f | %s | %.3f | %s | %s | %s |\n' "$n" "$(wc -l <"$tmp/$n.memory.out")" \
		"$(m ours-sqlite)" "$(m hand-sqlite)" "$(pair ours-sqlite hand-sqlite)" \
		"$(m ours-pg)" "$(m hand-pg)" "$(pair ours-pg hand-pg)" \
		"$(m memory)" "$(r memory ours-sqlite)" "$(r memory ours-pg)" "$same"
	awk -v x="$(pair ours-sqlite hand-sqlite)" 'BEGIN {exit !(x > 1.2)}' && slow+=" $n(SQLite)"
	awk -v x="$(pair ours-pg hand-pg)" 'BEGIN {exit !(x > 1.2)}' && slow+=" $n(PG)"
done
echo
for i in "${!names[@]}"; do
	echo "- ${names[$i]}: ${filters[$i]}"
done
echo
echo "Plans (index: the plan searches an index for the filter: SQLite SEARCH, PostgreSQL Index Cond / Bitmap Index Scan)"
uses_index() { grep -qE 'SEARCH|Index Cond|Bitmap Index Scan' "$1" && echo yes || echo NO; }
for i in "${!names[@]}"; do
	n=${names[$i]}
	echo
	echo "### ${names[$i]}: ${filters[$i]}"
	"$tmp/hand" planours "$sqliteurl" "${filters[$i]}" >"$tmp/plan1"
	"$tmp/hand" plan "$sqliteurl" "${sqlites[$i]}" >"$tmp/plan2"
	"$tmp/hand" planours "$pgurl" "${filters[$i]}" >"$tmp/plan3"
	"$tmp/hand" plan "$pgurl" "${pgs[$i]}" >"$tmp/plan4"
	echo "SQLite, ours (index: $(uses_index "$tmp/plan1")):"
	sed 's/^/    /' "$tmp/plan1"
	echo "SQLite, hand: ${sqlites[$i]} (index: $(uses_index "$tmp/plan2")):"
	sed 's/^/    /' "$tmp/plan2"
	echo "PostgreSQL, ours (index: $(uses_index "$tmp/plan3")):"
	sed 's/^/    /' "$tmp/plan3"
	echo "PostgreSQL, hand: ${pgs[$i]} (index: $(uses_index "$tmp/plan4")):"
	sed 's/^/    /' "$tmp/plan4"
done
echo
echo "serve under load: $CLIENTS clients for $SERVE_SECS s over loopback; requests in turn: a first page of 100," \
	"riskScore eq 'High' \$top=50, healthStatus ne 'Active' \$top=20 scoped to group 140, startswith \$top=10, one machine by id"
echo
echo "| serve | req/s | p50 ms | p99 ms | non-200 | errors |"
echo "|---|---:|---:|---:|---:|---:|"
for s in memory sqlite pg; do
	v=serve_$s
	read -r rps p50 p99 bad errs <<<"${!v}"
	label=$s
	case $s in memory) label="--data FILE" ;; sqlite) label="--db sqlite:" ;; pg) label="--db postgres://" ;; esac
	printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$bad" "$errs"
	[ "$bad" = 0 ] && [ "$errs" = 0 ] || differ=1
done
echo
other=$(awk -v a="$b0" -v b="$b1" 'BEGIN {printf "%.0f", b - a}')
echo "CPU time the whole machine spent busy during loading and querying: $other s"
if [ -n "$slow" ]; then echo "slower than 1.2x the hand-written SQL:$slow"; else echo "every query within 1.2x of the hand-written SQL"; fi
if [ "$differ" = 1 ]; then
	echo "outputs differ or serve failed" >&2
	exit 1
fi

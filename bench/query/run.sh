#!/usr/bin/env bash
# bench/query/run.sh measures target 3 of the performance issue:
#
#   odatafilter query --filter "healthStatus ne 'Active' and rbacGroupId eq 140"
#
# over a generated Defender response document of 1,000,000 machines (about
# 900 MB), against jq 1.6 and against a streaming encoding/json program
# with the predicate written in Go (bench/query/baseline). Targets:
# 20x faster than jq, 3x faster than encoding/json, peak RSS at most 64 MB,
# identical output.
#
# It builds everything from this checkout, generates the data in a
# temporary directory (removed at the end), installs jq and GNU time from
# Debian if they are missing, runs each side ROUNDS times interleaved, and
# prints the median wall time, the peak RSS (largest of the rounds) and the
# ratios. It then checks that the outputs are the same records: byte for
# byte where they are, else after normalizing both sides' JSON
# (bench/query/normalize; jq -c respells what it prints, such as \u00e9
# escapes, where odatafilter passes records through as read).
#
# It then compares, per core, with DuckDB (issue 12, goal 2): the same
# machines as NDJSON, counted by DuckDB 1.5.6 through npm's
# @duckdb/node-api (bench/query/duckdb-count.mjs: read_ndjson reading the
# three columns the predicate needs, count(*)) with threads=1 and
# threads=2, against odatafilter query --count on the same file with
# GOMAXPROCS=1 and 2. The goal: odatafilter's time at most DuckDB's on
# one core. DuckDB's time is its query's (node's start and the module's
# load left out); odatafilter's is the whole process. The counts must be
# equal. The npm package goes into a scratch folder inside the temporary
# directory; node must be installed (Debian's nodejs is installed if not).
#
# Not run in CI: it takes a few minutes and needs about 3 GB of disk and,
# for jq, which reads the whole document into memory, about 6 GB of RAM.
#
#   bench/query/run.sh                 # 1,000,000 machines, 3 rounds
#   N=100000 ROUNDS=5 bench/query/run.sh
#   SIDES=duckdb N=300000 ROUNDS=5 bench/query/run.sh   # only the DuckDB comparison
#   SIDES=jq bench/query/run.sh        # only jq, encoding/json and odatafilter
#
# The machine is shared by nothing else for a fair run: other load skews
# the medians (the interleaving spreads it over all sides alike, but only
# roughly).
set -euo pipefail

N=${N:-1000000}
ROUNDS=${ROUNDS:-3}
SIDES=${SIDES:-all} # all, jq (jq, encoding/json, odatafilter) or duckdb
case "$SIDES" in
all | jq | duckdb) ;;
*)
	echo "SIDES=$SIDES: want all, jq or duckdb" >&2
	exit 2
	;;
esac
FILTER="healthStatus ne 'Active' and rbacGroupId eq 140"
# The same predicate in jq. rbacGroupId may be a numeric string ("140"),
# which the engine reads as 140 (Defender exports write it so) and jq's
# == 140 would not; a null healthStatus is not "Active" on both sides.
JQ_FILTER='.value[] | select(.healthStatus != "Active" and (.rbacGroupId == 140 or .rbacGroupId == "140"))'

root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/odatafilter-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
need=""
if [ "$SIDES" != duckdb ] && ! command -v jq >/dev/null; then need="$need jq"; fi
if [ ! -x /usr/bin/time ]; then need="$need time"; fi
if [ "$SIDES" != jq ] && ! command -v npm >/dev/null; then need="$need nodejs npm"; fi
if [ -n "$need" ]; then
	echo "installing$need from Debian..." >&2
	as_root apt-get update -qq
	# shellcheck disable=SC2086 # one word a package
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
if [ "$SIDES" != duckdb ]; then
	jq_version=$(jq --version)
	if [ "$jq_version" != jq-1.6 ]; then
		echo "warning: $jq_version, not the jq 1.6 the target names" >&2
	fi
fi

echo "building..." >&2
(cd "$root" && go build -o "$tmp/odatafilter" ./cmd/odatafilter &&
	go build -o "$tmp/baseline" ./bench/query/baseline &&
	go build -o "$tmp/normalize" ./bench/query/normalize)

# busy prints the CPU time the whole machine has spent busy, in seconds.
busy() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat; }

# run NAME COMMAND...: one timed run, its output in $tmp/NAME.out; its
# wall seconds, peak RSS (KiB), CPU seconds (user and system) and the share
# of the machine other processes used meanwhile are appended to
# $tmp/NAME.times.
run() {
	local name=$1 before after
	shift
	before=$(busy)
	/usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$@" <"$tmp/machines.json" >"$tmp/$name.out"
	after=$(busy)
	awk -v b="$before" -v a="$after" -v cpus="$(nproc)" '{
		cpu = $3 + $4
		others = (a - b - cpu) / ($1 * cpus)
		print $1, $2, cpu, (others > 0 ? others : 0)
	}' "$tmp/time" >>"$tmp/$name.times"
	printf '  %-22s %6.2f s %7.1f MB %6.2f CPU s, other processes used %3.0f%% of the CPUs\n' "$name" \
		$(tail -1 "$tmp/$name.times" | awk '{print $1, $2/1024, $3, 100 * $4}') >&2
}

jq_sides() {
	# The jq, encoding/json and odatafilter sides over a response document.
	echo "generating $N machines..." >&2
	"$tmp/odatafilter" gen -n "$N" >"$tmp/machines.json"
	size=$(stat -c %s "$tmp/machines.json")
	local sides="jq baseline odatafilter odatafilter-envelope" round s
	for round in $(seq "$ROUNDS"); do
		echo "round $round of $ROUNDS" >&2
		run jq jq -c "$JQ_FILTER"
		run baseline "$tmp/baseline" /dev/stdin
		run odatafilter "$tmp/odatafilter" query --ndjson --filter "$FILTER" -
		run odatafilter-envelope "$tmp/odatafilter" query --filter "$FILTER" -
	done

	median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
	for s in $sides; do
		cut -d' ' -f1 "$tmp/$s.times" | median >"$tmp/$s.median"
		cut -d' ' -f2 "$tmp/$s.times" | sort -n | tail -1 | awk '{printf "%.1f\n", $1/1024}' >"$tmp/$s.rss"
		cut -d' ' -f3 "$tmp/$s.times" | median >"$tmp/$s.cpu"
	done
	ours=$(cat "$tmp/odatafilter.median")

	# The outputs: the same records in the same order.
	matches=$(wc -l <"$tmp/odatafilter.out")
	if cmp -s "$tmp/jq.out" "$tmp/odatafilter.out"; then
		same_jq="byte-identical"
	elif cmp -s <("$tmp/normalize" <"$tmp/jq.out") <("$tmp/normalize" <"$tmp/odatafilter.out"); then
		respelled=$(diff "$tmp/jq.out" "$tmp/odatafilter.out" | grep -c '^<' || true)
		same_jq="identical after normalizing ($respelled of $matches lines spelled differently by jq -c)"
	else
		same_jq="DIFFERENT"
	fi
	if cmp -s "$tmp/baseline.out" "$tmp/odatafilter.out"; then
		same_baseline="byte-identical"
	else
		same_baseline="DIFFERENT"
	fi
	# The response document holds the same lines, each but the last with a
	# comma, between its first line and its last.
	if cmp -s <(sed '1d;$d' "$tmp/odatafilter-envelope.out" | sed 's/,$//') "$tmp/odatafilter.out"; then
		same_envelope="the same records"
	else
		same_envelope="DIFFERENT"
	fi

	echo
	echo "odatafilter query --filter \"$FILTER\""
	echo "over $N machines ($((size / 1000000)) MB), median of $ROUNDS rounds; peak RSS is the largest round's"
	echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); $jq_version"
	echo
	printf '| %-48s | %8s | %20s | %13s | %10s |\n' "side" "median s" "time / odatafilter's" "peak RSS (MB)" "CPU s"
	printf '|%s|%s|%s|%s|%s|\n' "--------------------------------------------------" "----------" "----------------------" "---------------" "------------"
	row() { # label side
		printf '| %-48s | %8.2f | %20s | %13s | %10.2f |\n' "$1" "$(cat "$tmp/$2.median")" \
			"$(awk -v a="$(cat "$tmp/$2.median")" -v b="$ours" 'BEGIN {printf "%.1f", a / b}')" \
			"$(cat "$tmp/$2.rss")" "$(cat "$tmp/$2.cpu")"
	}
	row "jq -c (jq 1.6)" jq
	row "encoding/json, streaming (bench/query/baseline)" baseline
	row "odatafilter query --ndjson" odatafilter
	row "odatafilter query (response document)" odatafilter-envelope
	echo
	echo "CPU s is the median of user plus system time: odatafilter spreads its work over the cores."
	busiest=$(cat "$tmp"/*.times | cut -d' ' -f4 | sort -n | tail -1)
	if awk -v o="$busiest" 'BEGIN {exit !(o > 0.05)}'; then
		echo "warning: other processes used up to $(awk -v o="$busiest" 'BEGIN {printf "%.0f%%", 100 * o}') of the CPUs" \
			"during a run: the times are skewed, the two-core odatafilter run's most; run again on an idle machine"
	fi
	echo
	echo "matches: $matches records"
	echo "jq output:       $same_jq"
	echo "baseline output: $same_baseline"
	echo "envelope output: $same_envelope"

	awk -v jq="$(cat "$tmp/jq.median")" -v base="$(cat "$tmp/baseline.median")" -v ours="$ours" \
		-v rss="$(cat "$tmp/odatafilter.rss")" -v rssEnv="$(cat "$tmp/odatafilter-envelope.rss")" 'BEGIN {
		printf "targets: vs jq %.1fx (want >= 20x) %s; vs encoding/json %.1fx (want >= 3x) %s; peak RSS %.1f MB, %.1f MB as a response document (want <= 64) %s\n",
			jq / ours, (jq / ours >= 20 ? "met" : "NOT MET"),
			base / ours, (base / ours >= 3 ? "met" : "NOT MET"),
			rss, rssEnv, (rss <= 64 && rssEnv <= 64 ? "met" : "NOT MET")
	}'
	case "$same_jq $same_baseline $same_envelope" in
	*DIFFERENT*)
		echo "outputs differ" >&2
		exit 1
		;;
	esac
	rm -f "$tmp/machines.json" "$tmp"/*.out
}

# duckdb_sides compares odatafilter query --count with DuckDB's count(*)
# over the same NDJSON file, on one core and on two.
duckdb_sides() {
	echo "installing @duckdb/node-api 1.5.6 in a scratch folder..." >&2
	mkdir -p "$tmp/duckdb"
	cp "$root/bench/query/duckdb-count.mjs" "$tmp/duckdb/"
	(cd "$tmp/duckdb" && echo '{"private":true,"type":"module"}' >package.json &&
		npm install --silent --no-audit --no-fund @duckdb/node-api@1.5.6-r.1 >/dev/null)

	echo "generating $N machines as NDJSON..." >&2
	"$tmp/odatafilter" gen -n "$N" --ndjson >"$tmp/machines.ndjson"
	local size
	size=$(stat -c %s "$tmp/machines.ndjson")

	# Each round runs the four sides one after another; a side's line in
	# $tmp/SIDE.duck is its count, its seconds and the machine's load
	# average when it started.
	local round threads line
	for round in $(seq "$ROUNDS"); do
		echo "round $round of $ROUNDS" >&2
		for threads in 1 2; do
			line=$(cd "$tmp/duckdb" && node duckdb-count.mjs "$tmp/machines.ndjson" "$threads")
			echo "$line $(cut -d' ' -f1 /proc/loadavg)" >>"$tmp/duckdb-$threads.duck"
			printf '  %-28s %s s (count %s)\n' "duckdb threads=$threads" "$(echo "$line" | cut -d' ' -f2)" "$(echo "$line" | cut -d' ' -f1)" >&2
			local start end n
			start=$(date +%s.%N)
			n=$(GOMAXPROCS=$threads "$tmp/odatafilter" query --count --filter "$FILTER" "$tmp/machines.ndjson")
			end=$(date +%s.%N)
			line="$n $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')"
			echo "$line $(cut -d' ' -f1 /proc/loadavg)" >>"$tmp/odatafilter-$threads.duck"
			printf '  %-28s %s s (count %s)\n' "odatafilter GOMAXPROCS=$threads" "$(echo "$line" | cut -d' ' -f2)" "$n" >&2
		done
	done

	median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
	local counts
	counts=$(cut -d' ' -f1 "$tmp"/*.duck | sort -u)
	echo
	echo "odatafilter query --count --filter \"$FILTER\" FILE against DuckDB $(cd "$tmp/duckdb" && node -e 'console.log(require("@duckdb/node-api/package.json").version)')"
	echo "  SELECT count(*) FROM read_ndjson(FILE, columns={id, healthStatus, rbacGroupId}) WHERE healthStatus IS DISTINCT FROM 'Active' AND rbacGroupId = 140"
	echo "over $N machines as NDJSON ($((size / 1000000)) MB), median of $ROUNDS interleaved rounds"
	echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3); node $(node --version)"
	echo "load average at the rounds' starts: $(cut -d' ' -f3 "$tmp"/*.duck | sort -n | head -1) to $(cut -d' ' -f3 "$tmp"/*.duck | sort -n | tail -1)"
	echo
	printf '| %-7s | %12s | %15s | %20s |\n' "threads" "DuckDB s" "odatafilter s" "odatafilter / DuckDB"
	printf '|%s|%s|%s|%s|\n' "---------" "--------------" "-----------------" "----------------------"
	local t duck ours
	for t in 1 2; do
		duck=$(cut -d' ' -f2 "$tmp/duckdb-$t.duck" | median)
		ours=$(cut -d' ' -f2 "$tmp/odatafilter-$t.duck" | median)
		printf '| %-7s | %12.3f | %15.3f | %20s |\n' "$t" "$duck" "$ours" "$(awk -v a="$ours" -v b="$duck" 'BEGIN {printf "%.2fx", a / b}')"
		if [ "$t" = 1 ]; then
			awk -v a="$ours" -v b="$duck" 'BEGIN {r = a / b} END {printf "goal (one core, at most DuckDB'"'"'s time): %.2fx, %s\n", r, (r <= 1 ? "met" : "NOT MET")}' </dev/null >"$tmp/goal"
		fi
	done
	echo
	cat "$tmp/goal"
	echo "DuckDB's seconds are its query's (node's start and the module's load left out); odatafilter's are the whole process's."
	if [ "$(echo "$counts" | wc -l)" != 1 ]; then
		echo "counts differ: $(echo "$counts" | tr '\n' ' ')" >&2
		exit 1
	fi
	echo "matches: $counts on every side and round"
	rm -f "$tmp/machines.ndjson"
}

case "$SIDES" in
all)
	jq_sides
	echo
	duckdb_sides
	;;
jq) jq_sides ;;
duckdb) duckdb_sides ;;
esac

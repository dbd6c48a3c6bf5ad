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
# Not run in CI: it takes a few minutes and needs about 2 GB of disk and,
# for jq, which reads the whole document into memory, about 6 GB of RAM.
#
#   bench/query/run.sh                 # 1,000,000 machines, 3 rounds
#   N=100000 ROUNDS=5 bench/query/run.sh
#
# The machine is shared by nothing else for a fair run: other load skews
# the medians (the interleaving spreads it over all sides alike, but only
# roughly).
set -euo pipefail

N=${N:-1000000}
ROUNDS=${ROUNDS:-3}
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
if ! command -v jq >/dev/null || [ ! -x /usr/bin/time ]; then
	echo "installing jq and time from Debian..." >&2
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq time >/dev/null
fi
jq_version=$(jq --version)
if [ "$jq_version" != jq-1.6 ]; then
	echo "warning: $jq_version, not the jq 1.6 the target names" >&2
fi

echo "building..." >&2
(cd "$root" && go build -o "$tmp/odatafilter" ./cmd/odatafilter &&
	go build -o "$tmp/baseline" ./bench/query/baseline &&
	go build -o "$tmp/normalize" ./bench/query/normalize)

echo "generating $N machines..." >&2
"$tmp/odatafilter" gen -n "$N" >"$tmp/machines.json"
size=$(stat -c %s "$tmp/machines.json")

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

sides="jq baseline odatafilter odatafilter-envelope"
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

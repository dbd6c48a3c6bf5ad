#!/usr/bin/env bash
# bench/query/scaling.sh measures goal 1 of the performance issue (issue
# 12) end to end: how
#
#   odatafilter query --ndjson --filter "healthStatus ne 'Active' and rbacGroupId eq 140" FILE
#
# scales with cores, over a generated Defender response document and the
# same machines as NDJSON, with GOMAXPROCS from 1 to the machine's CPUs
# (doubling), against the same command built from an earlier commit
# (BEFORE, default HEAD~1) when one is given: BEFORE= (empty) measures
# this checkout alone. Every run's output must be byte-identical to the
# first's. It prints the median wall time of ROUNDS interleaved rounds,
# the fastest and slowest, and the largest peak RSS of each cell.
#
#   bench/query/scaling.sh                          # 1,000,000 machines, 3 rounds
#   N=300000 ROUNDS=5 BEFORE=3a70d94 bench/query/scaling.sh
#
# Per-stage throughputs, which show where a many-core machine would be
# capped, come from go test . -run XXX -bench Stages -cpu 1 (the README's
# Performance section). Not run in CI: it takes minutes and about 2 GB of
# disk.
set -euo pipefail

N=${N:-1000000}
ROUNDS=${ROUNDS:-3}
BEFORE=${BEFORE-HEAD~1}
FILTER="healthStatus ne 'Active' and rbacGroupId eq 140"

root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/odatafilter-scaling.XXXXXX")
trap 'git -C "$root" worktree remove --force "$tmp/before-src" 2>/dev/null || true; rm -rf "$tmp"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "installing time from Debian..." >&2
	if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi

echo "building..." >&2
(cd "$root" && go build -o "$tmp/after" ./cmd/odatafilter)
builds="after"
if [ -n "$BEFORE" ]; then
	git -C "$root" worktree add -q --detach "$tmp/before-src" "$BEFORE"
	(cd "$tmp/before-src" && go build -o "$tmp/before" ./cmd/odatafilter)
	builds="before after"
fi

echo "generating $N machines..." >&2
"$tmp/after" gen -n "$N" >"$tmp/document.json"
"$tmp/after" gen -n "$N" --ndjson >"$tmp/machines.ndjson"

procs=""
for ((p = 1; p <= $(nproc); p *= 2)); do procs="$procs $p"; done

for round in $(seq "$ROUNDS"); do
	echo "round $round of $ROUNDS" >&2
	for input in document.json machines.ndjson; do
		for p in $procs; do
			for b in $builds; do
				cell="$input.$p.$b"
				GOMAXPROCS=$p /usr/bin/time -f "%e %M" -o "$tmp/time" "$tmp/$b" query --ndjson --filter "$FILTER" "$tmp/$input" >"$tmp/out"
				cat "$tmp/time" >>"$tmp/$cell.times"
				if [ ! -e "$tmp/first.out" ]; then
					mv "$tmp/out" "$tmp/first.out"
				elif ! cmp -s "$tmp/out" "$tmp/first.out"; then
					echo "$cell: output differs from the first run's" >&2
					exit 1
				fi
				printf '  %-22s %s s, %s KiB\n' "$cell" $(cat "$tmp/time") >&2
			done
		done
	done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo
echo "odatafilter query --ndjson --filter \"$FILTER\" FILE > FILE"
echo "$N machines: document $(($(stat -c %s "$tmp/document.json") / 1000000)) MB, NDJSON $(($(stat -c %s "$tmp/machines.ndjson") / 1000000)) MB;" \
	"$(wc -l <"$tmp/first.out") matches, every output byte-identical"
echo "median seconds of $ROUNDS interleaved rounds (fastest–slowest; largest peak RSS); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3)"
printf '\n| input | GOMAXPROCS |'
for b in $builds; do printf ' %s |' "$b"; done
printf '\n|---|---:|'
for b in $builds; do printf -- '---:|'; done
echo
for input in document.json machines.ndjson; do
	for p in $procs; do
		printf '| %s | %s |' "${input%%.*}" "$p"
		for b in $builds; do
			t=$(cut -d' ' -f1 "$tmp/$input.$p.$b.times" | median)
			lo=$(cut -d' ' -f1 "$tmp/$input.$p.$b.times" | sort -n | head -1)
			hi=$(cut -d' ' -f1 "$tmp/$input.$p.$b.times" | sort -n | tail -1)
			rss=$(cut -d' ' -f2 "$tmp/$input.$p.$b.times" | sort -n | tail -1)
			printf ' %s s (%s–%s; %d MB) |' "$t" "$lo" "$hi" $((rss / 1024))
		done
		echo
	done
done

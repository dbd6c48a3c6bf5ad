#!/usr/bin/env bash
# The attacks of issue 11 against one odatafilter binary: wall time, peak
# RSS and exit code of each, cut off at LIMIT seconds (default 30).
#   bash bench/attacks/run.sh path/to/odatafilter [LIMIT]
# To compare, build the binary of another commit too, e.g.
#   git worktree add /tmp/old <commit> && (cd /tmp/old && go build -o /tmp/old.bin ./cmd/odatafilter)
# Each attack uses one or two cores; run it on an otherwise idle machine.
set -uo pipefail
bin=$(realpath "$1")
limit=${2:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure NAME CMD...: one line "NAME | seconds | peak RSS MB | exit".
measure() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$tmp/time" timeout "$limit" "$@" >"$tmp/out" 2>"$tmp/err"
	local code=$?
	local secs kb
	read -r secs kb < <(tail -n 1 "$tmp/time")
	[[ $kb =~ ^[0-9]+$ ]] || kb=0
	[ "$code" = 124 ] && secs=">$limit"
	printf '%-44s | %8s s | %6d MB | exit %s | %s\n' "$name" "$secs" $((kb / 1024)) "$code" \
		"$(grep -v '^\s*$' "$tmp/err" | grep -o '\[[a-z_]*\]\|needs more than [0-9]* steps\|[a-z ]*nested more[a-z ]*' | head -1)"
}

nested() { # nested lambdas, $1 deep
	local f="" i
	for ((i = 0; i < $1; i++)); do f+="machineTags/any(t$i: "; done
	f+="t0 eq 'x'"
	for ((i = 0; i < $1; i++)); do f+=")"; done
	printf '%s' "$f"
}
repeat() { local s="" i; for ((i = 0; i < $2; i++)); do s+=$1; done; printf '%s' "$s"; }

"$bin" gen -n 100000 --seed 1 >"$tmp/100k.json"
# One machine whose name is 100 KB long.
printf '[{"id":"x","computerDnsName":"%s"}]' "$(repeat abcdefghij 10000)" >"$tmp/long.json"

measure "query: lambdas 12 deep, sample fleet" "$bin" query --filter "$(nested 12)"
measure "query: lambdas 40 deep, 100,000 machines" "$bin" query --filter "$(nested 40)" "$tmp/100k.json"
computed="matchesPattern(computerDnsName,concat(computerDnsName,'$(repeat '([a-z]{0,100}[0-9]{0,50}){1,3}' 17)'))"
measure "query: computed pattern (${#computed} B), sample" "$bin" query --filter "$computed"
huge="matchesPattern(computerDnsName,'$(repeat '[a-z]{0,1000}' 300)')"
measure "check: [a-z]{0,1000} x 300 (${#huge} B)" "$bin" check "$huge"
huge13="matchesPattern(computerDnsName,'$(repeat '[a-z0-9]{0,1000}' 800)')"
measure "check: a ${#huge13}-byte pattern" "$bin" check "$huge13"
subject="matchesPattern(computerDnsName,'$(repeat '[a-z]{0,1000}' 3)[0-9]{0,1000}x')"
measure "query: ${#subject}-byte pattern, 100 KB subject" "$bin" query --filter "$subject" "$tmp/long.json"

# serve: a client that gives up, a SIGTERM during its request, and the
# cache filled with distinct large-pattern queries.
serve_pid=
start_serve() { # [--data FILE]
	"$bin" serve --addr 127.0.0.1:0 "$@" 2>"$tmp/serve.log" &
	serve_pid=$!
	for _ in $(seq 100); do
		base=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.log" | head -1)
		[ -n "$base" ] && return
		sleep 0.1
	done
}
cpu_secs() { awk '{print ($14 + $15) / 100}' "/proc/$serve_pid/stat"; }
rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$serve_pid/status"; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

start_serve --data "$tmp/100k.json"
curl -s -o /dev/null --max-time 3 "$base/api/machines?\$filter=$(enc "$(nested 16)")"
c0=$(cpu_secs)
sleep 5
c1=$(cpu_secs)
echo "serve: lambdas 16 deep, client gone after 3 s  | CPU in the 5 s after: $(awk "BEGIN {print $c1 - $c0}") s | log: $(grep -o 'status=[0-9]*' "$tmp/serve.log" | tr '\n' ' ')"
curl -s -o /dev/null --max-time 30 "$base/api/machines?\$filter=$(enc "$computed")" &
sleep 1
t0=$(date +%s.%N)
kill -TERM "$serve_pid"
wait "$serve_pid"
code=$?
echo "serve: SIGTERM during a computed-pattern request | exit $code after $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t0}") s"
wait

start_serve # the sample fleet
for i in $(seq "${QUERIES:-10}"); do
	curl -s -o /dev/null --max-time "$limit" "$base/api/machines?x=$i&\$top=1&\$filter=$(enc "$huge")"
done
echo "serve: ${QUERIES:-10} distinct 3.9 KB pattern queries     | RSS after: $(rss_mb) MB"
kill -TERM "$serve_pid"
wait "$serve_pid"

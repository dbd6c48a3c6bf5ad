#!/usr/bin/env bash
# bench/query/bigrecords.sh measures the peak memory of odatafilter query
# at its worst case: records near records.MaxRecordSize (16 MiB), where the
# pipeline's batches in flight are largest (internal/cli/query_pipeline.go
# states the bound; the README's query section quotes the result).
#
# It writes COUNT (default 40) NDJSON records of SIZE bytes (default 16 MiB
# less 1 KiB) to a temporary file (about 670 MB, removed at the end), and
# the same records as a JSON array to another, then prints, for each, the
# wall time and peak RSS (GNU time's %M, in KB) of query with --ndjson,
# with the response document, and with a filter that keeps nothing, and
# of query --ndjson reading the file through a pipe (the peak RSS is the
# largest of the shell's, cat's and query's: query's). Not
# run in CI: it takes about a minute and 1.4 GB of disk.
#
#   bench/query/bigrecords.sh
#   COUNT=10 bench/query/bigrecords.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${COUNT:-40}
size=${SIZE:-$((16 * 1024 * 1024 - 1024))}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/odatafilter" ./cmd/odatafilter
pad=$(head -c "$size" /dev/zero | tr '\0' x)
for i in $(seq "$count"); do
	printf '{"id":"%d","riskScore":"High","note":"%s"}\n' "$i" "$pad"
done >"$tmp/big.ndjson"
{
	echo '['
	sed '$!s/$/,/' "$tmp/big.ndjson"
	echo ']'
} >"$tmp/big.json"
echo "$count records of $size bytes: $(wc -c <"$tmp/big.ndjson") bytes"
for file in big.ndjson big.json; do
	run() {
		/usr/bin/time -f "%e s, peak RSS %M KB: query $* $file" "$tmp/odatafilter" query "$@" "$tmp/$file" >/dev/null
	}
	run --ndjson
	run
	run --filter "riskScore eq 'Low'"
	# The same through a pipe, which is read in order on one goroutine
	# (a FILE is read by parts on every core).
	/usr/bin/time -f "%e s, peak RSS %M KB: cat $file | query --ndjson" sh -c "cat '$tmp/$file' | '$tmp/odatafilter' query --ndjson >/dev/null"
done

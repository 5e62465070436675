#!/usr/bin/env bash
# XLSXWriter against its peer (the report's XLSX output), side by side on
# this machine:
#
#   1. xlsx-write-benchmark: ROWS messages of 8 columns (phone and name
#      inline, file name, row number, send time, status, receipt time,
#      error code) into one sheet, zlib level 1, compression on a second
#      thread (the defaults);
#   2. the same with compression on the formatting thread, and at level 6;
#   3. Python's XlsxWriter in constant_memory mode writing the same rows,
#      header, widths, frozen pane and autofilter (Benchmarks/xlsx_peer.py).
#
# Each process is timed whole (GNU time -v: elapsed time and peak RSS);
# outputs removed and `sync` before each run. Best of ROUNDS (default 3)
# for ours, of PEER_ROUNDS (default 1: it takes minutes) for the peer.
#
#   Benchmarks/xlsx.sh [ROWS]        (default 1000000)
#
# Needs python3 with XlsxWriter (pip install XlsxWriter), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
rounds=${ROUNDS:-3}
peer_rounds=${PEER_ROUNDS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product xlsx-write-benchmark >&2
bin=.build/release/xlsx-write-benchmark
echo "uptime: $(uptime)"

measure() { # measure NAME COMMAND...: prints the run; appends "NAME SECONDS KB" to $work/runs
    local name=$1; shift
    rm -f "$work/out.xlsx"; sync
    /usr/bin/time -v -o "$work/time" "$@" >/dev/null
    local seconds kb
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time")
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
    printf '%-28s %8.2f s %6d MB %6d MB file\n' "$name" "$seconds" "$((kb / 1024))" "$(($(stat -c %s "$work/out.xlsx") / 1000000))"
    echo "$name $seconds $kb" >> "$work/runs"
}
best() { awk -v name="$1" '$1 == name && (best == "" || $2 < best) { best = $2; kb = $3 } END { printf "%.2f s, peak RSS %d MB", best, kb / 1024 }' "$work/runs"; }
seconds_of() { awk -v name="$1" '$1 == name && (best == "" || $2 < best) { best = $2 } END { print best }' "$work/runs"; }

for round in $(seq 1 "$rounds"); do
    measure texto "$bin" "$work/out.xlsx" "$count"
    measure texto-foreground "$bin" "$work/out.xlsx" "$count" --foreground
    measure texto-level6 "$bin" "$work/out.xlsx" "$count" --level 6
done
for round in $(seq 1 "$peer_rounds"); do
    measure xlsxwriter python3 Benchmarks/xlsx_peer.py "$work/out.xlsx" "$count"
done

printf '\n%d rows x 8 columns:\n' "$count"
printf 'XLSXWriter (level 1, compression on a second thread): %s\n' "$(best texto)"
printf 'XLSXWriter, compression on the same thread:           %s\n' "$(best texto-foreground)"
printf 'XLSXWriter, zlib level 6:                             %s\n' "$(best texto-level6)"
printf 'XlsxWriter constant_memory (Python):                  %s\n' "$(best xlsxwriter)"
printf 'speed-up over XlsxWriter: %.1f x (budget 10 x)\n' "$(echo "$(seconds_of xlsxwriter) / $(seconds_of texto)" | bc -l)"
echo "uptime: $(uptime)"

#!/usr/bin/env bash
# The peer of ledger-benchmark: the sqlite3 shell bulk-loads the same ledger
# columns into the same schema (.import into a staging table, then
# INSERT ... SELECT into `messages` with its indexes), once with SQLite's
# default page cache and once with the cache ledger-benchmark uses, and
# ledger-benchmark records the same messages, side by side.
#
#   Benchmarks/ledger_sqlite3.sh [MESSAGES]      (default 1000000)
#
# Needs the sqlite3 shell (apt-get install sqlite3) and a release build:
#   swift build -c release --product ledger-benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=.build/release/ledger-benchmark

# A store with Texto's schema, and the CSV of the rows (same ids, same values).
LEDGER_CSV="$work/ledger.csv" "$bin" "$count" "$work/texto.sqlite" >/dev/null
sqlite3 "$work/texto.sqlite" "DELETE FROM messages; VACUUM;"
cp "$work/texto.sqlite" "$work/empty.sqlite"

echo "uptime: $(uptime)"
for run in 1 2 3; do
    for cache in default 256MiB; do
        cp "$work/empty.sqlite" "$work/peer.sqlite"
        pragma=""
        [ "$cache" = 256MiB ] && pragma="PRAGMA cache_size = -262144;"
        start=$(date +%s.%N)
        sqlite3 "$work/peer.sqlite" <<SQL
PRAGMA synchronous = FULL;
$pragma
CREATE TEMP TABLE staging (id, campaign_id, phone, source_file, source_row, text_length, segments, encoding, scheduled_at,
                           batch_file, contact_name, postal_code, is_test, created_at);
.mode csv
.import --skip 1 $work/ledger.csv staging
BEGIN IMMEDIATE;
INSERT INTO messages (id, campaign_id, phone, source_file, source_row, text_length, segments, encoding, scheduled_at,
                      batch_file, contact_name, postal_code, is_test, created_at)
SELECT id, campaign_id, phone, source_file, source_row, text_length, segments, encoding, scheduled_at,
       batch_file, contact_name, postal_code, is_test, created_at FROM staging;
COMMIT;
SQL
        end=$(date +%s.%N)
        printf 'sqlite3 shell (cache %s), run %d: %.2f s\n' "$cache" "$run" "$(echo "$end - $start" | bc)"
    done
    rm -f "$work"/texto-run.sqlite*
    "$bin" "$count" "$work/texto-run.sqlite" | sed "s/^/texto, run $run: /"
done

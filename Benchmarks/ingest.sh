#!/usr/bin/env bash
# texto-ingest against its peer (issue 10), side by side on this machine:
#
#   1. MESSAGES messages emitted (texto-emit) into a store, and the gateway
#      played on them (texto-simulate, its default rates and noise): an
#      SMPP receipt log with intermediate states and duplicates (about 1.32
#      lines per message: 757,000 messages make the budget's million
#      receipts), and the submit log mapping our ids to the SMSC's;
#   2. texto-ingest reading the receipts and the submit log into a copy of
#      the store (the whole process);
#   3. the peer: the sqlite3 shell bulk-loading the same number of event
#      rows (message id, status, error code, done date, raw line, as
#      texto-ingest recorded them) from a CSV into the same tables with
#      their indexes (`.import` into a staging table, then INSERT ... SELECT);
#   4. for scale, SQLite's floor: the shell copying the same rows, already
#      in a staging database (the CSV import is not timed), the way
#      texto-ingest writes them (128 MiB cache, CHECK constraints and
#      foreign keys off, the random-order index made after the load),
#      events alone (texto-ingest also writes outcomes and SMSC ids, and
#      reads and parses the files).
#
# Best of ROUNDS (default 2), outputs removed and `sync` before each run.
#
#   Benchmarks/ingest.sh [MESSAGES]        (default 757000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-757000}
rounds=${ROUNDS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for product in texto-emit texto-simulate texto-ingest; do swift build -c release --product $product >&2; done
bin=.build/release

python3 Benchmarks/generate_messages.py "$work/messages.csv" "$count"
"$bin/texto-emit" "$work/messages.csv" --campaign noel-2026 --sender KERKAFE --out "$work/batches" --store "$work/emitted.sqlite" \
    --at "2026-11-28T16:00" --rate 50/s 2>/dev/null
"$bin/texto-simulate" "$work/batches" --out "$work/gateway" --seed 1 --replies csv >&2
rm -f "$work/gateway/expected.csv" "$work/gateway/replies.csv"
echo "receipts: $(wc -l < "$work/gateway/receipts.log") lines, $(($(stat -c %s "$work/gateway/receipts.log") / 1000000)) MB;" \
    "submit log: $(wc -l < "$work/gateway/submit.log") lines; uptime: $(uptime)"

# The peer's rows: the events texto-ingest records, from a first run.
cp "$work/emitted.sqlite" "$work/texto.sqlite"
TEXTO_NOW=1795950000 "$bin/texto-ingest" "$work/gateway" --store "$work/texto.sqlite" >&2
sqlite3 -csv -header "$work/texto.sqlite" \
    "SELECT message_id, provider_message_id, phone, status, error_code, done_at, received_at, raw, ingested_file_id, source_line FROM events" \
    > "$work/events.csv"

sqlite3 "$work/staging.sqlite" <<SQL
CREATE TABLE staging (message_id, provider_message_id, phone, status, error_code, done_at, received_at, raw, ingested_file_id, source_line);
.mode csv
.import --skip 1 $work/events.csv staging
SQL

seconds() { local start=$1 end; end=$(date +%s.%N); echo "$end - $start" | bc; }
best_texto=999999; best_shell=999999; best_floor=999999; peak=0
for round in $(seq 1 "$rounds"); do
    for what in texto shell floor; do
        rm -f "$work"/run.sqlite*; cp "$work/emitted.sqlite" "$work/run.sqlite"; sync
        start=$(date +%s.%N)
        if [ $what = texto ]; then
            TEXTO_NOW=1795950000 /usr/bin/time -f '%M' -o "$work/rss" "$bin/texto-ingest" "$work/gateway" --store "$work/run.sqlite" 2>/dev/null
            t=$(seconds "$start"); best_texto=$(echo "if ($t < $best_texto) $t else $best_texto" | bc)
            rss=$(tail -1 "$work/rss"); [ "$rss" -gt "$peak" ] && peak=$rss
        elif [ $what = floor ]; then
            sqlite3 "$work/run.sqlite" <<SQL
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -131072;
PRAGMA ignore_check_constraints = ON;
ATTACH '$work/staging.sqlite' AS s;
BEGIN IMMEDIATE;
DROP INDEX events_by_message;
INSERT INTO ingested_files (id, sha256, name, size, format, ingested_at)
    SELECT DISTINCT ingested_file_id, printf('%064d', ingested_file_id), 'f' || ingested_file_id, 0, 'smpp', '2026-11-29T10:00:00Z' FROM s.staging;
INSERT INTO events (message_id, provider_message_id, phone, status, error_code, done_at, received_at, raw, ingested_file_id, source_line)
    SELECT nullif(message_id, ''), provider_message_id, nullif(phone, ''), status, nullif(error_code, ''), nullif(done_at, ''),
           received_at, raw, ingested_file_id, source_line FROM s.staging;
CREATE INDEX events_by_message ON events(message_id);
COMMIT;
SQL
            t=$(seconds "$start"); best_floor=$(echo "if ($t < $best_floor) $t else $best_floor" | bc)
        else
            sqlite3 "$work/run.sqlite" <<SQL
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = OFF;
CREATE TEMP TABLE staging (message_id, provider_message_id, phone, status, error_code, done_at, received_at, raw, ingested_file_id, source_line);
.mode csv
.import --skip 1 $work/events.csv staging
BEGIN IMMEDIATE;
INSERT INTO ingested_files (id, sha256, name, size, format, ingested_at)
    SELECT DISTINCT ingested_file_id, printf('%064d', ingested_file_id), 'f' || ingested_file_id, 0, 'smpp', '2026-11-29T10:00:00Z' FROM staging;
INSERT INTO events (message_id, provider_message_id, phone, status, error_code, done_at, received_at, raw, ingested_file_id, source_line)
    SELECT nullif(message_id, ''), provider_message_id, nullif(phone, ''), status, nullif(error_code, ''), nullif(done_at, ''),
           received_at, raw, ingested_file_id, source_line FROM staging;
COMMIT;
SQL
            t=$(seconds "$start"); best_shell=$(echo "if ($t < $best_shell) $t else $best_shell" | bc)
        fi
        printf 'round %d: %-6s %7.2f s\n' "$round" "$what" "$t"
    done
done
printf '\ntexto-ingest, %d receipt lines of %d messages and their submit log: %.2f s (budget 1,000,000 in 5 s), peak RSS %d MB\n' \
    "$(wc -l < "$work/gateway/receipts.log")" "$count" "$best_texto" "$((peak / 1024))"
printf 'sqlite3 shell, the same number of event rows: %.2f s\n' "$best_shell"
printf 'ratio texto / shell: %.2f (budget 1)\n' "$(echo "$best_texto / $best_shell" | bc -l)"
printf 'SQLite floor (the shell, events alone, as texto-ingest loads them): %.2f s\n' "$best_floor"
echo "uptime: $(uptime)"

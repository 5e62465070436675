#!/usr/bin/env bash
# The store on PostgreSQL against the store on SQLite (issue 15), on this
# machine, loopback, both durable (SQLite synchronous = FULL; PostgreSQL
# fsync, synchronous_commit and full_page_writes on):
#
#   1. texto-emit of MESSAGES messages into an empty store (the ledger,
#      COPY on PostgreSQL);
#   2. texto-ingest of the simulated gateway's receipts and submit log for
#      them (about 1.32 receipt lines per message: 757,000 messages make a
#      million receipts) into the store the emit left.
#
# Then the tables' sizes on PostgreSQL, for docs/scaling.md.
# Best of ROUNDS (default 2). A throw-away cluster is started on port 55440
# (.ci/postgres.sh) unless TEXTO_BENCH_POSTGRES names a server.
#
#   Benchmarks/postgres.sh [MESSAGES]        (default 757000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-757000}
rounds=${ROUNDS:-2}
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
    [ -z "${TEXTO_BENCH_POSTGRES:-}" ] && .ci/postgres.sh stop "$work/cluster" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

for product in texto-emit texto-simulate texto-ingest; do swift build -c release --product $product >&2; done
bin=.build/release
server=${TEXTO_BENCH_POSTGRES:-$(TEXTO_PG_DURABLE=1 .ci/postgres.sh start "$work/cluster" 55440)}

python3 Benchmarks/generate_messages.py "$work/messages.csv" "$count"
emit() {  # STORE
    "$bin/texto-emit" "$work/messages.csv" --campaign noel-2026 --sender KERKAFE --out "$work/batches-$RANDOM" --store "$1" \
        --at "2026-11-28T16:00" --rate 50/s 2>/dev/null
}
schema() {  # a new schema on the server, and its URL
    local name="bench_$RANDOM$RANDOM"
    psql -X -q -d "$server" -c "CREATE SCHEMA $name" >/dev/null
    echo "$server?options=-csearch_path%3D$name"
}
seconds() { local start=$1 end; end=$(date +%s.%N); echo "$end - $start" | bc; }
min() { echo "if ($1 < $2) $1 else $2" | bc; }

# The gateway's answer, once, from a first emit.
emit "$work/first.sqlite"
"$bin/texto-simulate" "$work"/batches-* --out "$work/gateway" --seed 1 --replies csv >&2
rm -f "$work/gateway/expected.csv" "$work/gateway/replies.csv"
echo "messages: $count; receipts: $(wc -l < "$work/gateway/receipts.log") lines; submit log: $(wc -l < "$work/gateway/submit.log") lines"

best_emit_sqlite=999999; best_emit_pg=999999; best_ingest_sqlite=999999; best_ingest_pg=999999
for round in $(seq 1 "$rounds"); do
    rm -f "$work"/run.sqlite*; sync
    start=$(date +%s.%N); emit "$work/run.sqlite"; best_emit_sqlite=$(min "$best_emit_sqlite" "$(seconds "$start")")
    sync
    start=$(date +%s.%N); TEXTO_NOW=1795950000 "$bin/texto-ingest" "$work/gateway" --store "$work/run.sqlite" 2>/dev/null
    best_ingest_sqlite=$(min "$best_ingest_sqlite" "$(seconds "$start")")

    url=$(schema); sync
    start=$(date +%s.%N); emit "$url"; best_emit_pg=$(min "$best_emit_pg" "$(seconds "$start")")
    sync
    start=$(date +%s.%N); TEXTO_NOW=1795950000 "$bin/texto-ingest" "$work/gateway" --store "$url" 2>/dev/null
    best_ingest_pg=$(min "$best_ingest_pg" "$(seconds "$start")")
done

printf '%-28s %10s %12s %8s\n' "" "SQLite" "PostgreSQL" "ratio"
printf '%-28s %9.2fs %11.2fs %8.2f\n' "emit ($count messages)" "$best_emit_sqlite" "$best_emit_pg" "$(echo "$best_emit_pg / $best_emit_sqlite" | bc -l)"
printf '%-28s %9.2fs %11.2fs %8.2f\n' "ingest (their receipts)" "$best_ingest_sqlite" "$best_ingest_pg" "$(echo "$best_ingest_pg / $best_ingest_sqlite" | bc -l)"
echo "PostgreSQL, per table (rows, bytes with indexes, bytes per row):"
psql -X -q -A -F " " -t -d "$url" -c "ANALYZE" -c "
    SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid),
           CASE WHEN c.reltuples > 0 THEN round(pg_total_relation_size(c.oid) / c.reltuples) END
    FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.reltuples > 0 ORDER BY 3 DESC" \
    | sed 's/^/  /'
echo "SQLite file: $(stat -c %s "$work/run.sqlite") bytes"

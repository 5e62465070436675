#!/usr/bin/env bash
# texto-emit against its peer (issue 9), side by side on this machine:
#
#   1. texto-emit, the whole process: MESSAGES rendered messages (a
#      messages.csv as texto-render writes it) emitted as CSV at 50/s from a
#      Saturday 16:00, with their ledger rows, into a new store;
#   2. the sqlite3 shell bulk-loading the same ledger columns of the same
#      messages into the same schema (`.import` into a staging table, then
#      INSERT ... SELECT into `messages` with its indexes), with SQLite's
#      default page cache and with a 256 MiB one;
#   3. texto-emit as a Gammu outbox of GAMMU messages (one file each).
#
# Rounds alternate the order; before each run the previous outputs are
# removed and `sync` is called (outside the timing). Best of ROUNDS.
#
#   Benchmarks/emit.sh [MESSAGES] [GAMMU]        (default 1000000 10000)
#
# Needs python3, the sqlite3 shell (apt-get install sqlite3), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
gammu=${2:-10000}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product texto-emit >&2
bin=.build/release/texto-emit

# The messages: what texto-render writes for a 1-SMS campaign.
python3 Benchmarks/generate_messages.py "$work/messages.csv" "$count"
head -n $((gammu + 1)) "$work/messages.csv" > "$work/messages-gammu.csv"
echo "messages.csv: $count rows, $(($(stat -c %s "$work/messages.csv") / 1000000)) MB; uptime: $(uptime)"

emit() { # emit OUT STORE INPUT FORMAT; peak memory (KiB) in $work/rss
    /usr/bin/time -f '%M' -o "$work/rss" "$bin" "$3" --campaign noel-2026 --sender KERKAFE --out "$1" --store "$2" \
        --format "$4" --at "2026-11-28T16:00" --rate 50/s >/dev/null 2>"$work/emit.log" || { cat "$work/emit.log" >&2; exit 1; }
}
clean() { rm -rf "$work/out" "$work"/texto.sqlite* "$work"/peer.sqlite*; sync; }

# The peer's input: the ledger columns of the same messages, from a first emit.
clean
emit "$work/out" "$work/texto.sqlite" "$work/messages.csv" csv
sqlite3 -csv -header "$work/texto.sqlite" "SELECT id, campaign_id, phone, source_file, source_row, text_length, segments, encoding,
    scheduled_at, batch_file, contact_name, postal_code, is_test, created_at FROM messages" > "$work/ledger.csv"
sqlite3 "$work/texto.sqlite" "DELETE FROM batch_files; DELETE FROM messages; VACUUM;"
cp "$work/texto.sqlite" "$work/empty.sqlite"

peer() { # peer CACHE_PRAGMA
    sqlite3 "$work/peer.sqlite" <<SQL
PRAGMA synchronous = FULL;
$1
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
}

seconds() { local start=$1 end; end=$(date +%s.%N); echo "$end - $start" | bc; }
peak=0
best_texto=999999; best_shell=999999; best_shell_cache=999999; best_gammu=999999
for round in $(seq 1 "$rounds"); do
    order="texto shell shell_cache gammu"
    [ $((round % 2)) -eq 0 ] && order="gammu shell_cache shell texto"
    for what in $order; do
        clean
        case $what in
        texto) start=$(date +%s.%N); emit "$work/out" "$work/texto.sqlite" "$work/messages.csv" csv; t=$(seconds "$start")
               best_texto=$(echo "if ($t < $best_texto) $t else $best_texto" | bc)
               rss=$(tail -1 "$work/rss"); [ "$rss" -gt "$peak" ] && peak=$rss ;;
        shell) cp "$work/empty.sqlite" "$work/peer.sqlite"; sync
               start=$(date +%s.%N); peer ""; t=$(seconds "$start")
               best_shell=$(echo "if ($t < $best_shell) $t else $best_shell" | bc) ;;
        shell_cache) cp "$work/empty.sqlite" "$work/peer.sqlite"; sync
               start=$(date +%s.%N); peer "PRAGMA cache_size = -262144;"; t=$(seconds "$start")
               best_shell_cache=$(echo "if ($t < $best_shell_cache) $t else $best_shell_cache" | bc) ;;
        gammu) start=$(date +%s.%N); emit "$work/out" "$work/texto.sqlite" "$work/messages-gammu.csv" gammu; t=$(seconds "$start")
               best_gammu=$(echo "if ($t < $best_gammu) $t else $best_gammu" | bc) ;;
        esac
        printf 'round %d: %-11s %6.2f s\n' "$round" "$what" "$t"
    done
done
printf '\ntexto-emit, %d messages as CSV with the ledger: %.2f s (budget 5 s), peak RSS %d MB\n' "$count" "$best_texto" "$((peak / 1024))"
printf 'sqlite3 shell, same ledger rows: %.2f s (default cache), %.2f s (256 MiB cache)\n' "$best_shell" "$best_shell_cache"
printf 'ratio texto / shell: %.2f (default cache), %.2f (256 MiB) (budget 0.5)\n' \
    "$(echo "$best_texto / $best_shell" | bc -l)" "$(echo "$best_texto / $best_shell_cache" | bc -l)"
printf 'texto-emit, %d messages as a Gammu outbox: %.2f s (budget 2 s)\n' "$gammu" "$best_gammu"
echo "uptime: $(uptime)"

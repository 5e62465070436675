#!/usr/bin/env bash
# texto-report on a campaign of MESSAGES messages (issue 11's budget: a
# million messages' report, HTML, XLSX and CSV, in 3 s, memory flat):
#
#   1. MESSAGES messages emitted (texto-emit) into a store, the gateway
#      played on them (texto-simulate's default rates: 0.2 % of the
#      delivered reply STOP, 1 % something else) and its reports and replies
#      ingested (texto-ingest): the store an analyst has the day after;
#   2. texto-report --campaign writing the campaign's page, its workbook
#      (Synthèse, Messages, STOP, NPAI, Réponses) and its CSV tables, and
#      the index (the whole process; best of ROUNDS, default 3, the page
#      cache warm as it is the morning after an ingest);
#   3. for scale, SQLite's floor: the sqlite3 shell reading the same
#      rows (each message joined to its outcome) and summing their lengths.
#
#   Benchmarks/report.sh [MESSAGES]        (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for product in texto-emit texto-simulate texto-ingest texto-report; do swift build -c release --product $product >&2; done
bin=.build/release

python3 Benchmarks/generate_messages.py "$work/messages.csv" "$count"
"$bin/texto-emit" "$work/messages.csv" --campaign noel-2026 --sender KERKAFE --out "$work/batches" --store "$work/texto.sqlite" \
    --at "2026-11-28T16:00" --rate 50/s 2>/dev/null
"$bin/texto-simulate" "$work/batches" --out "$work/gateway" --seed 1 >&2
rm -f "$work/gateway/expected.csv"
TEXTO_NOW=1795950000 "$bin/texto-ingest" "$work/gateway" --store "$work/texto.sqlite" >&2
echo "store: $(($(stat -c %s "$work/texto.sqlite") / 1000000)) MB; uptime: $(uptime)"

seconds() { local start=$1 end; end=$(date +%s.%N); echo "$end - $start" | bc; }
best=999999; peak=0
for round in $(seq 1 "$rounds"); do
    rm -rf "$work/rapports"
    start=$(date +%s.%N)
    TEXTO_NOW=1795950000 /usr/bin/time -f '%M %U %S' -o "$work/rss" "$bin/texto-report" --out "$work/rapports" --campaign noel-2026 \
        --store "$work/texto.sqlite" --unit-price 0.045 2>/dev/null
    t=$(seconds "$start"); best=$(echo "if ($t < $best) $t else $best" | bc)
    read -r rss user system < "$work/rss"; [ "$rss" -gt "$peak" ] && peak=$rss
    printf 'round %d: texto-report %6.2f s (user %s s, system %s s)\n' "$round" "$t" "$user" "$system"
done
start=$(date +%s.%N)
sqlite3 "$work/texto.sqlite" "PRAGMA mmap_size = 2147483648;
    SELECT count(*), sum(length(m.phone) + length(m.contact_name) + length(m.source_file) + m.source_row + length(m.scheduled_at)
                         + m.segments + length(m.postal_code) + length(o.state) + length(o.at) + length(o.error_code))
    FROM messages m LEFT JOIN outcomes o ON o.message_id = m.id WHERE m.campaign_id = 'noel-2026' AND m.is_test = 0" > /dev/null
floor=$(seconds "$start")
echo
ls -l "$work/rapports" | awk 'NR > 1 { printf "  %-28s %12d bytes\n", $9, $5 }'
printf '\ntexto-report, a campaign of %d messages (HTML, XLSX, CSV): %.2f s (budget 3 s for 1,000,000), peak RSS %d MB\n' \
    "$count" "$best" "$((peak / 1024))"
printf 'SQLite floor (the shell reading the same rows, mapped): %.2f s\n' "$floor"
echo "uptime: $(uptime)"

#!/usr/bin/env bash
# texto-run against the stage executables (issue 12), side by side on this
# machine: the 1,000,000-row XLSX export (Benchmarks/generate.py) imported,
# targeted (consent), rendered and emitted as CSV batch files
#
#   1. by texto-run, one pipeline file, the four steps in one process;
#   2. by texto-import, texto-target, texto-render and texto-emit run one
#      after the other on the same files with the same options.
#
# Each run starts from nothing (no store, no run folder: nothing to skip).
# Best of ROUNDS (default 2), the two alternating; peak RSS of each.
#
#   Benchmarks/pipeline.sh [ROWS]        (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
rounds=${ROUNDS:-2}
label=$([ $((rows % 1000000)) -eq 0 ] && echo "$((rows / 1000000))M" || echo "$((rows / 1000))k")
data=Benchmarks/data
[ -f "$data/contacts-$label.xlsx" ] || python3 Benchmarks/generate.py --rows "$rows" --out "$data"
input=$(realpath "$data/contacts-$label.xlsx")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for product in texto-run texto-import texto-target texto-render texto-emit; do swift build -c release --product $product >&2; done
bin=$(realpath .build/release)

template='Bonjour $PRENOM$, -20 % sur votre prochaine visite à $VILLE$ ! L’équipe Ker Kafé'
cat > "$work/bench.yaml" <<YAML
campaign: {id: bench, sender: KERKAFE, stop_mention: STOP au 36035}
input: {files: ["$input"]}
targeting: {consent_column: AUTORISE_SMS}
message: {template: "$template", unit_price: 0.045}
schedule: {at: "2026-12-01 10:00", rate: 500/s}
emit: {format: csv, chunk: 100000, out: batches}
YAML

seconds() { local start=$1 end; end=$(date +%s.%N); echo "$end - $start" | bc; }
best_run=999999; best_stages=999999; peak_run=0; peak_stages=0
for round in $(seq 1 "$rounds"); do
    for what in run stages; do
        rm -rf "$work/out" && mkdir -p "$work/out" && cd "$work/out" && sync
        start=$(date +%s.%N)
        if [ $what = run ]; then
            cp "$work/bench.yaml" .
            TEXTO_NOW=1796000000 /usr/bin/time -f '%M' -o "$work/rss" "$bin/texto-run" bench.yaml --date 2026-12-01 2>"$work/log"
            rss=$(tail -1 "$work/rss")
        else
            rss=0
            step() { /usr/bin/time -f '%M' -o "$work/rss" "$@" 2>>"$work/log"; local r; r=$(tail -1 "$work/rss"); [ "$r" -gt "$rss" ] && rss=$r; true; }
            step "$bin/texto-import" "$input" -o contacts.csv --rejects rejects.csv
            step "$bin/texto-target" contacts.csv -o audience.csv --excluded excluded.csv --date 2026-12-01 --consent-column AUTORISE_SMS
            step "$bin/texto-render" audience.csv -o messages.csv --rejects render-rejects.csv --stop-mention "STOP au 36035" \
                --unit-price 0.045 --template "$template"
            TEXTO_NOW=1796000000 step "$bin/texto-emit" messages.csv --campaign bench --sender KERKAFE --out batches --format csv \
                --chunk 100000 --at "2026-12-01 10:00" --rate 500/s --unit-price 0.045 --stop-mention "STOP au 36035"
        fi
        t=$(seconds "$start")
        cd - >/dev/null
        if [ $what = run ]; then
            best_run=$(echo "if ($t < $best_run) $t else $best_run" | bc); [ "$rss" -gt "$peak_run" ] && peak_run=$rss
        else
            best_stages=$(echo "if ($t < $best_stages) $t else $best_stages" | bc); [ "$rss" -gt "$peak_stages" ] && peak_stages=$rss
        fi
        printf 'round %d: %-6s %7.2f s\n' "$round" "$what" "$t"
    done
done
messages=$(find "$work/out/batches" -name '*.csv' -exec cat {} + | grep -c . || true)
grep -E "texto-(import|target|render|emit):" "$work/log" | tail -4 | cut -c1-200
printf '\n%d rows (%s): texto-run %.2f s (budget 10 s), peak RSS %d MB; the four stages one after the other %.2f s, peak RSS %d MB\n' \
    "$rows" "$(basename "$input")" "$best_run" "$((peak_run / 1024))" "$best_stages" "$((peak_stages / 1024))"
printf 'ratio texto-run / stages: %.2f (budget: no slower, 1.00)\n' "$(echo "$best_run / $best_stages" | bc -l)"
echo "uptime: $(uptime)"

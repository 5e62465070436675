#!/usr/bin/env bash
# Benchmarks/run.sh [ROWS]   (default 1000000)
#
# Times texto-import on the generated XLSX and CSV (3 runs each, best time,
# peak RSS over the runs), then python-calamine's XLSX-to-CSV on the same
# XLSX, and prints the budgets of DESIGN.md §5 next to the results. Then the
# memory-flatness check: texto-import's (and calamine's) peak RSS on 250k and
# 1M rows. MB = 10^6 bytes throughout.
#
# Then the CSV import side by side with DuckDB's plain CSV copy (issue 8):
# interleaved runs, best of DUCKDB_RUNS, the ratio texto/DuckDB.
#
# Environment: SKIP_BUILD=1 uses the existing .build/release/texto-import
# (or TEXTO_IMPORT=/path/to/texto-import);
# RUNS=N changes the number of runs (default 3); NO_TARGET=1 skips targeting; NO_FLATNESS=1 skips the
# 250k/1M memory check; DUCKDB_RUNS=N (default 5) for the DuckDB comparison, NO_DUCKDB=1 skips it,
# ONLY_DUCKDB=1 runs only it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROWS="${1:-1000000}"
RUNS="${RUNS:-3}"
DATA="$ROOT/Benchmarks/data"
RESULTS="$ROOT/Benchmarks/results"
BIN="${TEXTO_IMPORT:-$ROOT/.build/release/texto-import}"
TIME=/usr/bin/time

if [[ ! -x $TIME ]]; then
    echo "GNU time is missing: apt-get install -y time" >&2
    exit 1
fi

label() {  # 1000000 -> 1M, 250000 -> 250k (as generate.py names files)
    local n=$1
    if (( n % 1000000 == 0 )); then echo "$((n / 1000000))M"
    elif (( n % 1000 == 0 )); then echo "$((n / 1000))k"
    else echo "$n"; fi
}

ensure_data() {  # ROWS
    local l; l=$(label "$1")
    if [[ ! -f $DATA/contacts-$l.xlsx || ! -f $DATA/contacts-$l.csv || ! -f $DATA/contacts-$l-utf8.csv ]]; then
        python3 "$ROOT/Benchmarks/generate.py" --rows "$1" --out "$DATA"
    fi
}

# measure NAME RUNS CMD... : runs CMD RUNS times under GNU time; sets
# BEST (seconds) and PEAK (KB, the highest over the runs); returns CMD's
# status if a run fails.
measure() {
    local name=$1 runs=$2; shift 2
    local tf; tf=$(mktemp)
    BEST="" PEAK=0
    for ((i = 1; i <= runs; i++)); do
        local st=0
        "$TIME" -o "$tf" -f '%e %M' "$@" >"$RESULTS/$name.stdout" 2>"$RESULTS/$name.stderr" || st=$?
        if (( st != 0 )); then
            echo "  $name: run $i failed with exit status $st; stderr:" >&2
            tail -n 5 "$RESULTS/$name.stderr" >&2
            rm -f "$tf"
            return 1
        fi
        read -r secs kb < <(tail -n 1 "$tf")
        if [[ -z $BEST ]] || awk -v a="$secs" -v b="$BEST" 'BEGIN { exit !(a < b) }'; then BEST=$secs; fi
        (( kb > PEAK )) && PEAK=$kb
    done
    rm -f "$tf"
}

report() {  # LABEL ROWS INPUT_BYTES SECONDS PEAK_KB
    awk -v l="$1" -v r="$2" -v b="$3" -v s="$4" -v k="$5" 'BEGIN {
        s0 = (s > 0 ? s : 0.001)
        printf "  %-22s %7.2f s  %10.0f rows/s  %7.1f MB/s  peak %7.1f MB\n",
               l, s, r / s0, b / 1e6 / s0, k * 1024 / 1e6 }'
}

# texto_cmd INPUT OUTDIR: sets CMD to the texto-import command line
texto_cmd() {
    mkdir -p "$2"
    CMD=("$BIN" "$1" -o "$2/contacts.csv" --rejects "$2/rejects.csv" --summary "$2/summary.json")
}

mkdir -p "$RESULTS"
L=$(label "$ROWS")

have_texto=1
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    echo "== swift build -c release"
    if ! swift build -c release --product texto-import 2>&1 | tail -n 3; then have_texto=0; fi
    swift build -c release --product table-read-benchmark 2>&1 | tail -n 1
    swift build -c release --product texto-store 2>&1 | tail -n 1
    swift build -c release --product texto-target 2>&1 | tail -n 1
    swift build -c release --product texto-render 2>&1 | tail -n 1
    swift build -c release --product sms-count-benchmark 2>&1 | tail -n 1
    swift build -c release --product phone-normalization-benchmark 2>&1 | tail -n 1
fi
[[ -x $BIN ]] || { have_texto=0; echo "!! $BIN not built: texto-import timings skipped" >&2; }

# min BEST SECONDS: the smaller of the two (BEST may be empty).
min() { if [[ -z $1 ]] || awk -v a="$2" -v b="$1" 'BEGIN { exit !(a < b) }'; then echo "$2"; else echo "$1"; fi; }

# The CSV import against DuckDB's CSV-to-CSV copy (Benchmarks/duckdb_copy.py),
# the fastest engine a user could pick: texto-import's whole stage on the
# UTF-8 twin and on the Windows-1252 export, DuckDB on the UTF-8 twin (it
# reads UTF-8 only). Runs are interleaved (DuckDB, texto UTF-8, texto 1252,
# then the reverse order), so that all three see the same load. Before each
# run its previous outputs are removed and `sync` is called, so that no run
# pays for freeing the blocks of the files it replaces (this disk is mounted
# with `discard`: replacing a 180 MB output cost texto 0.04-0.13 s in its
# rename) or for writing back the previous run's output. DuckDB's time is its
# COPY statement alone (Python and DuckDB loaded); texto's is the whole
# process, fsyncs included (DuckDB does not fsync).
compare_duckdb() {
    local utf8="$DATA/contacts-$L-utf8.csv"
    local runs="${DUCKDB_RUNS:-5}"
    if ! python3 -c 'import duckdb' 2>/dev/null; then
        echo "  DuckDB is missing (pip install duckdb): comparison skipped" >&2
        return 0
    fi
    echo "== CSV import vs DuckDB's CSV copy ($runs interleaved runs, best of each; load: $(cut -d' ' -f1-3 /proc/loadavg))"
    echo "  DuckDB $(python3 -c 'import duckdb; print(duckdb.__version__)'), $(nproc) cores"
    local duck="" duck_process="" duck_peak=0 t8="" t8_peak=0 t1252="" t1252_peak=0
    local order round step
    texto_cmd "$utf8" "$RESULTS/duckdb-texto-utf8-$L"; local texto_utf8=("${CMD[@]}")
    texto_cmd "$CSV" "$RESULTS/duckdb-texto-1252-$L"; local texto_1252=("${CMD[@]}")
    # `round`, not `i`: measure's loop sets the caller's `i`.
    for ((round = 1; round <= runs; round++)); do
        if (( round % 2 )); then order="duckdb utf8 1252"; else order="1252 utf8 duckdb"; fi
        for step in $order; do
            rm -f "$RESULTS/duckdb-copy-$L.csv" "$RESULTS"/duckdb-texto-{utf8,1252}-"$L"/{contacts,rejects}.csv
            sync
            case $step in
            duckdb)
                measure "duckdb-copy-$L" 1 python3 "$ROOT/Benchmarks/duckdb_copy.py" "$utf8" "$RESULTS/duckdb-copy-$L.csv" || return 1
                duck=$(min "$duck" "$(awk '/^copy / { print $2 }' "$RESULTS/duckdb-copy-$L.stdout")")
                duck_process=$(min "$duck_process" "$BEST"); (( PEAK > duck_peak )) && duck_peak=$PEAK ;;
            utf8)
                measure "duckdb-texto-utf8-$L" 1 "${texto_utf8[@]}" || return 1
                t8=$(min "$t8" "$BEST"); (( PEAK > t8_peak )) && t8_peak=$PEAK ;;
            1252)
                measure "duckdb-texto-1252-$L" 1 "${texto_1252[@]}" || return 1
                t1252=$(min "$t1252" "$BEST"); (( PEAK > t1252_peak )) && t1252_peak=$PEAK ;;
            esac
        done
    done
    rm -f "$RESULTS/duckdb-copy-$L.csv"
    report "DuckDB copy, UTF-8" "$ROWS" "$UTF8_BYTES" "$duck" "$duck_peak"
    printf "  %-22s %7.2f s  (the whole python3 process)\n" "" "$duck_process"
    report "texto-import UTF-8" "$ROWS" "$UTF8_BYTES" "$t8" "$t8_peak"
    report "texto-import 1252 ;" "$ROWS" "$CSV_BYTES" "$t1252" "$t1252_peak"
    awk -v d="$duck" -v p="$duck_process" -v u="$t8" -v w="$t1252" 'BEGIN {
        printf "  texto/DuckDB time ratio, UTF-8 export:        %.3f  (%.3f against the whole DuckDB process)\n", u / d, u / p
        printf "  texto/DuckDB time ratio, Windows-1252 export: %.3f  (%.3f against the whole DuckDB process)\n", w / d, w / p
        print  "  budget (issue 8): <= 0.75 on both" }'
    echo "  load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "== data ($ROWS rows)"
ensure_data "$ROWS"
XLSX="$DATA/contacts-$L.xlsx"
CSV="$DATA/contacts-$L.csv"
XLSX_BYTES=$(stat -c %s "$XLSX")
CSV_BYTES=$(stat -c %s "$CSV")
UTF8_BYTES=$(stat -c %s "$DATA/contacts-$L-utf8.csv")
printf "  %s %.1f MB, %s %.1f MB, %s %.1f MB\n" "$(basename "$XLSX")" "$(awk -v b="$XLSX_BYTES" 'BEGIN{print b/1e6}')" \
    "$(basename "$CSV")" "$(awk -v b="$CSV_BYTES" 'BEGIN{print b/1e6}')" \
    "contacts-$L-utf8.csv" "$(awk -v b="$UTF8_BYTES" 'BEGIN{print b/1e6}')"

if [[ ${ONLY_DUCKDB:-0} == 1 ]]; then
    (( have_texto )) && compare_duckdb
    exit 0
fi

echo "== best of $RUNS runs"
T_XLSX=""
if (( have_texto )); then
    texto_cmd "$XLSX" "$RESULTS/texto-xlsx-$L"
    if measure "texto-xlsx-$L" "$RUNS" "${CMD[@]}"; then
        T_XLSX=$BEST; report "texto-import XLSX" "$ROWS" "$XLSX_BYTES" "$BEST" "$PEAK"
    fi
    texto_cmd "$CSV" "$RESULTS/texto-csv-$L"
    if measure "texto-csv-$L" "$RUNS" "${CMD[@]}"; then
        report "texto-import CSV" "$ROWS" "$CSV_BYTES" "$BEST" "$PEAK"
    fi
    # Reading alone: the same readers and writer, without the phone stage.
    READ_BIN="$(dirname "$BIN")/table-read-benchmark"
    if [[ -x $READ_BIN ]]; then
        if measure "read-xlsx-$L" "$RUNS" "$READ_BIN" "$XLSX" "$RESULTS/read-xlsx-$L.csv"; then
            T_READ=$BEST; report "reading alone XLSX" "$ROWS" "$XLSX_BYTES" "$BEST" "$PEAK"
            [[ -n $T_XLSX ]] && awk -v t="$T_XLSX" -v r="$T_READ" 'BEGIN {
                printf "  import/reading-alone XLSX time ratio: %.3f  (budget <= 1.10)\n", t / r }'
        fi
        if measure "read-csv-$L" "$RUNS" "$READ_BIN" "$CSV" "$RESULTS/read-csv-$L.csv"; then
            report "reading alone CSV" "$ROWS" "$CSV_BYTES" "$BEST" "$PEAK"
        fi
    fi
    PHONE_BIN="$(dirname "$BIN")/phone-normalization-benchmark"
    [[ -x $PHONE_BIN ]] && "$PHONE_BIN" 20 | sed 's/^/  /'
fi
measure "calamine-$L" "$RUNS" python3 "$ROOT/Benchmarks/calamine_to_csv.py" "$XLSX" "$RESULTS/calamine-$L.csv"
T_CAL=$BEST
report "python-calamine XLSX" "$ROWS" "$XLSX_BYTES" "$BEST" "$PEAK"
if [[ -n $T_XLSX ]]; then
    awk -v t="$T_XLSX" -v c="$T_CAL" 'BEGIN {
        printf "  texto/calamine XLSX time ratio: %.3f  (budget <= 0.333)\n", t / c }'
fi
echo "  budgets (DESIGN.md §5, issues 2-3): XLSX <= calamine/3, <= 1.10 x reading alone, < 150 MB flat;"
echo "  CSV >= 200 MB/s; phone normalization >= 10 million per second per core"

if (( have_texto )) && [[ ${NO_DUCKDB:-0} != 1 ]]; then
    compare_duckdb
fi

# Targeting (issue 4): about a million contacts (texto-import of a 1.14M-row
# export), a five-condition filter, consent, 10,000 STOP numbers in the store,
# and --max-sends; budget under 2 s, memory bounded by the suppression set.
if (( have_texto )) && [[ ${NO_TARGET:-0} != 1 ]]; then
    TARGET_ROWS=$(( ROWS * 114 / 100 ))
    TL=$(label "$TARGET_ROWS")
    ensure_data "$TARGET_ROWS"
    TDIR="$RESULTS/target-$TL"
    rm -rf "$TDIR" && mkdir -p "$TDIR"
    BIN_DIR="$(dirname "$BIN")"
    "$BIN" "$DATA/contacts-$TL.csv" -o "$TDIR/contacts.csv" --rejects "$TDIR/rejects.csv" 2>/dev/null || true
    CONTACTS=$(( $(wc -l < "$TDIR/contacts.csv") - 1 ))
    awk -F, 'NR > 1 && NR % 100 == 0 { print $3 }' "$TDIR/contacts.csv" | head -n 10000 > "$TDIR/stop.txt"
    "$BIN_DIR/texto-store" suppressions import "$TDIR/stop.txt" --reason STOP --store "$TDIR/texto.sqlite" > /dev/null 2>&1
    echo "== targeting $CONTACTS contacts (best of $RUNS runs)"
    if measure "target-$TL" "$RUNS" "$BIN_DIR/texto-target" "$TDIR/contacts.csv" -o "$TDIR/audience.csv" \
        --excluded "$TDIR/excluded.csv" --date 2026-11-22 --store "$TDIR/texto.sqlite" --consent-column AUTORISE_SMS \
        --max-sends 2 --per 30 \
        --where 'departement in [22, 29, 35, 56, 44, 75] and age > 40 and DERNIERE_VISITE < today - 30 days and NB_VISITES >= 2 and CIVILITE = "Mme"'; then
        report "texto-target" "$CONTACTS" "$(stat -c %s "$TDIR/contacts.csv")" "$BEST" "$PEAK"
        echo "  budget (issue 4): 1,000,000 contacts, five conditions and the exclusions, under 2 s"
    fi
    # Rendering (issue 5): every contact gets a French marketing message
    # (accents, a curly apostrophe to transliterate, the STOP mention).
    echo "== rendering $CONTACTS messages (best of $RUNS runs)"
    if measure "render-$TL" "$RUNS" "$BIN_DIR/texto-render" "$TDIR/contacts.csv" -o "$TDIR/messages.csv" \
        --rejects "$TDIR/not-rendered.csv" --preview "$TDIR/preview.txt" --unit-price 0.045 --stop-mention "STOP au 36035" \
        --template 'Bonjour $CIVILITE$ $NOM$, votre fidélité à $VILLE$ mérite un cadeau : -20 % sur votre prochaine visite ! L’équipe'; then
        report "texto-render" "$CONTACTS" "$(stat -c %s "$TDIR/contacts.csv")" "$BEST" "$PEAK"
        echo "  budget (issue 5): 1,000,000 messages rendered and counted in under 2 s"
    fi
    [[ -x $BIN_DIR/sms-count-benchmark ]] && "$BIN_DIR/sms-count-benchmark" | sed 's/^/  /'
fi

if [[ ${NO_FLATNESS:-0} != 1 ]]; then
    echo "== memory flatness (1 run each)"
    for n in 250000 1000000; do
        ensure_data "$n"
        l=$(label "$n")
        if (( have_texto )); then
            texto_cmd "$DATA/contacts-$l.xlsx" "$RESULTS/flat-texto-xlsx-$l"
            if measure "flat-texto-xlsx-$l" 1 "${CMD[@]}"; then
                report "texto XLSX $l" "$n" "$(stat -c %s "$DATA/contacts-$l.xlsx")" "$BEST" "$PEAK"
            fi
            texto_cmd "$DATA/contacts-$l.csv" "$RESULTS/flat-texto-csv-$l"
            if measure "flat-texto-csv-$l" 1 "${CMD[@]}"; then
                report "texto CSV $l" "$n" "$(stat -c %s "$DATA/contacts-$l.csv")" "$BEST" "$PEAK"
            fi
        fi
        measure "flat-calamine-$l" 1 python3 "$ROOT/Benchmarks/calamine_to_csv.py" \
            "$DATA/contacts-$l.xlsx" "$RESULTS/flat-calamine-$l.csv"
        report "calamine XLSX $l" "$n" "$(stat -c %s "$DATA/contacts-$l.xlsx")" "$BEST" "$PEAK"
    done
    echo "  flat: the 1M peak should be about the 250k peak (calamine's grows ~4x)"
fi

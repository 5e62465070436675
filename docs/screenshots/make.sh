#!/usr/bin/env bash
# Screenshots of texto-report's pages, as a person sees them: the loop run
# on the fixtures (emit → simulate → ingest → report), then headless
# Chromium (Debian's `chromium`) at a desktop's width and a phone's.
#
#   docs/screenshots/make.sh [OUT_DIR]      (default docs/screenshots)
#
# Writes campaign-desktop.png, campaign-phone.png, index-desktop.png,
# index-phone.png, and texto-watch's receipts on the demo (receipt.png,
# receipt-phone.png, receipt-rejected.png). Needs `chromium` (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p "${1:-docs/screenshots}"
out=$(realpath "${1:-docs/screenshots}")
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 69; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for product in texto-emit texto-simulate texto-ingest texto-report texto-watch; do swift build --product $product >&2; done
bin=$(swift build --show-bin-path)
cp Fixtures/messages/messages.csv "$work/"
(
    cd "$work"
    TEXTO_NOW=1795863600 "$bin/texto-emit" messages.csv --campaign noel-2026 --sender KERKAFE --out batches \
        --at 2026-11-28T16:00 --rate 1/s 2>/dev/null
    "$bin/texto-simulate" batches --out gateway --seed 11 --delivered 0.7 --expired 0.1 --failed 0.15 --stop 0.2 --reply 0.2 >/dev/null
    TEXTO_NOW=1795950000 "$bin/texto-ingest" gateway 2>/dev/null
    TEXTO_NOW=1795950000 "$bin/texto-report" --out rapports --unit-price 0.045 2>/dev/null
)
# The watched folder's demo, on Friday 2026-11-27 at 10:00.
mkdir -p "$work/watch/pipelines/watch-demo" "$work/watch/out/watch-demo/depot"
cp pipelines/watch-demo/relance.yaml "$work/watch/pipelines/watch-demo/"
cp Fixtures/watch/clients_novembre.xlsx Fixtures/watch/liste_sans_telephone.xlsx "$work/watch/out/watch-demo/depot/"
(cd "$work/watch" && TEXTO_NOW=1795770000 "$bin/texto-watch" out/watch-demo/depot --pipeline pipelines/watch-demo/relance.yaml --once 2>/dev/null)
shot() {  # page, name, width, height
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
        --window-size="$3,$4" --screenshot="$out/$2.png" "file://$work/${1#/}" 2>/dev/null
}
depot=watch/out/watch-demo/depot
shot $depot/done/clients_novembre.recu.html receipt 1280 1300
shot $depot/done/clients_novembre.recu.html receipt-phone 390 2000
shot $depot/rejected/liste_sans_telephone.recu.html receipt-rejected 1280 600
shot rapports/noel-2026.html campaign-desktop 1280 2400
shot rapports/noel-2026.html campaign-phone 390 3600
shot rapports/index.html index-desktop 1280 700
shot rapports/index.html index-phone 390 900
ls -l "$out"/*.png

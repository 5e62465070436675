#!/usr/bin/env bash
# Makes Fixtures/messages/: texto-render's output for the targeting contacts
# (the messages texto-emit reads), and a hand-edited copy without _text.
# Run from the repository: bash Fixtures/tools/make_messages.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product texto-render >/dev/null
out=Fixtures/messages
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/debug/texto-render Fixtures/targeting/contacts.csv -o "$out/messages.csv" --rejects "$work/rejects.csv" \
    --preview "$work/preview.txt" --stop-mention "STOP au 36035" \
    --template 'Bonjour $PRENOM$, -20 % sur votre prochaine visite à $VILLE$ avant le $FIN_ABONNEMENT|31/12/2026$ ! L’équipe Ker Kafé'
# The same file with _text removed, as a person might save it from a spreadsheet.
python3 - "$out/messages.csv" "$out/no-text-column.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
keep = [i for i, name in enumerate(rows[0]) if name != '_text']
with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, lineterminator='\n').writerows([[row[i] for i in keep] for row in rows[:6]])
PY

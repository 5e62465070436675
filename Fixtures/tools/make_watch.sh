#!/bin/sh
# The watched folder's demo files (Fixtures/watch/), written by LibreOffice
# as an accountant's Excel export would be: the targeting fixture's client
# list as a workbook, and a list with no phone column (a rejected drop).
# Re-make: sh Fixtures/tools/make_watch.sh (needs soffice; the committed files
# are those it made, ZIP entry times apart).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/targeting/clients.csv" "$work/clients_novembre.csv"
# Windows-1252 export without the phone column (the 4th).
cut -d';' -f1-3,5- "$here/targeting/clients.csv" > "$work/liste_sans_telephone.csv"
cd "$work"
# CSV:59 (;),34 ("),1 (Windows-1252),1 (first line),,1036 (French dates)
for name in clients_novembre liste_sans_telephone; do
    soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --infilter="CSV:59,34,1,1,,1036" "$name.csv" >/dev/null 2>&1
    cp "$name.xlsx" "$here/watch/"
done

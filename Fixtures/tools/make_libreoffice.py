#!/usr/bin/env python3
"""Fixtures/xlsx/libreoffice.xlsx: written by LibreOffice from a flat ODS we
describe cell by cell (fods.py). LibreOffice stamps the ZIP entries with the
current time, so the bytes change from run to run (the parts do not); the
committed file is the one it made.

Usage: Fixtures/tools/make_libreoffice.py [--keep-fods DIR]
"""

import datetime as dt
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from contacts import HEADER, ROWS  # noqa: E402
from fods import Cell, document  # noqa: E402
import lo  # noqa: E402

FIXTURES = os.path.dirname(HERE)
EXTRA = ["HEURE_RDV", "REMISE", "ID_CLIENT", "NOM_COMPLET", "CODE_AGENCE"]
AGENCES = ["PAR-01", "LYO-02", "BOU-01", "MAR-03", "BOR-01", "LIL-01",
           "REU-01", "NAN-02", None, "DIJ-01", "BOU-02", "BRE-01"]


def xlsx_rows():
    rows = [HEADER + EXTRA]
    i = 0
    for n, row in enumerate(ROWS):
        r = n + 2  # spreadsheet row number
        if row is None:
            rows.append(None)
            continue
        row = list(row)
        if i == 3:
            # rich text: « VIP » in bold, the rest plain
            row[14] = Cell("string", "« VIP » — nouvelle adhérente",
                           runs=[("« VIP »", True), (" — nouvelle adhérente", False)])
        heure = [dt.time(9, 30), dt.time(14, 0), None, dt.time(18, 45, 30)][i % 4]
        remise = Cell("percentage", [0.1, 0.15, 0, 0.05][i % 4], style="PERCENT")
        ident = 100000000000001 + i if i != 5 else 999999999999999
        full = f"{row[2]} {row[1]}"
        nom_complet = Cell("string", full, formula=f'[.C{r}]&" "&[.B{r}]')
        if i == 8:
            agence = Cell("error", display="#N/A", formula="NA()")
        else:
            agence = AGENCES[i]
        rows.append(row + [heure, remise, ident, nom_complet, agence])
        i += 1
    return rows


ARCHIVES = [
    ["NOM", "PRENOM", "TELEPHONE", "DATE_SORTIE", "MOTIF"],
    ["ROUSSEAU", "Cécile", "06 20 30 40 50", dt.date(2024, 6, 30), "Déménagement"],
    ["FAURE", "Gérard", 620304051, dt.date(2025, 1, 15), "STOP reçu"],
    ["LAMBERT", "Aurélie", None, dt.datetime(2025, 3, 3, 16, 20), None],
]


def main():
    keep = None
    if len(sys.argv) == 3 and sys.argv[1] == "--keep-fods":
        keep = sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="texto-fods-")
    try:
        src = os.path.join(tmp, "libreoffice.fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(document([("Contacts", xlsx_rows(), False),
                              ("Archives", ARCHIVES, True)]))
        if keep:
            shutil.copy(src, keep)
        out = lo.convert(src, "xlsx:Calc MS Excel 2007 XML", tmp)
        dest = os.path.join(FIXTURES, "xlsx", "libreoffice.xlsx")
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy(out, dest)
        print(dest, os.path.getsize(dest))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fixtures/xlsx/openpyxl.xlsx and openpyxl-1904.xlsx, written by openpyxl.

The only change to openpyxl's output: the ZIP is rewritten with fixed entry
timestamps and docProps/core.xml's created/modified times are pinned, so a
re-run gives the same bytes (entry order, compression and every other byte
are openpyxl's).
"""

import datetime as dt
import os
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from contacts import HEADER, ROWS, Formatted  # noqa: E402
import ziputil  # noqa: E402

FIXTURES = os.path.dirname(HERE)
FIXED = dt.datetime(2026, 1, 1, 0, 0, 0)

COL_FORMATS = {
    "DATE_NAISSANCE": "[$-40C]dd/mm/yyyy",
    "DERNIERE_VISITE": "dd/mm/yyyy hh:mm",
    "FIN_ABONNEMENT": 'dd" de "mmmm yyyy',
    "SOLDE": "#,##0.00",
}

LONG_TEXT = ("Cliente depuis l’ouverture du magasin ; souhaite recevoir les "
             "offres « fidélité » par SMS uniquement, jamais par courrier. ") * 30


def build(path, epoch=None):
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    wb.properties.creator = "texto fixtures"
    wb.properties.created = FIXED
    ws = wb.active
    ws.title = "Contacts"
    ws.append(HEADER + ["HEURE_RDV", "ID_CLIENT", "NOTE"])
    i = 0
    for row in ROWS:
        if row is None:
            ws.append([])  # openpyxl skips the row number: a blank row
            continue
        values = []
        for name, v in zip(HEADER, row):
            values.append(v.value if isinstance(v, Formatted) else v)
        heure = [dt.time(9, 30), None, dt.time(18, 45, 30), dt.time(0, 0, 1)][i % 4]
        note = None
        if i == 0:
            note = LONG_TEXT  # ~4,000 characters
        elif i == 1:
            note = "Texte littéral _x000D_ tapé tel quel"
        elif i == 2:
            note = "Ligne 1\nLigne 2"
        values += [heure, 200000000000000 + i, note]
        ws.append(values)
        r = ws.max_row
        for col, (name, v) in enumerate(zip(HEADER, row), start=1):
            c = ws.cell(row=r, column=col)
            if isinstance(v, Formatted):
                c.number_format = v.code
            elif name in COL_FORMATS and v is not None:
                c.number_format = COL_FORMATS[name]
        if heure is not None:
            ws.cell(row=r, column=len(HEADER) + 1).number_format = "hh:mm:ss"
        i += 1
    notes = wb.create_sheet("Notes")
    notes.append(["DATE", "AUTEUR", "TEXTE", "MONTANT"])
    notes.append([dt.date(2026, 11, 22), "Hélène", "Import du fichier « clients »", 12.5])
    notes.append([dt.datetime(2026, 11, 22, 10, 30), "Loïc", "Relance des impayés", -3])
    notes.append([dt.date(1900, 3, 1), "Zoé", "Date ancienne (après le faux 29/02/1900)", True])
    wb.save(path)
    ziputil.renormalize(path, ziputil.scrub_core_times)
    print(path, os.path.getsize(path))


def main():
    out = os.path.join(FIXTURES, "xlsx")
    os.makedirs(out, exist_ok=True)
    build(os.path.join(out, "openpyxl.xlsx"))
    build(os.path.join(out, "openpyxl-1904.xlsx"), epoch=CALENDAR_MAC_1904)


if __name__ == "__main__":
    main()

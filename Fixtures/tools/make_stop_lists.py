#!/usr/bin/env python3
"""Fixtures/stop-lists/* and Fixtures/stores/*: what `texto-store` reads.

stop-lists/ are STOP lists as other tools export them:
- `one-per-line.txt`: one number per line as people type them, no header,
  UTF-8, LF (Python); a blank line, a repeat, a letter O, a short number;
- `export-numero.csv`: a contact-tool export with the phone column
  "Numéro" among others, written by LibreOffice's CSV filter in fr-FR
  (Windows-1252, `;`) from a flat ODS, with CRLF added as Excel writes it
  (see make_csv.py for the filter tokens); the number 630050662 is a
  numeric cell that lost its leading zero.

stores/ are files `--store` may wrongly name, made with Python's sqlite3:
- `not-texto.sqlite`: another application's database (a `clients` table);
- `newer-schema.sqlite`: a Texto store (application_id 'TXTO') whose
  user_version 99 is newer than any Texto knows;
- `not-sqlite.sqlite`: text.
Both databases use the rollback journal, so no -wal file comes with them.

Usage: Fixtures/tools/make_stop_lists.py
"""

import datetime as dt
import os
import sqlite3
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from fods import document  # noqa: E402
import lo  # noqa: E402
from make_csv import crlf, FILTER, FRENCH  # noqa: E402

ROOT = os.path.dirname(HERE)

ONE_PER_LINE = [
    "06 30 05 06 60",
    "0612345678",
    "+33 6 45 67 89 01",
    "0033 7 51 22 33 44",
    "",
    "06.30.05.06.60",      # the first number again
    "06 30 05 06 6O",      # letter O
    "0692 12 34 56",       # Réunion, written nationally
    "12345",               # too short
]

EXPORT_HEADER = ["Nom", "Prénom", "Numéro", "Date de désinscription", "Motif"]
EXPORT_ROWS = [
    ["Dupont", "Hélène", "06 30 05 06 60", dt.date(2026, 3, 2), "STOP"],
    ["Lefèvre", "Chloé", "+33 6 12 34 56 78", dt.date(2026, 3, 5), "STOP SMS"],
    ["Œuvray", "Noël", 630050662, dt.date(2026, 4, 1), "ARRÊT"],
    ["Martin", "Loïc", None, dt.date(2026, 4, 2), "STOP"],
    ["Nguyen", "Anaïs", "+1 212 555 0123", dt.date(2026, 4, 3), "STOP"],
    ["Petit", "Zoé", "06 11 22 33 44", dt.date(2026, 5, 9), "stop"],
]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    print(f"{len(data):>7}  {os.path.relpath(path, ROOT)}")


def database(path, statements):
    if os.path.exists(path):
        os.remove(path)
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    print(f"{os.path.getsize(path):>7}  {os.path.relpath(path, ROOT)}")


def main():
    lists = os.path.join(ROOT, "stop-lists")
    write(os.path.join(lists, "one-per-line.txt"), ("\n".join(ONE_PER_LINE) + "\n").encode("utf-8"))

    tmp = tempfile.mkdtemp(prefix="texto-stop-")
    source = os.path.join(tmp, "export-numero.fods")
    with open(source, "w", encoding="utf-8") as f:
        f.write(document([("Désinscrits", [EXPORT_HEADER] + EXPORT_ROWS, False)], locale="fr-FR"))
    path = lo.convert(source, FILTER + "59,34,1,1,,1036,false,false,true", tmp, FRENCH)
    with open(path, "rb") as f:
        text = f.read().decode("cp1252")
    write(os.path.join(lists, "export-numero.csv"), crlf(text).encode("cp1252"))

    stores = os.path.join(ROOT, "stores")
    os.makedirs(stores, exist_ok=True)
    database(os.path.join(stores, "not-texto.sqlite"), [
        "CREATE TABLE clients (id INTEGER PRIMARY KEY, nom TEXT, telephone TEXT)",
        "INSERT INTO clients (nom, telephone) VALUES ('Dupont', '06 30 05 06 60')",
    ])
    database(os.path.join(stores, "newer-schema.sqlite"), [
        "CREATE TABLE campaigns (id TEXT PRIMARY KEY)",
        "PRAGMA application_id = 1415074895",  # 0x5458544F, 'TXTO'
        "PRAGMA user_version = 99",
    ])
    write(os.path.join(stores, "not-sqlite.sqlite"), b"phone,reason\n+33630050660,STOP\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fixtures/phones/: two contact files for the phone stage, end to end.

- clients-a.xlsx: written by openpyxl (inline strings; the ZIP is rewritten
  with fixed times, as make_openpyxl.py does, so re-runs give the same
  bytes). Phones as text cells, except the number 630050662 (a numeric cell:
  Excel dropped the zero).
- clients-b.csv: written by LibreOffice's CSV filter from a flat ODS, in
  French (fr-FR), Windows-1252, `;`, `"`, cells as shown, then LF -> CRLF
  (French Excel's "CSV (séparateur : point-virgule)"; see make_csv.py).
  One phone is a numeric cell there too (612345680 as shown).

Both have CIVILITE NOM PRENOM TELEPHONE TELEPHONE2 VILLE. Every phone cell
says what Texto must make of it (the rules of
Tests/PhonesTests/Golden/make-golden.py, which this script runs on every
cell as the files hold it, and stops if one disagrees);
`phones/expected.tsv` lists them: file, row, column, the cell as read,
texto_e164, texto_kind, texto_region, then the contact's number (the first
mobile in column order, on the TELEPHONE line) and, for a number already
seen (clients-a before clients-b, rows in order), the file and row that
holds it first.

Usage: Fixtures/tools/make_phones.py
"""

import csv
import importlib.util
import os
import shutil
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from fods import document  # noqa: E402
from make_csv import crlf, export  # noqa: E402
import ziputil  # noqa: E402

FIXTURES = os.path.dirname(HERE)
ROOT = os.path.dirname(FIXTURES)
OUT = os.path.join(FIXTURES, "phones")
EXCEL_FR_1252 = "59,34,1,1,,1036,false,false,true"  # make_csv.py's excel-fr-1252.csv

spec = importlib.util.spec_from_file_location(
    "make_golden", os.path.join(ROOT, "Tests", "PhonesTests", "Golden", "make-golden.py"))
golden = importlib.util.module_from_spec(spec)
spec.loader.exec_module(golden)

HEADER = ["CIVILITE", "NOM", "PRENOM", "TELEPHONE", "TELEPHONE2", "VILLE"]
NBSP = "\u00a0"

# (civilité, nom, prénom, (TELEPHONE, kind), (TELEPHONE2, kind), ville, why)
# kind = what Texto must say (texto_kind); None = empty cell.
A = [
    ("M.", "DUPONT", "Jean", ("01 42 68 53 00", "fixed"), ("06 30 05 06 60", "mobile"), "Paris",
     "landline then mobile (seed 000); the mobile is +33 6 30 05 06 60 in clients-b"),
    ("Mme", "LEFÈVRE", "Hélène", ("06 12 34 56 78", "mobile"), ("07 81 23 45 67", "mobile"), "Lyon",
     "two mobiles in one row"),
    ("M.", "NGUYEN", "Noël", (630050662, "mobile"), None, "Lille",
     "numeric cell: Excel dropped the leading zero"),
    ("Mme", "PAYET", "Marie-Josée", ("0692 12 34 56", "mobile"), ("0262 21 43 65", "fixed"), "Saint-Denis",
     "Réunion mobile and landline written nationally"),
    ("M.", "LUBIN", "Rodrigue", ("0690 55 12 34", "mobile"), None, "Pointe-à-Pitre",
     "Guadeloupe mobile written nationally"),
    ("Mme", "PEETERS", "Anke", ("+32 470 12 34 56", "mobile"), None, "Bruxelles", "Belgian mobile"),
    ("M.", "MÜLLER", "Beat", ("+41 79 123 45 67", "mobile"), None, "Genève", "Swiss mobile"),
    ("Mme", "ROSSI", "Chiara", ("+377 6 12 34 56 78", "mobile"), None, "Monaco", "Monaco mobile"),
    ("M.", "SMITH", "John", ("+1 212 555 0123", "unsupported_country"), None, "New York", "US number"),
    ("Mme", "GIRARD", "Zoé", ("06 30 05 06 6O", "invalid:letters"), None, "Nantes", "letter O for 0"),
    ("M.", "BERNARD", "Luc", ("01 42 68 53 00 poste 12", "invalid:extension"), None, "Paris", "extension"),
    ("Mme", "MOREAU", "Inès", ("06 11 22 33 44 / 06 55 66 77 88", "invalid:two_numbers"), None, "Toulouse",
     "two numbers in one cell"),
    ("M.", "FOURNIER", "Hugo", ("6,3005066E+08", "invalid:scientific_notation"), None, "Rennes",
     "scientific notation typed as text"),
    ("Mme", "LAMBERT", "Chloé", None, None, "Nice", "no phone at all"),
    ("M.", "ROUX", "Théo", ("09 70 12 34 56", "voip"), None, "Lille", "VoIP 09"),
    ("Mme", "FAURE", "Léa", ("08 00 12 34 56", "toll_free"), None, "Dijon", "08 toll-free"),
    ("M.", "LEFÈVRE", "Paul", ("06.12.34.56.78", "mobile"), None, "Lyon",
     "duplicate inside the file: Hélène's first mobile, written with dots"),
    ("Mme", "DUBOIS", "Camille", ("0033 6 98 76 54 32", "mobile"), None, "Grenoble", "00 33 form"),
    ("M.", "GARÇON", "François", None, ("07 51 22 33 44", "mobile"), "Strasbourg", "mobile only in TELEPHONE2"),
    ("Mme", "HOARAU", "Sandrine", ("0693 45 67 89", "mobile"), None, "Saint-Pierre", "Réunion 0693"),
    ("M.", "CŒUR", "Gaël", ("+33 (0)6 45 67 89 01", "mobile"), None, "Marseille", "+33 (0)6 form"),
    ("Mme", "BOYER", "Anaïs", (NBSP.join(["06", "45", "67", "89", "02"]), "mobile"), None, "Bordeaux",
     "no-break spaces between the pairs"),
    ("M.", "PETIT", "Louis", ("01 23 45 67 89", "fixed"), ("02 98 76 54 32", "fixed"), "Brest",
     "two landlines, no mobile"),
    ("Mme", "MARIE", "Jade", ("0696 12 34 56", "mobile"), None, "Fort-de-France", "Martinique mobile"),
    ("M.", "ABDALLAH", "Nassim", ("0639 40 12 34", "mobile"), None, "Mamoudzou", "Mayotte mobile"),
]

B = [
    ("M.", "DUPONT", "Jean", ("+33 6 30 05 06 60", "mobile"), None, "Paris",
     "same mobile as clients-a row 2 TELEPHONE2, written internationally"),
    ("Mme", "PAYET", "Marie-Josée", ("+262 692 12 34 56", "mobile"), None, "Saint-Denis",
     "same Réunion mobile as clients-a row 5, internationally"),
    ("M.", "DIALLO", "Moussa", ("06-22-33-44-55", "mobile"), ("06 22 33 44 55", "mobile"), "Créteil",
     "the same mobile twice in one row"),
    ("Mme", "ROBERT", "Emma", ("06 12 13 14 15", "mobile"), ("07 66 17 18 19", "mobile"), "Angers",
     "two mobiles in one row"),
    ("M.", "RICHARD", "Jules", ("01 44 55 66 77", "fixed"), ("06 87 65 43 21", "mobile"), "Paris",
     "landline then mobile"),
    ("Mme", "TECHER", "Laura", ("0692 98 76 54", "mobile"), None, "Le Port", "Réunion mobile written nationally"),
    ("M.", "JEAN-BAPTISTE", "Kévin", ("0690 11 22 33", "mobile"), None, "Les Abymes",
     "Guadeloupe mobile written nationally"),
    ("Mme", "JANSSENS", "Lotte", ("+32 486 12 34 56", "mobile"), None, "Liège", "Belgian mobile"),
    ("M.", "FAVRE", "Nicolas", ("+41 76 123 45 67", "mobile"), None, "Lausanne", "Swiss mobile"),
    ("Mme", "GRIMALDI", "Sofia", ("00377 6 80 12 34 56", "mobile"), None, "Monaco", "Monaco mobile, 00377"),
    ("M.", "JOHNSON", "Mike", ("+1 (415) 555-0100", "unsupported_country"), None, "San Francisco", "US number"),
    ("Mme", "FLEURY", "Rose", ("0800 FLEURS", "invalid:letters"), None, "Tours", "vanity letters"),
    ("M.", "BLANC", "Simon", ("06 30 05 06 61 ext. 12", "invalid:extension"), None, "Metz", "extension"),
    ("Mme", "GUERIN", "Manon", ("06 11 22 33 45 ou 06 55 66 77 89", "invalid:two_numbers"), None, "Reims",
     "two numbers in one cell"),
    ("M.", "MULLER", "Tom", ("3,3630050660E+10", "invalid:scientific_notation"), None, "Mulhouse",
     "scientific notation typed as text"),
    ("Mme", "HENRY", "Julie", None, None, "Caen", "no phone at all"),
    ("M.", "PERRIN", "Adrien", ("09 51 23 45 67", "voip"), None, "Amiens", "VoIP 09"),
    ("Mme", "MOREL", "Océane", ("08 92 12 34 56", "premium"), None, "Limoges", "08 premium"),
    ("M.", "DIALLO", "Awa", ("0622334455", "mobile"), None, "Créteil",
     "duplicate inside the file: Moussa's mobile, no separators"),
    ("Mme", "ROUSSEAU", "Lina", (612345680, "mobile"), None, "Poitiers", "numeric cell: the zero is lost"),
    ("M.", "VINCENT", "Hugo", (NBSP.join(["06", "33", "44", "55", "66"]), "mobile"), None, "Nancy",
     "no-break spaces (0xA0 in Windows-1252)"),
    ("Mme", "LEROY", "Alice", ("33630050663", "mobile"), None, "Orléans", "country code without + or 00"),
    ("M.", "MERCIER", "Yanis", ("06,45,67,89,03", "mobile"), None, "Pau", "commas as separators"),
    ("Mme", "LEFÈVRE", "Hélène", ("07 81 23 45 67", "mobile"), None, "Lyon",
     "same as clients-a row 3 TELEPHONE2"),
    ("M.", "BONNET", "Éric", ("0594 30 12 34", "fixed"), ("0694 20 12 34", "mobile"), "Cayenne",
     "Guyane landline and mobile written nationally"),
]


def cells(rows):
    out = [HEADER]
    for civ, nom, prenom, t1, t2, ville, _ in rows:
        out.append([civ, nom, prenom, t1[0] if t1 else None, t2[0] if t2 else None, ville])
    return out


def write_xlsx(path):
    wb = openpyxl.Workbook()
    wb.properties.creator = "texto fixtures"
    ws = wb.active
    ws.title = "Clients"
    for row in cells(A):
        ws.append(row)
    wb.save(path)
    ziputil.renormalize(path, ziputil.scrub_core_times)


def write_csv(path):
    tmp = tempfile.mkdtemp(prefix="texto-phones-")
    try:
        src = os.path.join(tmp, "clients-b.fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(document([("Clients", cells(B), False)], locale="fr-FR"))
        text = export(src, EXCEL_FR_1252, tmp).decode("cp1252")
        with open(path, "wb") as f:
            f.write(crlf(text).encode("cp1252"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_back(name, path):
    """[(row number, [cell texts])] as a reader gives them: numbers as
    integers, the rest verbatim."""
    if name.endswith(".xlsx"):
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        rows = []
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            rows.append((r, ["" if v is None else str(v) for v in row]))
        return rows
    with open(path, encoding="cp1252", newline="") as f:
        return [(r, row) for r, row in enumerate(csv.reader(f, delimiter=";"), start=1)]


def expectations():
    lines = ["\t".join(["file", "row", "column", "cell", "texto_e164", "texto_kind", "texto_region",
                        "contact_e164", "duplicate_of"])]
    seen = {}
    problems = []
    for name, spec_rows in (("clients-a.xlsx", A), ("clients-b.csv", B)):
        read = read_back(name, os.path.join(OUT, name))
        assert read[0][1][:6] == HEADER, read[0]
        assert len(read) == len(spec_rows) + 1, (name, len(read))
        for (r, row), spec_row in zip(read[1:], spec_rows):
            verdicts = []
            for col, want in ((3, spec_row[3]), (4, spec_row[4])):
                text = row[col] if col < len(row) else ""
                e164, kind, region, _ = golden.texto_verdict(text, "FR")
                wanted = want[1] if want else "missing"
                if kind != wanted:
                    problems.append(f"{name} row {r} {HEADER[col]} {text!r}: {kind}, meant {wanted}")
                verdicts.append((col, text, e164, kind, region))
            mobiles = [v[2] for v in verdicts if v[3] == "mobile"]
            contact = mobiles[0] if mobiles else ""
            for i, (col, text, e164, kind, region) in enumerate(verdicts):
                dup = ""
                if e164:
                    first = seen.setdefault(e164, f"{name}:{r}:{HEADER[col]}")
                    if first != f"{name}:{r}:{HEADER[col]}":
                        dup = first
                lines.append("\t".join([name, str(r), HEADER[col], golden.escape(text), e164, kind, region,
                                        contact if i == 0 else "", dup]))
    if problems:
        raise SystemExit("\n".join(problems))
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    write_xlsx(os.path.join(OUT, "clients-a.xlsx"))
    write_csv(os.path.join(OUT, "clients-b.csv"))
    with open(os.path.join(OUT, "expected.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(expectations())
    for name in ("clients-a.xlsx", "clients-b.csv", "expected.tsv"):
        print(f"{os.path.getsize(os.path.join(OUT, name)):>7}  phones/{name}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fixtures/csv/*: CSV exports of the contacts, written by LibreOffice's CSV
filter from a flat ODS in French (fr-FR) formats, then finished by Python
where LibreOffice 7.4 on Linux cannot do what Excel does:

- record ends: LibreOffice writes LF; Excel writes CRLF. `crlf()` turns the
  LF that end records into CRLF, leaving line breaks inside quoted fields as
  the LF that Excel also writes there;
- BOM: LibreOffice 7.4 has no BOM option for UTF-8 (token 14 came in 7.6);
  `utf8-bom.csv` gets EF BB BF prepended;
- `sep=;` first line: no tool writes it, people and scripts add it;
- `ragged.csv`: LibreOffice pads every record to the used width, so this
  one is written by Python from the same contacts.

Filter options (token: meaning): 1 separator (59 ';', 44 ',', 9 TAB);
2 text delimiter (34 '"'); 3 character set as an rtl_TextEncoding number
(1 = Windows-1252, 76 = UTF-8, 65535 = UTF-16 in host order with BOM; the
Windows code page number 1252 is NOT accepted, it falls back to the
locale's encoding); 4 first line (import only); 5 column formats (import
only); 6 language; 7 quote all text cells; 8 detect special numbers (import);
9 save cell contents as shown.

LibreOffice runs with LANG/LC_ALL=fr_FR.UTF-8 so that numbers in General
format print with a decimal comma (1024,6) and booleans as VRAI/FAUX, as
French Excel writes them.

Usage: Fixtures/tools/make_csv.py
"""

import codecs
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import contacts  # noqa: E402
from contacts import HEADER, ROWS, MULTILINE_COMMENTS  # noqa: E402
from fods import document  # noqa: E402
import lo  # noqa: E402

OUT = os.path.join(os.path.dirname(HERE), "csv")
FILTER = "csv:Text - txt - csv (StarCalc):"
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8"}


def export(fods_path, options, tmp):
    outdir = tempfile.mkdtemp(dir=tmp)
    path = lo.convert(fods_path, FILTER + options, outdir, FRENCH)
    with open(path, "rb") as f:
        return f.read()


def crlf(text):
    """LF ending a record -> CRLF; LF inside quotes stays (Excel's way)."""
    out = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == "\n" and not quoted:
            out.append("\r\n")
        else:
            out.append(ch)
    return "".join(out)


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    print(f"{len(data):>7}  {name}")


def multiline_rows():
    rows = [HEADER]
    i = 0
    for row in ROWS:
        if row is None:
            rows.append(None)
            continue
        row = list(row)
        if i in MULTILINE_COMMENTS:
            row[14] = MULTILINE_COMMENTS[i]
        rows.append(row)
        i += 1
    return rows


def ragged(text_1252):
    """From the Excel-style export: drop the empty fields that end some
    records (short rows), and give the header and other rows three trailing
    empty columns (`;;;`), as exports with a wider used range have."""
    lines = text_1252.split("\r\n")
    out = []
    for n, line in enumerate(lines):
        if not line:
            out.append(line)
            continue
        if n == 0 or n % 3 == 1:
            out.append(line + ";;;")
        elif n % 3 == 2:
            out.append(line.rstrip(";"))
        else:
            # cut right after the phone columns: a row of 5 fields
            out.append(";".join(line.split(";")[:5]) if '"' not in line else line)
    return "\r\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="texto-csv-")
    try:
        base = os.path.join(tmp, "contacts.fods")
        with open(base, "w", encoding="utf-8") as f:
            f.write(document([("Contacts", [HEADER] + ROWS, False)], locale="fr-FR"))
        multi = os.path.join(tmp, "multiline.fods")
        with open(multi, "w", encoding="utf-8") as f:
            f.write(document([("Contacts", multiline_rows(), False)], locale="fr-FR"))

        # Windows-1252, ';', CRLF: French Excel's "CSV (séparateur : point-virgule)"
        t = export(base, "59,34,1,1,,1036,false,false,true", tmp).decode("cp1252")
        excel = crlf(t)
        write("excel-fr-1252.csv", excel.encode("cp1252"))
        write("sep-line.csv", ("sep=;\r\n" + excel).encode("cp1252"))
        write("ragged.csv", ragged(excel).encode("cp1252"))

        # UTF-16 LE with BOM, TAB: Excel's "Texte Unicode" (.txt)
        raw = export(base, "9,34,65535,1,,1036,false,false,true", tmp)
        assert raw[:2] == codecs.BOM_UTF16_LE, raw[:4]
        t = raw[2:].decode("utf-16-le")
        write("texte-unicode.txt", codecs.BOM_UTF16_LE + crlf(t).encode("utf-16-le"))

        # UTF-8 with BOM, ';', CRLF: Excel's "CSV UTF-8"
        t = export(base, "59,34,76,1,,1036,false,false,true", tmp).decode("utf-8")
        write("utf8-bom.csv", codecs.BOM_UTF8 + crlf(t).encode("utf-8"))

        # ',' UTF-8, LF as LibreOffice writes it; French decimals get quoted
        write("comma-utf8.csv", export(base, "44,34,76,1,,1036,false,false,true", tmp))

        # quoted fields with ';', '""' and line breaks, then ordinary rows
        t = export(multi, "59,34,76,1,,1036,false,false,true", tmp).decode("utf-8")
        write("multiline.csv", crlf(t).encode("utf-8"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fixtures/xlsx/number-formats.xlsx (openpyxl) and
Fixtures/xlsx/number-formats-libreoffice.xlsx (the same workbook opened and
saved again by LibreOffice, which rewrites every number format code in its
own spelling: `[BLUE]General`, `#,##0.00\\ [$€-40C]`, `[HH]:MM:SS`...).

One row per (format, number): CODE is the code as written here (text),
VALUE the number under that format, TEXTO what Texto must output for it
(text): numbers as General, zero padding as shown, dates and times as ISO
8601, elapsed time as `[h]:mm:ss` (README, "Values"). TablesTests checks
VALUE == TEXTO on every row of both files.

Formats equal to openpyxl's built-ins (`0.00`, `mm-dd-yy`, `[h]:mm:ss`,
`@`...) are written as built-in ids (numFmtId < 164), the others as
custom numFmt elements. The ZIP is rewritten with fixed times (openpyxl);
LibreOffice's file is kept as it made it (its ZIP entry times vary from
run to run, its parts do not). Without `soffice` on the PATH only the
openpyxl file is made.

Usage: Fixtures/tools/make_number_formats.py
"""

import datetime as dt
import os
import shutil
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import lo  # noqa: E402
import ziputil  # noqa: E402

FIXTURES = os.path.dirname(HERE)
FIXED = dt.datetime(2026, 1, 1, 0, 0, 0)

NOON = "2026-11-22T10:30:00"
SERIAL = 46348.4375  # 2026-11-22 10:30

# (code, number, what Texto outputs)
CASES = [
    # General dressed in a colour, a condition, a locale or text.
    ("General", 75001, "75001"),
    ("[Blue]General", 75001, "75001"),
    ("[Blue]General", 0.5, "0.5"),
    ("[Red][<-25]General;[Blue][>25]General;General", -30, "-30"),
    ("[Red][<-25]General;[Blue][>25]General;General", 30, "30"),
    ("[Red][<-25]General;[Blue][>25]General;General", 0.5, "0.5"),
    ("[$-40C]General", 75001, "75001"),
    ('General" kg"', 0.5, "0.5"),
    ('General" kg"', 75001, "75001"),
    ("[DBNum1][$-804]General", 123, "123"),
    # Numbers: General.
    ("0", 42, "42"),
    ("0.00", 1024.6, "1024.6"),
    ("#,##0", 1234567, "1234567"),
    ("#,##0.00", -3.5, "-3.5"),
    ("#,##0.00 €", 1234.5, "1234.5"),
    ('#,##0\\ "€"', 1234, "1234"),
    ('_-* #,##0.00\\ "€"_-;\\-* #,##0.00\\ "€"_-;_-* "-"??\\ "€"_-;_-@_-', 1234.5, "1234.5"),
    ('_-* #,##0.00\\ "€"_-;\\-* #,##0.00\\ "€"_-;_-* "-"??\\ "€"_-;_-@_-', -1234.5, "-1234.5"),
    ('_-* #,##0.00\\ "€"_-;\\-* #,##0.00\\ "€"_-;_-* "-"??\\ "€"_-;_-@_-', 0, "0"),
    ('_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)', 1234.5, "1234.5"),
    ('"$"#,##0_);[Red]("$"#,##0)', -12, "-12"),
    ("0%", 0.5, "0.5"),
    ("0.00%", 0.125, "0.125"),
    ("0.00E+00", 12345, "12345"),
    ("##0.0E+0", 12345, "12345"),
    ("# ?/?", 0.5, "0.5"),
    ("0.00\\h", 2.5, "2.5"),
    ("@", 75001, "75001"),
    ('"Tél. "@', 612345678, "612345678"),
    # Zero padding: as shown.
    ("00000", 75001, "75001"),
    ("00000", 2200, "02200"),
    ('0#" "##" "##" "##" "##', 612345678, "06 12 34 56 78"),
    ("0000000000", 612345678, "0612345678"),
    ("00 00 00 00 00", 751223344, "07 51 22 33 44"),
    ('"Tél. "00 00 00 00 00', 612345678, "Tél. 06 12 34 56 78"),
    ("[<=9999999]000-0000;(000) 000-0000", 5551234, "555-1234"),
    ("[<=9999999]000-0000;(000) 000-0000", 612345678, "(061) 234-5678"),
    # Dates and times: ISO 8601.
    ("mm-dd-yy", 46348, "2026-11-22"),
    ("d-mmm-yy", 46348, "2026-11-22"),
    ("h:mm AM/PM", 0.4375, "10:30:00"),
    ("h:mm:ss", 0.5, "12:00:00"),
    ("m/d/yy h:mm", SERIAL, NOON),
    ("dd/mm/yyyy", 46348, "2026-11-22"),
    ("dd/mm/yyyy", 75001, "2105-05-05"),
    ("[$-40C]dd/mm/yyyy", 46348, "2026-11-22"),
    ("[$-40C]d mmmm yyyy", SERIAL, NOON),
    ("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", 46348, "2026-11-22"),
    # Not `[$-x-sysdate]dddd, mmmm dd, yyyy` (Excel's "long date"): LibreOffice
    # 7.4 saves it as General; NumberFormatTests has it.
    ("[$-409]h:mm:ss\\ AM/PM", 0.5, "12:00:00"),
    ('dd" de "mmmm yyyy', 46348, "2026-11-22"),
    ("yyyy-mm-dd;@", 46348, "2026-11-22"),
    ("mm:ss", 1 / 1440, "00:01:00"),
    ("mm:ss.0", 1 / 1440, "00:01:00"),
    ("mmss.0", 1 / 1440, "00:01:00"),
    ('[$-411]ggge"年"m"月"d"日"', 46348, "2026-11-22"),
    # Elapsed time.
    ("[h]:mm:ss", 1.5, "36:00:00"),
    ("[mm]:ss", 0.5, "12:00:00"),
    # Sections of different classes: the value picks its section.
    ("[<1]hh:mm;0.00", 0.5, "12:00:00"),
    ("[<1]hh:mm;0.00", 5.25, "5.25"),
]


def build(path):
    wb = openpyxl.Workbook()
    wb.properties.creator = "texto fixtures"
    wb.properties.created = FIXED
    ws = wb.active
    ws.title = "Formats"
    ws.append(["CODE", "VALUE", "TEXTO"])
    for code, number, shown in CASES:
        ws.append([code, number, shown])
        ws.cell(row=ws.max_row, column=2).number_format = code
    wb.save(path)
    ziputil.renormalize(path, ziputil.scrub_core_times)


def main():
    target = os.path.join(FIXTURES, "xlsx", "number-formats.xlsx")
    build(target)
    print(target)
    if shutil.which("soffice") is None:
        print("soffice not found: number-formats-libreoffice.xlsx not made")
        return
    with tempfile.TemporaryDirectory(prefix="texto-nf-") as work:
        source = os.path.join(work, "number-formats-libreoffice.xlsx")
        shutil.copy(target, source)
        out = os.path.join(work, "out")
        os.mkdir(out)
        made = lo.convert(source, "xlsx:Calc MS Excel 2007 XML", out)
        final = os.path.join(FIXTURES, "xlsx", "number-formats-libreoffice.xlsx")
        shutil.copy(made, final)
        print(final)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Run calamine_dump over every good XLSX fixture and write the results to
Tests/EndToEndTests/Cases/calamine/:

    Fixtures/xlsx/NAME.xlsx, first sheet   -> NAME.csv
    Fixtures/xlsx/NAME.xlsx, other sheets  -> NAME--SHEET.csv
    Fixtures/xlsx/quirks/NAME.xlsx         -> the same, by NAME

A fixture calamine cannot open gets no file; it is listed on stderr (and in
Cases/calamine/README.md by hand).

Usage: Tests/oracle/make_goldens.py
"""

import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from calamine_dump import dump  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

OUT = os.path.join(ROOT, "Tests", "EndToEndTests", "Cases", "calamine")


def fixtures():
    for sub in ("xlsx", os.path.join("xlsx", "quirks")):
        d = os.path.join(ROOT, "Fixtures", sub)
        for n in sorted(os.listdir(d)):
            if n.endswith(".xlsx"):
                yield os.path.join(d, n)


def main():
    os.makedirs(OUT, exist_ok=True)
    names = set()
    for path in fixtures():
        name = os.path.basename(path)[:-5]
        assert name not in names, f"two fixtures named {name}"
        names.add(name)
        try:
            sheets = CalamineWorkbook.from_path(path).sheet_names
        except Exception as e:  # noqa: BLE001 - report and go on
            print(f"calamine cannot read {os.path.relpath(path, ROOT)}: {e}", file=sys.stderr)
            continue
        for i, sheet in enumerate(sheets):
            buf = io.StringIO()
            dump(path, str(i), out=buf)
            out = f"{name}.csv" if i == 0 else f"{name}--{sheet}.csv"
            with open(os.path.join(OUT, out), "w", encoding="utf-8", newline="") as f:
                f.write(buf.getvalue())
            print(out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The reference the XLSX budget is measured against (DESIGN.md §5):
python-calamine reading the first sheet of an XLSX into a CSV (UTF-8, comma,
LF), cells rendered as Tests/oracle/calamine_dump.py renders them.

    Benchmarks/calamine_to_csv.py INPUT.xlsx OUTPUT.csv

Rows come from CalamineSheet.iter_rows(); calamine itself still loads the
whole sheet into memory before the first row is handed over.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "Tests", "oracle"))

from calamine_dump import csv_field, render  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: calamine_to_csv.py INPUT.xlsx OUTPUT.csv")
    sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)
    rows = 0
    with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
        buf = []
        for row in sheet.iter_rows():
            buf.append(",".join(csv_field(render(v)) for v in row))
            rows += 1
            if len(buf) == 10000:
                out.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            out.write("\n".join(buf) + "\n")
    print(f"{rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()

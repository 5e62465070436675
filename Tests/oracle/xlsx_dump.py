#!/usr/bin/env python3
"""Prints, as JSON, what openpyxl reads in a workbook: per sheet (in tab
order) its name, frozen pane, autofilter range, whether each header cell
is bold, its number of rows, and the first ROWS rows with each value's
Python type and number format. The tests compare it with what Texto
meant to write.

    python3 Tests/oracle/xlsx_dump.py FILE.xlsx [ROWS]     (default 5)
"""
import json, sys, datetime
import openpyxl

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 5
book = openpyxl.load_workbook(path)  # not read-only: styles, panes and filters are read too
sheets = []
for sheet in book.worksheets:
    def cell(c):
        value = c.value
        kind = type(value).__name__
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        return {"value": value, "type": kind, "format": c.number_format}
    first = []
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, rows)):
        first.append([cell(c) for c in row])
    sheets.append({
        "name": sheet.title,
        "freeze": sheet.freeze_panes,
        "filter": sheet.auto_filter.ref,
        "bold": [bool(c.font and c.font.b) for c in sheet[1]],
        "rows": sheet.max_row,
        "first": first,
    })
json.dump(sheets, sys.stdout, ensure_ascii=False, indent=1)

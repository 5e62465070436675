#!/usr/bin/env python3
"""Print one sheet as python-calamine reads it, as an RFC 4180 CSV
(comma, LF, UTF-8; a field is quoted only when it holds a comma, a quote, CR
or LF, as Tables' CSVWriter does).

    Tests/oracle/calamine_dump.py FILE [--sheet NAME|N] [--row-numbers]

One CSV row per non-blank sheet row (a row whose cells all render as "" is
left out); columns start at A even when column A is empty; every row has the
width of the sheet's used range. `--row-numbers` prepends the 1-based sheet row.
The first sheet in workbook order is read by default, hidden or not.

Cell rendering (see README.md for what calamine hands us):
  str                -> verbatim
  int                -> decimal
  float              -> integral: as an integer (630050660.0 -> 630050660);
                        otherwise repr(), the shortest text that round-trips
                        (1024.6, 0.1, 1e-05, 1.5e+20 stay as Python prints them)
  bool               -> TRUE / FALSE
  datetime.date      -> YYYY-MM-DD
  datetime.datetime  -> YYYY-MM-DD at 00:00:00, else YYYY-MM-DDTHH:MM:SS
                        (microseconds, if any, as .ffffff)
  datetime.time      -> HH:MM:SS (microseconds, if any, as .ffffff)
  datetime.timedelta -> [-]H:MM:SS with unbounded hours ([h]:mm:ss), the way
                        a duration format shows it (microseconds as .ffffff)
  error cells        -> "" (python-calamine itself turns them into "")
"""

import argparse
import datetime as dt
import math
import signal
import sys

from python_calamine import CalamineWorkbook


def render_float(v):
    if math.isfinite(v) and v == int(v) and abs(v) < 1e21:
        return str(int(v))
    return repr(v)


def frac(us):
    return f".{us:06d}" if us else ""


def render(v):
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return render_float(v)
    if isinstance(v, str):
        return v
    if isinstance(v, dt.datetime):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.strftime("%Y-%m-%d")
        return f"{v.year:04d}-{v.month:02d}-{v.day:02d}T{v.hour:02d}:{v.minute:02d}:{v.second:02d}" + frac(v.microsecond)
    if isinstance(v, dt.date):
        return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"
    if isinstance(v, dt.time):
        return f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}" + frac(v.microsecond)
    if isinstance(v, dt.timedelta):
        sign = "-" if v < dt.timedelta(0) else ""
        v = abs(v)
        total = v.days * 86400 + v.seconds
        h, rem = divmod(total, 3600)
        m, s = divmod(rem, 60)
        return f"{sign}{h}:{m:02d}:{s:02d}" + frac(v.microseconds)
    if v is None:
        return ""
    raise TypeError(f"unexpected cell type {type(v).__name__}: {v!r}")


def csv_field(s):
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def open_sheet(path, sheet):
    wb = CalamineWorkbook.from_path(path)
    if sheet is None:
        return wb.get_sheet_by_index(0)
    if sheet.isdigit() and sheet not in wb.sheet_names:
        return wb.get_sheet_by_index(int(sheet))
    return wb.get_sheet_by_name(sheet)


def dump(path, sheet=None, row_numbers=False, out=sys.stdout):
    ws = open_sheet(path, sheet)
    # skip_empty_area=False: columns and rows counted from A1, so the row
    # number is the index + 1.
    for i, row in enumerate(ws.to_python(skip_empty_area=False), start=1):
        cells = [render(v) for v in row]
        if not any(cells):
            continue
        fields = ([str(i)] if row_numbers else []) + cells
        out.write(",".join(csv_field(f) for f in fields) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("file")
    p.add_argument("--sheet", help="sheet name, or 0-based index")
    p.add_argument("--row-numbers", action="store_true")
    a = p.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under `| head`
    sys.stdout.reconfigure(encoding="utf-8", newline="")
    dump(a.file, a.sheet, a.row_numbers)


if __name__ == "__main__":
    main()

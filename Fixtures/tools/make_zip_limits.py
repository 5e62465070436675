#!/usr/bin/env python3
"""The fixtures of the zip-bomb limits (ZipLimits), both small:

- xlsx/quirks/repetitive-rows.xlsx: a valid workbook whose sheet is 1,000
  identical rows with a 1,700-character note: about 5 MB that deflate
  (level 9) shrinks 266 times. Real sheets pass 100:1 (an Excel for
  Mac sheet of 10,000 repetitive rows inflates at 121:1); this one must open.
- bad/zeros-8mib.deflate: 8 MiB of zero bytes as raw deflate (level 9,
  about 1,028:1), ended by a full flush and not final, so that copies of it
  can be concatenated into a longer stream (ZipArchiveTests builds its
  1 GiB bombs from it, then ends the stream with a final empty block,
  bytes 03 00).

Deterministic: fixed ZIP times, sorted entries.

Usage: Fixtures/tools/make_zip_limits.py
"""

import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from ziputil import minimal_package, sheet, sst, write_zip  # noqa: E402

FIXTURES = os.path.dirname(HERE)
ROWS = 1000
NOTE = "—" * 1700  # 5,100 bytes of UTF-8


def repetitive_rows():
    head = ('<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            '<c r="C1" t="s"><v>2</v></c></row>')
    body = "".join(
        f'<row r="{r}" spans="1:3"><c r="A{r}" t="s"><v>3</v></c><c r="B{r}" t="s"><v>4</v></c>'
        f'<c r="C{r}" t="inlineStr"><is><t>{NOTE}</t></is></c></row>'
        for r in range(2, ROWS + 2))
    strings = "".join(f"<si><t>{s}</t></si>" for s in ["NOM", "TELEPHONE", "NOTE", "DUPONT", "06 30 05 06 60"])
    return minimal_package(sheet(head + body), sst(strings))


def zeros_segment():
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(bytes(8 << 20)) + c.flush(zlib.Z_FULL_FLUSH)


def main():
    parts = repetitive_rows()
    target = os.path.join(FIXTURES, "xlsx", "quirks", "repetitive-rows.xlsx")
    write_zip(target, parts, level=9)
    size = len(parts["xl/worksheets/sheet1.xml"].encode())
    print(f"{target}: {os.path.getsize(target)} bytes, sheet {size} bytes")

    segment = zeros_segment()
    # Two copies and a final block inflate to 16 MiB of zeros.
    assert zlib.decompressobj(-15).decompress(segment * 2 + b"\x03\x00") == bytes(16 << 20)
    target = os.path.join(FIXTURES, "bad", "zeros-8mib.deflate")
    with open(target, "wb") as f:
        f.write(segment)
    print(f"{target}: {len(segment)} bytes, {(8 << 20) / len(segment):.0f}:1")


if __name__ == "__main__":
    main()

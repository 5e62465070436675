#!/usr/bin/env python3
"""Fixtures/hostile/*: inputs made to hurt a reader (issue 14), each small.
Fixtures/bad/ holds the first ones (zip bombs, a DTD entity bomb, truncated
files, an encrypted workbook, an .xls, cells beyond the grid, a shared
string out of range, an unterminated quote, a cell too long); these are the
rest. Big ones (a 1 GB line, a 10 MB cell, 100,000 columns, a 100 MB YAML
scalar) are made by the tests at run time, not committed.

Deterministic. Usage: Fixtures/tools/make_hostile.py
"""

import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from ziputil import NS_MAIN, XML_DECL, minimal_package, sheet, zip_bytes  # noqa: E402

OUT = os.path.join(os.path.dirname(HERE), "hostile")


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def contacts_rows():
    return ('<row r="1"><c r="A1" t="inlineStr"><is><t>NOM</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>TELEPHONE</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>DUPONT</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>06 30 05 06 60</t></is></c></row>')


def xxe():
    """An external entity: a reader that loads it reads /etc/passwd into a cell."""
    doctype = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    body = (f'<worksheet xmlns="{NS_MAIN}"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>NOM</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>TELEPHONE</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>06 30 05 06 60</t></is></c></row>'
            '</sheetData></worksheet>')
    parts = minimal_package(sheet(contacts_rows()))
    parts["xl/worksheets/sheet1.xml"] = XML_DECL + doctype + body
    return zip_bytes(parts)


def nested():
    """The sheet part is itself a zip (a workbook inside a workbook)."""
    inner = zip_bytes(minimal_package(sheet(contacts_rows())))
    parts = minimal_package(sheet(contacts_rows()))
    parts["xl/worksheets/sheet1.xml"] = inner
    return zip_bytes(parts)


def overlapping():
    """Central-directory entries that overlap: 2,000 extra names all point
    at the sheet's local header (Fifield's "non-recursive zip bomb" shape),
    and the central directory says so. A reader that inflates every entry
    does the sheet's work 2,000 times."""
    data = zip_bytes(minimal_package(sheet(contacts_rows() + "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{"X" * 500}</t></is></c></row>' for r in range(3, 200)))), level=9)
    eocd = data.rindex(b"PK\x05\x06")
    count, cd_size, cd_offset = struct.unpack("<HII", data[eocd + 10:eocd + 20])
    central = data[cd_offset:cd_offset + cd_size]
    # Find the sheet's central-directory record.
    position, sheet_record = 0, None
    while position < len(central):
        name_length, extra_length, comment_length = struct.unpack("<HHH", central[position + 28:position + 34])
        name = central[position + 46:position + 46 + name_length]
        size = 46 + name_length + extra_length + comment_length
        if name == b"xl/worksheets/sheet1.xml":
            sheet_record = central[position:position + size]
        position += size
    assert sheet_record
    extra = b""
    for index in range(2000):
        name = f"xl/worksheets/copy{index:04d}.xml".encode()
        record = bytearray(sheet_record[:46]) + name
        struct.pack_into("<HHH", record, 28, len(name), 0, 0)
        extra += bytes(record)
    new_central = central + extra
    tail = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count + 2000, count + 2000, len(new_central), cd_offset, 0)
    return data[:cd_offset] + new_central + tail


def main():
    os.makedirs(OUT, exist_ok=True)
    write("xxe.xlsx", xxe())
    write("nested.xlsx", nested())
    write("overlapping.xlsx", overlapping())
    write("nul-bytes.csv", b"NOM;TELEPHONE\nDU\x00PONT;06 30 05 06 60\nMARTIN;06 12 34\x00 56 78\n")
    write("invalid-utf8.csv", b"NOM;TELEPHONE\nDUPONT \xc3\x28 \xff\xfe;06 30 05 06 60\nL\xe9a;06 12 34 56 78\n")
    # UTF-16 LE with its byte order mark, cut in the middle of a character.
    write("odd-utf16.csv", b"\xff\xfe" + "NOM;TELEPHONE\r\nDUPONT;06 30 05 06 60\r\n".encode("utf-16-le") + b"\x41")
    rng = random.Random(14)
    write("binary-report.log", bytes(rng.randrange(256) for _ in range(65536)))
    # YAML "billion laughs": nine levels of nine aliases.
    lines = ['campaign: {id: bombe, sender: KERKAFE}', 'input:', '  files: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"  sheet{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    write("anchor-bomb.yaml", "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

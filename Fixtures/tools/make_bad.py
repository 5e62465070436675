#!/usr/bin/env python3
"""Fixtures/bad/*: hostile or broken inputs, each small. texto-import must
refuse every one with a message naming the file (DESIGN.md §2, §6), never
write a partial output, and never hang or balloon in memory.

Deterministic except legacy.xls (LibreOffice); encrypted.xlsx is made
deterministic by feeding msoffcrypto-tool a seeded byte stream instead of
random salts and keys, and a fixed time for the CFB directory entries (fine for a fixture, never for real secrets).

Usage: Fixtures/tools/make_bad.py   (needs: pip install msoffcrypto-tool)
"""

import hashlib
import io
import os
import shutil
import struct
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from contacts import HEADER, ROWS  # noqa: E402
from fods import document  # noqa: E402
import lo  # noqa: E402
from ziputil import FIXED, NS_MAIN, XML_DECL, minimal_package, sheet, sst, write_zip  # noqa: E402

FIXTURES = os.path.dirname(HERE)
OUT = os.path.join(FIXTURES, "bad")
PASSWORD = "texto"


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def small_contacts_package():
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>NOM</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>TELEPHONE</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>DUPONT</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>06 30 05 06 60</t></is></c></row>')
    return minimal_package(sheet(rows))


def zip_of(parts, **kw):
    b = io.BytesIO()
    write_zip(b, parts, **kw)
    return b.getvalue()


# --- encrypted.xlsx: openpyxl.xlsx, ECMA-376 Agile encrypted (OLE CFB) --------

def encrypted(plain_bytes):
    """plain_bytes must be >= 4096 bytes: msoffcrypto-tool 6.1 writes a
    broken CFB mini-stream for smaller packages (decryption then fails)."""
    import msoffcrypto
    import msoffcrypto.method.ecma376_agile as agile
    from msoffcrypto.format.ooxml import OOXMLFile

    counter = [0]

    def seeded(n):
        out = b""
        while len(out) < n:
            counter[0] += 1
            out += hashlib.sha256(b"texto-fixture-%d" % counter[0]).digest()
        return out[:n]

    agile._random_buffer = seeded

    import datetime as _dt
    import msoffcrypto.method.container.ecma376_encrypted as container

    class FixedDatetime(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(*FIXED)

    container.datetime = FixedDatetime  # the CFB directory's creation time
    assert len(plain_bytes) >= 4096
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain_bytes)).encrypt(PASSWORD, out)
    # check: the password opens it again, to the same package
    f = msoffcrypto.OfficeFile(io.BytesIO(out.getvalue()))
    f.load_key(password=PASSWORD)
    back = io.BytesIO()
    f.decrypt(back)
    assert back.getvalue() == plain_bytes
    return out.getvalue()


# --- legacy.xls: BIFF8 written by LibreOffice --------------------------------

def legacy_xls():
    tmp = tempfile.mkdtemp(prefix="texto-xls-")
    try:
        src = os.path.join(tmp, "legacy.fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(document([("Contacts", [HEADER] + ROWS, False)], locale="fr-FR"))
        path = lo.convert(src, "xls:MS Excel 97", tmp)
        with open(path, "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- dtd.xlsx: a DOCTYPE with an entity expansion bomb ------------------------

def dtd():
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        ents.append(f'<!ENTITY lol{i} "' + f"&{prev};" * 10 + '">')
    doctype = "<!DOCTYPE worksheet [\n" + "\n".join(ents) + "\n]>\n"
    body = (f'<worksheet xmlns="{NS_MAIN}"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>NOM</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
            '</sheetData></worksheet>')
    parts = small_contacts_package()
    parts["xl/worksheets/sheet1.xml"] = XML_DECL + doctype + body
    return zip_of(parts)


# --- zip bombs ----------------------------------------------------------------

def bomb_sheet(size):
    head = (XML_DECL + f'<worksheet xmlns="{NS_MAIN}"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>NOM</t></is></c></row>')
    tail = "</sheetData></worksheet>"
    return head.encode() + b" " * (size - len(head) - len(tail)) + tail.encode()


def zip_bomb():
    """An honest bomb: the headers say 100 MiB and it inflates to 100 MiB
    (about 1000:1), whitespace between rows of a valid sheet."""
    parts = small_contacts_package()
    parts["xl/worksheets/sheet1.xml"] = bomb_sheet(100 << 20)
    return zip_of(parts, level=9)


def zip_bomb_lying():
    """A lying bomb: the sheet entry says it inflates to 64 KiB (local header
    and central directory agree) but the deflate stream yields 20 MiB. Only
    a reader that counts the bytes it actually inflates notices. The CRC is
    the one of the real 20 MiB."""
    data = zip_of(small_contacts_package(), level=9)
    real = bomb_sheet(20 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp = c.compress(real) + c.flush()
    crc = zlib.crc32(real)
    fake = 64 << 10
    # rebuild: same entries, sheet replaced with our stream and fake size
    import zipfile
    src = zipfile.ZipFile(io.BytesIO(data))
    out = bytearray()
    central = bytearray()
    y, mo, d, h, mi, s = FIXED
    dd, dtm = ((y - 1980) << 9) | (mo << 5) | d, (h << 11) | (mi << 5) | (s // 2)
    for info in src.infolist():
        name = info.filename.encode()
        if info.filename == "xl/worksheets/sheet1.xml":
            body, ucrc, usize = comp, crc, fake
        else:
            raw = src.read(info.filename)
            cc = zlib.compressobj(6, zlib.DEFLATED, -15)
            body, ucrc, usize = cc.compress(raw) + cc.flush(), zlib.crc32(raw), len(raw)
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dtm, dd, ucrc,
                           len(body), usize, len(name), 0) + name + body
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, 0, 8,
                               dtm, dd, ucrc, len(body), usize, len(name), 0, 0, 0, 0,
                               0o644 << 16, off) + name
    n = len(src.infolist())
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central),
                                 len(out), 0)
    return bytes(out)


# --- other broken packages ----------------------------------------------------

def truncated_xml():
    parts = small_contacts_package()
    x = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = x[: x.index("06 30") + 2]  # ...<t>06
    return zip_of(parts)


def cell_too_long():
    long_text = ("Très long commentaire ; " * 2000)[:40000]
    assert len(long_text) == 40000
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>NOM</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>TELEPHONE</t></is></c>'
            '<c r="C1" t="inlineStr"><is><t>COMMENTAIRE</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>DUPONT</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>06 30 05 06 60</t></is></c>'
            f'<c r="C2" t="inlineStr"><is><t>{long_text}</t></is></c></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>MARTIN</t></is></c>'
            '<c r="B3" t="inlineStr"><is><t>07 81 23 45 67</t></is></c>'
            '<c r="C3" t="s"><v>0</v></c></row>')
    return zip_of(minimal_package(sheet(rows), sst(f"<si><t>{long_text}</t></si>")))


def outside_grid():
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>NOM</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>TELEPHONE</t></is></c>'
            '<c r="XFE1" t="inlineStr"><is><t>colonne 16385</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>DUPONT</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>06 30 05 06 60</t></is></c></row>'
            '<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>ligne 1048577</t></is></c></row>')
    return zip_of(minimal_package(sheet(rows)))


def sst_out_of_range():
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>99</v></c></row>')
    strings = "<si><t>NOM</t></si><si><t>TELEPHONE</t></si><si><t>DUPONT</t></si>"
    return zip_of(minimal_package(sheet(rows), sst(strings)))


UNTERMINATED = (
    "NOM;PRENOM;TELEPHONE;COMMENTAIRE\r\n"
    "DUPONT;Jean-François;06 30 05 06 60;Client fidèle\r\n"
    'MARTIN;Loïc;07 81 23 45 67;"Préfère le matin ; pas le week-end\r\n'
    "LEFÈVRE;Hélène;0630050661;\r\n"
    "CŒUR;Gaëlle;+33 6 12 34 56 78;VIP\r\n"
)


def main():
    os.makedirs(OUT, exist_ok=True)
    good = os.path.join(FIXTURES, "xlsx", "openpyxl.xlsx")
    with open(good, "rb") as f:
        good_bytes = f.read()
    write("encrypted.xlsx", encrypted(good_bytes))
    write("legacy.xls", legacy_xls())
    write("not-a-zip.xlsx", "NOM;TELEPHONE\r\nDUPONT;06 30 05 06 60\r\n".encode("cp1252"))
    write("truncated.xlsx", good_bytes[: len(good_bytes) // 2])
    write("truncated-xml.xlsx", truncated_xml())
    write("dtd.xlsx", dtd())
    write("zip-bomb.xlsx", zip_bomb())
    write("zip-bomb-lying.xlsx", zip_bomb_lying())
    write("cell-too-long.xlsx", cell_too_long())
    write("outside-grid.xlsx", outside_grid())
    write("sst-out-of-range.xlsx", sst_out_of_range())
    write("unterminated-quote.csv", UNTERMINATED.encode("utf-8"))
    write("empty.csv", b"")
    write("empty.xlsx", b"")
    for n in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, n)):>7}  {n}")


if __name__ == "__main__":
    main()

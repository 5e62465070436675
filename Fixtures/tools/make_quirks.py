#!/usr/bin/env python3
"""Fixtures/xlsx/quirks/*.xlsx: minimal SpreadsheetML packages written by
hand (zipfile + XML we author) for the quirks no tool we have writes on
demand. Deterministic: fixed timestamps, sorted entries.

Usage: Fixtures/tools/make_quirks.py
"""

import datetime as dt
import io
import os
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from ziputil import (  # noqa: E402
    CT_SHEET, CT_SST, CT_STYLES, CT_WORKBOOK, NS_MAIN, NS_PKG_R, NS_R,
    REL_OFFICE_DOC, REL_SST, REL_STYLES, REL_WORKSHEET, XML_DECL,
    minimal_package, sheet, sst, styles, write_full_zip64, write_zip)

OUT = os.path.join(os.path.dirname(HERE), "xlsx", "quirks")


def serial(d):
    """Excel 1900-system serial of a date or datetime (after 1900-03-01)."""
    base = dt.datetime(1899, 12, 30)
    if not isinstance(d, dt.datetime):
        d = dt.datetime(d.year, d.month, d.day)
    delta = d - base
    v = delta.days + delta.seconds / 86400
    return int(v) if v == int(v) else v


def col(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def istr(ref, text, s=None):
    st = f' s="{s}"' if s is not None else ""
    sp = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{st} t="inlineStr"><is><t{sp}>{escape(text)}</t></is></c>'


def num(ref, v, s=None):
    st = f' s="{s}"' if s is not None else ""
    return f'<c r="{ref}"{st}><v>{v}</v></c>'


def row(r, cells):
    return f'<row r="{r}">{"".join(cells)}</row>'


# A date style at cellXfs index 1 (numFmtId 14, the locale's short date).
DATE_STYLES = styles({}, [0, 14])

HEAD = ["NOM", "PRENOM", "TELEPHONE", "DATE_NAISSANCE"]
PEOPLE = [
    ("DUPONT", "Jean-François", "06 30 05 06 60", dt.date(1978, 3, 14)),
    ("LEFÈVRE", "Hélène", 630050661, dt.date(1985, 11, 2)),
    ("CŒUR", "Gaëlle", "+33 6 12 34 56 78", dt.date(2001, 1, 1)),
]


def sst_people():
    """Shared strings for HEAD + PEOPLE text; returns (sst_xml, index)."""
    strings = []
    for s in HEAD:
        strings.append(s)
    for p in PEOPLE:
        for v in p[:3]:
            if isinstance(v, str) and v not in strings:
                strings.append(v)
    idx = {s: i for i, s in enumerate(strings)}
    body = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return body, idx


def people_rows(cell_fmt, idx):
    """Rows of HEAD + PEOPLE with shared strings; cell_fmt(ref, attrs, inner)."""
    out = []
    cells = [cell_fmt(f"{col(c)}1", ' t="s"', f"<v>{idx[h]}</v>") for c, h in enumerate(HEAD, 1)]
    out.append((1, cells))
    for r, p in enumerate(PEOPLE, 2):
        cells = []
        for c, v in enumerate(p, 1):
            ref = f"{col(c)}{r}"
            if isinstance(v, str):
                cells.append(cell_fmt(ref, ' t="s"', f"<v>{idx[v]}</v>"))
            elif isinstance(v, dt.date):
                cells.append(cell_fmt(ref, ' s="1"', f"<v>{serial(v)}</v>"))
            else:
                cells.append(cell_fmt(ref, "", f"<v>{v}</v>"))
        out.append((r, cells))
    return out


def standard_package():
    body, idx = sst_people()
    rows = people_rows(lambda ref, a, inner: f'<c r="{ref}"{a}>{inner}</c>', idx)
    xml = "".join(row(r, cells) for r, cells in rows)
    return minimal_package(sheet(xml), sst(body), DATE_STYLES)


# --- prefixed.xlsx: every SpreadsheetML element x:-prefixed (OpenXML SDK) ---

def prefixed():
    body, idx = sst_people()
    rows = people_rows(lambda ref, a, inner: f'<x:c r="{ref}"{a}>{inner.replace("<v>", "<x:v>").replace("</v>", "</x:v>")}</x:c>', idx)
    xml = "".join(f'<x:row r="{r}">{"".join(c)}</x:row>' for r, c in rows)
    parts = minimal_package("", None, None)
    parts["xl/worksheets/sheet1.xml"] = (
        XML_DECL + f'<x:worksheet xmlns:x="{NS_MAIN}" xmlns:r="{NS_R}"><x:sheetData>{xml}'
        '</x:sheetData></x:worksheet>')
    parts["xl/workbook.xml"] = (
        XML_DECL + f'<x:workbook xmlns:x="{NS_MAIN}" xmlns:r="{NS_R}"><x:sheets>'
        '<x:sheet name="Contacts" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>')
    sst_x = body.replace("<si>", "<x:si>").replace("</si>", "</x:si>") \
        .replace("<t>", "<x:t>").replace("</t>", "</x:t>")
    parts["xl/sharedStrings.xml"] = (
        XML_DECL + f'<x:sst xmlns:x="{NS_MAIN}" count="{body.count("<si>")}" '
        f'uniqueCount="{body.count("<si>")}">{sst_x}</x:sst>')
    st = DATE_STYLES.replace(f'<styleSheet xmlns="{NS_MAIN}">', f'<x:styleSheet xmlns:x="{NS_MAIN}">')
    import re
    st = re.sub(r"<(/?)(?!\?)(?!x:)([A-Za-z]+)", r"<\1x:\2", st)
    parts["xl/styles.xml"] = st
    add_rels(parts)
    return parts


def add_rels(parts):
    """Register sharedStrings.xml and styles.xml in a minimal_package()."""
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT_SST}"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{CT_STYLES}"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        f'<Relationship Id="rId2" Type="{REL_SST}" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{REL_STYLES}" Target="styles.xml"/></Relationships>')


# --- missing-r.xlsx: rows and cells without r, cells out of order -------------

def missing_r():
    rows = [
        # header: row and cells without r
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEAD) + "</row>",
        # row 2 with r, cells out of order: C2 before A2
        '<row r="2">' + istr("C2", "06 30 05 06 60") + istr("A2", "DUPONT")
        + istr("B2", "Jean-François") + num("D2", serial(dt.date(1978, 3, 14)), 1) + "</row>",
        # row without r after row 2: row 3; cells without r, one with r skipping B
        "<row>" + '<c t="inlineStr"><is><t>LEFÈVRE</t></is></c>'
        + istr("C3", "0630050661") + f'<c s="1"><v>{serial(dt.date(1985, 11, 2))}</v></c>' + "</row>",
        # row 5 with r (row 4 left out: a blank row), cells without r
        '<row r="5">' + '<c t="inlineStr"><is><t>CŒUR</t></is></c>'
        + '<c t="inlineStr"><is><t>Gaëlle</t></is></c><c><v>612345678</v></c></row>',
        # row without r after row 5: row 6; a cell with r but a row without r
        "<row>" + istr("B6", "Zoé") + istr("A6", "O’BRIEN") + "</row>",
    ]
    return minimal_package(sheet("".join(rows)), None, DATE_STYLES)


# --- strict.xlsx: ISO/IEC 29500 Strict namespaces ---------------------------

S_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
S_R = "http://purl.oclc.org/ooxml/officeDocument/relationships"
S_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/"


def strict():
    p = standard_package()
    out = {}
    for name, data in p.items():
        data = (data.replace(REL_OFFICE_DOC, S_REL + "officeDocument")
                .replace(REL_WORKSHEET, S_REL + "worksheet")
                .replace(REL_SST, S_REL + "sharedStrings")
                .replace(REL_STYLES, S_REL + "styles")
                .replace(f'"{NS_MAIN}"', f'"{S_MAIN}"')
                .replace(f'xmlns:r="{NS_R}"', f'xmlns:r="{S_R}"'))
        out[name] = data
    out["xl/workbook.xml"] = out["xl/workbook.xml"].replace(
        f'<workbook xmlns="{S_MAIN}"', f'<workbook conformance="strict" xmlns="{S_MAIN}"')
    return out


# --- absolute-targets.xlsx / workbook-elsewhere.xlsx -------------------------

def absolute_targets(base="xl", wb_name="workbook.xml", sheet_path="worksheets/sheet1.xml",
                     sst_name="sharedStrings.xml"):
    """Every relationship target absolute (/xl/workbook.xml, ...); with other
    arguments, the workbook at an unusual path found only via _rels/.rels."""
    p = standard_package()
    wb = f"/{base}/{wb_name}"
    sh = f"/{base}/{sheet_path}"
    ss = f"/{base}/{sst_name}"
    stl = f"/{base}/styles.xml"
    ct = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          f'<Override PartName="{wb}" ContentType="{CT_WORKBOOK}"/>'
          f'<Override PartName="{sh}" ContentType="{CT_SHEET}"/>'
          f'<Override PartName="{ss}" ContentType="{CT_SST}"/>'
          f'<Override PartName="{stl}" ContentType="{CT_STYLES}"/></Types>')
    return {
        "[Content_Types].xml": ct,
        "_rels/.rels": (XML_DECL + f'<Relationships xmlns="{NS_PKG_R}">'
                        f'<Relationship Id="rId1" Type="{REL_OFFICE_DOC}" Target="{wb}"/>'
                        "</Relationships>"),
        f"{base}/_rels/{wb_name}.rels": (
            XML_DECL + f'<Relationships xmlns="{NS_PKG_R}">'
            f'<Relationship Id="rId1" Type="{REL_WORKSHEET}" Target="{sh}"/>'
            f'<Relationship Id="rId2" Type="{REL_SST}" Target="{ss}"/>'
            f'<Relationship Id="rId3" Type="{REL_STYLES}" Target="{stl}"/>'
            "</Relationships>"),
        wb[1:]: p["xl/workbook.xml"],
        sh[1:]: p["xl/worksheets/sheet1.xml"],
        ss[1:]: p["xl/sharedStrings.xml"],
        stl[1:]: p["xl/styles.xml"],
    }


def workbook_elsewhere():
    return absolute_targets("book", "wb.xml", "sheets/contacts.xml", "strings.xml")


# --- inline-strings.xlsx ----------------------------------------------------

def inline_strings():
    rows = [
        row(1, [istr(f"{col(c)}1", h) for c, h in enumerate(["NOM", "PRENOM", "TELEPHONE", "NOTE"], 1)]),
        # a stray <v> before and after <is>: the <is> text is the value
        row(2, ['<c r="A2" t="inlineStr"><v>999</v><is><t>DUPONT</t></is></c>',
                '<c r="B2" t="inlineStr"><is><t>Jean-François</t></is><v>888</v></c>',
                istr("C2", "06 30 05 06 60"),
                istr("D2", "  deux espaces devant et après  ")]),
        # rich-text runs inside <is>
        row(3, ['<c r="A3" t="inlineStr"><is><r><t>LE</t></r><r><rPr><b/></rPr>'
                '<t xml:space="preserve"> GALL</t></r></is></c>',
                '<c r="B3" t="inlineStr"><is><r><rPr><i/></rPr><t>Maë</t></r><r><t>lle</t></r></is></c>',
                istr("C3", "0033 6 11 22 33 44"),
                '<c r="D3" t="inlineStr"><is><t>ligne 1\nligne 2</t></is></c>']),
        # an empty inline string, a number cell between them
        row(4, ['<c r="A4" t="inlineStr"><is><t/></is></c>',
                istr("B4", "Zoé"), num("C4", 645678901),
                '<c r="D4" t="inlineStr"><is></is></c>']),
        # spaces around the text WITHOUT xml:space="preserve"
        row(5, ['<c r="A5" t="inlineStr"><is><t>  NGUYEN  </t></is></c>',
                '<c r="B5" t="inlineStr"><is><t> Noël</t></is></c>',
                istr("C5", "0630050662"),
                '<c r="D5" t="inlineStr"><is><r><t xml:space="preserve"> a </t></r><r><t> b </t></r></is></c>']),
    ]
    return minimal_package(sheet("".join(rows)))


# --- rich-phonetic.xlsx: shared strings with runs and <rPh> to skip ---------

def rich_phonetic():
    si = [
        "<si><t>NOM</t></si>", "<si><t>PRENOM</t></si>", "<si><t>TELEPHONE</t></si>",
        # rich runs
        '<si><r><rPr><b/><sz val="11"/></rPr><t>DU</t></r><r><t>PONT</t></r></si>',
        # plain text with a phonetic run and phoneticPr
        '<si><t>Jean</t><rPh sb="0" eb="4"><t>ジャン</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
        # runs then phonetic runs
        '<si><r><t xml:space="preserve">06 30 </t></r><r><rPr><i/></rPr><t>05 06 60</t></r>'
        '<rPh sb="0" eb="2"><t>ゼロロク</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><t>Hélène</t></si>',
        '<si><r><t>LEF</t></r><r><rPr><u/></rPr><t>ÈVRE</t></r><rPh sb="0" eb="7"><t>ルフェーヴル</t></rPh></si>',
    ]
    rows = [
        row(1, [f'<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>', '<c r="C1" t="s"><v>2</v></c>']),
        row(2, ['<c r="A2" t="s"><v>3</v></c>', '<c r="B2" t="s"><v>4</v></c>', '<c r="C2" t="s"><v>5</v></c>']),
        row(3, ['<c r="A3" t="s"><v>7</v></c>', '<c r="B3" t="s"><v>6</v></c>', num("C3", 630050661)]),
    ]
    return minimal_package(sheet("".join(rows)), sst("".join(si), count=8))


# --- escapes.xlsx: ST_Xstring _xHHHH_ escapes --------------------------------

ESCAPES = [
    ("CR", "Avant_x000D_Après"),
    ("CRLF", "Ligne 1_x000D__x000A_Ligne 2"),
    ("A", "_x0041_BC"),
    ("litteral", "_x005F_x0041_"),
    ("emoji", "Merci _xD83D__xDE00_"),
    ("minuscules", "caf_x00e9_"),
    ("pas_un_echappement", "_x00G1_ et _x41_ et _x0041"),
    ("tab", "a_x0009_b"),
]


def escapes():
    strings = ["CAS", "SST", "INLINE"] + [t for _, t in ESCAPES]
    body = "".join(f"<si><t>{s}</t></si>" for s in strings)
    rows = [row(1, ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>',
                    '<c r="C1" t="s"><v>2</v></c>'])]
    for i, (name, text) in enumerate(ESCAPES):
        r = i + 2
        rows.append(row(r, [istr(f"A{r}", name), f'<c r="B{r}" t="s"><v>{i + 3}</v></c>',
                            f'<c r="C{r}" t="inlineStr"><is><t>{text}</t></is></c>']))
    return minimal_package(sheet("".join(rows)), sst(body))


# --- types.xlsx: every cell type attribute -----------------------------------

def types():
    cases = [
        ("booleen vrai", '<c r="B{r}" t="b"><v>1</v></c>'),
        ("booleen faux", '<c r="B{r}" t="b"><v>0</v></c>'),
        ("erreur N/A", '<c r="B{r}" t="e"><v>#N/A</v></c>'),
        ("erreur DIV/0", '<c r="B{r}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
        ("formule texte", '<c r="B{r}" t="str"><f>"06"&amp;"30050660"</f><v>0630050660</v></c>'),
        ("formule nombre", '<c r="B{r}"><f>2*3</f><v>6</v></c>'),
        ("date ISO t=d", '<c r="B{r}" t="d"><v>2026-11-22T10:30:00</v></c>'),
        ("date ISO t=d style date", '<c r="B{r}" s="1" t="d"><v>2026-11-22T10:30:00</v></c>'),
        ("date ISO t=d jour", '<c r="B{r}" t="d"><v>2026-11-22</v></c>'),
        ("heure ISO t=d", '<c r="B{r}" t="d"><v>10:30:00</v></c>'),
        ("date ISO t=d fraction Z", '<c r="B{r}" t="d"><v>2026-11-22T10:30:00.123Z</v></c>'),
        ("t=d pas une date", '<c r="B{r}" t="d"><v>pas une date</v></c>'),
        ("booleen texte", '<c r="B{r}" t="b"><v>true</v></c>'),
        ("exposant", '<c r="B{r}"><v>6.30050660E8</v></c>'),
        ("petit exposant", '<c r="B{r}"><v>1.5E-3</v></c>'),
        ("exposant t=n", '<c r="B{r}" t="n"><v>6.3005066E+08</v></c>'),
        ("v vide", '<c r="B{r}"><v/></c>'),
        ("v vide t=s", '<c r="B{r}" t="s"><v></v></c>'),
        ("sans v", '<c r="B{r}" s="1"/>'),
        ("sans v t=str", '<c r="B{r}" t="str"><f>""</f></c>'),
        ("texte vide t=str", '<c r="B{r}" t="str"><v></v></c>'),
        ("chaine partagee", '<c r="B{r}" t="s"><v>0</v></c>'),
        ("entier 15 chiffres", '<c r="B{r}"><v>123456789012345</v></c>'),
        ("entier 17 chiffres", '<c r="B{r}"><v>12345678901234567</v></c>'),
        ("flottant", '<c r="B{r}"><v>0.30000000000000004</v></c>'),
        ("negatif", '<c r="B{r}"><v>-0.5</v></c>'),
        ("espaces autour", '<c r="B{r}"><v> 42 </v></c>'),
    ]
    rows = [row(1, [istr("A1", "CAS"), istr("B1", "VALEUR")])]
    for i, (name, cell) in enumerate(cases):
        r = i + 2
        rows.append(row(r, [istr(f"A{r}", name), cell.format(r=r)]))
    return minimal_package(sheet("".join(rows)), sst("<si><t>texte partagé</t></si>"), DATE_STYLES)


# --- date-1900-bug.xlsx: serials around Lotus's 1900-02-29 -------------------

def date_1900_bug():
    serials = [0, 0.5, 1, 2, 59, 60, 60.5, 61, 366, 2958465, 2958465.9999884, 2958466, -1]
    rows = [row(1, [istr("A1", "SERIE"), istr("B1", "DATE"), istr("C1", "DATE_HEURE")])]
    for i, s in enumerate(serials):
        r = i + 2
        rows.append(row(r, [num(f"A{r}", s), num(f"B{r}", s, 1), num(f"C{r}", s, 2)]))
    st = styles({164: "dd/mm/yyyy hh:mm:ss"}, [0, 14, 164])
    return minimal_package(sheet("".join(rows)), None, st)


# --- date-precision.xlsx: fractions of a second, near midnight ---------------

def date_precision():
    serials = [0.4375, 0.0000115740740740741, 1e-10, 0.999994, 0.9999999, 0.99999999,
               46348.4375, 46348.5000000001, 46348.000005, 46348.000005787,
               46348.99999999, 46297.7819444445]
    rows = [row(1, [istr("A1", "SERIE"), istr("B1", "DATE_HEURE"), istr("C1", "HEURE")])]
    for i, s in enumerate(serials):
        r = i + 2
        rows.append(row(r, [num(f"A{r}", repr(s)), num(f"B{r}", repr(s), 1), num(f"C{r}", repr(s), 2)]))
    st = styles({164: "dd/mm/yyyy hh:mm:ss", 165: "hh:mm:ss"}, [0, 164, 165])
    return minimal_package(sheet("".join(rows)), None, st)


# --- styles-dates.xlsx: which number formats make a value a date -------------

BUILTIN = list(range(14, 23)) + [45, 46, 47] + list(range(27, 37)) + list(range(50, 59))
CUSTOM = [
    "[$-40C]d mmmm yyyy", '"Le "dd/mm', "0.00\\h", "[Red]0.00", "mm:ss",
    "yyyy-mm-dd hh:mm", "00 00 00 00 00", "0000000000", "[h]:mm:ss",
    "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", "#,##0.00\\ \"€\"", "0%",
    '"Tél. "00 00 00 00 00', "[<=9999999]###-####;(###) ###-####",
]


def styles_dates():
    fmts = {164 + i: c for i, c in enumerate(CUSTOM)}
    ids = [0] + BUILTIN + list(fmts)
    st = styles(fmts, ids)
    head = ["FORMAT", "CODE", "SERIE", "FRACTION", "ENTIER", "NEGATIF"]
    rows = [row(1, [istr(f"{col(c)}1", h) for c, h in enumerate(head, 1)])]
    for i, fid in enumerate(ids[1:], start=1):
        r = i + 1
        code = fmts.get(fid, "(intégré)")
        rows.append(row(r, [num(f"A{r}", fid), istr(f"B{r}", code),
                            num(f"C{r}", 46348.4375, i), num(f"D{r}", 0.4375, i),
                            num(f"E{r}", 612345678, i), num(f"F{r}", -1.25, i)]))
    return minimal_package(sheet("".join(rows)), None, st)


# --- container quirks --------------------------------------------------------

class Unseekable(io.RawIOBase):
    """A write-only stream without tell/seek: zipfile then writes each entry
    with a data descriptor (general-purpose flag bit 3)."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


def data_descriptor(path):
    s = Unseekable()
    write_zip(s, standard_package())
    with open(path, "wb") as f:
        f.write(bytes(s.buf))


def backslash_names(path):
    p = standard_package()
    p = {n.replace("/", "\\") if n.startswith("xl/") else n: d for n, d in p.items()}
    write_zip(path, p)


def case_names(path):
    p = standard_package()
    renamed = {"xl/worksheets/sheet1.xml": "XL/Worksheets/Sheet1.xml",
               "xl/sharedStrings.xml": "xl/SharedStrings.XML",
               "xl/workbook.xml": "Xl/Workbook.xml"}
    write_zip(path, {renamed.get(n, n): d for n, d in p.items()})


def main():
    os.makedirs(OUT, exist_ok=True)
    simple = {
        "prefixed.xlsx": prefixed,
        "missing-r.xlsx": missing_r,
        "strict.xlsx": strict,
        "absolute-targets.xlsx": absolute_targets,
        "workbook-elsewhere.xlsx": workbook_elsewhere,
        "inline-strings.xlsx": inline_strings,
        "rich-phonetic.xlsx": rich_phonetic,
        "escapes.xlsx": escapes,
        "types.xlsx": types,
        "date-1900-bug.xlsx": date_1900_bug,
        "date-precision.xlsx": date_precision,
        "styles-dates.xlsx": styles_dates,
    }
    for name, make in simple.items():
        write_zip(os.path.join(OUT, name), make())
    write_full_zip64(os.path.join(OUT, "zip64.xlsx"), standard_package())
    write_zip(os.path.join(OUT, "zip64-local.xlsx"), standard_package(), force_zip64=True)
    write_zip(os.path.join(OUT, "stored.xlsx"), standard_package(), compress=zipfile.ZIP_STORED)
    data_descriptor(os.path.join(OUT, "data-descriptor.xlsx"))
    backslash_names(os.path.join(OUT, "backslash-names.xlsx"))
    case_names(os.path.join(OUT, "case-names.xlsx"))
    for n in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, n)):>7}  {n}")


if __name__ == "__main__":
    main()

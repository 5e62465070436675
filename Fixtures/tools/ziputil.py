"""Deterministic ZIP writing for the hand-made packages."""

import io
import re
import zipfile

FIXED = (2026, 1, 1, 0, 0, 0)

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
REL_SST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def info(name, compress=zipfile.ZIP_DEFLATED):
    zi = zipfile.ZipInfo(name, date_time=FIXED)
    zi.compress_type = compress
    zi.external_attr = 0o644 << 16
    zi.create_system = 3  # unix, whatever the host
    return zi


def write_zip(target, parts, compress=zipfile.ZIP_DEFLATED, level=6,
              force_zip64=False, sort=True):
    """parts: {name: str|bytes}; target: path or a writable binary stream.
    Entries in sorted order (except [Content_Types].xml first, as Office does)."""
    names = list(parts)
    if sort:
        names = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
    with zipfile.ZipFile(target, "w", compression=compress, compresslevel=level) as z:
        for n in names:
            data = parts[n]
            if isinstance(data, str):
                data = data.encode("utf-8")
            zi = info(n, compress)
            if force_zip64:
                with z.open(zi, "w", force_zip64=True) as f:
                    f.write(data)
            else:
                z.writestr(zi, data, compress_type=compress, compresslevel=level)


def zip_bytes(parts, **kw):
    b = io.BytesIO()
    write_zip(b, parts, **kw)
    return b.getvalue()


def renormalize(path, fix=None):
    """Rewrite a tool-made ZIP with fixed timestamps, keeping entry order,
    compression and contents; `fix(name, bytes) -> bytes` may scrub
    volatile content (e.g. a save time)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, i.compress_type, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, ct, data in entries:
            if fix:
                data = fix(name, data)
            z.writestr(info(name, ct), data, compress_type=ct, compresslevel=6)


def scrub_core_times(name, data):
    if name == "docProps/core.xml":
        data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
    return data


def minimal_package(sheet_xml, sst_xml=None, styles_xml=None, workbook_xml=None,
                    sheet_name="Contacts"):
    """The smallest SpreadsheetML package: parts dict with the usual names."""
    ct = [f'<Override PartName="/xl/workbook.xml" ContentType="{CT_WORKBOOK}"/>',
          f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT_SHEET}"/>']
    rels = [f'<Relationship Id="rId1" Type="{REL_WORKSHEET}" Target="worksheets/sheet1.xml"/>']
    parts = {}
    if sst_xml is not None:
        ct.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT_SST}"/>')
        rels.append(f'<Relationship Id="rId2" Type="{REL_SST}" Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = sst_xml
    if styles_xml is not None:
        ct.append(f'<Override PartName="/xl/styles.xml" ContentType="{CT_STYLES}"/>')
        rels.append(f'<Relationship Id="rId3" Type="{REL_STYLES}" Target="styles.xml"/>')
        parts["xl/styles.xml"] = styles_xml
    parts["[Content_Types].xml"] = (
        XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(ct) + "</Types>")
    parts["_rels/.rels"] = (
        XML_DECL + f'<Relationships xmlns="{NS_PKG_R}">'
        f'<Relationship Id="rId1" Type="{REL_OFFICE_DOC}" Target="xl/workbook.xml"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = (
        XML_DECL + f'<Relationships xmlns="{NS_PKG_R}">' + "".join(rels) + "</Relationships>")
    parts["xl/workbook.xml"] = workbook_xml or (
        XML_DECL + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><sheets>'
        f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    parts["xl/worksheets/sheet1.xml"] = sheet_xml
    return parts


def sheet(rows_xml):
    return XML_DECL + f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><sheetData>{rows_xml}</sheetData></worksheet>'


def sst(strings_xml, count=None):
    n = strings_xml.count("<si>")
    return (XML_DECL + f'<sst xmlns="{NS_MAIN}" count="{count or n}" uniqueCount="{n}">'
            f'{strings_xml}</sst>')


def styles(num_fmts, xf_fmt_ids):
    """num_fmts: {id: code} custom formats; xf_fmt_ids: numFmtId per cellXf
    (index 0 should be 0 = General)."""
    from xml.sax.saxutils import quoteattr
    nf = "".join(f'<numFmt numFmtId="{i}" formatCode={quoteattr(c)}/>' for i, c in num_fmts.items())
    apply = ' applyNumberFormat="1"'
    xfs = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"'
                  f'{apply if i else ""}/>' for i in xf_fmt_ids)
    return (XML_DECL + f'<styleSheet xmlns="{NS_MAIN}">'
            + (f'<numFmts count="{len(num_fmts)}">{nf}</numFmts>' if num_fmts else "")
            + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xf_fmt_ids)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>')


def write_full_zip64(path, parts, level=6):
    """A ZIP whose every entry uses ZIP64 everywhere, as `zip -fz` does:
    local headers and central directory entries carry 0xFFFFFFFF sizes
    (and offset) with the real values in the ZIP64 extra field, and the
    archive ends with a ZIP64 end-of-central-directory record and locator
    before a classic end record whose counts are 0xFFFF. Python's zipfile
    (force_zip64) only does the local-header part."""
    import struct
    import zlib
    y, mo, d, h, mi, s = FIXED
    dos_date = ((y - 1980) << 9) | (mo << 5) | d
    dos_time = (h << 11) | (mi << 5) | (s // 2)
    names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    out = bytearray()
    central = bytearray()
    for n in names:
        data = parts[n].encode("utf-8") if isinstance(parts[n], str) else parts[n]
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        comp = c.compress(data) + c.flush()
        crc = zlib.crc32(data)
        name = n.encode("utf-8")
        offset = len(out)
        extra = struct.pack("<HHQQ", 1, 16, len(data), len(comp))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, dos_time, dos_date,
                           crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra))
        out += name + extra + comp
        cextra = struct.pack("<HHQQQ", 1, 24, len(data), len(comp), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 45, 45, 0, 8,
                               dos_time, dos_date, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name),
                               len(cextra), 0, 0, 0, 0o644 << 16, 0xFFFFFFFF)
        central += name + cextra
    cd_offset = len(out)
    out += central
    eocd64_offset = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, (3 << 8) | 45, 45, 0, 0,
                       len(names), len(names), len(central), cd_offset)
    out += struct.pack("<IIQI", 0x07064B50, 0, eocd64_offset, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF,
                       0xFFFFFFFF, 0xFFFFFFFF, 0)
    with open(path, "wb") as f:
        f.write(out)

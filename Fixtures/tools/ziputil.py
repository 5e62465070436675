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

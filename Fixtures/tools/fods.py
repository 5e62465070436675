"""A tiny flat-ODS (.fods) writer, so that LibreOffice itself writes the
XLSX, XLS and CSV fixtures from a document we describe exactly.

Cells are typed Python values or `Cell(...)` for the cases Python types cannot
say (formulas, errors, rich text, times, percentages, number formats).
"""

import datetime as dt
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from contacts import Formatted

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "of": "urn:oasis:names:tc:opendocument:xmlns:of:1.2",
    "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0",
}


@dataclass
class Cell:
    kind: str                 # float date time boolean percentage string error
    value: object = None
    display: str = ""         # the cached text LibreOffice shows
    style: str | None = None  # data style name (see STYLES)
    formula: str | None = None
    runs: list = field(default_factory=list)  # rich text: [(text, bold)]


def lang(locale):
    if not locale:
        return ""
    la, co = locale.split("-")
    return f' number:language="{la}" number:country="{co}"'


def data_styles(locale):
    """ODF data styles by name; `locale` like "fr-FR" or None."""
    L = lang(locale)
    dmy = ('<number:day number:style="long"/><number:text>/</number:text>'
           '<number:month number:style="long"/><number:text>/</number:text>'
           '<number:year number:style="long"/>')
    hm = ('<number:hours number:style="long"/><number:text>:</number:text>'
          '<number:minutes number:style="long"/>')
    return {
        "DATE": f'<number:date-style style:name="DATE"{L}>{dmy}</number:date-style>',
        "DATETIME": (f'<number:date-style style:name="DATETIME"{L}>{dmy}'
                     f'<number:text> </number:text>{hm}</number:date-style>'),
        "TIME": f'<number:time-style style:name="TIME"{L}>{hm}</number:time-style>',
        "PHONE10": (f'<number:number-style style:name="PHONE10"{L}>'
                    '<number:number number:decimal-places="0" number:min-integer-digits="10"/>'
                    '</number:number-style>'),
        # 00 00 00 00 00: ten digits with a space embedded every two digits
        "PHONE_SPACED": (f'<number:number-style style:name="PHONE_SPACED"{L}>'
                         '<number:number number:decimal-places="0" number:min-integer-digits="10">'
                         + "".join(f'<number:embedded-text number:position="{p}"> </number:embedded-text>'
                                   for p in (2, 4, 6, 8))
                         + '</number:number></number:number-style>'),
        "PERCENT": (f'<number:percentage-style style:name="PERCENT"{L}>'
                    '<number:number number:decimal-places="0" number:min-integer-digits="1"/>'
                    '<number:text>%</number:text></number:percentage-style>'),
        "BOOL": f'<number:boolean-style style:name="BOOL"{L}><number:boolean/></number:boolean-style>',
        "DEC2": (f'<number:number-style style:name="DEC2"{L}>'
                 '<number:number number:decimal-places="2" number:min-decimal-places="2" '
                 'number:min-integer-digits="1"/></number:number-style>'),
    }


FORMAT_CODE_TO_STYLE = {"0000000000": "PHONE10", "00 00 00 00 00": "PHONE_SPACED"}


def to_cell(v):
    """Python value -> Cell (or None for an empty cell)."""
    if v is None:
        return None
    if isinstance(v, Cell):
        return v
    if isinstance(v, Formatted):
        return Cell("float", v.value, "", FORMAT_CODE_TO_STYLE[v.code])
    if isinstance(v, bool):
        return Cell("boolean", v, "", "BOOL")
    if isinstance(v, dt.datetime):
        return Cell("date", v, "", "DATETIME")
    if isinstance(v, dt.date):
        return Cell("date", v, "", "DATE")
    if isinstance(v, dt.time):
        return Cell("time", v, "", "TIME")
    if isinstance(v, (int, float)):
        return Cell("float", v)
    return Cell("string", str(v))


def _para(text):
    # keep runs of spaces and line breaks as ODF wants them
    lines = text.replace("\r\n", "\n").split("\n")
    out = []
    for line in lines:
        s = escape(line)
        # collapse-safe: encode 2+ spaces with text:s
        parts = s.split("  ")
        if len(parts) > 1:
            s = '<text:s text:c="2"/>'.join(parts)
        out.append(f"<text:p>{s}</text:p>")
    return "".join(out)


def cell_xml(c):
    if c is None:
        return "<table:table-cell/>"
    a = []
    if c.style:
        a.append(f'table:style-name="ce_{c.style}"')
    if c.formula:
        a.append(f"table:formula={quoteattr('of:' + c.formula)}")
    k = c.kind
    if k == "float":
        a.append(f'office:value-type="float" office:value="{c.value!r}" calcext:value-type="float"')
    elif k == "percentage":
        a.append(f'office:value-type="percentage" office:value="{c.value!r}" calcext:value-type="percentage"')
    elif k == "boolean":
        b = "true" if c.value else "false"
        a.append(f'office:value-type="boolean" office:boolean-value="{b}" calcext:value-type="boolean"')
    elif k == "date":
        v = c.value.isoformat() if isinstance(c.value, dt.date) else str(c.value)
        a.append(f'office:value-type="date" office:date-value="{v}" calcext:value-type="date"')
    elif k == "time":
        t = c.value
        a.append(f'office:value-type="time" office:time-value="PT{t.hour:02d}H{t.minute:02d}M{t.second:02d}S" calcext:value-type="time"')
    elif k == "error":
        a.append('office:value-type="float" office:value="0" calcext:value-type="error"')
    elif k == "string":
        if c.formula:
            a.append(f'office:value-type="string" office:string-value={quoteattr(c.value)} calcext:value-type="string"')
        else:
            a.append('office:value-type="string" calcext:value-type="string"')
    else:
        raise ValueError(k)
    if c.runs:
        body = "<text:p>" + "".join(
            f'<text:span text:style-name="T_BOLD">{escape(t)}</text:span>' if bold else escape(t)
            for t, bold in c.runs) + "</text:p>"
    elif k == "string":
        body = _para(c.value)
    else:
        body = f"<text:p>{escape(c.display)}</text:p>" if c.display else ""
    return f"<table:table-cell {' '.join(a)}>{body}</table:table-cell>"


def document(sheets, locale=None):
    """sheets: [(name, rows, hidden)]; rows: lists of values, None = blank row."""
    styles = data_styles(locale)
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
    cell_styles = "".join(
        f'<style:style style:name="ce_{n}" style:family="table-cell" '
        f'style:parent-style-name="Default" style:data-style-name="{n}"/>'
        for n in styles)
    text_props = ""
    if locale:
        la, co = locale.split("-")
        text_props = f'<style:text-properties fo:language="{la}" fo:country="{co}"/>'
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<office:document {ns} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
        '<office:styles>',
        f'<style:default-style style:family="table-cell">{text_props}</style:default-style>',
        '<style:style style:name="Default" style:family="table-cell"/>',
        '</office:styles>',
        '<office:automatic-styles>',
        "".join(styles.values()),
        cell_styles,
        '<style:style style:name="ta_shown" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>',
        '<style:style style:name="ta_hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>',
        '<style:style style:name="T_BOLD" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>',
        '</office:automatic-styles>',
        '<office:body><office:spreadsheet>',
    ]
    for name, rows, hidden in sheets:
        ts = "ta_hidden" if hidden else "ta_shown"
        out.append(f'<table:table table:name={quoteattr(name)} table:style-name="{ts}">')
        for row in rows:
            if row is None:
                out.append('<table:table-row><table:table-cell/></table:table-row>')
                continue
            out.append("<table:table-row>" + "".join(cell_xml(to_cell(v)) for v in row)
                       + "</table:table-row>")
        out.append("</table:table>")
    out.append("</office:spreadsheet></office:body></office:document>\n")
    return "".join(out)

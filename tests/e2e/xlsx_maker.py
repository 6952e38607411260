"""Workbooks (.xlsx) written by hand as Excel and Microsoft Forms write them:
a zip of XML parts, text in the shared strings table or inline, numbers as
<v>, dates as serial numbers with a date style. Standard library only."""

import re
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{{sheets}}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yy h:mm:ss"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"""


def xstring(text):
    """Text as Excel writes it in XML: characters XML 1.0 cannot hold (C0
    controls) as _xHHHH_, and an _xHHHH_ of the text itself kept literal by
    escaping its underscore as _x005F_."""
    text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)
    text = "".join(f"_x{ord(c):04X}_" if ord(c) < 0x20 and c not in "\t\n\r" else c for c in text)
    return escape(text)


def column_letters(n):
    """1 -> A, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class Strings:
    def __init__(self):
        self.index = {}
        self.order = []

    def ref(self, text):
        if text not in self.index:
            self.index[text] = len(self.order)
            self.order.append(text)
        return self.index[text]

    def xml(self):
        items = "".join(f'<si><t xml:space="preserve">{xstring(t)}</t></si>' for t in self.order)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<sst xmlns="{MAIN}" count="{len(self.order)}" uniqueCount="{len(self.order)}">{items}</sst>')


def cell_xml(ref, value, strings, inline, date_columns, col):
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        style = ' s="1"' if col in date_columns else ""
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    if inline:
        return f'<c r="{ref}" t="inlineStr"><is><t>{xstring(str(value))}</t></is></c>'
    return f'<c r="{ref}" t="s"><v>{strings.ref(str(value))}</v></c>'


def sheet_xml(rows, strings, inline=False, date_columns=()):
    """rows: lists of str (text), int/float (numbers), None or "" (blank)."""
    width = max((len(r) for r in rows), default=1)
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
           f'<dimension ref="A1:{column_letters(width)}{max(len(rows), 1)}"/>'
           f'<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
           f'<sheetFormatPr defaultRowHeight="15"/><sheetData>']
    for i, row in enumerate(rows, start=1):
        cells = "".join(cell_xml(f"{column_letters(c)}{i}", v, strings, inline, date_columns, c)
                        for c, v in enumerate(row, start=1))
        out.append(f'<row r="{i}" spans="1:{width}">{cells}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_xlsx(path, sheets, inline=False, date_columns=(), extra_parts=None, skip_parts=(),
               compression=zipfile.ZIP_DEFLATED):
    """sheets: {name: rows} in order. date_columns: 1-based columns styled as dates."""
    strings = Strings()
    sheet_parts = {}
    for n, (name, rows) in enumerate(sheets.items(), start=1):
        sheet_parts[f"xl/worksheets/sheet{n}.xml"] = sheet_xml(rows, strings, inline, date_columns)
    book_sheets = "".join(f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>'
                          for n, name in enumerate(sheets, start=1))
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView/></bookViews>'
                f'<sheets>{book_sheets}</sheets></workbook>')
    n_sheets = len(sheets)
    rels = "".join(f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                   for n in range(1, n_sheets + 1))
    rels += (f'<Relationship Id="rId{n_sheets + 1}" Type="{REL}/styles" Target="styles.xml"/>'
             f'<Relationship Id="rId{n_sheets + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    book_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
    overrides = "".join(f'<Override PartName="/{p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                        for p in sheet_parts)
    parts = {"[Content_Types].xml": CONTENT_TYPES.replace("{sheets}", overrides),
             "_rels/.rels": ROOT_RELS,
             "xl/workbook.xml": workbook,
             "xl/_rels/workbook.xml.rels": book_rels,
             "xl/styles.xml": STYLES,
             **sheet_parts,
             "xl/sharedStrings.xml": strings.xml()}
    parts.update(extra_parts or {})
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, text in parts.items():
            if name not in skip_parts:
                z.writestr(name, text)


def excel_serial(year, month, day, hour=0, minute=0):
    """A date as Excel stores it: days since 1899-12-30."""
    import datetime
    d = datetime.datetime(year, month, day, hour, minute) - datetime.datetime(1899, 12, 30)
    return round(d.total_seconds() / 86400, 6)

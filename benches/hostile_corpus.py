#!/usr/bin/env python3
"""Writes the hostile-file corpus of issue 16 (finding 4) into a folder: small files that inflate or expand to
hundreds of megabytes if a reader trusts them. Usage: benches/hostile_corpus.py OUT_DIR. Standard library only;
every file is streamed to disk, so generating needs little memory (a few seconds of CPU for the large entries)."""

import os
import struct
import sys
import zipfile

MIB = 1 << 20
CHUNK = MIB

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Items" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = '</sheetData></worksheet>'
SHARED_SHEET = SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>' + SHEET_TAIL
SST_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"{attrs}>'


def pieces(*parts):
    """Yields bytes from strings, bytes and (byte, count) runs, the runs in 1 MiB chunks."""
    for part in parts:
        if isinstance(part, tuple):
            unit, count = part
            block = unit * max(1, CHUNK // len(unit))
            full, rest = divmod(count, CHUNK // len(unit) or 1)
            for _ in range(full):
                yield block
            yield unit * rest
        elif isinstance(part, str):
            yield part.encode()
        else:
            yield part


def write_zip(path, entries, stored_first=None):
    """entries: [(name, iterable of bytes)], deflated (or stored for `stored_first`)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
        for name, data in entries:
            method = zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            with z.open(info, "w", force_zip64=True) as f:
                for chunk in data:
                    f.write(chunk)


def xlsx(path, sheet, shared=None, extra=()):
    entries = [("[Content_Types].xml", pieces(CT)), ("_rels/.rels", pieces(RELS)), ("xl/workbook.xml", pieces(WB)),
               ("xl/_rels/workbook.xml.rels", pieces(WB_RELS)), ("xl/worksheets/sheet1.xml", sheet)]
    if shared is not None:
        entries.append(("xl/sharedStrings.xml", shared))
    write_zip(path, entries + list(extra))


def ods(path, content):
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    write_zip(path, [("mimetype", pieces("application/vnd.oasis.opendocument.spreadsheet")),
                     ("META-INF/manifest.xml", pieces(manifest)), ("content.xml", content)], stored_first="mimetype")


ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Items">'
            '<table:table-row><table:table-cell office:value-type="string"><text:p>Description</text:p></table:table-cell></table:table-row>')
ODS_TAIL = '</table:table></office:spreadsheet></office:body></office:document-content>'


def xlsb_record(typ, body_len):
    head = bytes([typ])
    n = body_len
    while True:
        b = n & 0x7F
        n >>= 7
        head += bytes([b | (0x80 if n else 0)])
        if not n:
            return head


def main(out):
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    # 1. The review's file: one 400 MiB shared string (~400 KB on disk).
    xlsx(p("sst-one-400mib.xlsx"), pieces(SHARED_SHEET),
         pieces(SST_HEAD.format(attrs=' count="2" uniqueCount="2"'), "<si><t>Description</t></si><si><t>", (b"x", 400 * MIB), "</t></si></sst>"))
    # 2. Many strings, each under Excel's limit, 450 MiB in all (under the 512 MiB inflate limit).
    one = b"<si><t>" + b"m" * 30000 + b"</t></si>"
    xlsx(p("sst-many-30k.xlsx"), pieces(SHARED_SHEET),
         pieces(SST_HEAD.format(attrs=""), "<si><t>Description</t></si>", (one, 15000), "</sst>"))
    # 3. One 300 MiB inline string in a worksheet cell.
    xlsx(p("inline-300mib.xlsx"),
         pieces(SHEET_HEAD, '<row r="1"><c r="A1" t="inlineStr"><is><t>Description</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>',
                (b"y", 300 * MIB), "</t></is></c></row>", SHEET_TAIL))
    # 4. A 300 MiB attribute (a tag quick-xml would buffer whole).
    xlsx(p("tag-300mib.xlsx"), pieces(SHEET_HEAD, '<row r="1" x="', (b"a", 300 * MIB), '"/>', SHEET_TAIL))
    # 5. Deep nesting: 20 million nested elements in one shared string.
    xlsx(p("deep-nesting.xlsx"), pieces(SHARED_SHEET),
         pieces(SST_HEAD.format(attrs=""), "<si><t>Description</t></si><si>", (b"<r>", 20 * MIB), (b"</r>", 20 * MIB), "</si></sst>"))
    # 6. Huge row count: 1,048,576 rows of one short cell each, then rows beyond Excel's last row.
    row = lambda r: f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Helmet {r}</t></is></c></row>'.encode()
    xlsx(p("rows-1m.xlsx"), pieces(SHEET_HEAD, row(1).replace(b"Helmet 1", b"Description"),
                                   *(b"".join(row(r) for r in range(s, min(s + 10000, 1048577))) for s in range(2, 1048577, 10000)),
                                   SHEET_TAIL))
    xlsx(p("rows-beyond.xlsx"), pieces(SHEET_HEAD, row(1).replace(b"Helmet 1", b"Description"), row(5000000), SHEET_TAIL))
    # 7. Zip bombs: one entry of 1 GiB of zeros; 40 entries of 64 MiB; an absurd uniqueCount.
    xlsx(p("zip-bomb-1gib.xlsx"), pieces(SHARED_SHEET), extra=[("xl/media/zeros.bin", pieces((b"\0", 1024 * MIB)))])
    xlsx(p("zip-bomb-40x64mib.xlsx"), pieces(SHARED_SHEET),
         extra=[(f"xl/media/z{i}.bin", pieces((b"\0", 64 * MIB))) for i in range(40)])
    xlsx(p("sst-unique-count.xlsx"), pieces(SHARED_SHEET),
         pieces(SST_HEAD.format(attrs=' count="2000000000" uniqueCount="2000000000"'), "<si><t>Description</t></si></sst>"))
    # 8. ODS: one 400 MiB cell; a 16 384 x 1 048 576 repeat bomb.
    ods(p("ods-cell-400mib.ods"), pieces(ODS_HEAD, '<table:table-row><table:table-cell office:value-type="string"><text:p>',
                                         (b"o", 400 * MIB), "</text:p></table:table-cell></table:table-row>", ODS_TAIL))
    ods(p("ods-repeat-bomb.ods"), pieces(ODS_HEAD, '<table:table-row table:number-rows-repeated="1048575"><table:table-cell office:value-type="string" '
                                         'table:number-columns-repeated="16384"><text:p>Helmet</text:p></table:table-cell></table:table-row>', ODS_TAIL))
    # 9. XLSB: a 200 MiB record (calamine allocates the declared length); a shared string declaring 2^31 chars.
    write_zip(p("xlsb-record-200mib.xlsb"), [("xl/workbook.bin", pieces(xlsb_record(0x10, 200 * MIB), (b"\0", 200 * MIB)))])
    write_zip(p("xlsb-long-string.xlsb"), [("xl/sharedStrings.bin", pieces(xlsb_record(19, 5) + b"\0" + struct.pack("<I", 1 << 31)))])
    # 10. CSV (refused only past the 50 MiB input limit; read whole): one 48 MiB field; 1 500 rows of 32 000 characters.
    with open(p("csv-field-48mib.csv"), "wb") as f:
        f.write(b"Description;Qty\n\"")
        for _ in range(48):
            f.write(b"c" * MIB)
        f.write(b"\";1\n")
    with open(p("csv-rows-32k.csv"), "wb") as f:
        f.write(b"Description;Qty\n")
        for i in range(1500):
            f.write(b"Helmet " + str(i).encode() + b" " + b"d" * 32000 + b";1\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: benches/hostile_corpus.py OUT_DIR")
    main(sys.argv[1])

# Edits a generated PDF into the variants the corpus needs, with pypdf (Debian's python3-pypdf):
#   gbk IN OUT             re-encode every string shown in the UniGB-UCS2-H font as GBK bytes and
#                          declare the font GBK-EUC-H (IN laid out by reportlab_table.py ... GBK-EUC-H)
#   strip-tounicode IN OUT remove every font's /ToUnicode map
#   pua-tounicode IN OUT   point every ToUnicode map at private-use characters (U+E000…): the text
#                          layer exists but carries no readable character
# Usage: /usr/bin/python3 pdf_edit.py COMMAND IN.pdf OUT.pdf
import re
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ByteStringObject, ContentStream, DecodedStreamObject, NameObject, TextStringObject

command, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
reader = PdfReader(src)
writer = PdfWriter()
writer.append_pages_from_reader(reader)


def fonts_of(page):
    resources = page.get('/Resources')
    resources = resources.get_object() if resources is not None else {}
    fonts = resources.get('/Font')
    return fonts.get_object() if fonts is not None else {}


def descendants(font):
    yield font
    for d in font.get('/DescendantFonts', []) or []:
        yield d.get_object()


def to_gbk(operand):
    raw = operand.original_bytes if isinstance(operand, TextStringObject) else bytes(operand)
    return ByteStringObject(raw.decode('utf-16-be').encode('gbk'))


if command == 'gbk':
    for page in writer.pages:
        fonts = fonts_of(page)
        # pages share their font objects: a font declared GBK-EUC-H on an earlier page is still to be
        # re-encoded here (testing for UniGB-UCS2-H alone left every page after the first in UCS2 bytes
        # read as GBK: mojibake from page 2 on)
        cid = {name for name, ref in fonts.items() if ref.get_object().get('/Encoding') in ('/UniGB-UCS2-H', '/GBK-EUC-H')}
        for name in cid:
            # the same CIDs for every double-byte character; ASCII bytes become Adobe-GB1's full-width forms
            # (CIDs 7716, 814-907, at the default width 1000), which reportlab_table.py laid out for
            fonts[name].get_object()[NameObject('/Encoding')] = NameObject('/GBK-EUC-H')
        content = ContentStream(page.get_contents(), writer)
        current = None
        for operands, op in content.operations:
            if op == b'Tf':
                current = operands[0]
            elif current in cid and op in (b'Tj', b"'", b'"'):
                operands[-1] = to_gbk(operands[-1])
            elif current in cid and op == b'TJ':
                operands[0][:] = [to_gbk(x) if isinstance(x, (TextStringObject, ByteStringObject)) else x for x in operands[0]]
        page[NameObject('/Contents')] = writer._add_object(content)
elif command in ('strip-tounicode', 'pua-tounicode'):
    seen = set()

    def pua_map(cmap_bytes):
        # the same codespace, every code mapped to a private-use character (U+E000 + code)
        ranges = re.findall(rb'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', cmap_bytes.split(b'begincodespacerange')[1].split(b'endcodespacerange')[0])
        width = len(ranges[0][0]) // 2 if ranges else 1
        if width == 1:
            lines = [b'<00> <FF> <E000>']
        else:
            lines = [b'<%02X00> <%02XFF> <%04X>' % (hi, hi, 0xE000 + (hi % 0x19) * 0x100) for hi in range(256)]
        body = b''.join(b'%d beginbfrange\n%s\nendbfrange\n' % (len(lines[i:i + 100]), b'\n'.join(lines[i:i + 100])) for i in range(0, len(lines), 100))
        head = cmap_bytes.split(b'endcodespacerange')[0] + b'endcodespacerange\n'
        return head + body + b'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n'

    for page in writer.pages:
        for name, ref in fonts_of(page).items():
            for font in descendants(ref.get_object()):
                key = id(font)
                if key in seen or '/ToUnicode' not in font:
                    continue
                seen.add(key)
                if command == 'strip-tounicode':
                    del font['/ToUnicode']
                else:
                    stream = font['/ToUnicode'].get_object()
                    data = stream.get_data()
                    # bfrange entries map a range to one start code: make them single bfchar-like by rewriting start codes too
                    new = DecodedStreamObject()
                    new.set_data(pua_map(data))
                    font[NameObject('/ToUnicode')] = writer._add_object(new)
else:
    raise SystemExit(f'unknown command {command}')

with open(out, 'wb') as f:
    writer.write(f)

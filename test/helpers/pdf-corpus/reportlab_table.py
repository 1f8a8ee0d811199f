# The corpus's second PDF producer: ReportLab draws the official table (ruled, with drawn lines) in the
# non-embedded Adobe-GB1 CID font STSong-Light, as Chinese government PDFs often do.
# Usage: /usr/bin/python3 reportlab_table.py OUT.pdf ENCODING < table.json
#   ENCODING: UniGB-UCS2-H (reportlab's UnicodeCIDFont), or GBK-EUC-H: the same, laid out for GBK-EUC-H,
#   where every character, ASCII too, is 1000 units wide; pdf_edit.py gbk then re-encodes the strings
# table.json: {"header": [title, department, unit], "columns": [7 names], "rows": [{"kind", "cells": [7], "lines": [...]}]}
import json
import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

out, encoding = sys.argv[1], sys.argv[2]
table = json.load(sys.stdin)

if encoding not in ('UniGB-UCS2-H', 'GBK-EUC-H'):
    raise SystemExit(f'unknown encoding {encoding}')
cid = UnicodeCIDFont('STSong-Light')
if encoding == 'GBK-EUC-H':
    # GBK-EUC-H shows ASCII bytes in full-width glyphs: measure every character as 1 em
    cid.stringWidth = lambda text, size, encoding=None: len(text) * size
pdfmetrics.registerFont(cid)
font = 'STSong-Light'

size = 8
base = ParagraphStyle('cell', fontName=font, fontSize=size, leading=size * 1.35, wordWrap='CJK')
right = ParagraphStyle('amount', parent=base, alignment=2)
head = ParagraphStyle('head', parent=base, alignment=1)
title = ParagraphStyle('title', parent=base, fontSize=15, leading=20, alignment=1)


def para(text, style):
    return Paragraph(text, style)


def cell(text, col):
    return para(escape(text), right if 1 <= col <= 4 else base)


data = [[para(escape(c), head) for c in table['columns']]]
for row in table['rows']:
    cells = [cell(c, i) for i, c in enumerate(row['cells'][:6])]
    cells.append(para('<br/>'.join(escape(l) for l in row['lines']), base))
    data.append(cells)

page = landscape(A3)
width = page[0] - 20 * mm
fractions = [0.14, 0.065, 0.065, 0.065, 0.065, 0.2, 0.41]
grid = Table(data, colWidths=[width * f for f in fractions], repeatRows=1, splitInRow=1)
grid.setStyle(TableStyle([
    ('GRID', (0, 0), (-1, -1), 0.5, colors.black),
    ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'),
]))
header = table['header']
story = [
    para(escape(header[0]), title), Spacer(1, 4 * mm),
    Table([[para(escape(header[1]), base), para(escape(header[2]), right)]], colWidths=[width / 2, width / 2]),
    Spacer(1, 2 * mm), grid,
]
doc = SimpleDocTemplate(out, pagesize=page, leftMargin=10 * mm, rightMargin=10 * mm, topMargin=10 * mm, bottomMargin=10 * mm,
                        title=header[0], author='jixiao test corpus')
doc.build(story)

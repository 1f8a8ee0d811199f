# Writes an expected table (JSON on stdin) as a workbook made the way a clerk makes one by hand, with
# openpyxl — another library than the exceljs the other fixtures use: an empty first sheet, title and
# department rows merged across, the header on row 5 over two rows (资金来源 and 绩效指标 merged over
# their columns, the other header cells merged down), a row per indicator with the project cells merged
# down over it, some amounts as text with thousands commas, and (when asked) the totals as formulas,
# which openpyxl saves without a computed value.
#   /usr/bin/python3 xlsx_openpyxl.py OUT.xlsx [--formulas] < table.json
import json
import sys

from openpyxl import Workbook

out = sys.argv[1]
formulas = '--formulas' in sys.argv
t = json.load(sys.stdin)
levels1 = {'1': '产出指标', '2': '效益指标', '3': '满意度指标', '4': '成本指标'}
levels2 = {'11': '数量指标', '12': '质量指标', '13': '时效指标', '14': '成本指标', '21': '经济效益', '22': '社会效益',
           '23': '生态效益', '24': '可持续影响', '31': '服务对象满意度', '41': '经济成本指标', '42': '社会成本指标', '43': '生态环境成本指标'}

wb = Workbook()
wb.active.title = '封面'
ws = wb.create_sheet('绩效目标表')
ws['A1'] = t['title'] or '项目支出绩效目标表'
ws.merge_cells('A1:K1')
ws['A3'] = '部门名称：' + (t['department'] or '')
ws.merge_cells('A3:E3')
ws['K3'] = '单位：' + (t['currencyUnit'] or '万元')
top = ['项目名称（资金使用单位）', '总计', '资金来源', None, None, '绩效目标', '绩效指标', None, None, None, None]
bottom = [None, None, '财政拨款', '财政专户拨款', '其他资金', None, '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值']
for c, v in enumerate(top, 1):
    if v:
        ws.cell(5, c, v)
for c, v in enumerate(bottom, 1):
    if v:
        ws.cell(6, c, v)
ws.merge_cells('C5:E5')
ws.merge_cells('G5:K5')
for col in 'ABF':
    ws.merge_cells(f'{col}5:{col}6')

row = 7
flip = False


def amount(x):
    global flip
    if x is None:
        return None
    if formulas:
        return x
    flip = not flip
    return f'{x:,.2f}' if flip else x


def amounts(a):
    return [None] * 4 if a is None else [amount(a['total']), amount(a['fiscal']), amount(a['specialAccount']), amount(a['other'])]


if t['total']:
    for c, v in enumerate(['合计'] + amounts(t['total']), 1):
        ws.cell(row, c, v)
    row += 1
for u in t['units']:
    first_project = row + 1
    for c, v in enumerate([u['name']] + amounts(u['funding']), 1):
        ws.cell(row, c, v)
    unit_row = row
    row += 1
    for p in u['projects']:
        head = [p['name']] + amounts(p['funding']) + [p['goal']]
        lines = []
        if 'indicatorsText' in p:
            lines.append([None, None, p['indicatorsText'], None, None])
        for i in p['indicators']:
            lines.append([(i['level1'] or '') + '-' + levels1.get(i['level1'] or '', ''),
                          (i['level2'] or '') + '-' + levels2.get(i['level2'] or '', ''), i['name'], i['period'], i['annual']])
        if not lines:
            lines.append([None] * 5)
        start = row
        for k, line in enumerate(lines):
            cells = (head if k == 0 else [None] * 6) + line
            for c, v in enumerate(cells, 1):
                if v not in (None, ''):
                    ws.cell(row, c, v)
            row += 1
        if row - 1 > start:
            for c in range(1, 7):
                ws.merge_cells(start_row=start, start_column=c, end_row=row - 1, end_column=c)
    if formulas and u['funding'] is not None and row > first_project:
        # the unit's total as the sum of its project rows (merged rows hold nothing below the first)
        ws.cell(unit_row, 2, f'=SUM(B{first_project}:B{row - 1})')
wb.save(out)

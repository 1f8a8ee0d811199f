// The two table layouts, written from parsed samples and read back with ExcelJS: title, department and
// 单位 line, header rows and their merges, 合计 and unit rows, amounts as numbers in #,##0.00, wrapped
// text, widths, frozen header, print setup; and the published layout turned back into tab-separated text
// reads to the same projects and indicators as the sample it was written from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/ingest/index.js';
import type { TableDocument } from '../../src/model/index.js';
import { writeDocumentsXlsx } from '../../src/report/xlsx/index.js';
import { SAMPLES } from '../store/harness.js';
import { mergesOf, readWorkbook, rowText, written } from './xlsx-helpers.js';

const read = (f: string): TableDocument => parseBytes(readFileSync(join(SAMPLES, f)), { file: f });
const DEPT = read('002_02da4d888feccc7a.txt'); // tabular: every column stated
const HEADER7 = ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'];

describe('the published 7-column layout', async () => {
  const wb = await readWorkbook(await written((out) => writeDocumentsXlsx([DEPT], 'table', out)));
  const ws = wb.worksheets[0]!;

  it('has the title, the department and 单位：万元 line, one header row, 合计 then each unit before its projects', () => {
    expect(wb.worksheets).toHaveLength(1);
    expect(ws.getCell('A1').value).toBe(DEPT.title);
    expect(ws.getCell('A2').value).toBe(`部门名称：${DEPT.department}`);
    expect(ws.getCell('G2').value).toBe('单位：万元');
    expect(rowText(ws, 3, 7)).toEqual(HEADER7);
    expect(mergesOf(ws)).toEqual(expect.arrayContaining(['A1:G1', 'A2:F2']));
    expect(ws.getCell('A4').value).toBe('合计');
    expect(ws.getCell('B4').value).toBe(DEPT.total!.total);
    expect(ws.getCell('C4').value).toBe(DEPT.total!.fiscal);
    expect(ws.getCell('D4').value).toBeNull();
    let r = 5;
    for (const u of DEPT.units) {
      expect(ws.getCell(`A${r}`).value).toBe(u.name);
      expect(ws.getCell(`B${r}`).value).toBe(u.funding!.total);
      expect(ws.getCell(`F${r}`).value).toBeNull();
      r += 1 + u.projects.length;
    }
    expect(r - 1).toBe(ws.rowCount);
  });

  it('writes amounts as numbers in #,##0.00 and text wrapped, with widths, a frozen header and landscape fit-to-width printing', () => {
    const p = DEPT.units[0]!.projects[0]!;
    expect(ws.getCell('A6').value).toBe(p.name);
    expect(ws.getCell('B6').value).toBe(p.funding.total);
    expect(typeof ws.getCell('B6').value).toBe('number');
    expect(ws.getCell('B6').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('F6').value).toBe(p.goal);
    expect(ws.getCell('F6').alignment?.wrapText).toBe(true);
    expect(ws.getCell('G6').alignment?.wrapText).toBe(true);
    expect(ws.getCell('A6').font?.name).toBe('宋体');
    expect(ws.getCell('B6').border?.top?.style).toBe('thin');
    expect(ws.columns.map((c) => c.width)).toEqual([30, 13, 13, 13, 13, 40, 70]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    // a row tall enough for its wrapped indicator cell (Excel does not fit rows when it opens a file)
    expect(ws.getRow(6).height).toBeGreaterThan(15 * 5);
  });

  it('round trip: the sheet as tab-separated text reads to the same projects, amounts and indicators', () => {
    const lines = [String(ws.getCell('A1').value), '', String(ws.getCell('A2').value), '', '单位：万元', ''];
    ws.eachRow((row, n) => {
      if (n < 3) return;
      // amounts printed as the published text prints them; a wrapped cell's line breaks removed
      lines.push(Array.from({ length: 7 }, (_, k) => row.getCell(k + 1).value).map((v) => (typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: 2 })
        : v === null || v === undefined ? '' : String(v).replace(/\n/g, ''))).join('\t'));
    });
    const again = parseBytes(Buffer.from(lines.join('\n')), { file: 'roundtrip.txt' });
    expect(again.source.layout).toBe('tabular-text');
    expect(again.title).toBe(DEPT.title);
    expect(again.units.map((u) => u.name)).toEqual(DEPT.units.map((u) => u.name));
    const flat = (d: TableDocument) => d.units.flatMap((u) => u.projects.map((p) => ({
      name: p.name, total: p.funding.total, fiscal: p.funding.fiscal, other: p.funding.other, goal: p.goal, text: p.indicatorsText ?? null,
      indicators: p.indicators.map((i) => [i.seq, i.level1.code, i.level1.name, i.level2.code, i.level2.name, i.name, i.period.raw, i.annual.raw]),
    })));
    expect(flat(again)).toEqual(flat(DEPT));
  });
});

describe('the one-row-per-indicator layout', async () => {
  const wb = await readWorkbook(await written((out) => writeDocumentsXlsx([DEPT], 'indicators', out)));
  const ws = wb.worksheets[0]!;

  it('has two header rows with 资金来源 over the three source columns and 绩效指标 over the five indicator columns', () => {
    // ExcelJS reads a merged cell back with its master's value
    expect(rowText(ws, 3, 11)).toEqual(['项目名称（资金使用单位）', '总计', '资金来源', '资金来源', '资金来源', '绩效目标', '绩效指标', '绩效指标', '绩效指标', '绩效指标', '绩效指标']);
    expect(rowText(ws, 4, 11)).toEqual(['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值']);
    expect(mergesOf(ws)).toEqual(expect.arrayContaining(['A1:K1', 'A2:J2', 'A3:A4', 'B3:B4', 'C3:E3', 'F3:F4', 'G3:K3']));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
    expect(ws.pageSetup.orientation).toBe('landscape');
  });

  it('writes each indicator in its own row, the project cells merged down over them', () => {
    expect(ws.getCell('A5').value).toBe('合计');
    const u = DEPT.units[0]!;
    expect(ws.getCell('A6').value).toBe(u.name);
    const p = u.projects[0]!;
    const n = p.indicators.length;
    expect(n).toBeGreaterThan(1);
    expect(rowText(ws, 7, 6)).toEqual([p.name, String(p.funding.total), String(p.funding.fiscal), '', '', p.goal]);
    p.indicators.forEach((i, k) => {
      expect(rowText(ws, 7 + k, 11).slice(6)).toEqual([`${i.level1.code}-${i.level1.name}`, `${i.level2.code}-${i.level2.name}`, i.name, i.period.raw, i.annual.raw]);
    });
    for (const c of 'ABCDEF') expect(mergesOf(ws)).toContain(`${c}7:${c}${6 + n}`);
    expect(ws.getCell('B7').numFmt).toBe('#,##0.00');
    // every indicator of the table has a row
    const indicators = DEPT.units.reduce((a, x) => a + x.projects.reduce((b, q) => b + Math.max(1, q.indicators.length + (q.indicatorsText ? 1 : 0)), 0), 0);
    expect(ws.rowCount).toBe(5 + DEPT.units.length + indicators);
  });
});

it('several documents go on one sheet each, named for the unit or department, and a flowed table leaves unplaced amounts out of the source columns', async () => {
  const unit = read('000_df1d7dc7c09f411b.txt'); // flowed: one unit, the source column not printed
  const wb = await readWorkbook(await written((out) => writeDocumentsXlsx([DEPT, unit], 'table', out)));
  expect(wb.worksheets.map((w) => w.name)).toEqual([DEPT.department, unit.units[0]!.name]);
  const ws = wb.worksheets[1]!;
  const p = unit.units[0]!.projects[0]!;
  expect(p.funding.unplaced.length).toBeGreaterThan(0);
  const row = [...Array(ws.rowCount).keys()].map((k) => k + 1).find((r) => ws.getCell(`A${r}`).value === p.name)!;
  expect(ws.getCell(`B${row}`).value).toBe(p.funding.total);
  expect(rowText(ws, row, 5).slice(2)).toEqual(['', '', '']);
});

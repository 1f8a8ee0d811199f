// Header words of hand-made workbooks: a single column of targets headed just 指标值 (or 目标值, 指标值（年度）)
// is the 年度指标值; one beside a 实施周期 column still is, and the 实施周期 column keeps its role.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/index.js';
import { columnRole } from '../../src/ingest/xlsx/table.js';

describe('header words for the target columns', () => {
  it.each([
    ['指标值', 'annual'], ['目标值', 'annual'], ['指标值（年度）', 'annual'], ['绩效指标值', 'annual'], ['年度指标值', 'annual'],
    ['本年度指标', 'annual'], ['预期目标值', 'annual'], ['年 度 指 标 值', 'annual'],
    ['实施周期指标值', 'period'], ['周期指标值', 'period'], ['实施周期目标值', 'period'], ['全周期指标值', 'period'],
    ['绩效指标', 'indicators'], ['绩效目标', 'goal'], ['三级指标', 'indicatorName'], ['年度绩效目标', 'goal'],
  ] as const)('%s → %s', (header, role) => {
    expect(columnRole(header)).toBe(role);
  });
});

async function workbook(header: readonly string[], rows: readonly (readonly (string | number)[])[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['某单位2025年项目支出绩效目标表']);
  ws.addRow([...header]);
  for (const r of rows) ws.addRow([...r]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a hand-made workbook whose one target column is headed 指标值', () => {
  const header = ['项目名称', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '一级指标', '二级指标', '三级指标', '指标值'];
  it('reads each value as the 年度指标值, with no unknown column', async () => {
    const bytes = await workbook(header, [
      ['档案数字化项目', 12.5, 12.5, '', '', '完成档案数字化', '产出指标', '数量指标', '数字化档案', '≥5000卷'],
      ['', '', '', '', '', '', '效益指标', '社会效益', '查档时间缩短', '≥30%'],
      ['', '', '', '', '', '', '满意度指标', '服务对象满意度', '查档人满意度', '≥90%'],
    ]);
    const doc = await parseDocument(bytes, { file: 'hand.xlsx' });
    expect(doc.diagnostics.filter((d) => d.code === 'xlsx-column-unknown')).toEqual([]);
    const sheet = doc.source.sheets!.find((s) => s.read)!;
    expect(sheet.columns.find((c) => c.header === '指标值')?.role).toBe('annual');
    const p = doc.units.flatMap((u) => u.projects)[0]!;
    expect(p.name).toBe('档案数字化项目');
    expect(p.indicators.map((i) => [i.name, i.annual.raw, i.period.raw])).toEqual([
      ['数字化档案', '≥5000卷', ''], ['查档时间缩短', '≥30%', ''], ['查档人满意度', '≥90%', ''],
    ]);
    expect(p.indicators[0]!.cell).toMatch(/^Sheet1!G3$/);
  });

  it('beside a 实施周期指标值 column, 指标值 is still the annual value', async () => {
    const bytes = await workbook([...header.slice(0, 9), '实施周期指标值', '指标值'], [
      ['档案数字化项目', 12.5, 12.5, '', '', '完成档案数字化', '产出指标', '数量指标', '数字化档案', '≥15000卷', '≥5000卷'],
    ]);
    const doc = await parseDocument(bytes, { file: 'hand.xlsx' });
    const i = doc.units.flatMap((u) => u.projects)[0]!.indicators[0]!;
    expect([i.period.raw, i.annual.raw]).toEqual(['≥15000卷', '≥5000卷']);
  });
});

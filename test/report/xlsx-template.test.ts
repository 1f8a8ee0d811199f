// The fill-in templates, read back with ExcelJS: known columns filled and locked, the columns to fill
// unlocked and tinted with required ones starred, validation lists where the values are fixed, formulas
// for sums and rates, sheet protection on, and the project and indicator ids a filled one is matched by.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/ingest/index.js';
import { projectOf } from '../../src/report/xlsx/document.js';
import { writeEvaluateTemplate, writeMonitorTemplate, type TemplateInput } from '../../src/report/xlsx/index.js';
import { SAMPLES } from '../store/harness.js';
import { mergesOf, readWorkbook, rowText, written } from './xlsx-helpers.js';

const doc = parseBytes(readFileSync(join(SAMPLES, '002_02da4d888feccc7a.txt')), { file: '002.txt' });
const unit = doc.units[1]!;
const input: TemplateInput = {
  unit: unit.name, department: doc.department, year: doc.year,
  projects: unit.projects.map((p, k) => ({ ...projectOf(p), id: 1000 + k, indicators: projectOf(p).indicators.map((i, j) => ({ ...i, id: 100 * k + j + 1 })) })),
};
const p0 = input.projects[0]!;
const indicatorCount = input.projects.reduce((n, p) => n + p.indicators.length, 0);

describe('the monitoring template', async () => {
  const wb = await readWorkbook(await written((out) => writeMonitorTemplate(input, out)));
  const budget = wb.getWorksheet('预算执行')!;
  const ind = wb.getWorksheet('指标完成')!;

  it('has the instructions, the budget sheet and the indicator sheet, titled for the unit and year', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报说明', '预算执行', '指标完成']);
    expect(budget.getCell('A1').value).toBe(`2024年项目支出绩效运行监控表（预算执行）（${unit.name}）`);
    expect(String(budget.getCell('A2').value)).toContain(`单位名称：${unit.name}`);
    expect(budget.getCell('G2').value).toBe('单位：万元');
  });

  it('budget: four rows a project, 年初预算 from the table and locked, 调整后预算*/累计支出* to fill, sums and 执行率 as formulas', () => {
    expect(rowText(budget, 3, 7)).toEqual(['项目编号', '项目名称', '资金来源', '年初预算', '调整后预算*', '累计支出*', '执行率']);
    expect(rowText(budget, 4, 4)).toEqual([String(p0.id), p0.name, '合计', String(p0.funding.total)]);
    expect(rowText(budget, 5, 4)).toEqual([String(p0.id), p0.name, '财政拨款', String(p0.funding.fiscal)]);
    expect(budget.getCell('C7').value).toBe('其他资金');
    expect(mergesOf(budget)).toEqual(expect.arrayContaining(['A4:A7', 'B4:B7']));
    expect(budget.getCell('E4').value).toMatchObject({ formula: 'SUM(E5:E7)' });
    expect(budget.getCell('G5').value).toMatchObject({ formula: 'IF(N(E5)>0,F5/E5,"")' });
    expect(budget.getCell('G5').numFmt).toBe('0.00%');
    expect(budget.getCell('D4').protection?.locked).not.toBe(false);
    expect(budget.getCell('E4').protection?.locked).not.toBe(false); // a sum, not an input
    expect(budget.getCell('E5').protection?.locked).toBe(false);
    expect(budget.getCell('F7').protection?.locked).toBe(false);
    expect(budget.getCell('E5').dataValidation).toMatchObject({ type: 'decimal', operator: 'between' });
    expect(budget.rowCount).toBe(3 + 4 * input.projects.length);
    expect(budget.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(budget.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' });
  });

  it('indicators: one row each with its ids, the target locked, 完成可能性 and 偏差原因 as lists, required columns starred', () => {
    expect(rowText(ind, 3, 12)).toEqual(['项目编号', '项目名称', '指标编号', '一级指标', '二级指标', '三级指标', '年度指标值', '当前完成值*', '完成可能性*', '全年预计完成值*', '偏差原因', '纠偏措施']);
    const i0 = p0.indicators[0]!;
    expect(rowText(ind, 4, 7)).toEqual([String(p0.id), p0.name, String(i0.id), `${i0.level1.code}-${i0.level1.name}`, `${i0.level2.code}-${i0.level2.name}`, i0.name, i0.annual]);
    expect(ind.rowCount).toBe(3 + indicatorCount);
    expect(ind.getCell('I4').dataValidation).toMatchObject({ type: 'list', formulae: ['"确定能,有可能,完全不可能"'], showErrorMessage: true });
    expect(ind.getCell('I4').dataValidation.allowBlank).toBeFalsy(); // required
    expect(ind.getCell('K4').dataValidation).toMatchObject({ type: 'list', formulae: ['"人员,制度,经费,其他"'], allowBlank: true });
    for (const c of 'ABCDEFG') expect(ind.getCell(`${c}4`).protection?.locked, c).not.toBe(false);
    for (const c of 'HIJKL') expect(ind.getCell(`${c}4`).protection?.locked, c).toBe(false);
    expect(mergesOf(ind)).toContain(`A4:A${3 + p0.indicators.length}`);
  });

  it('both sheets are protected without a password', () => {
    for (const ws of [budget, ind]) {
      const prot = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
      expect(prot).toMatchObject({ sheet: true });
      expect(prot['hashValue']).toBeUndefined();
    }
  });
});

describe('the self-evaluation template', async () => {
  const wb = await readWorkbook(await written((out) => writeEvaluateTemplate(input, out)));

  it('has 资金, 总体目标 and 指标 with the columns of the 自评表', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报说明', '资金', '总体目标', '指标']);
    const money = wb.getWorksheet('资金')!;
    expect(rowText(money, 3, 9)).toEqual(['项目编号', '项目名称', '资金来源', '年初预算数', '全年预算数*', '全年执行数*', '执行率', '分值', '得分']);
    expect(money.getCell('D4').value).toBe(p0.funding.total);
    expect(money.getCell('H4').value).toBe(10);
    expect(money.getCell('I4').value).toMatchObject({ formula: 'IF(G4="","",H4*MIN(G4,1))' });
    expect(money.getCell('E5').protection?.locked).toBe(false);
    const goals = wb.getWorksheet('总体目标')!;
    expect(rowText(goals, 3, 4)).toEqual(['项目编号', '项目名称', '预期目标', '实际完成情况*']);
    expect(rowText(goals, 4, 3)).toEqual([String(p0.id), p0.name, p0.goal]);
    expect(goals.getCell('D4').protection?.locked).toBe(false);
    expect(goals.getCell('C4').protection?.locked).not.toBe(false);
    const ind = wb.getWorksheet('指标')!;
    expect(rowText(ind, 3, 12)).toEqual(['项目编号', '项目名称', '指标编号', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值*', '达成情况*', '分值*', '得分*', '偏差原因分析及改进措施']);
    expect(ind.getCell('I4').dataValidation).toMatchObject({ type: 'list', formulae: ['"达成,部分达成,未达成"'] });
    expect(ind.getCell('J4').dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(ind.rowCount).toBe(3 + indicatorCount);
  });
});

// Amounts without a column are never dropped by the table writer: a sheet that declares them gets the
// 未能归位的金额 column (read back unplaced); a sheet that does not still shows them, in a note row under
// the row (which the reader passes over as a note, like 注：… under a table).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/index.js';
import { XlsxTableWriter } from '../../src/report/xlsx/index.js';
import type { XlsxProject } from '../../src/report/xlsx/index.js';

const project: XlsxProject = {
  name: '档案数字化项目', goal: '完成档案数字化', indicators: [
    { seq: 1, level1: { code: '1', name: '产出指标' }, level2: { code: '11', name: '数量指标' }, name: '数字化档案', period: '≥5000卷', annual: '≥5000卷' },
  ],
  funding: { total: 12.5, fiscal: null, specialAccount: null, other: null, unplaced: [12.5], unplacedNote: '原文未标明栏目' },
};

async function write(declared: boolean): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = new XlsxTableWriter(out, 'table');
  await w.sheet({ title: '某单位2025年项目支出绩效目标表', department: '某部门', year: 2025, total: null, unplaced: declared });
  await w.unit({ name: '某单位', funding: { total: 12.5, fiscal: null, specialAccount: null, other: null, unplaced: [12.5] } });
  await w.project(project);
  await w.close();
  return Buffer.concat(chunks);
}

it.each([true, false])('declared %s: the amount is in the sheet, and read back unplaced when in its column', async (declared) => {
  const bytes = await write(declared);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const ws = wb.worksheets[0]!;
  // the unit's and the project's amounts, each on its own row (merged cells repeat their value)
  const rows = new Set<number>();
  ws.eachRow((r, n) => r.eachCell((c) => { if (String(c.value).includes('12.50（')) rows.add(n); }));
  expect(rows.size).toBe(2);
  const doc = await parseDocument(new Uint8Array(bytes), { file: 'x.xlsx' });
  const p = doc.units[0]!.projects[0]!;
  expect(doc.units.map((u) => u.name)).toEqual(['某单位']);
  expect(p.name).toBe('档案数字化项目');
  expect(p.funding.unplaced).toEqual(declared ? [12.5] : []);
  expect(doc.units[0]!.funding!.unplaced).toEqual(declared ? [12.5] : []);
  if (declared) expect(ws.getCell('H3').value).toBe('未能归位的金额');
  else for (const a of ['A5', 'A7']) expect(String(ws.getCell(a).value)).toMatch(/^注：上行未能归位的金额 12\.50（/);
});

// The .xlsx downloads on both databases: a stored document as its table, the projects any /api/projects
// filters select (unit rows and 合计 are the printed amounts when every project is there, else the sums of
// those exported), the fill-in templates of a unit, RFC 5987 file names, and errors before any byte is sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseBytes, parseDocument } from '../../src/ingest/index.js';
import type { TableDocument } from '../../src/model/index.js';
import { SAMPLES } from '../store/harness.js';
import * as s from '../../src/server/schemas.js';
import { error, json, serverSuite } from './helpers.js';
import { readWorkbook, rowText } from '../report/xlsx-helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** every amount of every row, in cents, unplaced ones included */
const amounts = (doc: TableDocument) => [doc.total, ...doc.units.flatMap((u) => [u.funding, ...u.projects.map((p) => p.funding)])]
  .map((f) => f && [f.total, f.fiscal, f.specialAccount, f.other, ...f.unplaced].map((x) => (x === null ? null : Math.round(x * 100))));

serverSuite('xlsx downloads', (app) => {
  const get = (url: string) => app().inject({ method: 'GET', url });
  const workbook = async (url: string) => {
    const r = await get(url);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    return { r, wb: await readWorkbook(r.rawPayload) };
  };

  it('a document: its table in either layout, named for its title', async () => {
    const docs = json(await get('/api/documents'), s.documentsResponse);
    const d = docs.find((x) => x.file.startsWith('002_'))!;
    const { r, wb } = await workbook(`/api/documents/${d.id}/xlsx`);
    // an ASCII fallback, then the Chinese name percent-encoded (RFC 5987)
    const cd = String(r.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe(`${d.title}.xlsx`);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(d.title);
    expect(ws.getCell('A4').value).toBe('合计');
    expect(ws.getCell('B4').value).toBe(746104.1);
    const ind = (await workbook(`/api/documents/${d.id}/xlsx?layout=indicators`)).wb.worksheets[0]!;
    expect(rowText(ind, 4, 11).slice(6)).toEqual(['一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值']);
    expect(String(ind.getCell('A5').value)).toBe('合计');
  });

  it('a flowed document: amounts without a column are written in 未能归位的金额 with why, never dropped, and read back unplaced', async () => {
    const docs = json(await get('/api/documents'), s.documentsResponse);
    for (const id of ['001', '003', '004']) {
      const d = docs.find((x) => x.file.startsWith(`${id}_`))!;
      const source = parseBytes(readFileSync(join(SAMPLES, d.file)), { file: d.file });
      for (const layout of ['table', 'indicators'] as const) {
        const { r, wb } = await workbook(`/api/documents/${d.id}/xlsx?layout=${layout}`);
        const ws = wb.worksheets[0]!;
        const last = layout === 'table' ? 'H' : 'L';
        expect(ws.getCell(`${last}3`).value).toBe('未能归位的金额');
        expect(String(ws.getCell(`${last}${layout === 'table' ? 4 : 5}`).value)).toMatch(/^[\d.]+（.*未标明/);
        const back = await parseDocument(new Uint8Array(r.rawPayload), { file: `${id}.xlsx` });
        // a table without a 合计 row gets one from the store (the sums of its units): compare it when printed
        const [backTotal, ...backRows] = amounts(back);
        const [sourceTotal, ...sourceRows] = amounts(source);
        expect(backRows, `${id} ${layout}`).toEqual(sourceRows);
        if (sourceTotal) expect(backTotal).toEqual(sourceTotal);
      }
    }
  });

  it('filtered projects: one sheet per document; a unit cut by the filter sums what is exported, a whole one keeps its printed amounts', async () => {
    // the unit's 2024 table (its own table, which prints no year, is another unit-year)
    const all = json(await get(`/api/projects?limit=500&year=2024&unit=${encodeURIComponent('广州市技师学院')}`), s.projectsResponse);
    expect(all.total).toBeGreaterThan(3);
    const big = all.items.filter((p) => p.amounts.total >= 500);
    expect(big.length).toBeGreaterThan(0);
    expect(big.length).toBeLessThan(all.total);
    const { r, wb } = await workbook(`/api/projects.xlsx?year=2024&unit=${encodeURIComponent('广州市技师学院')}&min=500`);
    expect(decodeURIComponent(String(r.headers['content-disposition']).split("UTF-8''")[1]!)).toBe('广州市技师学院2024年项目支出绩效目标表.xlsx');
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    const sum = Math.round(big.reduce((a, p) => a + p.amounts.total * 100, 0)) / 100;
    expect(ws.getCell('A4').value).toBe('合计');
    expect(ws.getCell('B4').value).toBe(sum);
    expect(ws.getCell('A5').value).toBe('广州市技师学院');
    expect(ws.getCell('B5').value).toBe(sum);
    expect(ws.rowCount).toBe(5 + big.length);
    expect(rowText(ws, 6, 2)).toEqual([big[0]!.name, String(big[0]!.amounts.total)]);

    // the whole unit: the printed unit amount
    const whole = (await workbook(`/api/projects.xlsx?year=2024&unit=${encodeURIComponent('广州市技师学院')}`)).wb.worksheets[0]!;
    expect(whole.rowCount).toBe(5 + all.total);
    expect(whole.getCell('B5').value).toBe(12721.29);

    // everything: a sheet per document of the latest versions
    const docs = new Set(json(await get('/api/projects?limit=500'), s.projectsResponse).items.map((p) => p.document.id));
    expect((await workbook('/api/projects.xlsx')).wb.worksheets).toHaveLength(docs.size);
  });

  it('templates: a unit\'s published projects, its ids in the sheet; an unknown unit is a 404 before any byte', async () => {
    const list = json(await get(`/api/projects?limit=500&unit=${encodeURIComponent('广州市人力资源市场服务中心')}`), s.projectsResponse);
    const { r, wb } = await workbook(`/api/templates/monitor.xlsx?unit=${encodeURIComponent('广州市人力资源市场服务中心')}`);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('广州市人力资源市场服务中心2024年绩效运行监控表'));
    const budget = wb.getWorksheet('预算执行')!;
    expect(budget.getCell('A4').value).toBe(list.items[0]!.id);
    expect(budget.rowCount).toBe(3 + 4 * list.total);
    const ev = (await workbook(`/api/templates/evaluate.xlsx?unit=${encodeURIComponent('广州市人力资源市场服务中心')}&year=2024`)).wb;
    expect(ev.getWorksheet('总体目标')!.rowCount).toBe(3 + list.total);
    error(await get(`/api/templates/monitor.xlsx?unit=${encodeURIComponent('没有这个单位')}`), 404, 'not-found');
    error(await get('/api/templates/monitor.xlsx'), 400);
  });

  it('bad input is refused before any byte: unknown document 404, bad id or layout or parameter 400', async () => {
    error(await get('/api/documents/999999/xlsx'), 404, 'not-found');
    error(await get('/api/documents/abc/xlsx'), 400);
    error(await get('/api/documents/1/xlsx?layout=wide'), 400);
    error(await get('/api/projects.xlsx?limit=5'), 400);
    error(await get('/api/projects.xlsx?min=10&max=1'), 400);
  });
}, { seed: true });

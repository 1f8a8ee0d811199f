// Plans as .xlsx on both databases: one plan (its working or its approved version, said in the title row)
// and a unit's or a department's set, through the same table writer as the published tables; read back
// with ExcelJS and with the project's own xlsx reader. Outside the caller's scope: 404, as the JSON reads.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, test } from 'vitest';
import { parseDocument } from '../../src/ingest/index.js';
import * as p from '../../src/server/plan-schemas.js';
import type { PlanContent } from '../../src/workflow/content.js';
import { GOOD } from '../workflow/fixtures.js';
import { readWorkbook, rowText } from '../report/xlsx-helpers.js';
import { loginAs, orgPath, type AuthHeaders } from './auth-helpers.js';
import { json, serverSuite } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SECOND: PlanContent = {
  ...GOOD, name: '公共实训基地运行项目', funding: { total: 88.25, fiscal: 60, specialAccount: 28.25, other: null }, goal: '保障实训基地全年运行。',
  indicators: [{ level1: { code: '1', name: '产出指标' }, level2: { code: '11', name: '数量指标' }, name: '实训工位数', period: '≥300个', annual: '≥300个' }],
};
const THIRD: PlanContent = { ...GOOD, name: '就业见习补贴项目', funding: { total: 10, fiscal: 10, specialAccount: null, other: null } };

serverSuite('plan xlsx downloads', (app, store) => {
  let unitA: AuthHeaders; let unitC: AuthHeaders; let unitB: AuthHeaders; let deptA: AuthHeaders; let finance: AuthHeaders;
  const ids = { a1: 0, a2: 0, c: 0, b: 0, unitA: 0 };
  const call = (h: AuthHeaders, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    (app() as FastifyInstance).inject({ method, url, headers: { ...h }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const plan = async (h: AuthHeaders, c: PlanContent, year = 2025) => {
    const { id, versionId } = json(await call(h, 'POST', '/api/plans', { year, from: { kind: 'blank', name: c.name } }), p.planCreatedResponse, 201);
    json(await call(h, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content: c }), p.planSaveResponse);
    return id;
  };
  const workbook = async (h: AuthHeaders, url: string) => {
    const r = await call(h, 'GET', url);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    return { r, wb: await readWorkbook(r.rawPayload) };
  };

  beforeAll(async () => {
    ids.unitA = await orgPath(store(), '人社局/技师学院');
    await orgPath(store(), '人社局/职业培训中心');
    await orgPath(store(), '教育局/第一中学');
    unitA = await loginAs(app(), { role: 'unit', org: '人社局/技师学院' });
    unitC = await loginAs(app(), { role: 'unit', org: '人社局/职业培训中心' });
    unitB = await loginAs(app(), { role: 'unit', org: '教育局/第一中学' });
    deptA = await loginAs(app(), { role: 'department', org: '人社局' });
    finance = await loginAs(app(), { role: 'finance' });
    ids.a1 = await plan(unitA, GOOD);
    ids.a2 = await plan(unitA, SECOND);
    ids.c = await plan(unitC, THIRD);
    ids.b = await plan(unitB, { ...GOOD, name: '教育局的项目' });
  }, 90_000);

  test('one plan: the title says which version; name, amounts as numbers and every indicator are there, and the reader reads it back', async () => {
    const { r, wb } = await workbook(unitA, `/api/plans/${ids.a1}/xlsx`);
    expect(decodeURIComponent(String(r.headers['content-disposition']).split("UTF-8''")[1]!)).toBe(`${GOOD.name}（第2版当前版本）.xlsx`);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe(`${GOOD.name}绩效目标申报表（技师学院，2025年，第 2 版，当前版本）`);
    expect(rowText(ws, 3, 7)).toEqual(['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标']);
    expect(rowText(ws, 4, 5)).toEqual(['合计', '120.5', '100', '', '20.5']);
    expect(rowText(ws, 5, 2)).toEqual(['技师学院', '120.5']);
    expect(rowText(ws, 6, 6)).toEqual([GOOD.name, '120.5', '100', '', '20.5', GOOD.goal]);
    expect(ws.getCell('B6').numFmt).toBe('#,##0.00');
    const cell = String(ws.getCell('G6').value);
    for (const i of GOOD.indicators) expect(cell).toContain(`${i.name}；实施周期指标值:${i.period}；年度指标值:${i.annual}`);
    // the project's own reader gets the plan back: amounts, goal and every indicator
    const back = await parseDocument(new Uint8Array(r.rawPayload), { file: 'plan.xlsx' });
    const [u] = back.units;
    expect(back.units.length).toBe(1);
    expect(u!.name).toBe('技师学院');
    const got = u!.projects[0]!;
    expect(got.name).toBe(GOOD.name);
    expect({ ...got.funding, printed: undefined, unplaced: undefined }).toMatchObject(GOOD.funding);
    expect(got.goal).toBe(GOOD.goal);
    expect(got.indicators.map((i) => [i.level1, i.level2, i.name, i.period.raw, i.annual.raw])).toEqual(GOOD.indicators.map((i) => [i.level1, i.level2, i.name, i.period, i.annual]));
  });

  test('one plan, indicator layout: a row per indicator; the approved version of a plan not yet approved is 404', async () => {
    const ws = (await workbook(unitA, `/api/plans/${ids.a1}/xlsx?layout=indicators`)).wb.worksheets[0]!;
    expect(rowText(ws, 4, 11).slice(6)).toEqual(['一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值']);
    // rows 5 合计, 6 unit, 7.. the indicators
    GOOD.indicators.forEach((i, k) => expect(rowText(ws, 7 + k, 11).slice(6)).toEqual([`${i.level1.code}-${i.level1.name}`, `${i.level2.code}-${i.level2.name}`, i.name, i.period, i.annual]));
    expect(String(ws.getCell('A7').value)).toBe(GOOD.name);
    const r = await call(unitA, 'GET', `/api/plans/${ids.a1}/xlsx?version=approved`);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 'plan-not-approved' });
  });

  test('an approved plan under 调整: the approved version and the working one, each said in the title row', async () => {
    const id = await plan(unitA, { ...THIRD, name: '待批复的项目' }, 2026); // another year: the 2025 sets below stay as they are
    const detail = async () => json(await call(unitA, 'GET', `/api/plans/${id}`), p.planDetailResponse);
    const v = (await detail()).version.id;
    for (const [h, action] of [[unitA, 'submit'], [deptA, 'approve'], [finance, 'approve']] as const) {
      const r = await call(h, 'POST', `/api/plans/${id}/${action}`, { versionId: v, ...(action === 'approve' ? { comment: '同意' } : {}) });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await call(unitA, 'POST', `/api/plans/${id}/adjust`, { comment: '调整金额' })).statusCode).toBe(200);
    const d = await detail();
    json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: d.version.id, content: { ...d.content, funding: { total: 12, fiscal: 12, specialAccount: null, other: null } } }), p.planSaveResponse);
    const approved = (await workbook(unitA, `/api/plans/${id}/xlsx?version=approved`)).wb.worksheets[0]!;
    expect(String(approved.getCell('A1').value)).toBe('待批复的项目绩效目标申报表（技师学院，2026年，第 2 版，批复版本）');
    expect(rowText(approved, 6, 2)).toEqual(['待批复的项目', '10']);
    const current = (await workbook(unitA, `/api/plans/${id}/xlsx`)).wb.worksheets[0]!;
    expect(String(current.getCell('A1').value)).toMatch(/第 \d+ 版，当前版本）$/);
    expect(rowText(current, 6, 2)).toEqual(['待批复的项目', '12']);
  });

  test('a unit\'s set and a department\'s set: unit rows and 合计 are the sums; another department\'s plan is never there', async () => {
    const unitSet = (await workbook(deptA, `/api/plans.xlsx?unit=${ids.unitA}&year=2025`)).wb.worksheets[0]!;
    expect(String(unitSet.getCell('A1').value)).toBe('人社局2025年项目支出绩效目标申报表（各申报的当前版本）');
    expect(rowText(unitSet, 4, 5)).toEqual(['合计', '208.75', '160', '28.25', '20.5']);
    expect(rowText(unitSet, 5, 1)).toEqual(['技师学院']);
    const names = (ws: typeof unitSet) => Array.from({ length: ws.rowCount }, (_, k) => String(ws.getCell(`A${k + 1}`).value ?? ''));
    expect(names(unitSet).slice(5).sort()).toEqual([GOOD.name, SECOND.name].sort());

    const { r, wb } = await workbook(deptA, '/api/plans.xlsx?year=2025&layout=indicators');
    expect(wb.worksheets.length).toBe(1);
    const dept = wb.worksheets[0]!;
    expect(rowText(dept, 5, 5)).toEqual(['合计', '218.75', '170', '28.25', '20.5']);
    const all = names(dept);
    for (const n of ['技师学院', '职业培训中心', GOOD.name, SECOND.name, THIRD.name]) expect(all).toContain(n);
    expect(all).not.toContain('教育局的项目');
    // read back: every plan with its amounts and every indicator, under its unit
    const back = await parseDocument(new Uint8Array(r.rawPayload), { file: 'dept.xlsx' });
    const plans = back.units.flatMap((u) => u.projects.map((x) => ({ unit: u.name, name: x.name, total: x.funding.total, indicators: x.indicators.map((i) => i.name) })));
    expect(plans.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { unit: '技师学院', name: GOOD.name, total: 120.5, indicators: GOOD.indicators.map((i) => i.name) },
      { unit: '技师学院', name: SECOND.name, total: 88.25, indicators: SECOND.indicators.map((i) => i.name) },
      { unit: '职业培训中心', name: THIRD.name, total: 10, indicators: THIRD.indicators.map((i) => i.name) },
    ].sort((a, b) => a.name.localeCompare(b.name)));
    // every year: a sheet per department and year (the 2026 plan of the test above), newest first
    const years = (await workbook(deptA, '/api/plans.xlsx')).wb.worksheets.map((ws) => String(ws.getCell('A1').value));
    expect(years).toEqual(['人社局2026年项目支出绩效目标申报表（各申报的当前版本）', '人社局2025年项目支出绩效目标申报表（各申报的当前版本）']);
    // a unit's own list export holds its plans only
    const own = names((await workbook(unitC, '/api/plans.xlsx')).wb.worksheets[0]!);
    expect(own).toContain(THIRD.name);
    expect(own).not.toContain(GOOD.name);
  });

  test('outside the caller\'s scope a plan answers as a missing one (404); a filter on another unit exports nothing of it', async () => {
    for (const [h, id] of [[unitB, ids.a1], [unitC, ids.a1], [unitA, ids.b]] as const) {
      const other = await call(h, 'GET', `/api/plans/${id}/xlsx`);
      const missing = await call(h, 'GET', '/api/plans/999999/xlsx');
      expect(other.statusCode).toBe(404);
      const said = (x: LightMyRequestResponse, n: number) => { const e = x.json() as { code: string; message: string }; return { code: e.code, message: e.message.replace(` ${n} `, ' N ') }; };
      expect(said(other, id)).toEqual(said(missing, 999999));
    }
    const names = (await workbook(unitB, `/api/plans.xlsx?unit=${ids.unitA}`)).wb.worksheets[0]!;
    const text = Array.from({ length: names.rowCount }, (_, k) => String(names.getCell(`A${k + 1}`).value ?? ''));
    expect(text).not.toContain(GOOD.name);
    const anon = await (app() as FastifyInstance).inject({ method: 'GET', url: `/api/plans/${ids.a1}/xlsx` });
    expect(anon.statusCode).toBe(401);
  });
});

// A filled 绩效自评 template back into its stored report, on SQLite and PostgreSQL: the template as the
// writer makes it, filled with ExcelJS (and once re-saved by LibreOffice), uploaded, and the stored input is
// what was filled, scored. Each kind of mistake a clerk makes is refused naming its cell, and nothing is
// stored (the revision does not move); a stale revision is a 409 as for a save; another unit cannot upload.
import { spawnSync } from 'node:child_process';
import { soffice as convert } from '../helpers/xlsx-producers.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { writeEvaluateTemplate } from '../../src/report/xlsx/index.js';
import * as p from '../../src/server/plan-schemas.js';
import { evaluationDetailResponse } from '../../src/server/report-schemas.js';
import { loginAs, orgPath, type AuthHeaders } from '../server/auth-helpers.js';
import { error, form, json, serverSuite } from '../server/helpers.js';
import { EVALUATION_FILL as FILL, fillEvaluationTemplate, QUALITATIVE_PLAN as PLAN } from './fixtures.js';

const saved = z.object({ revision: z.number(), result: z.unknown(), issues: z.array(z.object({ field: z.string(), message: z.string() })) });
const withIssues = z.object({ statusCode: z.number(), code: z.string(), message: z.string(), detail: z.object({ issues: z.array(z.object({ field: z.string(), message: z.string() })) }) }).passthrough();


async function template(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeEvaluateTemplate({
    unit: '技师学院', department: '人社局', year: 2024,
    projects: [{ name: PLAN.name, funding: { total: PLAN.funding.total, fiscal: PLAN.funding.fiscal, specialAccount: null, other: PLAN.funding.other }, goal: PLAN.goal, indicators: PLAN.indicators.map((i, k) => ({ ...i, seq: k + 1 })) }],
  }, out);
  return Buffer.concat(chunks);
}

async function filled(change?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await template() as never);
  fillEvaluationTemplate(wb);
  change?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

const expected = {
  budget: { initial: 120.5, annual: 120.5, executed: 113 },
  goalActual: '完成培训1250人次，合格率88%',
  indicators: FILL.map(([actual, achievement, weight, score, deviation]) => ({ actual, achievement, weight, score, deviation })),
};

const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);

serverSuite('a filled 绩效自评 template into its report', (app, store) => {
  let unitA: AuthHeaders; let unitB: AuthHeaders; let deptA: AuthHeaders;
  let planId = 0;
  const call = (h: AuthHeaders, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    (app() as FastifyInstance).inject({ method, url, headers: { ...h }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const upload = (h: AuthHeaders, id: number, bytes: Uint8Array, revision: number) =>
    call(h, 'POST', `/api/evaluations/${id}/upload?revision=${revision}`, form([{ name: '绩效自评表.xlsx', content: bytes }]) as never);
  const report = async (): Promise<number> => {
    // one report per plan and year: each test its own approved plan
    const c = json(await call(unitA, 'POST', '/api/plans', { year: 2024, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    const v = json(await call(unitA, 'POST', `/api/plans/${c.id}/save`, { baseVersionId: c.versionId, content: PLAN }), p.planSaveResponse);
    for (const [h, a] of [[unitA, 'submit'], [deptA, 'approve'], [finance, 'approve']] as const) {
      json(await call(h, 'POST', `/api/plans/${c.id}/${a}`, { versionId: v.versionId }), p.planStateResponse);
    }
    planId = c.id;
    const r = await call(unitA, 'POST', '/api/evaluations', { planId, year: 2024 });
    expect(r.statusCode, r.body).toBe(201);
    return (JSON.parse(r.body) as { id: number }).id;
  };
  let finance: AuthHeaders;

  beforeAll(async () => {
    await orgPath(store(), '人社局/技师学院');
    await orgPath(store(), '教育局/第一中学');
    unitA = await loginAs(app(), { role: 'unit', org: '人社局/技师学院' });
    unitB = await loginAs(app(), { role: 'unit', org: '教育局/第一中学' });
    deptA = await loginAs(app(), { role: 'department', org: '人社局' });
    finance = await loginAs(app(), { role: 'finance' });
  }, 120_000);

  test('download → fill with ExcelJS → upload: the stored report is what was filled, scored; a stale revision is 409; others cannot upload', async () => {
    const id = await report();
    const bytes = await filled();
    expect((await upload(deptA, id, bytes, 1)).statusCode).toBe(403);
    expect(error(await upload(unitB, id, bytes, 1), 404).code).toBe('report-not-found');
    const ok = json(await upload(unitA, id, bytes, 1), saved);
    expect(ok.revision).toBe(2);
    expect(ok.issues).toEqual([]);
    const d = json(await call(unitA, 'GET', `/api/evaluations/${id}`), evaluationDetailResponse);
    expect(d.input).toEqual(expected);
    expect(d.result.indicators.map((i) => i.result.score)).toEqual([20, 14.67, 15, 15, 13.5, 10]);
    expect(d.result.indicators[4]!.actual).toBe('就业服务口碑明显提升（达成）');
    expect(d.result.budget.executed).toBe(113);
    expect(d.result.total).toBe(88.17 + 9.38);
    // the same file on the revision it was loaded with, now stale: a 409 as for a save, nothing overwritten
    expect(error(await upload(unitA, id, bytes, 1), 409, 'report-conflict').message).toBeTruthy();
    expect(json(await call(unitA, 'GET', `/api/evaluations/${id}`), evaluationDetailResponse).revision).toBe(2);
  });

  test.skipIf(!soffice)('filled with ExcelJS, re-saved by LibreOffice: the same report', { timeout: 180_000 }, async () => {
    const id = await report();
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-eval-'));
    writeFileSync(join(dir, 'in.xlsx'), await filled());
    await convert(['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), join(dir, 'in.xlsx')], 150_000, soffice);
    const ok = json(await upload(unitA, id, new Uint8Array(readFileSync(join(dir, 'out', 'in.xlsx'))), 1), saved);
    expect(ok.issues).toEqual([]);
    expect(json(await call(unitA, 'GET', `/api/evaluations/${id}`), evaluationDetailResponse).input).toEqual(expected);
  });

  test('each mistake is named by its cell and nothing is stored', async () => {
    const id = await report();
    const cases: readonly (readonly [string, (wb: ExcelJS.Workbook) => void, string, RegExp])[] = [
      ['a value in the wrong unit', (wb) => { wb.getWorksheet('指标')!.getCell('H4').value = '1250次'; }, '指标!H4', /实际完成值“1250次”.*单位“次”.*“人次”/],
      ['a required reason missing', (wb) => { wb.getWorksheet('指标')!.getCell('L5').value = null; }, '指标!L5', /培训合格率.*未完全达成.*须填写偏差原因分析及改进措施/],
      ['a qualitative score outside its band', (wb) => { wb.getWorksheet('指标')!.getCell('K8').value = 9; }, '指标!K8', /“达成”的得分应在 \[12, 15\]/],
      ['weights not adding up', (wb) => { wb.getWorksheet('指标')!.getCell('J4').value = 25; }, '指标!J4:J6', /产出指标.*合计 55 分，应为 50 分/],
      ['a level not in the list', (wb) => { wb.getWorksheet('指标')!.getCell('I7').value = '基本达成'; }, '指标!I7', /达成情况“基本达成”应为 达成、部分达成、未达成 之一/],
      ['达成 where the rules say it fell short', (wb) => { wb.getWorksheet('指标')!.getCell('I5').value = '达成'; }, '指标!I5', /达成情况为“达成”.*14\.67\/15/],
      ['a score the rules do not give', (wb) => { wb.getWorksheet('指标')!.getCell('K6').value = 12; }, '指标!K6', /得分 12 与按规则计算的 15 分不一致/],
      ['an amount that is not one', (wb) => { wb.getWorksheet('资金')!.getCell('F5').value = '九十五'; }, '资金!F5', /全年执行数“九十五”不是金额/],
    ];
    for (const [what, change, cell, message] of cases) {
      const r = await upload(unitA, id, await filled(change), 1);
      expect(r.statusCode, `${what}: ${r.body.slice(0, 400)}`).toBe(422);
      const e = withIssues.parse(r.json());
      expect(e.code).toBe('template-invalid');
      expect(e.detail.issues, what).toEqual([{ field: cell, message: expect.stringMatching(message) }]);
      expect(e.message, what).toContain(`${cell}：`);
      const d = json(await call(unitA, 'GET', `/api/evaluations/${id}`), evaluationDetailResponse);
      expect(d.revision, what).toBe(1);
      expect(d.input.indicators.every((i) => i.actual === null), what).toBe(true);
    }
    // not a workbook, or another template
    expect(withIssues.parse((await upload(unitA, id, new TextEncoder().encode('项目,金额'), 1)).json()).detail.issues[0]!.field).toBe('文件');
  });
});

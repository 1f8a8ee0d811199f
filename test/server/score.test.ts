// The scoring API: stateless routes over the request body (POST /api/score, /api/evaluate[/html|/xlsx],
// /api/monitor[/html|/xlsx]) — the same results as the engine, bad input a 400 in the one error shape,
// and nothing stored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { evaluationSchema, monitoringSchema, scoreLineOutput } from '../../src/score/index.js';
import { error, json, serverSuite } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const sample = (f: string) => JSON.parse(readFileSync(join(root, 'samples', f), 'utf8')) as Record<string, unknown>;

serverSuite('scoring API', (app) => {
  const post = (url: string, payload: unknown) => app().inject({ method: 'POST', url, payload: payload as object, headers: { 'content-type': 'application/json' } });

  it('POST /api/score scores one indicator, or a list in order', async () => {
    const one = json(await post('/api/score', { target: '≤2宗', actual: '3宗', weight: 10 }), scoreLineOutput);
    expect(one).toMatchObject({ score: 5, max: 10, rule: 'reverse' });
    expect(one.explanation).toContain('(1 − (3 − 2) ÷ 2) × 10');
    const list = json(await post('/api/score', [
      { target: '≥1.665万人', actual: '16650人', weight: 10 },
      { target: '良好', actual: '达成', weight: 10 },
      { target: '≥1000人', actual: '1000次', weight: 10 },
      { target: '≤2宗', actual: '3宗', weight: 10, config: { reverseFormula: 'ratio' } },
    ]), z.array(scoreLineOutput));
    expect(list.map((r) => r.score)).toEqual([10, null, null, 6.67]);
    expect(list[1]!.allowed).toEqual([8, 10]);
    expect(list[2]!.error).toContain('不是同一种计量');
  });

  it('POST /api/score refuses a malformed body with 400', async () => {
    error(await post('/api/score', { target: '≥90%', actual: '95%' }), 400, 'invalid');
    error(await post('/api/score', { target: '≥90%', actual: '95%', weight: 10, extra: 1 }), 400, 'invalid');
    error(await post('/api/score', []), 400, 'invalid');
  });

  it('POST /api/evaluate gives the scored form; /html and /xlsx the printable ones', async () => {
    const r = json(await post('/api/evaluate', sample('evaluation-example.json')), evaluationSchema);
    expect(r.projects.map((p) => [p.total, p.grade])).toEqual([[89.13, '良'], [81.6, '良']]);
    // the engine's precision (src/score/precision.ts): 111.6 ÷ 120 is 0.93, not 0.9299999999999999
    expect([r.projects[0]!.budget.rate, r.projects[1]!.budget.rate, r.summary.money.rate]).toEqual([0.93, 0.6889, 0.7396]);
    const h = await post('/api/evaluate/html', sample('evaluation-example.json'));
    expect(h.statusCode).toBe(200);
    expect(h.headers['content-type']).toMatch(/^text\/html/);
    expect(h.body).toContain('项目支出绩效自评表');
    expect(h.body).toContain('89.13');
    const x = await post('/api/evaluate/xlsx', sample('evaluation-example.json'));
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '自评-劳动人事争议仲裁信息化运维项目', '自评-技能人才培训补贴项目']);
  });

  it('POST /api/evaluate: weights that do not add up are reported on the project; a bad config is 400', async () => {
    const input = { year: 2025, projects: [{ project: 'x', budget: { annual: 10, executed: 10 }, indicators: [{ level1: '产出指标', name: 'a', target: '≥1个', actual: '1个', weight: 20 }] }] };
    const r = json(await post('/api/evaluate', input), evaluationSchema);
    expect(r.projects[0]!.errors[0]).toContain('应为');
    error(await post('/api/evaluate', { ...input, config: { points: { output: 60 } } }), 400, 'invalid-config');
    error(await post('/api/evaluate', { ...input, config: { grades: { excellent: 'high' } } }), 400, 'invalid');
  });

  it('POST /api/monitor lights every indicator and the budget; 偏差原因 and 纠偏措施 are required below 确定能', async () => {
    const r = json(await post('/api/monitor', sample('monitoring-example.json')), monitoringSchema);
    // 1: 取证率 78% of 85% (91.76) is yellow, the budget 150 ÷ 450 ÷ 6/12 (66.67) yellow; 2: 线上立案 7200 ÷ (1万 × 6/12) = 144 is blue
    expect(r.projects.map((p) => p.light)).toEqual(['yellow', 'blue']);
    expect(r.summary.byLight).toMatchObject({ yellow: 1, blue: 1 });
    expect(r.projects[0]!.budgetLight.explanation).toContain('序时进度');
    const bad = sample('monitoring-example.json') as { projects: { indicators: Record<string, unknown>[] }[] };
    delete bad.projects[0]!.indicators[1]!['measures'];
    const e = error(await post('/api/monitor', bad), 400, 'invalid');
    expect(e.message).toContain('纠偏措施');
    const lights = json(await post('/api/monitor/lights', { year: 2025, month: 6, items: [{ target: '≥1000人', current: '299人' }, { target: '≥90%', current: '95%', name: '满意度' }, { target: '≤2宗', current: '3宗' }] }), z.array(z.object({ colour: z.string().nullable(), explanation: z.string() })));
    expect(lights.map((l) => l.colour)).toEqual(['red', 'green', 'red']);
    const h = await post('/api/monitor/html', sample('monitoring-example.json'));
    expect(h.body).toContain('项目支出绩效运行监控表');
  });
});

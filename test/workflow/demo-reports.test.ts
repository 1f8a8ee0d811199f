// 演示数据 on a fresh database with the bundled samples: monitoring reports and self-evaluations for the
// sample plans, every light and the grades spread, all marked demo; never a second time, never beside
// real reports.
import { expect, test } from 'vitest';
import { fillDemoReports } from '../../src/workflow/demo-reports.js';
import { monitoringDb } from '../../src/store/monitoring-schema.js';
import { forEachDialect } from '../store/harness.js';

forEachDialect('demo reports', (store) => {
  test('a fresh database gets demo reports with every light and several grades; a second start adds none', async () => {
    const made = await fillDemoReports(store());
    expect(made).toBeGreaterThan(20);
    const db = monitoringDb(store().db);
    const m = await db.selectFrom('monitoring_reports').select(['light', 'demo']).execute();
    const e = await db.selectFrom('evaluations').select(['grade', 'demo']).execute();
    expect(m.length + e.length).toBe(made);
    expect([...m, ...e].every((r) => Number(r.demo) === 1)).toBe(true);
    const lights = new Set(m.map((r) => r.light));
    for (const c of ['red', 'yellow', 'green']) expect(lights, [...lights].join(',')).toContain(c);
    const grades = new Set(e.map((r) => r.grade));
    expect(grades.size, [...grades].join(',')).toBeGreaterThanOrEqual(3);
    expect(await fillDemoReports(store())).toBe(0);
  });
}, { seed: true });

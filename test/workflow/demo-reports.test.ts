// 演示数据 on a fresh database with the bundled samples: monitoring reports and self-evaluations for the
// sample plans, every light and the grades spread, all marked demo; every actual fits its target (a number
// in the target's unit, a date, a level with the person's score), so every indicator is scored and every
// self-evaluation has its total; the demo unit account finds reports of its own; never a second time, never
// beside real reports.
import { expect, test } from 'vitest';
import { ensureAccounts } from '../../src/auth/bootstrap.js';
import type { Principal } from '../../src/auth/roles.js';
import { readActual, type ProjectEvaluation, type ProjectMonitor } from '../../src/score/index.js';
import { monitoringDb } from '../../src/store/monitoring-schema.js';
import { parseTarget } from '../../src/targets/index.js';
import { fillDemoReports } from '../../src/workflow/demo-reports.js';
import { listReports } from '../../src/workflow/report-read.js';
import { forEachDialect } from '../store/harness.js';

forEachDialect('demo reports', (store) => {
  test('a fresh database gets demo reports with every light and every grade, every indicator scored; a second start adds none', async () => {
    await ensureAccounts(store(), { demo: true });
    const made = await fillDemoReports(store());
    expect(made).toBe(240);
    const db = monitoringDb(store().db);
    const m = await db.selectFrom('monitoring_reports').select(['light', 'demo', 'result']).execute();
    const e = await db.selectFrom('evaluations').select(['grade', 'score', 'demo', 'result']).execute();
    expect(m.length + e.length).toBe(made);
    expect([...m, ...e].every((r) => Number(r.demo) === 1)).toBe(true);
    const lights = new Set(m.map((r) => r.light));
    for (const c of ['red', 'yellow', 'green', 'blue']) expect(lights, [...lights].join(',')).toContain(c);

    // every indicator is scored from an actual of its target's kind: a total and a grade for every form
    const forms = e.map((r) => JSON.parse(r.result) as ProjectEvaluation);
    const unscored = forms.flatMap((f) => f.indicators.filter((i) => i.result.score === null).map((i) => `${f.project}：${i.name}（${i.target}）${i.actual} — ${i.result.error ?? i.result.explanation}`));
    expect(unscored).toEqual([]);
    expect(forms.every((f) => f.total !== null && f.errors.length === 0)).toBe(true);
    for (const f of forms) {
      for (const i of f.indicators) {
        const t = parseTarget(i.target);
        const a = readActual(i.actual);
        if (t.kind === 'numeric' || t.kind === 'range') {
          expect(a.kind, `${i.target} → ${i.actual}`).toBe('quantity');
          // in the target's own unit (a count of occurrences for 零故障)
          if (a.kind === 'quantity' && t.value !== 0) expect(a.unit, `${i.target} → ${i.actual}`).toBe(t.unit ?? '');
        }
        if (t.kind === 'qualitative' || t.kind === 'unparsed') expect(['达成', '部分达成', '未达成']).toContain(i.actual);
        if (t.kind === 'deadline') expect(['date', 'undone']).toContain(a.kind);
      }
    }
    // a realistic spread: mostly 优 and 良, some 中, a few 差
    const grades = Object.fromEntries(['优', '良', '中', '差'].map((g) => [g, e.filter((r) => r.grade === g).length]));
    expect(grades['优']).toBeGreaterThan(grades['良']!);
    for (const g of ['良', '中', '差']) expect(grades[g], JSON.stringify(grades)).toBeGreaterThan(0);
    expect(grades['差']).toBeLessThan(grades['中']! + grades['良']!);
    // and every indicator of every monitoring report is lit
    const unlit = m.flatMap((r) => (JSON.parse(r.result) as ProjectMonitor).indicators.filter((i) => i.light.colour === null && parseTarget(i.target).kind !== 'empty').map((i) => `${i.target} ${i.current}: ${i.light.explanation}`));
    expect(unlit).toEqual([]);

    expect(await fillDemoReports(store())).toBe(0);
  });

  test('the demo unit account sees reports of its own organization', async () => {
    const u = await store().db.selectFrom('users').select(['id', 'username', 'org_id']).where('username', '=', 'demo-unit').executeTakeFirstOrThrow();
    const me: Principal = { userId: Number(u.id), username: u.username, role: 'unit', orgId: Number(u.org_id), via: 'session' };
    const evaluations = await listReports(store(), me, 'evaluation', {});
    const monitoring = await listReports(store(), me, 'monitoring', {});
    expect(evaluations.length).toBeGreaterThan(0);
    expect(monitoring.length).toBe(evaluations.length * 3);
    const org = await store().db.selectFrom('orgs').select(['name', 'kind']).where('id', '=', Number(u.org_id)).executeTakeFirstOrThrow();
    expect(org.kind).toBe('unit');
    expect(new Set(evaluations.map((r) => r.unit))).toEqual(new Set([org.name]));
  });
}, { seed: true });

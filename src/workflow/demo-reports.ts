// 演示数据: 运行监控 reports (1—3月, 1—6月, 1—8月) and 绩效自评 for the bundled sample plans, with generated
// actuals spread around the targets (a fixed seed, so every light and grade appears and every start gives
// the same) — stored with demo = 1 and marked 演示数据 wherever they show. Only on a database without any
// report: a database that holds real reports never gets generated ones.
import type { Store } from '../store/index.js';
import { monitoringDb } from '../store/monitoring-schema.js';
import { EVALUATION, type EvaluationEntry } from './evaluations.js';
import { MONITORING, planSources, type MonitoringEntry } from './monitoring.js';
import { syncPublishedPlans } from './publication.js';
import { createReport } from './reports.js';
import { inTransaction, versionContent } from './plans.js';
import type { PlanContent } from './content.js';

export const DEMO_SEED = 20240601;
export const DEMO_MONTHS = [3, 6, 8] as const;

/** mulberry32: small, fast, and the same on every machine */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** an actual for a target: its first number times `f`, in the target's words; a qualitative one by f */
function actualFor(target: string, f: number, whole = f): string {
  const m = /(\d+(?:\.\d+)?)\s*(%|％)?/.exec(target);
  // a rate or a qualitative target is not pro-rated by month: it is judged on `whole`
  if (!m) return whole >= 0.95 ? '达成' : whole >= 0.6 ? '部分达成' : '未达成';
  const x = Number(m[1]);
  const unit = m[2] ? '%' : (target.slice(m.index + m[0].length).match(/^[\u4e00-\u9fa5a-zA-Z²³/]+/)?.[0] ?? '');
  if (m[2]) return `${round(Math.min(100, x * whole), 1)}%`;
  if (/年|月/.test(unit)) return target; // a deadline: as planned
  return `${round(x * f, Number.isInteger(x) ? 0 : 2)}${unit}`;
}

function monitoringInput(c: PlanContent, month: number, r: () => number): MonitoringEntry {
  // one pace per project for the year, so a project's months tell one story (behind, on track, ahead)
  // a third of the projects run exactly on schedule (green), the rest behind or ahead
  const onTrack = r() < 0.35;
  const pace = onTrack ? 1 : 0.35 + r() * 0.9;
  return {
    funding: planSources(c).map((s) => ({ source: s.source, initial: s.amount, adjusted: s.amount, spent: round(Math.min(s.amount, s.amount * (month / 12) * pace * (onTrack ? 1 : 0.9 + r() * 0.2))) })),
    indicators: c.indicators.map((i) => {
      const x = onTrack ? 1.02 : pace + r() * 0.3;
      const f = (month / 12) * x;
      const likely = f >= (month / 12) * 0.8 ? '确定能' as const : r() < 0.8 ? '有可能' as const : '完全不可能' as const;
      return {
        current: actualFor(i.annual, f, x), likelihood: likely, forecast: actualFor(i.annual, Math.min(1.1, pace + 0.2)),
        reasons: likely === '确定能' ? [] : [(['人员', '制度', '经费'] as const)[Math.floor(r() * 3)]!],
        reasonText: '', measures: likely === '确定能' ? '' : '（演示数据）加快实施进度，按月跟踪',
      };
    }),
  };
}

function evaluationInput(c: PlanContent, r: () => number): EvaluationEntry {
  const level = r();
  const f = level < 0.15 ? 0.4 + r() * 0.2 : level < 0.35 ? 0.7 + r() * 0.15 : 0.9 + r() * 0.15;
  return {
    budget: { initial: c.funding.total, annual: c.funding.total, executed: round(c.funding.total * Math.min(1, f + r() * 0.1)) },
    goalActual: '（演示数据）按计划实施',
    indicators: c.indicators.map((i) => ({ actual: actualFor(i.annual, f * (0.9 + r() * 0.2)), weight: null, score: null, deviation: f < 0.9 ? '（演示数据）进度滞后' : '' })),
  };
}

/**
 * Fills 演示数据 for the approved sample plans (at most `limit`) when the database holds no report; returns
 * how many reports it made (0 when any report exists).
 */
export async function fillDemoReports(store: Store, o: { seed?: number; limit?: number } = {}): Promise<number> {
  const db = monitoringDb(store.db);
  const count = async (t: 'monitoring_reports' | 'evaluations') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if ((await count('monitoring_reports')) + (await count('evaluations')) > 0) return 0;
  await syncPublishedPlans(store);
  const plans = await db.selectFrom('plans').select(['id', 'year', 'approved_version_id']).where('approved_version_id', 'is not', null).orderBy('id').limit(o.limit ?? 60).execute();
  const r = random(o.seed ?? DEMO_SEED);
  let made = 0;
  for (const p of plans) {
    const content = await inTransaction(store, async (trx) => (await versionContent(trx, Number(p.approved_version_id))).content);
    if (content.indicators.length === 0) continue;
    const year = p.year ?? 2024;
    for (const month of DEMO_MONTHS) {
      await createReport(store, null, MONITORING, { planId: Number(p.id), period: { year, month }, input: monitoringInput(content, month, r), demo: true });
      made++;
    }
    await createReport(store, null, EVALUATION, { planId: Number(p.id), period: { year, month: null }, input: evaluationInput(content, r), demo: true });
    made++;
  }
  return made;
}

// 演示数据: 运行监控 reports (1—3月, 1—6月, 1—8月) and 绩效自评 for the bundled sample plans, with generated
// actuals spread around the targets (a fixed seed, so every light and grade appears and every start gives
// the same) — stored with demo = 1 and marked 演示数据 wherever they show. Each actual fits its target as
// the scoring reads it (a number with the target's unit, a date, a level with the person's score), so every
// indicator with a target is scored. Only on a database without any report: a database that holds real
// reports never gets generated ones.
import type { Principal } from '../auth/roles.js';
import type { ParsedTarget } from '../model/index.js';
import { lightKindOf, ruleKindOf } from '../score/index.js';
import type { Store } from '../store/index.js';
import { monitoringDb } from '../store/monitoring-schema.js';
import { parseTarget, UNITS } from '../targets/index.js';
import type { PlanContent } from './content.js';
import { EVALUATION, type EvaluationEntry } from './evaluations.js';
import { MONITORING, planSources, type MonitoringEntry } from './monitoring.js';
import { inTransaction } from './plans.js';
import { syncPublishedPlans } from './publication.js';
import { basisOf, createReport, type PlanBasis } from './reports.js';

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

/** a quantity written as a clerk would: whole counts stay whole, a percentage to 0.1, anything else to 0.01 */
function quantity(x: number, t: ParsedTarget): string {
  const unit = t.unit ?? '';
  const whole = [t.value, t.min, t.max].every((v) => v === undefined || Number.isInteger(v)) && !/%|‰|万|亿/.test(unit);
  return `${round(Math.max(0, x), unit === '%' || unit === '‰' ? 1 : whole ? 0 : 2)}${unit}`;
}

/** a date as written on the form */
const dateText = (y: number, m: number, d: number): string => `${y}年${m}月${d}日`;

interface Pace {
  /** achievement of the target: 1 = met, 0.5 = half of it */
  readonly x: number;
  /** the report's year (a deadline written 每年…) and, for monitoring, its end month: counts are pro-rated by month ÷ 12 */
  readonly year: number;
  readonly month: number | null;
  /** the indicator's name: 满意度, 合格率 … are rates, compared as they are */
  readonly name: string;
  readonly r: () => number;
}

/**
 * An actual that fits its target as src/targets reads it and src/score scores it: a number in the target's
 * unit for a numeric or range target (pro-rated by month for a count during the year, a percentage never
 * above 100%), a date or 未完成 for a deadline, one actual per part for a compound, and 达成 / 部分达成 /
 * 未达成 for a qualitative target (its score is the person's, chosen in its band once the weights are known).
 */
function demoActual(target: ParsedTarget, p: Pace): string | string[] | null {
  const { x, r } = p;
  const cumulative = p.month !== null && lightKindOf(target, p.name) === 'cumulative';
  const share = cumulative ? (p.month! / 12) * x : x;
  const percent = (v: number) => (target.unit === '%' ? Math.min(100, v) : v);
  switch (target.kind) {
    case 'numeric': {
      const v = target.value ?? 0;
      if (ruleKindOf(target) === 'reverse') {
        // a reverse target holds (at most the target, often well under it) or is broken by the shortfall
        const held = x >= 0.95;
        if (v === 0) {
          const unit = UNITS.includes(target.unit ?? '') ? target.unit! : target.unit ? '次' : '';
          return `${held ? 0 : 1 + Math.floor(r() * 2)}${unit}`;
        }
        const y = held ? (target.op === '<' ? 0.3 + r() * 0.6 : 0.4 + r() * 0.6) : 1.1 + (1 - x) * 2;
        return quantity(percent(v * y), target);
      }
      return quantity(percent(v * share), target);
    }
    case 'range': {
      const lo = target.min ?? 0;
      const hi = target.max ?? lo;
      const v = x >= 0.95 ? lo + (hi - lo) * r() : lo * x;
      return quantity(cumulative ? v * (p.month! / 12) : v, target);
    }
    case 'deadline': {
      const year = target.year ?? p.year;
      const month = target.month ?? 12;
      // during the year a deadline not yet due is simply not done; at the year's end it was met or missed
      if (p.month !== null) return p.month >= month && x >= 0.9 ? dateText(year, Math.max(1, month - 1), 20) : '未完成';
      if (x >= 0.9) return dateText(year, Math.max(1, month - Math.floor(r() * 3)), Math.min(target.day ?? 28, 10 + Math.floor(r() * 15)));
      return x >= 0.7 ? dateText(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 15) : '未完成';
    }
    case 'compound':
      return ((target.parts ?? []) as readonly ParsedTarget[]).map((part) => {
        const a = demoActual(part, { ...p, x: x * (0.95 + r() * 0.1) });
        return Array.isArray(a) ? a.join('，') : a ?? '';
      });
    case 'qualitative':
    case 'unparsed':
      return x >= 0.95 ? '达成' : x >= 0.7 ? '部分达成' : '未达成';
    case 'empty':
      return null;
  }
}

function monitoringInput(c: PlanContent, year: number, month: number, r: () => number): MonitoringEntry {
  // one pace per project for the year, so a project's months tell one story (behind, on track, ahead)
  // a third of the projects run exactly on schedule (green), the rest behind or ahead
  const onTrack = r() < 0.35;
  const pace = onTrack ? 1 : 0.35 + r() * 0.9;
  return {
    funding: planSources(c).map((s) => ({ source: s.source, initial: s.amount, adjusted: s.amount, spent: round(Math.min(s.amount, s.amount * (month / 12) * pace * (onTrack ? 1 : 0.9 + r() * 0.2))) })),
    indicators: c.indicators.map((i) => {
      const x = onTrack ? 1.02 : pace + r() * 0.3;
      const target = parseTarget(i.annual);
      const likely = x >= 0.8 ? '确定能' as const : r() < 0.8 ? '有可能' as const : '完全不可能' as const;
      return {
        current: demoActual(target, { x, year, month, name: i.name, r }),
        likelihood: likely,
        forecast: demoActual(target, { x: Math.min(1.1, pace + 0.2), year, month: null, name: i.name, r }),
        reasons: likely === '确定能' ? [] : [(['人员', '制度', '经费'] as const)[Math.floor(r() * 3)]!],
        reasonText: '', measures: likely === '确定能' ? '' : '（演示数据）加快实施进度，按月跟踪',
      };
    }),
  };
}

/**
 * A self-evaluation as a unit fills it in: the budget, an actual per indicator fitting its target, and for a
 * qualitative target the person's score inside the band of the level given — which needs the weights, so
 * the form is scored once without those scores (the same kind and configuration createReport uses) and
 * each is then chosen in the `allowed` range it answers. 偏差原因分析及改进措施 is written wherever an
 * indicator falls short, as a submission requires.
 */
function evaluationInput(plan: PlanBasis, year: number, r: () => number): EvaluationEntry {
  const c = plan.content;
  const level = r();
  const f = level < 0.08 ? 0.45 + r() * 0.2 : level < 0.3 ? 0.7 + r() * 0.18 : 0.9 + r() * 0.15;
  const draft: EvaluationEntry = {
    budget: { initial: c.funding.total, annual: c.funding.total, executed: round(c.funding.total * Math.min(1, f + r() * 0.1)) },
    goalActual: f >= 0.9 ? '（演示数据）按计划实施，年度目标基本完成' : '（演示数据）部分工作进度滞后，年度目标未全部完成',
    indicators: c.indicators.map((i) => ({
      actual: demoActual(parseTarget(i.annual), { x: f * (0.9 + r() * 0.2), year, month: null, name: i.name, r }),
      weight: null, score: null, deviation: '',
    })),
  };
  const scored = EVALUATION.compute(plan, draft, { year, month: null }).result.indicators;
  return {
    ...draft,
    indicators: draft.indicators.map((e, k) => {
      const res = scored[k]!.result;
      let score: number | null = null;
      if (res.rule === 'qualitative' && res.allowed) {
        const [lo, hi] = res.allowed;
        // inside the band: 达成 is closed above, 部分达成 and 未达成 open
        const closed = e.actual === '达成';
        score = Math.floor((lo + (hi - lo) * r()) * 100) / 100;
        if (!closed && score >= hi) score = round(hi - 0.01);
      }
      const short = res.rule === 'qualitative' ? e.actual !== '达成' : res.score !== null && res.score < res.max;
      return { ...e, score, deviation: short ? '（演示数据）受实施进度影响未完全达成，已制定整改计划，下年度加强过程跟踪' : '' };
    }),
  };
}

/** the system acting outside a request (as createReport does when it is given no caller) */
const SYSTEM: Principal = { userId: 0, username: '系统', role: 'finance', orgId: null, via: 'token' };

/**
 * The plans the demo reports are for: taken in turn from every organization with approved plans, so that a
 * department's summary has its units and every unit has some — the demo unit accounts' organizations first,
 * so that whoever logs in as demo-unit finds reports of its own.
 */
async function demoPlans(store: Store, limit: number): Promise<{ id: number; year: number | null }[]> {
  const db = monitoringDb(store.db);
  const plans = await db.selectFrom('plans').select(['id', 'year', 'unit_org_id']).where('approved_version_id', 'is not', null).orderBy('id').execute();
  const demoUnits = (await store.db.selectFrom('users').select('org_id').where('demo', '=', 1).where('role', '=', 'unit').orderBy('id').execute())
    .map((u) => u.org_id).filter((o): o is number => o !== null).map(Number);
  const byOrg = new Map<number, typeof plans>();
  for (const o of demoUnits) byOrg.set(o, []);
  for (const p of plans) {
    const o = Number(p.unit_org_id);
    if (!byOrg.has(o)) byOrg.set(o, []);
    byOrg.get(o)!.push(p);
  }
  const queues = [...byOrg.values()].filter((q) => q.length > 0);
  const out: { id: number; year: number | null }[] = [];
  for (let k = 0; out.length < limit && queues.some((q) => k < q.length); k++) {
    for (const q of queues) if (k < q.length && out.length < limit) out.push({ id: Number(q[k]!.id), year: q[k]!.year === null ? null : Number(q[k]!.year) });
  }
  return out.sort((a, b) => a.id - b.id);
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
  const r = random(o.seed ?? DEMO_SEED);
  let made = 0;
  for (const p of await demoPlans(store, o.limit ?? 60)) {
    const plan = await inTransaction(store, (trx) => basisOf(trx, store, SYSTEM, p.id));
    if (plan.content.indicators.length === 0) continue;
    const year = p.year ?? 2024;
    for (const month of DEMO_MONTHS) {
      await createReport(store, null, MONITORING, { planId: p.id, period: { year, month }, input: monitoringInput(plan.content, year, month, r), demo: true });
      made++;
    }
    await createReport(store, null, EVALUATION, { planId: p.id, period: { year, month: null }, input: evaluationInput(plan, year, r), demo: true });
    made++;
  }
  return made;
}

// What a plan (绩效目标申报) holds: one project's targets for one budget year as a unit writes them —
// the same content as a published table row (funding by source, goal, indicators with level-1/level-2/
// name and both target values) plus 项目属性, 实施期 and the unit's notes. Stored as JSON per version.
//
// The review engine and the target reader work on the model's Project, so a plan is turned into one
// (`toProject`, inside a one-unit document `planDocument`) and a published row into a plan
// (`fromProject`): src/review and src/targets run on plans unchanged. Pure: the web editor imports it.
import { z } from 'zod';
import type { Category, Project, TableDocument } from '../model/types.js';

export const ATTRIBUTES = ['new', 'continuing'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export const ATTRIBUTE_LABEL: Readonly<Record<Attribute, string>> = { new: '新增', continuing: '延续' };

export interface PlanFunding {
  /** 总计, 万元 */
  readonly total: number;
  /** 财政拨款 / 财政专户拨款 / 其他资金; null when the cell is empty */
  readonly fiscal: number | null;
  readonly specialAccount: number | null;
  readonly other: number | null;
}

export interface PlanIndicator {
  /** 一级指标 and 二级指标: code and name as the taxonomy gives them (or as a publication printed them) */
  readonly level1: Category;
  readonly level2: Category;
  /** 三级指标 */
  readonly name: string;
  /** 实施周期指标值 and 年度指标值 as written; src/targets reads them */
  readonly period: string;
  readonly annual: string;
}

export interface PlanContent {
  /** 项目名称 */
  readonly name: string;
  readonly funding: PlanFunding;
  /** 绩效目标 */
  readonly goal: string;
  readonly indicators: readonly PlanIndicator[];
  /** 项目属性: 新增 / 延续 */
  readonly attribute: Attribute;
  /** 实施期: first and last budget year */
  readonly startYear: number | null;
  readonly endYear: number | null;
  /** the unit's notes (说明) */
  readonly notes: string;
  /** indicator text a publication printed outside the numbered form (kept so nothing read is lost) */
  readonly indicatorsText?: string;
}

/** 万元 with at most two decimals, up to 10^10 (a plan's amount is never more) */
const amount = z.number({ error: '应为金额（万元）' }).min(0, { error: '金额不能为负' }).max(1e10, { error: '金额过大' })
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, { error: '金额至多两位小数（万元）' });
const year = z.number().int().min(1900).max(2200);
const text = (max: number) => z.string().max(max, { error: `至多 ${max} 个字` });
const category = z.object({ code: text(10).nullable(), name: text(50).nullable() });

export const planIndicatorSchema = z.object({
  level1: category,
  level2: category,
  name: text(200),
  period: text(500),
  annual: text(500),
}) satisfies z.ZodType<PlanIndicator>;

export const planContentSchema = z.object({
  name: text(200).trim().min(1, { error: '项目名称不能为空' }),
  funding: z.object({ total: amount, fiscal: amount.nullable(), specialAccount: amount.nullable(), other: amount.nullable() }),
  goal: text(5000),
  indicators: z.array(planIndicatorSchema).max(200, { error: '至多 200 项指标' }),
  attribute: z.enum(ATTRIBUTES),
  startYear: year.nullable(),
  endYear: year.nullable(),
  notes: text(5000),
  indicatorsText: text(20000).exactOptional(),
}).refine((c) => c.startYear === null || c.endYear === null || c.startYear <= c.endYear, { error: '实施期的起始年度不能晚于结束年度', path: ['endYear'] }) satisfies z.ZodType<PlanContent>;

const cents = (x: number | null): number => (x === null ? 0 : Math.round(x * 100));

/** Σ sources, in 万元 (exact: summed in cents) */
export const sourcesSum = (f: PlanFunding): number => (cents(f.fiscal) + cents(f.specialAccount) + cents(f.other)) / 100;
/** 总计 = Σ sources, to the cent */
export const fundingAddsUp = (f: PlanFunding): boolean => cents(f.total) === cents(f.fiscal) + cents(f.specialAccount) + cents(f.other);

const printedAmount = (x: number): string => x.toFixed(2);

/** the indicator written as a published table writes it (`1、1-产出指标；11-数量指标；…`) */
export function indicatorText(i: PlanIndicator, seq: number): string {
  const level = (c: Category) => [c.code, c.name].filter((x) => x).join('-');
  return `${seq}、${level(i.level1)}；${level(i.level2)}；${i.name}；实施周期指标值:${i.period}；年度指标值:${i.annual}。`;
}

/** The plan as a model Project (targets unread): what src/review and src/targets work on. */
export function toProject(c: PlanContent): Project {
  const f = c.funding;
  return {
    name: c.name,
    funding: {
      total: f.total, fiscal: f.fiscal, specialAccount: f.specialAccount, other: f.other, unplaced: [],
      printed: [f.total, f.fiscal, f.specialAccount, f.other].filter((x): x is number => x !== null).map(printedAmount),
    },
    goal: c.goal,
    indicators: c.indicators.map((i, k) => ({
      seq: k + 1, level1: i.level1, level2: i.level2, name: i.name,
      period: { raw: i.period }, annual: { raw: i.annual }, text: indicatorText(i, k + 1),
    })),
    ...(c.indicatorsText ? { indicatorsText: c.indicatorsText } : {}),
  };
}

/** A one-unit, one-project table holding the plan: the review engine reviews documents. */
export function planDocument(c: PlanContent, unit: string, budgetYear: number | null): TableDocument {
  return {
    source: { file: `plan:${c.name}`, sha256: '0'.repeat(64), layout: 'tabular-text', bytes: 0, lines: 0, encoding: 'utf-8' },
    title: null, year: budgetYear, department: null, currencyUnit: '万元', total: null,
    units: [{ name: unit, funding: null, projects: [toProject(c)] }],
    orphans: [], diagnostics: [],
  };
}

/**
 * A published row as a plan. Amounts whose column the publication did not state (未归列) are put in no
 * source — never guessed — and the notes say so, so the unit sees what to fill in.
 */
export function fromProject(p: Project, extra: Partial<Pick<PlanContent, 'attribute' | 'startYear' | 'endYear' | 'notes'>> = {}): PlanContent {
  const f = p.funding;
  const unplaced = f.unplaced.reduce((s, x) => s + cents(x), 0) / 100;
  const notes = [extra.notes ?? '', unplaced ? `原表有 ${unplaced.toFixed(2)} 万元资金来源未标明所属列（未归列），未计入任何来源。` : ''].filter((x) => x).join('\n');
  return {
    name: p.name,
    funding: { total: f.total, fiscal: f.fiscal, specialAccount: f.specialAccount, other: f.other },
    goal: p.goal,
    indicators: p.indicators.map((i) => ({ level1: i.level1, level2: i.level2, name: i.name, period: i.period.raw, annual: i.annual.raw })),
    attribute: extra.attribute ?? 'continuing',
    startYear: extra.startYear ?? null,
    endYear: extra.endYear ?? null,
    notes,
    ...(p.indicatorsText ? { indicatorsText: p.indicatorsText } : {}),
  };
}

type Period = Pick<PlanContent, 'startYear' | 'endYear'>;

/**
 * 实施期 printed in a project's name: 2024-2025年, 2024—2026年, 2025年-2027年, 2024至2025年 (not a 学年,
 * which spans parts of two years). Null when the name prints none.
 */
export function periodInName(name: string): { startYear: number; endYear: number } | null {
  const m = /(?<!\d)((?:19|20)\d{2})\s*年?\s*(?:[-－—–~～]{1,2}|至|到)\s*((?:19|20)\d{2})\s*年/.exec(name);
  if (!m) return null;
  const [startYear, endYear] = [Number(m[1]), Number(m[2])];
  return startYear <= endYear && endYear - startYear <= 20 ? { startYear, endYear } : null;
}

/**
 * 实施期 of a copy into budget year `year`. A period that already contains the year stays; one that does
 * not moves, keeping its length, by the fewest years that make it contain the year: 2024–2024 copied into
 * 2025 is 2025–2025, 2022–2024 is 2023–2025 (the project goes on one more year). Without a period, the
 * year alone (as a blank plan).
 */
export function periodFor(c: Period, year: number): { startYear: number; endYear: number } {
  const start = c.startYear ?? c.endYear ?? year;
  const end = c.endYear ?? c.startYear ?? year;
  const shift = end < year ? year - end : start > year ? year - start : 0;
  return { startYear: start + shift, endYear: end + shift };
}

/** whether a budget year lies in the plan's 实施期 (an unknown bound does not exclude it) */
export const yearInPeriod = (c: Period, year: number): boolean =>
  (c.startYear === null || c.startYear <= year) && (c.endYear === null || year <= c.endYear);

/** A blank plan for a budget year: one-year 新增 project, no amounts yet. */
export function blankPlan(budgetYear: number, name = ''): PlanContent {
  return {
    name, funding: { total: 0, fiscal: null, specialAccount: null, other: null }, goal: '', indicators: [],
    attribute: 'new', startYear: budgetYear, endYear: budgetYear, notes: '',
  };
}

/** The same content in a canonical form (key order fixed), so two saves of the same content compare equal. */
export function canonical(c: PlanContent): string {
  const f = c.funding;
  return JSON.stringify({
    name: c.name, funding: { total: f.total, fiscal: f.fiscal, specialAccount: f.specialAccount, other: f.other }, goal: c.goal,
    indicators: c.indicators.map((i) => ({ level1: { code: i.level1.code, name: i.level1.name }, level2: { code: i.level2.code, name: i.level2.name }, name: i.name, period: i.period, annual: i.annual })),
    attribute: c.attribute, startYear: c.startYear, endYear: c.endYear, notes: c.notes,
    ...(c.indicatorsText ? { indicatorsText: c.indicatorsText } : {}),
  });
}

// 绩效自评 of a set of projects: weights by category, every indicator scored, the budget scored, the
// total, the grade and the warnings — every number with its explanation in Chinese. Pure: the input is
// the parsed evaluation file or request; nothing is read or written.
import type { z } from 'zod';
import { LEVEL2 } from '../model/index.js';
import { readCategory, roleOf, systemOf } from './categories.js';
import { resolveConfig, type ScoreConfig } from './config.js';
import { scoreIndicator } from './indicator.js';
import { RULES } from './rules/index.js';
import type { Evaluation, ProjectEvaluation, evaluationInput, evaluationProjectInput } from './schema.js';
import { presentScore, roundRateOrNull } from './precision.js';
import { fmt, pct, round2 } from './types.js';
import { countIndicators } from './unscored.js';
import { assignWeights } from './weights.js';

type Input = z.output<typeof evaluationInput>;
type ProjectInput = z.output<typeof evaluationProjectInput>;
type Grade = NonNullable<ProjectEvaluation['grade']>;
type Warning = ProjectEvaluation['warnings'][number];

export function gradeOf(total: number, c: ScoreConfig): Grade {
  return total >= c.grades.excellent ? '优' : total >= c.grades.good ? '良' : total >= c.grades.pass ? '中' : '差';
}

const actualText = (a: ProjectInput['indicators'][number]['actual']): string =>
  a === undefined || a === null ? '' : Array.isArray(a) ? a.join('；') : String(a);

/** Scores one project's self-evaluation. */
export function evaluateProject(p: ProjectInput, year: number, config: ScoreConfig): ProjectEvaluation {
  const system = systemOf(year);
  const errors: string[] = [];
  const read = p.indicators.map((i, n) => {
    const level1 = readCategory(i.level1, system.level1);
    const level2 = readCategory(i.level2, LEVEL2);
    const role = roleOf(level1, system);
    if (role === null) errors.push(`第 ${n + 1} 项指标“${i.name}”的一级指标“${i.level1}”不是产出、效益、满意度或成本指标，无法确定分值`);
    return { input: i, level1, level2, role };
  });
  const known = read.flatMap((r, n) => (r.role === null ? [] : [{ n, role: r.role, weight: r.input.weight }]));
  const w = assignWeights(known, config);
  errors.push(...w.errors);
  const weightOf = new Map(known.map((k, j) => [k.n, w.weights[j]!]));

  const indicators = read.map((r, n) => {
    const weighted = weightOf.get(n) ?? { weight: 0, set: 'equal' as const };
    const result = scoreIndicator({ target: r.input.target, actual: r.input.actual ?? null, weight: weighted.weight, score: r.input.score ?? null, year }, config);
    return {
      level1: r.level1, level2: r.level2, role: r.role, name: r.input.name, target: r.input.target, actual: actualText(r.input.actual),
      weight: round2(weighted.weight), weightSet: weighted.set, result, deviation: r.input.deviation ?? '',
    };
  });

  const b = RULES.budget.score(p.budget, config);
  const budget = { initial: p.budget.initial ?? null, annual: p.budget.annual, executed: p.budget.executed, rate: b.rate, points: b.max, score: b.score ?? 0, explanation: b.explanation };
  const indicatorMax = round2(w.categories.reduce((a, c) => a + c.points, 0));
  const scores = indicators.map((i) => i.result.score);
  const complete = errors.length === 0 && scores.every((s) => s !== null);
  const indicatorScore = complete ? round2(scores.reduce<number>((a, s) => a + s!, 0)) : null;
  const total = indicatorScore === null ? null : round2(indicatorScore + budget.score);

  const warnings: Warning[] = [];
  if (!complete) {
    const pending = indicators.filter((i) => i.result.score === null);
    if (pending.length) warnings.push({ level: 'info', code: 'incomplete', message: `尚有 ${pending.length} 项指标未得分（${pending.map((i) => `${i.name}：${i.result.error ?? '待评价人打分'}`).join('；')}），总分待定` });
  }
  if (indicatorScore !== null && indicatorScore > 0 && indicatorMax > 0 && budget.points > 0) {
    const ind = indicatorScore / indicatorMax;
    const bud = budget.score / budget.points;
    const gap = (ind - bud) / ind;
    if (gap > config.warnings.spendingGap) {
      warnings.push({ level: 'red', code: 'spending-gap', message: `红色预警：指标完成程度高于预算执行程度 — (指标得分 ${fmt(indicatorScore)} ÷ ${fmt(indicatorMax)} − 预算得分 ${fmt(budget.score)} ÷ ${fmt(budget.points)}) ÷ (${fmt(indicatorScore)} ÷ ${fmt(indicatorMax)}) = ${pct(gap)}，超过 ${pct(config.warnings.spendingGap, 0)}：钱未花完而目标已完成，目标可能定得偏低或资金安排偏多` });
    }
  }
  if (!(p.budget.annual > 0)) warnings.push({ level: 'yellow', code: 'budget-zero', message: '黄色预警：全年预算数为 0' });
  else if (b.rate !== null && 1 - b.rate > config.warnings.unspent) {
    warnings.push({ level: 'yellow', code: 'unspent', message: `黄色预警：预算未执行部分 = 1 − 执行率 ${pct(b.rate)} = ${pct(1 - b.rate)}，超过 ${pct(config.warnings.unspent, 0)}` });
  }
  for (const i of indicators) {
    const r = i.result.ratio;
    if (r !== undefined && r >= config.warnings.overAchievement && (i.result.rule === 'positive' || i.result.rule === 'compound' || i.result.rule === 'range')) {
      warnings.push({ level: 'info', code: 'over-achievement', message: `“${i.name}”实际完成值为指标值的 ${pct(r, 0)}（≥ ${pct(config.warnings.overAchievement, 0)}），请复核：指标值可能定得偏低（财预〔2020〕10号：目标设定偏低的可扣分）` });
    }
  }

  const categories = w.categories.map((c) => {
    const mine = indicators.filter((i) => i.role === c.role).map((i) => i.result.score);
    return { ...c, points: round2(c.points), score: mine.every((s) => s !== null) ? round2(mine.reduce<number>((a, s) => a + s!, 0)) : null };
  });
  // everything is decided: rates and ratios as answered (precision.ts)
  return {
    project: p.project, unit: p.unit ?? null, department: p.department ?? null, year,
    budget: { ...budget, rate: roundRateOrNull(budget.rate) }, goals: (p.goals ?? []).map((g) => ({ expected: g.expected, actual: g.actual ?? '' })),
    categories, indicators: indicators.map((i) => ({ ...i, result: presentScore(i.result) })), indicatorScore, indicatorMax, total,
    grade: total === null ? null : gradeOf(total, config), warnings, errors,
  };
}

/** Scores every project of an evaluation file or request, with the department summary. */
export function evaluate(input: Input): Evaluation {
  const config = resolveConfig(input.config, { region: input.region ?? null, year: input.year });
  const projects = input.projects.map((p) => evaluateProject({ ...p, department: p.department ?? input.department }, input.year, config));
  return {
    year: input.year, region: input.region ?? null, department: input.department ?? null, moneyUnit: input.moneyUnit ?? '万元',
    projects, summary: summarizeEvaluations(projects),
  };
}

/** the summary of scored projects: by grade, the average of the totals, the indicators that could not be scored, the money */
export function summarizeEvaluations(projects: readonly ProjectEvaluation[]): Evaluation['summary'] {
  const totals = projects.map((p) => p.total).filter((t): t is number => t !== null);
  const byGrade = { 优: 0, 良: 0, 中: 0, 差: 0 };
  for (const p of projects) if (p.grade) byGrade[p.grade]++;
  const annual = round2(projects.reduce((a, p) => a + p.budget.annual, 0));
  const executed = round2(projects.reduce((a, p) => a + p.budget.executed, 0));
  return {
    projects: projects.length,
    scored: totals.length,
    byGrade,
    averageScore: totals.length ? round2(totals.reduce((a, b) => a + b, 0) / totals.length) : null,
    indicators: countIndicators(projects),
    money: { initial: round2(projects.reduce((a, p) => a + (p.budget.initial ?? 0), 0)), annual, executed, rate: annual > 0 ? roundRateOrNull(executed / annual) : null },
  };
}

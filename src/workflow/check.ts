// The review engine on a plan: the same rules and score a published row gets (src/review on the plan as
// a one-project table), with each finding placed on the line of the editor it concerns — an indicator
// (by its index in the plan), the funding row, the goal, or the project as a whole.
import type { ParsedTarget } from '../model/types.js';
import { review, type DimensionScore, type Finding, type GateReason, type Grade } from '../review/index.js';
import type { ReviewConfig } from '../review/config.js';
import { DEFAULT_CONFIG } from '../review/config.js';
import { parseTarget } from '../targets/index.js';
import { planDocument, yearInPeriod, type PlanContent } from './content.js';

export type FindingPlace = 'funding' | 'goal' | 'indicator' | 'project';

export interface PlanFinding extends Pick<Finding, 'rule' | 'severity' | 'category' | 'dimensions' | 'message' | 'suggestion'> {
  /** where in the editor: an indicator (with its 0-based index), the funding row, the goal, or the project */
  readonly place: FindingPlace;
  readonly indicator: number | null;
}

export interface PlanCheck {
  readonly score: number;
  readonly grade: Grade;
  readonly dimensions: readonly DimensionScore[];
  /** why the project cannot be monitored (caps the score at 79.9); empty when it can */
  readonly gate: readonly GateReason[];
  /** errors first, then warnings and info, each in plan order */
  readonly findings: readonly PlanFinding[];
  /** both target values of each indicator as jixiao reads them */
  readonly targets: readonly { readonly period: ParsedTarget; readonly annual: ParsedTarget }[];
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

function placeOf(path: string): { place: FindingPlace; indicator: number | null } {
  const m = /\.indicators\[(\d+)\]/.exec(path);
  if (m) return { place: 'indicator', indicator: Number(m[1]) };
  if (/\.goal\b/.test(path)) return { place: 'goal', indicator: null };
  if (/\.funding\b/.test(path)) return { place: 'funding', indicator: null };
  return { place: 'project', indicator: null };
}

/** Which rules' project-level findings are about the funding or the goal rather than the whole project. */
const RULE_PLACE: Readonly<Record<string, FindingPlace>> = {
  'arithmetic-row': 'funding',
  'goal-missing': 'goal',
  'goal-measurable': 'goal',
  'goal-reused': 'goal',
};

/**
 * 实施期 is the plan's own field (a published table prints none), so the engine cannot see a budget year
 * outside it — a copy that kept last year's period. A warning beside the engine's, costing no points.
 */
function periodFinding(content: PlanContent, budgetYear: number | null): PlanFinding[] {
  if (budgetYear === null || yearInPeriod(content, budgetYear)) return [];
  const period = `${content.startYear ?? '？'}—${content.endYear ?? '？'}年`;
  return [{
    rule: 'plan-period-year', severity: 'warning', category: 'consistency', dimensions: [], place: 'project', indicator: null,
    message: `预算年度 ${budgetYear} 年不在实施期 ${period} 内。`,
    suggestion: `核对实施期与预算年度：项目在 ${budgetYear} 年实施的，实施期应包含 ${budgetYear} 年（延续项目把实施期延至该年）。`,
  }];
}

/** Reviews and scores the plan as the finance bureau's review of a published row would. */
export function checkPlan(content: PlanContent, unit: string, budgetYear: number | null, config: ReviewConfig = DEFAULT_CONFIG): PlanCheck {
  const doc = planDocument(content, unit, budgetYear);
  const r = review(doc, config);
  const project = r.units[0]!.projects[0]!;
  const findings = r.findings.map((f): PlanFinding => {
    const where = placeOf(f.path);
    const place = where.place === 'project' ? RULE_PLACE[f.rule] ?? 'project' : where.place;
    return { rule: f.rule, severity: f.severity, category: f.category, dimensions: f.dimensions, message: f.message, suggestion: f.suggestion, place, indicator: where.indicator };
  }).concat(periodFinding(content, budgetYear));
  const order = (f: PlanFinding) => (f.place === 'funding' ? -3 : f.place === 'goal' ? -2 : f.place === 'project' ? -1 : f.indicator!);
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity] || order(a) - order(b));
  return {
    score: project.score,
    grade: project.grade,
    dimensions: project.dimensions,
    gate: project.gate,
    findings,
    targets: content.indicators.map((i) => ({ period: parseTarget(i.period), annual: parseTarget(i.annual) })),
  };
}

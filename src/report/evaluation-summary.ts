// A department's 绩效自评 summary as data, for the printable HTML and the XLSX of the same layout: the
// department's total, then each unit — projects, scored, the indicators that could not be scored, by grade
// (优良中差), by the latest 运行监控 light, the average score and the money — then every project, and every
// report with indicators that could not be scored, each with the rule's reason. A grade and an average come
// from the projects with a total only, so the summary always says how much is missing. Pure: the rows come
// from the store.
import {
  summarizeEvaluations, unscoredIndicators,
  type Evaluation, type IndicatorCount, type LightColour, type ProjectEvaluation, type UnscoredIndicator,
} from '../score/index.js';

export type SummaryLight = LightColour | 'none';
export const SUMMARY_LIGHTS: readonly SummaryLight[] = ['red', 'yellow', 'blue', 'green', 'none'];
export const SUMMARY_LIGHT_LABEL: Readonly<Record<SummaryLight, string>> = { red: '红灯', yellow: '黄灯', blue: '蓝灯', green: '绿灯', none: '未亮灯' };
export const GRADES = ['优', '良', '中', '差'] as const;

export interface SummaryProject {
  readonly unit: string;
  readonly stateLabel: string;
  readonly demo: boolean;
  readonly evaluation: ProjectEvaluation;
  readonly monitoring: { readonly light: LightColour | null; readonly periodLabel: string } | null;
}

export interface SummaryInput {
  readonly department: string;
  readonly year: number;
  readonly demo: boolean;
  readonly projects: readonly SummaryProject[];
  /** the approved plans of the year without a 自评 (应评 = these + projects); absent: not known */
  readonly notEvaluated?: readonly { readonly unit: string; readonly project: string }[] | undefined;
}

export interface SummaryRow {
  readonly name: string;
  readonly projects: number;
  readonly scored: number;
  readonly byGrade: Readonly<Record<(typeof GRADES)[number], number>>;
  /** the latest 运行监控 light of each project's plan that year; none: no report, or nothing could be judged */
  readonly byLight: Readonly<Record<SummaryLight, number>>;
  readonly averageScore: number | null;
  /** the projects' indicators: how many, how many scored, the rest by kind of reason */
  readonly indicators: IndicatorCount;
  readonly money: { readonly initial: number; readonly annual: number; readonly executed: number; readonly rate: number | null };
}

/** a report that has no total: its indicators without a score (with the rule's reason) and what else stops it (weights) */
export interface UnscoredReport {
  readonly unit: string;
  readonly project: string;
  readonly demo: boolean;
  readonly indicators: readonly UnscoredIndicator[];
  readonly errors: readonly string[];
}

export interface DepartmentSummary {
  readonly department: string;
  readonly year: number;
  readonly demo: boolean;
  readonly moneyUnit: '万元';
  readonly total: SummaryRow;
  readonly units: readonly SummaryRow[];
  readonly projects: readonly SummaryProject[];
  /** the reports without a total, in project order: what could not be scored and why */
  readonly unscored: readonly UnscoredReport[];
  /** the approved plans of the year without a 自评, by unit and name */
  readonly notEvaluated: readonly { readonly unit: string; readonly project: string }[];
}

function row(name: string, ps: readonly SummaryProject[]): SummaryRow {
  const s = summarizeEvaluations(ps.map((p) => p.evaluation));
  const byLight: Record<SummaryLight, number> = { red: 0, yellow: 0, blue: 0, green: 0, none: 0 };
  for (const p of ps) byLight[p.monitoring?.light ?? 'none']++;
  return { name, projects: s.projects, scored: s.scored, byGrade: s.byGrade, byLight, averageScore: s.averageScore, indicators: s.indicators, money: s.money };
}

export function departmentSummary(input: SummaryInput): DepartmentSummary {
  const units = [...new Set(input.projects.map((p) => p.unit))];
  return {
    department: input.department, year: input.year, demo: input.demo, moneyUnit: '万元',
    total: row('合计', input.projects),
    units: units.map((u) => row(u, input.projects.filter((p) => p.unit === u))),
    projects: input.projects,
    notEvaluated: input.notEvaluated ?? [],
    unscored: input.projects.flatMap((p) => {
      const indicators = unscoredIndicators(p.evaluation);
      return indicators.length || p.evaluation.errors.length || p.evaluation.total === null
        ? [{ unit: p.unit, project: p.evaluation.project, demo: p.demo, indicators, errors: p.evaluation.errors }] : [];
    }),
  };
}

/** the department's self-evaluation forms as one document (src/report/evaluation-html.ts: a summary page, then a page per project) */
export function departmentForms(input: SummaryInput): Evaluation {
  const projects = input.projects.map((p) => ({ ...p.evaluation, unit: p.evaluation.unit ?? p.unit, department: p.evaluation.department ?? input.department }));
  return { year: input.year, region: null, department: input.department, moneyUnit: '万元', projects, summary: summarizeEvaluations(projects) };
}

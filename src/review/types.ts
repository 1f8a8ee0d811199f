// 审核: what a finance-bureau reviewer looks for in a table, as rules over the model.
import type { Indicator, IndicatorSystem, Project, Severity, TableDocument, Unit } from '../model/index.js';

export type CategoryId = 'arithmetic' | 'form' | 'completeness' | 'measurability' | 'consistency' | 'appropriateness';

export const CATEGORY_LABEL: Readonly<Record<CategoryId, string>> = {
  arithmetic: '勾稽',
  form: '规范性',
  completeness: '完整性',
  measurability: '可衡量',
  consistency: '一致性',
  appropriateness: '适当性',
};

/** One fault found, where it is, why it matters and what to do. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly category: CategoryId;
  /** for the reviewer, in Chinese */
  readonly message: string;
  /** what to do about it, in Chinese */
  readonly suggestion: string;
  /** document path, e.g. units[0].projects[3].indicators[2] */
  readonly path: string;
  readonly line?: number;
  readonly unit?: string;
  readonly project?: string;
}

/** What a rule reports; the engine adds the rule's id, category and (configured) severity. */
export interface Draft {
  readonly message: string;
  readonly suggestion: string;
  readonly path: string;
  readonly line?: number | undefined;
  /** a rule may report below its configured severity (never above) */
  readonly severity?: Severity;
}

export interface ProjectRef {
  readonly unit: Unit;
  readonly unitIndex: number;
  readonly project: Project;
  readonly projectIndex: number;
  readonly path: string;
}

export interface IndicatorRef extends ProjectRef {
  readonly indicator: Indicator;
  readonly indicatorIndex: number;
  readonly indicatorPath: string;
}

export interface RuleContext {
  /** a document whose targets have been read */
  readonly doc: TableDocument;
  readonly projects: readonly ProjectRef[];
  readonly indicators: readonly IndicatorRef[];
  /** the indicator system (code table) the document's indicators are filed in */
  readonly system: IndicatorSystem;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly category: CategoryId;
  /** a short Chinese title, as a reviewer would name the check */
  readonly title: string;
  /** why it matters, one sentence */
  readonly why: string;
  readonly check: (ctx: RuleContext) => Iterable<Draft>;
}

export interface ProjectScore {
  readonly path: string;
  readonly name: string;
  readonly score: number;
  readonly grade: Grade;
}
export interface UnitScore extends ProjectScore {
  readonly projects: readonly ProjectScore[];
}
export type Grade = '优' | '良' | '中' | '差';

export interface ReviewResult {
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly score: number;
  readonly grade: Grade;
  readonly units: readonly UnitScore[];
  /** findings per rule id */
  readonly counts: Readonly<Record<string, number>>;
}

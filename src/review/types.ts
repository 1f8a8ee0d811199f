// 审核: what a finance-bureau reviewer looks for in a table, as rules over the model.
import type { Indicator, IndicatorSystem, Project, Severity, TableDocument, Unit } from '../model/index.js';
import type { Scoring } from './scoring.js';

export type CategoryId = 'arithmetic' | 'form' | 'completeness' | 'measurability' | 'consistency' | 'appropriateness';

export const CATEGORY_LABEL: Readonly<Record<CategoryId, string>> = {
  arithmetic: '勾稽',
  form: '规范性',
  completeness: '完整性',
  measurability: '可衡量',
  consistency: '一致性',
  appropriateness: '适当性',
};

/**
 * The four things 财预〔2015〕88号 asks a reviewer of 绩效目标 to judge; every rule says which of them its
 * findings bear on, and the score is given per dimension.
 */
export type DimensionId = 'completeness' | 'relevance' | 'appropriateness' | 'feasibility';

export const DIMENSION_LABEL: Readonly<Record<DimensionId, string>> = {
  completeness: '完整性',
  relevance: '相关性',
  appropriateness: '适当性',
  feasibility: '可行性',
};

/** what 88号 asks under each dimension, for the reports */
export const DIMENSION_QUESTION: Readonly<Record<DimensionId, string>> = {
  completeness: '绩效目标和指标的内容是否完整，目标是否明确、清晰',
  relevance: '是否设定了与目标相关联的绩效指标，指标是否细化、量化',
  appropriateness: '资金规模与绩效目标是否匹配，目标是否过高或过低',
  feasibility: '目标是否经过合理测算，能否如期实现',
};

export const DIMENSIONS = Object.keys(DIMENSION_LABEL) as readonly DimensionId[];

/** One fault found, where it is, why it matters and what to do. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly category: CategoryId;
  /** the 88号 dimensions the finding costs points in (its rule's) */
  readonly dimensions: readonly DimensionId[];
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
  /** the 88号 dimension(s) its findings bear on: at least one, so a rule without one does not compile */
  readonly dimensions: readonly [DimensionId, ...DimensionId[]];
  /** a short Chinese title, as a reviewer would name the check */
  readonly title: string;
  /** why it matters, one sentence */
  readonly why: string;
  readonly check: (ctx: RuleContext) => Iterable<Draft>;
}

/** Points earned in one dimension, out of its share of the 100. */
export interface DimensionScore {
  readonly id: DimensionId;
  readonly label: string;
  readonly score: number;
  readonly max: number;
}

/** Why a project cannot be monitored; any reason caps its score below 良. */
export type GateCode = 'no-structured-indicators' | 'targets-missing' | 'no-output' | 'no-effect';
export interface GateReason {
  readonly code: GateCode;
  readonly message: string;
}

export interface Scored {
  readonly score: number;
  readonly grade: Grade;
  /** the four dimensions, in DIMENSIONS order; their sum is the score unless a gate capped it */
  readonly dimensions: readonly DimensionScore[];
}
export interface ProjectScore extends Scored {
  readonly path: string;
  readonly name: string;
  /** empty when the project can be monitored; otherwise why not, and the score is at most GATE_CAP */
  readonly gate: readonly GateReason[];
}
export interface UnitScore extends Scored {
  readonly path: string;
  readonly name: string;
  readonly projects: readonly ProjectScore[];
  /** how many of its projects the gate capped */
  readonly gated: number;
}
export type Grade = '优' | '良' | '中' | '差';

export interface ReviewResult extends Scored {
  readonly file: string;
  /** in document order; `orderFindings` gives errors first */
  readonly findings: readonly Finding[];
  readonly units: readonly UnitScore[];
  /** how many projects the gate capped */
  readonly gated: number;
  /** the weights and deductions the score was made with */
  readonly scoring: Scoring;
  /** findings per rule id */
  readonly counts: Readonly<Record<string, number>>;
}

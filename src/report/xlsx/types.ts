// Plain inputs of the XLSX writers: what a published table says, with no store or parser types in the
// way, so a parsed document, a stored one or a filtered set of stored projects are written alike.

/** Amounts in 万元; a source column is null when the row prints nothing there. */
export interface XlsxFunding {
  readonly total: number | null;
  readonly fiscal: number | null;
  readonly specialAccount: number | null;
  readonly other: number | null;
  /** source amounts whose column the source does not state (flowed text): written in 未能归位的金额, never dropped */
  readonly unplaced?: readonly number[];
  /** why they are unplaced (the reader's diagnostic), beside them */
  readonly unplacedNote?: string | null;
}

export interface XlsxCategory {
  readonly code: string | null;
  readonly name: string | null;
}

export interface XlsxIndicator {
  /** the store's indicator id (templates carry it so a filled one can be matched) */
  readonly id?: number;
  readonly seq: number | null;
  readonly level1: XlsxCategory;
  readonly level2: XlsxCategory;
  readonly name: string;
  /** 实施周期指标值 as written */
  readonly period: string;
  /** 年度指标值 as written */
  readonly annual: string;
}

export interface XlsxProject {
  /** the store's project id, when the project is stored (templates carry it so a filled one can be matched) */
  readonly id?: number;
  readonly name: string;
  readonly funding: XlsxFunding;
  readonly goal: string;
  readonly indicators: readonly XlsxIndicator[];
  /** indicator-cell text not in the numbered form, verbatim */
  readonly indicatorsText?: string | null;
}

export interface XlsxUnitRow {
  /** 资金使用单位 */
  readonly name: string;
  readonly funding: XlsxFunding | null;
}

/** One sheet's heading: one published table, or one document's share of a filtered set. */
export interface XlsxSheetMeta {
  /** the table's title as printed (a title is made up from department and year when it has none) */
  readonly title: string | null;
  readonly department: string | null;
  readonly year: number | null;
  /** 合计 */
  readonly total: XlsxFunding | null;
  /** the sheet has amounts without a column: it gets a last column 未能归位的金额 for them */
  readonly unplaced?: boolean;
  /** a short name for the sheet tab; made unique and cut to Excel's 31 characters */
  readonly sheetName?: string;
}

export type TableLayoutId = 'table' | 'indicators';
export const TABLE_LAYOUTS: readonly TableLayoutId[] = ['table', 'indicators'];
export const TABLE_LAYOUT_LABEL: Readonly<Record<TableLayoutId, string>> = {
  table: '公开表式（每个项目一行）',
  indicators: '指标明细（每个指标一行）',
};

/** What a fill-in template is made from: a unit's published projects with their indicators and targets. */
export interface TemplateInput {
  /** 资金使用单位 */
  readonly unit: string;
  readonly department: string | null;
  readonly year: number | null;
  readonly projects: readonly XlsxProject[];
}

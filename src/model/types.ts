// The typed form of one 项目支出绩效目标表 (project expenditure performance target table).
// Field names follow ../shared/spec/table.schema.json; everything here is readonly because a parsed
// document is a record of what was published, not a working copy.

export type Layout = 'tabular-text' | 'flowed-text' | 'pdf' | 'xlsx';
export type Severity = 'error' | 'warning' | 'info';

/** The three source columns of a funding row, in the order the table prints them. */
export type SourceColumn = 'fiscal' | 'specialAccount' | 'other';
export const SOURCE_COLUMNS: readonly SourceColumn[] = ['fiscal', 'specialAccount', 'other'];
export const SOURCE_COLUMN_LABEL: Readonly<Record<SourceColumn, string>> = {
  fiscal: '财政拨款',
  specialAccount: '财政专户拨款',
  other: '其他资金',
};

/**
 * Where something was read on a PDF page: PDF points, origin top-left of the page, page 1-based. For PDF
 * input this replaces `line` (a PDF has no lines to count).
 */
export interface Box {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Where something was read in a workbook: the cell address as a spreadsheet names it, `Sheet1!C14`
 * (a CSV file has no sheets: `C14`). For workbook input this replaces `line`.
 */
export type CellAddress = string;

/** What a spreadsheet column holds, decided from its header text (and changeable in the import preview). */
export type ColumnRole =
  | 'name' | 'total' | 'fiscal' | 'specialAccount' | 'other' | 'fiscalGeneral' | 'fiscalFund' | 'fiscalCapital'
  | 'goal' | 'indicators' | 'level1' | 'level2' | 'indicatorName' | 'period' | 'annual' | 'seq'
  /** source amounts whose column the table does not state, listed as such (the XLSX export's 未能归位的金额) */
  | 'unplaced';
export const COLUMN_ROLES: readonly ColumnRole[] = [
  'name', 'total', 'fiscal', 'specialAccount', 'other', 'fiscalGeneral', 'fiscalFund', 'fiscalCapital',
  'goal', 'indicators', 'level1', 'level2', 'indicatorName', 'period', 'annual', 'seq', 'unplaced',
];
export const COLUMN_ROLE_LABEL: Readonly<Record<ColumnRole, string>> = {
  name: '项目名称', total: '总计', fiscal: '财政拨款', specialAccount: '财政专户拨款', other: '其他资金',
  fiscalGeneral: '一般公共预算', fiscalFund: '政府性基金预算', fiscalCapital: '国有资本经营预算',
  goal: '绩效目标', indicators: '绩效指标', level1: '一级指标', level2: '二级指标', indicatorName: '三级指标',
  period: '实施周期指标值', annual: '年度指标值', seq: '序号', unplaced: '未能归位的金额',
};

/** One column of a sheet's table: its letter, its header text as printed and what it was read as. */
export interface SheetColumn {
  readonly column: string;
  readonly header: string;
  /** null: not read (a column the header does not name, or one set to 不读取) */
  readonly role: ColumnRole | null;
  /** the role was given by the user, not read from the header */
  readonly chosen?: boolean;
}

/** A sheet of a workbook (or the one table of a CSV file) and how it was read. */
export interface SheetInfo {
  readonly name: string;
  /** the sheet holds a target table and was read */
  readonly read: boolean;
  /** why a sheet was not read */
  readonly skipped?: string;
  /** 1-based rows of the column header: [first, last] */
  readonly headerRows?: readonly number[];
  readonly layout?: 'project-rows' | 'indicator-rows';
  /** the amounts' unit as the sheet states it; 元 is converted to 万元 */
  readonly amountUnit?: '万元' | '元';
  readonly columns?: readonly SheetColumn[];
}

export interface SourceInfo {
  /** the input file's base name */
  readonly file: string;
  readonly sha256: string;
  readonly layout: Layout;
  readonly bytes: number;
  readonly lines: number;
  /** the text encoding the bytes were decoded with; `binary` for a PDF */
  readonly encoding: 'utf-8' | 'gb18030' | 'binary';
  /** PDF: the number of pages */
  readonly pages?: number;
  /** PDF: the 1-based pages the table was read from */
  readonly pagesRead?: readonly number[];
  /** workbook or CSV: each sheet, whether it was read and its column mapping */
  readonly sheets?: readonly SheetInfo[];
}

/** 财政拨款 split by budget (tables that print 一般公共预算 / 政府性基金预算 / 国有资本经营预算) */
export interface FiscalParts {
  readonly general: number | null;
  readonly governmentFund: number | null;
  readonly stateCapital: number | null;
}

/** Amounts in the table's currency unit (万元), at most two decimals. */
export interface Funding {
  /** 总计 */
  readonly total: number;
  /** 财政拨款; null when empty or unknown */
  readonly fiscal: number | null;
  /** 财政专户拨款 */
  readonly specialAccount: number | null;
  /** 其他资金 */
  readonly other: number | null;
  /** 财政拨款 split by budget, where the table prints the split */
  readonly fiscalParts?: FiscalParts;
  /** source amounts whose column neither the input nor the table's sums reveal; each has a diagnostic */
  readonly unplaced: readonly number[];
  /** the amounts exactly as printed, in print order (total first) */
  readonly printed: readonly string[];
  /** 1-based line of the row's amounts */
  readonly line?: number;
  readonly box?: Box;
  readonly cell?: CellAddress;
}

export interface Category {
  readonly code: string | null;
  readonly name: string | null;
}

// A 指标值 (target value): `raw` is always the text as written; the rest is read from it by src/targets.
export type TargetKind = 'numeric' | 'range' | 'deadline' | 'qualitative' | 'compound' | 'empty' | 'unparsed';

/**
 * Comparison. Chinese legal usage counts 以上/以下/以内/不少于/不低于/不超过/不高于 as including the
 * number (>= / <=); 超过/高于/大于/多于 and 少于/低于/小于/不足 as excluding it (> / <). 约/左右/余 are ≈.
 */
export type TargetOp = '>=' | '>' | '<=' | '<' | '=' | '≈';

/** The same quantity in a base unit, where one exists: 1.85万人 → 18500 人, 15万 → 150000, ＞ → > . */
export interface Normalized {
  readonly value: number;
  readonly unit: string;
}

export interface Target {
  /** the value exactly as written, line breaks removed */
  readonly raw: string;
  /** absent until the target has been read (src/targets); the ingest stage only finds the text */
  readonly kind?: TargetKind;
  /** numeric: the comparison; deadline: '<' for 前/之前, '<=' for 以前/底前/以内 */
  readonly op?: TargetOp;
  /** numeric: the number as written (in `unit`) */
  readonly value?: number;
  /** range: the bounds as written */
  readonly min?: number;
  readonly max?: number;
  /** the unit as written, half-width (`%`, `人次`, `万人`, `元/人.天`, `Gbps`); '' when none */
  readonly unit?: string;
  /** numeric and range: the value(s) in a base unit, when the unit has one */
  readonly normalized?: Normalized;
  /** what is measured, when the value names it: 完成率100% → 完成率; 1+X证书数量≥32个 → 1+X证书数量 */
  readonly subject?: string;
  /** a per-period rate written as a prefix: 每年不少于2次 → 年 (a suffix like 次/年 stays in the unit) */
  readonly per?: string;
  /** text after the quantity that qualifies it: 100%依照合同期限完成竣工验收 → 依照合同期限完成竣工验收 */
  readonly note?: string;
  /** deadline: the date the target must be met by */
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
  /** compound: the conditions, in order; `joiner` says whether all must hold or any one */
  readonly parts?: readonly Target[];
  readonly joiner?: 'and' | 'or';
}

/** A target after src/targets has read it. */
export type ParsedTarget = Target & { readonly kind: TargetKind; readonly parts?: readonly ParsedTarget[] };

export interface Indicator {
  /** the number before 、 in the source */
  readonly seq: number | null;
  /** 一级指标, e.g. {code:'1', name:'产出指标'} */
  readonly level1: Category;
  /** 二级指标, e.g. {code:'11', name:'数量指标'} */
  readonly level2: Category;
  /** 三级指标 */
  readonly name: string;
  /** 实施周期指标值 */
  readonly period: Target;
  /** 年度指标值 */
  readonly annual: Target;
  /** the indicator's whole source text, line breaks removed */
  readonly text: string;
  readonly line?: number;
  readonly box?: Box;
  readonly cell?: CellAddress;
}

export interface Project {
  /** 项目名称 with the source's line breaks removed */
  readonly name: string;
  readonly funding: Funding;
  /** 绩效目标, line breaks removed */
  readonly goal: string;
  readonly indicators: readonly Indicator[];
  /** indicator-cell text that is not in the numbered form (e.g. free prose), kept verbatim */
  readonly indicatorsText?: string;
  readonly line?: number;
  readonly box?: Box;
  readonly cell?: CellAddress;
}

export interface Unit {
  /** 资金使用单位 */
  readonly name: string;
  readonly funding: Funding | null;
  readonly projects: readonly Project[];
  readonly line?: number;
  readonly box?: Box;
  readonly cell?: CellAddress;
}

/** Content that belongs to no project; never merged into a neighbour. */
export interface Orphan {
  readonly text: string;
  readonly indicators: readonly Indicator[];
  readonly line?: number;
  readonly box?: Box;
  readonly cell?: CellAddress;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** stable machine-readable id, e.g. sum-mismatch */
  readonly code: string;
  /** for a finance clerk, in Chinese */
  readonly message: string;
  readonly line?: number;
  readonly box?: Box;
  readonly cell?: CellAddress;
  /** where in the document, e.g. units[0].projects[3].indicators[2] */
  readonly path?: string;
}

export interface TableDocument {
  readonly source: SourceInfo;
  readonly title: string | null;
  readonly year: number | null;
  readonly department: string | null;
  readonly currencyUnit: string | null;
  /** the 合计 row, null when the document has none */
  readonly total: Funding | null;
  readonly units: readonly Unit[];
  readonly orphans: readonly Orphan[];
  readonly diagnostics: readonly Diagnostic[];
}

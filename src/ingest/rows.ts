// What a layout reader hands to the builder: the table's rows in document order, each cell still as
// source text with its lines. The readers decide only what their layout reveals; reading indicators,
// placing amounts and checking sums is common work done once in build.ts.
import type { Diagnostic, Layout } from '../model/index.js';
import type { Cents } from './amounts.js';
import type { HeaderMeta } from './text/lines.js';
import type { Span } from './span.js';

export interface RowAmounts {
  /** the amounts as printed, in print order */
  readonly printed: readonly string[];
  readonly line: number | undefined;
  /** tabular: [总计, 财政拨款, 财政专户拨款, 其他资金], null for an empty cell */
  readonly columns?: readonly [Cents | null, Cents | null, Cents | null, Cents | null];
  /** flowed: 总计 first, then the source amounts in print order, their columns unknown */
  readonly values?: readonly Cents[];
  /** tabular: source amounts the table lists without a column (a 未能归位的金额 cell) */
  readonly unplaced?: readonly Cents[];
  /** PDF tables that split 财政拨款: [一般公共预算, 政府性基金预算, 国有资本经营预算] */
  readonly fiscalParts?: readonly [Cents | null, Cents | null, Cents | null];
}

/** One indicator of a table that gives each indicator a row of its own, its fields in their own cells. */
export interface RawIndicatorCells {
  readonly seq: number | null;
  /** 一级指标 / 二级指标 as written: `1-产出指标`, `产出指标` or `1` */
  readonly level1: string;
  readonly level2: string;
  readonly name: string;
  readonly period: string;
  readonly annual: string;
  readonly line: number | undefined;
}

export type RowKind = 'total' | 'unit' | 'project';

export interface RawRow {
  kind: RowKind;
  name: Span;
  amounts: RowAmounts | null;
  goal: Span;
  indicators: Span;
  /** a table with a row per indicator: the project's indicators, field by field (then `indicators` is empty) */
  indicatorCells?: RawIndicatorCells[];
  /** the row's first source line */
  line: number | undefined;
  /** about this row; the builder adds the document path */
  diagnostics: Diagnostic[];
}

export interface RawOrphan {
  readonly text: Span;
  readonly indicators: Span;
  readonly line: number | undefined;
}

export interface RawDocument {
  readonly layout: Layout;
  readonly meta: HeaderMeta;
  readonly rows: readonly RawRow[];
  readonly orphans: readonly RawOrphan[];
  readonly diagnostics: readonly Diagnostic[];
  readonly lineCount: number;
}

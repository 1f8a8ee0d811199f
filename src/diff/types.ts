// What changed between two publications of the same unit. `a` is the first document given (usually the
// earlier or the unit's own), `b` the second. Everything is readonly: a diff is a record, not a patch.
//
// What counts as a change: texts compared after removing whitespace (and, by default, with full-width
// digits, letters and ％＜＞＝＋－．／ folded to half-width, so `100％` and `100%` are the same text); amounts
// compared in cents. Nothing
// else — line numbers, the source file, `1,210.58` printed as `1210.58`, an amount whose column one layout
// does not say — is a change.

import type { Layout, SourceColumn } from '../model/index.js';

export type SegmentOp = 'equal' | 'insert' | 'delete';

/** One run of words: kept, inserted in b, or deleted from a. */
export interface TextSegment {
  readonly op: SegmentOp;
  readonly text: string;
}

/** One contiguous change with just enough surrounding words to read it: `满意率` → `满意度`. */
export interface TextHunk {
  readonly a: string;
  readonly b: string;
}

export interface TextChange {
  /** the texts as published (line breaks already removed by the reader) */
  readonly a: string;
  readonly b: string;
  /** word-level, over the texts with whitespace removed; equal runs carry b's spelling */
  readonly segments: readonly TextSegment[];
  readonly hunks: readonly TextHunk[];
  /** the hunks as `a → b`, joined by `；` */
  readonly summary: string;
}

export interface AmountChange {
  /** which amount: the total or a source column */
  readonly field: 'total' | SourceColumn;
  /** 万元; null when the cell is empty */
  readonly a: number | null;
  readonly b: number | null;
  /** b − a in 万元 (rounded to the cent); null when either side is empty */
  readonly difference: number | null;
}

export interface FundingDiff {
  readonly changed: boolean;
  /** differing amounts: the total, then each differing source column */
  readonly amounts: readonly AmountChange[];
  /** the amounts left unplaced on each side, when they make a difference */
  readonly unplaced: { readonly a: readonly number[]; readonly b: readonly number[] } | null;
  /**
   * The columns are printed differently but agree: one side leaves a source amount unplaced (its layout
   * does not say the column) and the other places it, and some placement makes both the same. Not a change.
   */
  readonly columnsReconciled: boolean;
}

export interface IndicatorRef {
  /** 0-based position in the project's indicator list */
  readonly index: number;
  readonly seq: number | null;
  readonly level1: string | null;
  readonly level2: string | null;
  readonly name: string;
  readonly period: string;
  readonly annual: string;
  readonly line: number | null;
}

export interface CodeChange {
  readonly a: string | null;
  readonly b: string | null;
}

export type IndicatorStatus = 'changed' | 'added' | 'removed';

export interface IndicatorDiff {
  readonly status: IndicatorStatus;
  readonly a: IndicatorRef | null;
  readonly b: IndicatorRef | null;
  /** how the pair was found: same (level-1 code, level-2 code, name key), or position and name similarity */
  readonly matchedBy: 'key' | 'similarity' | null;
  /** for `changed`: what differs; null fields are unchanged */
  readonly name: TextChange | null;
  readonly level1: CodeChange | null;
  readonly level2: CodeChange | null;
  readonly period: TextChange | null;
  readonly annual: TextChange | null;
}

export interface ProjectRef {
  /** 0-based position in the unit's project list */
  readonly index: number;
  readonly name: string;
  readonly total: number;
  readonly indicators: number;
  readonly line: number | null;
}

export type ProjectStatus = 'same' | 'changed' | 'added' | 'removed';

export interface ProjectDiff {
  readonly status: ProjectStatus;
  /** b's name when the project is in b, else a's */
  readonly name: string;
  readonly a: ProjectRef | null;
  readonly b: ProjectRef | null;
  /** how the pair was found: same name without whitespace, or name similarity (bigram Dice ≥ 0.6) */
  readonly matchedBy: 'name' | 'similarity' | null;
  /** the rest describe a matched pair; null / empty when unchanged or unmatched */
  readonly nameChange: TextChange | null;
  readonly funding: FundingDiff | null;
  readonly goal: TextChange | null;
  /** indicator-cell prose not in the numbered form */
  readonly indicatorsText: TextChange | null;
  /** changed, added and removed indicators, in b's order with removed ones where they stood in a */
  readonly indicators: readonly IndicatorDiff[];
  /** matched indicators that did not change */
  readonly indicatorsSame: number;
}

export interface Counts {
  readonly same: number;
  readonly changed: number;
  readonly added: number;
  readonly removed: number;
}

export interface UnitDiff {
  readonly name: string;
  readonly lineA: number | null;
  readonly lineB: number | null;
  /** the unit row's own amounts; null when either side has no unit row amounts */
  readonly funding: FundingDiff | null;
  /** every project of the unit, matched or not, in b's order with removed ones where they stood in a */
  readonly projects: readonly ProjectDiff[];
  readonly counts: Counts;
}

export interface DocumentRef {
  readonly file: string;
  readonly sha256: string;
  readonly layout: Layout;
  readonly department: string | null;
  readonly year: number | null;
  readonly units: readonly string[];
}

export interface DocumentDiff {
  readonly a: DocumentRef;
  readonly b: DocumentRef;
  /** how units were chosen: all units matched by name, one named unit, or a one-unit document's unit */
  readonly scope: 'all' | 'unit';
  readonly units: readonly UnitDiff[];
  /** with scope `all`: unit names found in only one document (their projects are not compared) */
  readonly unitsOnlyInA: readonly string[];
  readonly unitsOnlyInB: readonly string[];
  /** project counts over all compared units */
  readonly projects: Counts;
  /** indicator counts over matched projects */
  readonly indicators: Counts;
  /** things the reader should know that are not changes (e.g. columns reconciled) */
  readonly notes: readonly string[];
}

export interface DiffOptions {
  /** compare only this unit (matched by name without whitespace) */
  readonly unit?: string;
  /** fold full-width digits, letters and ％＜＞＝＋－．／ to half-width before comparing texts; default true */
  readonly foldWidth?: boolean;
}

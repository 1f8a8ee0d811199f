// Two versions of a plan compared with the word-level diff of published tables (src/diff): texts word by
// word, amounts in cents, indicators matched by level codes and name then by similarity. Used for the
// history's 版本比较 and to show a writer what the other person changed when a save is refused (409).
import { diffDocuments, diffText, type FundingDiff, type IndicatorDiff, type TextChange } from '../diff/index.js';
import { readTargets } from '../targets/index.js';
import { ATTRIBUTE_LABEL, planDocument, type PlanContent } from './content.js';

export interface ValueChange {
  readonly a: string;
  readonly b: string;
}

export interface PlanDiff {
  readonly changed: boolean;
  readonly name: TextChange | null;
  readonly funding: FundingDiff | null;
  readonly goal: TextChange | null;
  /** changed, added and removed indicators (b's order, removed ones where they stood in a) */
  readonly indicators: readonly IndicatorDiff[];
  readonly indicatorsSame: number;
  readonly attribute: ValueChange | null;
  readonly period: ValueChange | null;
  readonly notes: TextChange | null;
  readonly indicatorsText: TextChange | null;
}

const periodText = (c: PlanContent): string => `${c.startYear ?? '?'}–${c.endYear ?? '?'}年`;

export function comparePlans(a: PlanContent, b: PlanContent): PlanDiff {
  // the same project name on both sides, so the projects always pair; the name is compared on its own
  const doc = (c: PlanContent) => readTargets(planDocument({ ...c, name: '计划' }, '单位', null));
  const unit = diffDocuments(doc(a), doc(b)).units[0];
  const p = unit?.projects[0];
  const name = diffText(a.name, b.name);
  const attribute = a.attribute === b.attribute ? null : { a: ATTRIBUTE_LABEL[a.attribute], b: ATTRIBUTE_LABEL[b.attribute] };
  const period = periodText(a) === periodText(b) ? null : { a: periodText(a), b: periodText(b) };
  const notes = diffText(a.notes, b.notes);
  const funding = p?.funding?.changed ? p.funding : null;
  const indicators = p?.indicators ?? [];
  const goal = p?.goal ?? null;
  const indicatorsText = p?.indicatorsText ?? null;
  return {
    changed: Boolean(name || funding || goal || indicators.length || attribute || period || notes || indicatorsText),
    name, funding, goal, indicators, indicatorsSame: p?.indicatorsSame ?? 0, attribute, period, notes, indicatorsText,
  };
}

// A DocumentDiff flattened to one line per change: what a reader (or a test) checks first.
import { SOURCE_COLUMN_LABEL } from '../model/index.js';
import type { AmountChange, DocumentDiff, IndicatorDiff, IndicatorRef } from './types.js';

export type ChangeKind =
  | 'unit-funding'
  | 'project-added'
  | 'project-removed'
  | 'project-name'
  | 'funding'
  | 'goal'
  | 'indicators-text'
  | 'indicator-added'
  | 'indicator-removed'
  | 'indicator-name'
  | 'indicator-level1'
  | 'indicator-level2'
  | 'indicator-period'
  | 'indicator-annual';

export interface ChangeLine {
  readonly unit: string;
  /** the project's name (b's when in b); '' for the unit row */
  readonly project: string;
  readonly kind: ChangeKind;
  /** for indicator changes: the indicator's number in b (a's when removed), else null */
  readonly indicator: number | null;
  /** `a → b` for texts and codes; `a → b（±d）` for amounts; the name for an added/removed item */
  readonly summary: string;
}

const fmt = (x: number | null): string => (x === null ? '（空）' : x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export function amountSummary(c: AmountChange): string {
  const label = c.field === 'total' ? '总计' : SOURCE_COLUMN_LABEL[c.field];
  const d = c.difference === null ? '' : `（${c.difference >= 0 ? '+' : '−'}${fmt(Math.abs(c.difference))}）`;
  return `${label} ${fmt(c.a)} → ${fmt(c.b)}${d}`;
}

function indicatorNumber(r: IndicatorRef): number {
  return r.seq ?? r.index + 1;
}

function indicatorLines(unit: string, project: string, d: IndicatorDiff): ChangeLine[] {
  const at = (kind: ChangeKind, summary: string): ChangeLine => ({ unit, project, kind, indicator: indicatorNumber((d.b ?? d.a)!), summary });
  if (d.status === 'added') return [at('indicator-added', d.b!.name)];
  if (d.status === 'removed') return [at('indicator-removed', d.a!.name)];
  const out: ChangeLine[] = [];
  if (d.name) out.push(at('indicator-name', d.name.summary));
  if (d.level1) out.push(at('indicator-level1', `${d.level1.a ?? '（空）'} → ${d.level1.b ?? '（空）'}`));
  if (d.level2) out.push(at('indicator-level2', `${d.level2.a ?? '（空）'} → ${d.level2.b ?? '（空）'}`));
  if (d.period) out.push(at('indicator-period', d.period.summary));
  if (d.annual) out.push(at('indicator-annual', d.annual.summary));
  return out;
}

export function listChanges(diff: DocumentDiff): ChangeLine[] {
  const out: ChangeLine[] = [];
  for (const u of diff.units) {
    const line = (project: string, kind: ChangeKind, summary: string): ChangeLine => ({ unit: u.name, project, kind, indicator: null, summary });
    if (u.funding?.changed) {
      for (const a of u.funding.amounts) out.push(line('', 'unit-funding', amountSummary(a)));
      if (u.funding.unplaced) out.push(line('', 'unit-funding', `未归列 ${u.funding.unplaced.a.map(fmt).join(' ') || '（无）'} → ${u.funding.unplaced.b.map(fmt).join(' ') || '（无）'}`));
    }
    for (const p of u.projects) {
      if (p.status === 'added') out.push(line(p.name, 'project-added', p.name));
      if (p.status === 'removed') out.push(line(p.name, 'project-removed', p.name));
      if (p.status !== 'changed') continue;
      if (p.nameChange) out.push(line(p.name, 'project-name', p.nameChange.summary));
      if (p.funding?.changed) {
        for (const a of p.funding.amounts) out.push(line(p.name, 'funding', amountSummary(a)));
        if (p.funding.unplaced) out.push(line(p.name, 'funding', `未归列 ${p.funding.unplaced.a.map(fmt).join(' ') || '（无）'} → ${p.funding.unplaced.b.map(fmt).join(' ') || '（无）'}`));
      }
      if (p.goal) out.push(line(p.name, 'goal', p.goal.summary));
      if (p.indicatorsText) out.push(line(p.name, 'indicators-text', p.indicatorsText.summary));
      for (const d of p.indicators) out.push(...indicatorLines(u.name, p.name, d));
    }
  }
  return out;
}

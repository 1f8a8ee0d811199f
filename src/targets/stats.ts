// What a set of tables holds, indicator by indicator: the category mix, how many targets are
// quantified, which indicators recur (grouped by name key) and with which targets, and which target
// strings could not be read.
import type { Indicator, TableDocument, TargetKind } from '../model/index.js';
import { LEVEL1, LEVEL2 } from '../model/index.js';
import { formatTarget } from './format.js';
import { nameKey } from './names.js';
import { parseTarget } from './parse.js';

export interface Stats {
  readonly documents: number;
  readonly projects: number;
  /** every indicator read, orphans included */
  readonly indicators: number;
  /** of which in content that belongs to no project (the web app and the store's lists count projects' only) */
  readonly orphanIndicators: number;
  readonly byLevel1: readonly { code: string | null; name: string | null; count: number }[];
  readonly byLevel2: readonly { code: string | null; name: string | null; count: number }[];
  /** every period and annual value */
  readonly targets: { readonly total: number; readonly byKind: Readonly<Record<TargetKind, number>>; readonly readShare: number };
  /** indicators whose annual value (or period value, when the annual one is empty) is a number or a range */
  readonly numericShare: number;
  readonly topNames: readonly { key: string; name: string; count: number; spellings: number; usualTargets: readonly { target: string; count: number }[] }[];
  readonly unparsed: readonly { raw: string; count: number; where: string }[];
}

const KINDS: readonly TargetKind[] = ['numeric', 'range', 'deadline', 'compound', 'qualitative', 'empty', 'unparsed'];

export function computeStats(docs: readonly TableDocument[], top = 20): Stats {
  const inds: { i: Indicator; where: string }[] = [];
  let projects = 0;
  let orphanIndicators = 0;
  for (const d of docs) {
    orphanIndicators += d.orphans.reduce((a, o) => a + o.indicators.length, 0);
    for (const u of d.units) for (const p of u.projects) { projects++; for (const i of p.indicators) inds.push({ i, where: `${d.source.file}:${i.line ?? ''}` }); }
    for (const o of d.orphans) for (const i of o.indicators) inds.push({ i, where: `${d.source.file}:${i.line ?? ''}` });
  }
  const count = <K>(keys: K[], key: (k: K) => string) => {
    const m = new Map<string, { k: K; n: number }>();
    for (const k of keys) { const s = key(k); const e = m.get(s); if (e) e.n++; else m.set(s, { k, n: 1 }); }
    return [...m.values()].sort((a, b) => b.n - a.n);
  };
  const byLevel1 = count(inds.map(({ i }) => i.level1.code), (c) => c ?? '').map(({ k, n }) => ({ code: k, name: k ? LEVEL1[k] ?? null : null, count: n }));
  const byLevel2 = count(inds.map(({ i }) => i.level2.code), (c) => c ?? '').map(({ k, n }) => ({ code: k, name: k ? LEVEL2[k] ?? null : null, count: n }));

  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<TargetKind, number>;
  const unparsed = new Map<string, { count: number; where: string }>();
  let numeric = 0;
  for (const { i, where } of inds) {
    const period = i.period.kind ? i.period : parseTarget(i.period.raw);
    const annual = i.annual.kind ? i.annual : parseTarget(i.annual.raw);
    for (const t of [period, annual]) {
      byKind[t.kind ?? 'unparsed']++;
      if (t.kind === 'unparsed') {
        const e = unparsed.get(t.raw);
        if (e) e.count++; else unparsed.set(t.raw, { count: 1, where });
      }
    }
    const main = annual.kind === 'empty' ? period : annual;
    if (main.kind === 'numeric' || main.kind === 'range') numeric++;
  }
  const total = inds.length * 2;

  const groups = new Map<string, { names: Map<string, number>; targets: Map<string, number>; count: number }>();
  for (const { i } of inds) {
    const key = nameKey(i.name);
    if (!key) continue;
    const g = groups.get(key) ?? { names: new Map(), targets: new Map(), count: 0 };
    g.count++;
    g.names.set(i.name, (g.names.get(i.name) ?? 0) + 1);
    const t = i.annual.kind ? i.annual : parseTarget(i.annual.raw);
    const shown = t.kind === 'qualitative' || t.kind === 'unparsed' ? t.raw : formatTarget(t);
    g.targets.set(shown, (g.targets.get(shown) ?? 0) + 1);
    groups.set(key, g);
  }
  const topNames = [...groups.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, top).map(([key, g]) => ({
    key,
    name: [...g.names.entries()].sort((a, b) => b[1] - a[1])[0]![0],
    count: g.count,
    spellings: g.names.size,
    usualTargets: [...g.targets.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([target, n]) => ({ target, count: n })),
  }));

  return {
    documents: docs.length,
    projects,
    indicators: inds.length,
    orphanIndicators,
    byLevel1,
    byLevel2,
    targets: { total, byKind, readShare: total ? (total - byKind.unparsed) / total : 1 },
    numericShare: inds.length ? numeric / inds.length : 0,
    topNames,
    unparsed: [...unparsed.entries()].sort((a, b) => b[1].count - a[1].count).map(([raw, e]) => ({ raw, ...e })),
  };
}

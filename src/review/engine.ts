// Runs the registered rules over a document and scores the result.
import type { Severity, TableDocument } from '../model/index.js';
import { DEFAULT_CONFIG, effectiveSeverity, type ReviewConfig } from './config.js';
import { contextOf } from './context.js';
import { RULES } from './rules/index.js';
import { scoreDocument } from './score.js';
import { DEFAULT_SCORING } from './scoring.js';
import type { Finding, ReviewResult, Rule } from './types.js';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const lower = (a: Severity, b: Severity): Severity => (RANK[a] <= RANK[b] ? a : b);

export function review(doc: TableDocument, config: ReviewConfig = DEFAULT_CONFIG, rules: readonly Rule[] = RULES): ReviewResult {
  const ctx = contextOf(doc);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const severity = effectiveSeverity(config, rule.id, rule.severity);
    if (severity === null) continue;
    for (const d of rule.check(ctx)) {
      const where = locate(ctx.doc, d.path);
      findings.push({
        rule: rule.id,
        severity: d.severity ? lower(d.severity, severity) : severity,
        category: rule.category,
        dimensions: rule.dimensions,
        message: d.message,
        suggestion: d.suggestion,
        path: d.path,
        ...(d.line !== undefined ? { line: d.line } : {}),
        ...where,
      });
    }
  }
  // decorate once: comparing paths by regex inside the sort was the engine's main cost
  const keyed = findings.map((f) => ({ f, key: pathKey(f.path) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || RANK[b.f.severity] - RANK[a.f.severity] || (a.f.rule < b.f.rule ? -1 : a.f.rule > b.f.rule ? 1 : 0));
  // element by element: spreading hundreds of thousands of findings into splice overflows the stack
  keyed.forEach((k, i) => { findings[i] = k.f; });
  const counts: Record<string, number> = {};
  for (const r of rules) counts[r.id] = 0;
  for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  const scoring = config.scoring ?? DEFAULT_SCORING;
  return { file: doc.source.file, findings, counts, scoring, ...scoreDocument(ctx.doc, findings, scoring) };
}

function locate(doc: TableDocument, path: string): { unit?: string; project?: string } {
  const m = /^units\[(\d+)\](?:\.projects\[(\d+)\])?/.exec(path);
  if (!m) return {};
  const unit = doc.units[Number(m[1])];
  const project = m[2] !== undefined ? unit?.projects[Number(m[2])] : undefined;
  return { ...(unit ? { unit: unit.name } : {}), ...(project ? { project: project.name } : {}) };
}

/** A path's position in document order: the 合计 row first, then units[1] before units[10], a project before its indicators. */
function pathKey(path: string): number[] {
  return [path.startsWith('total') ? 0 : 1, ...(path.match(/\d+/g)?.map(Number) ?? [])];
}

function compareKeys(na: readonly number[], nb: readonly number[]): number {
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    if (na[i] === undefined) return -1;
    if (nb[i] === undefined) return 1;
    if (na[i] !== nb[i]) return na[i]! - nb[i]!;
  }
  return 0;
}

/** Document order of two paths. */
export function comparePaths(a: string, b: string): number {
  return compareKeys(pathKey(a), pathKey(b));
}

/** How findings are listed: errors first (then warnings, info), or as they stand in the table. */
export type FindingOrder = 'severity' | 'document';
export const FINDING_ORDERS: readonly FindingOrder[] = ['severity', 'document'];

/**
 * Findings in the order asked for. `findings` must be in document order (as `review` returns them);
 * 'severity' keeps that order within a severity (the sort is stable).
 */
export function orderFindings<F extends { readonly severity: Severity }>(findings: readonly F[], order: FindingOrder): F[] {
  return order === 'document' ? [...findings] : [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}

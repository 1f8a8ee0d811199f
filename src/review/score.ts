// The quality score (0–100). Every finding costs its project points by severity: error 15, warning 5,
// info 1; one rule counts at most three times per project, so a single systematic fault cannot empty
// the score. A unit scores the amount-weighted mean of its projects, less its own findings (e.g. a
// total that does not add up); the table the amount-weighted mean of its units, less the 合计 row's.
// Grades as in 绩效自评: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60.
import type { TableDocument } from '../model/index.js';
import type { Finding, Grade, ProjectScore, UnitScore } from './types.js';

export const PENALTY = { error: 15, warning: 5, info: 1 } as const;
export const MAX_PER_RULE = 3;

export function grade(score: number): Grade {
  return score >= 90 ? '优' : score >= 80 ? '良' : score >= 60 ? '中' : '差';
}

function penalty(findings: readonly Finding[]): number {
  const perRule = new Map<string, number>();
  let total = 0;
  for (const f of findings) {
    const n = (perRule.get(f.rule) ?? 0) + 1;
    perRule.set(f.rule, n);
    if (n <= MAX_PER_RULE) total += PENALTY[f.severity];
  }
  return total;
}

const clamp = (x: number): number => Math.max(0, Math.min(100, Math.round(x * 10) / 10));

function weighted(items: readonly { score: number; weight: number }[]): number {
  if (items.length === 0) return 100;
  const w = items.reduce((s, i) => s + i.weight, 0);
  return w > 0 ? items.reduce((s, i) => s + i.score * i.weight, 0) / w : items.reduce((s, i) => s + i.score, 0) / items.length;
}

export function scoreDocument(doc: TableDocument, findings: readonly Finding[]): { score: number; grade: Grade; units: UnitScore[] } {
  // findings by the project they concern, gathered once (filtering per project was quadratic)
  const byProject = new Map<string, Finding[]>();
  for (const f of findings) {
    const m = /^units\[\d+\]\.projects\[\d+\]/.exec(f.path);
    if (m) byProject.set(m[0], [...(byProject.get(m[0]) ?? []), f]);
  }
  const under = (path: string): Finding[] => byProject.get(path) ?? [];
  const units: UnitScore[] = doc.units.map((u, ui) => {
    const upath = `units[${ui}]`;
    const projects: ProjectScore[] = u.projects.map((p, pi) => {
      const path = `${upath}.projects[${pi}]`;
      const score = clamp(100 - penalty(under(path)));
      return { path, name: p.name, score, grade: grade(score) };
    });
    const own = findings.filter((f) => f.path === upath || (f.path.startsWith(`${upath}.`) && !f.path.startsWith(`${upath}.projects[`)));
    const score = clamp(weighted(projects.map((p, pi) => ({ score: p.score, weight: u.projects[pi]!.funding.total }))) - penalty(own));
    return { path: upath, name: u.name, score, grade: grade(score), projects };
  });
  const own = findings.filter((f) => !f.path.startsWith('units['));
  const score = clamp(weighted(units.map((u, ui) => ({ score: u.score, weight: doc.units[ui]!.funding?.total ?? doc.units[ui]!.projects.reduce((s, p) => s + p.funding.total, 0) }))) - penalty(own));
  return { score, grade: grade(score), units };
}

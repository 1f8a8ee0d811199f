// The review score (0–100), by the four dimensions 财预〔2015〕88号 asks a reviewer to judge. Each dimension
// holds its share of the points (scoring.ts: 完整性 30, 相关性 30, 适当性 20, 可行性 20 by default); a
// finding costs a fixed share of the dimension(s) its rule bears on (error ½, warning ⅕, info 1⁄20), one
// rule counting at most three times per project and dimension, a dimension never below 0. A project's
// score is the sum of its dimensions, capped at 79.9 (中) when it cannot be monitored (gate.ts).
//
// A unit scores the amount-weighted mean (by 总计) of its projects, dimension by dimension and in total,
// less its own findings (e.g. a unit row that is not the sum of its projects); the table the
// amount-weighted mean of its units less the 合计 row's findings. Weighting by amount because a review
// asks where the money is: a 5万元 project with no indicators matters less than a 5,000万元 one. The
// total of a unit or table is the mean of its projects' (capped) totals, so the gate shows in it while
// the dimensions show what the findings cost: their sum exceeds the total by the gate's effect.
// Grades as in 绩效自评: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60.
import type { TableDocument } from '../model/index.js';
import { gateOf } from './gate.js';
import { DEFAULT_SCORING, GATE_CAP, type Scoring } from './scoring.js';
import { DIMENSION_LABEL, DIMENSIONS, type DimensionId, type DimensionScore, type Finding, type Grade, type ProjectScore, type Scored, type UnitScore } from './types.js';

export function grade(score: number): Grade {
  return score >= 90 ? '优' : score >= 80 ? '良' : score >= 60 ? '中' : '差';
}

const round = (x: number): number => Math.round(x * 10) / 10;
type Points = Record<DimensionId, number>;

/** the points each dimension loses to some findings */
function lost(findings: readonly Finding[], s: Scoring): Points {
  const out: Points = { completeness: 0, relevance: 0, appropriateness: 0, feasibility: 0 };
  const counted = new Map<string, number>();
  for (const f of findings) {
    for (const d of f.dimensions) {
      const key = `${d}\u0000${f.rule}`;
      const n = (counted.get(key) ?? 0) + 1;
      counted.set(key, n);
      if (n <= s.maxPerRule) out[d] += s.deductions[f.severity] * s.weights[d];
    }
  }
  return out;
}

function scored(points: Points, s: Scoring, total?: number): Scored {
  const dimensions: DimensionScore[] = DIMENSIONS.map((id) => ({ id, label: DIMENSION_LABEL[id], score: round(Math.max(0, Math.min(s.weights[id], points[id]))), max: s.weights[id] }));
  const score = round(Math.max(0, Math.min(100, total ?? dimensions.reduce((a, d) => a + d.score, 0))));
  return { score, grade: grade(score), dimensions };
}

/** amount-weighted mean; the plain mean when no item has an amount */
function weighted(items: readonly { value: number; weight: number }[], empty: number): number {
  if (items.length === 0) return empty;
  const w = items.reduce((a, i) => a + i.weight, 0);
  return w > 0 ? items.reduce((a, i) => a + i.value * i.weight, 0) / w : items.reduce((a, i) => a + i.value, 0) / items.length;
}

/** Dimensions and total of a group (unit or table): the weighted means of its members', less its own findings. */
function aggregate(members: readonly { scored: Scored; weight: number }[], own: readonly Finding[], s: Scoring): Scored {
  const minus = lost(own, s);
  const points = {} as Points;
  for (const [k, id] of DIMENSIONS.entries()) {
    points[id] = weighted(members.map((m) => ({ value: m.scored.dimensions[k]!.score, weight: m.weight })), s.weights[id]) - minus[id];
  }
  const total = weighted(members.map((m) => ({ value: m.scored.score, weight: m.weight })), 100) - DIMENSIONS.reduce((a, id) => a + Math.min(minus[id], s.weights[id]), 0);
  return scored(points, s, total);
}

export function scoreDocument(doc: TableDocument, findings: readonly Finding[], s: Scoring = DEFAULT_SCORING): Scored & { units: UnitScore[]; gated: number } {
  // findings by the project they concern, gathered once (filtering per project was quadratic)
  const byProject = new Map<string, Finding[]>();
  const byUnit = new Map<string, Finding[]>();
  const onTable: Finding[] = [];
  for (const f of findings) {
    const m = /^(units\[\d+\])(\.projects\[\d+\])?/.exec(f.path);
    const [key, map] = !m ? [null, null] : m[2] ? [m[0], byProject] : [m[1]!, byUnit];
    if (key === null || map === null) onTable.push(f);
    else {
      const same = map.get(key);
      if (same) same.push(f); else map.set(key, [f]);
    }
  }
  const full = (): Points => ({ ...s.weights });
  let gated = 0;
  const units: UnitScore[] = doc.units.map((u, ui) => {
    const upath = `units[${ui}]`;
    const projects: ProjectScore[] = u.projects.map((p, pi) => {
      const path = `${upath}.projects[${pi}]`;
      const minus = lost(byProject.get(path) ?? [], s);
      const points = full();
      for (const id of DIMENSIONS) points[id] -= minus[id];
      const gate = gateOf(p);
      const base = scored(points, s);
      if (gate.length) gated++;
      const score = gate.length ? Math.min(base.score, GATE_CAP) : base.score;
      return { path, name: p.name, ...base, score, grade: grade(score), gate };
    });
    const agg = aggregate(projects.map((p, pi) => ({ scored: p, weight: u.projects[pi]!.funding.total })), byUnit.get(upath) ?? [], s);
    return { path: upath, name: u.name, ...agg, projects, gated: projects.filter((p) => p.gate.length).length };
  });
  const weightOf = (ui: number): number => doc.units[ui]!.funding?.total ?? doc.units[ui]!.projects.reduce((a, p) => a + p.funding.total, 0);
  const table = aggregate(units.map((u, ui) => ({ scored: u, weight: weightOf(ui) })), onTable, s);
  return { ...table, units, gated };
}

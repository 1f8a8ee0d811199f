// What the report needs to know about one document beyond the model: the id of every table row it
// renders, the row each finding points at, the findings grouped by project in document order and
// numbered in that order, and the findings each row carries.
import type { Severity, TableDocument } from '../../model/index.js';
import type { Finding, ProjectScore, ReviewResult, UnitScore } from '../../review/index.js';
import { SEVERITY_RANK } from './format.js';

export interface Group {
  /** 'doc' for findings on the whole table or the 合计 row; else the unit, and the project when any */
  readonly unit: number | null;
  readonly project: number | null;
  readonly id: string;
  /** indices into result.findings, in display order */
  readonly findings: number[];
}

export interface DocView {
  readonly index: number;
  readonly doc: TableDocument;
  readonly result: ReviewResult;
  /** `d3` — prefix of every id in this document's part of the report */
  readonly prefix: string;
  /** row id for a document path, e.g. units[0].projects[3] → d0-units-0-projects-3 */
  rowId(path: string): string;
  /** the rendered row a finding links to */
  readonly target: readonly string[];
  /** 1-based number of each finding as shown, by index into result.findings */
  readonly number: readonly number[];
  readonly groups: readonly Group[];
  /** row id → indices of the findings that point at it, in display order */
  readonly byRow: ReadonlyMap<string, readonly number[]>;
  /** rule id → index of its first finding as shown */
  readonly firstOfRule: ReadonlyMap<string, number>;
  /** `d0-f-12` for the finding shown as 12 */
  findingId(i: number): string;
  unitScore(ui: number): UnitScore | undefined;
  projectScore(ui: number, pi: number): ProjectScore | undefined;
  /** ids of the table's rows, to check a link against */
  readonly rows: ReadonlySet<string>;
  /** whether any row has an amount whose column is unknown (the 未归列 column is shown only then) */
  readonly hasUnplaced: boolean;
}

const pathToId = (path: string): string => path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-').replace(/[^A-Za-z0-9-]/g, '_');

export function viewOf(doc: TableDocument, result: ReviewResult, index: number): DocView {
  const prefix = `d${index}`;
  const rowId = (path: string): string => `${prefix}-${pathToId(path)}`;

  const rows = new Set<string>();
  if (doc.total) rows.add(rowId('total'));
  doc.units.forEach((u, ui) => {
    rows.add(rowId(`units[${ui}]`));
    u.projects.forEach((p, pi) => {
      rows.add(rowId(`units[${ui}].projects[${pi}]`));
      p.indicators.forEach((_, k) => rows.add(rowId(`units[${ui}].projects[${pi}].indicators[${k}]`)));
    });
  });
  doc.orphans.forEach((o, oi) => {
    rows.add(rowId(`orphans[${oi}]`));
    o.indicators.forEach((_, k) => rows.add(rowId(`orphans[${oi}].indicators[${k}]`)));
  });

  // A path names a row, or failing that its nearest rendered ancestor; a path naming nothing (the
  // whole table) goes to the table.
  const resolve = (path: string): string => {
    const segments = path.split('.').filter((s) => s !== '');
    for (let n = segments.length; n > 0; n--) {
      const id = rowId(segments.slice(0, n).join('.'));
      if (rows.has(id)) return id;
    }
    return `${prefix}-table`;
  };
  const target = result.findings.map((f) => resolve(f.path));

  // Groups: the whole table first, then each unit (its own findings, then its projects), in order.
  const groupOf = (f: Finding): { unit: number | null; project: number | null } => {
    const m = /^units\[(\d+)\](?:\.projects\[(\d+)\])?/.exec(f.path);
    if (!m) return { unit: null, project: null };
    const ui = Number(m[1]);
    const unit = doc.units[ui];
    if (!unit) return { unit: null, project: null };
    const pi = m[2] === undefined ? null : Number(m[2]);
    return { unit: ui, project: pi !== null && unit.projects[pi] ? pi : null };
  };
  const byKey = new Map<string, Group>();
  result.findings.forEach((f, i) => {
    const { unit, project } = groupOf(f);
    const key = unit === null ? 'doc' : project === null ? `u${unit}` : `u${unit}-p${project}`;
    let g = byKey.get(key);
    if (!g) {
      g = { unit, project, id: `${prefix}-g-${key}`, findings: [] };
      byKey.set(key, g);
    }
    g.findings.push(i);
  });
  const order = (g: Group): [number, number] => [g.unit ?? -1, g.project ?? -1];
  const groups = [...byKey.values()].sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);

  const number: number[] = new Array<number>(result.findings.length).fill(0);
  let n = 0;
  for (const g of groups) for (const i of g.findings) number[i] = ++n;

  const byRow = new Map<string, number[]>();
  const firstOfRule = new Map<string, number>();
  for (const g of groups) {
    for (const i of g.findings) {
      const id = target[i]!;
      const list = byRow.get(id) ?? [];
      list.push(i);
      byRow.set(id, list);
      const rule = result.findings[i]!.rule;
      if (!firstOfRule.has(rule)) firstOfRule.set(rule, i);
    }
  }

  const hasUnplaced = [doc.total, ...doc.units.map((u) => u.funding), ...doc.units.flatMap((u) => u.projects.map((p) => p.funding))].some((f) => (f?.unplaced.length ?? 0) > 0);

  return {
    index,
    doc,
    result,
    prefix,
    rowId,
    target,
    number,
    groups,
    byRow,
    firstOfRule,
    findingId: (i) => `${prefix}-f-${number[i]}`,
    unitScore: (ui) => result.units[ui],
    projectScore: (ui, pi) => result.units[ui]?.projects[pi],
    rows,
    hasUnplaced,
  };
}

/** the most severe of some findings */
export function worst(findings: readonly Finding[]): Severity {
  let s: Severity = 'info';
  for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s]) s = f.severity;
  return s;
}

// What an import stores, computed from the document and its review before the store is touched: every
// row of every table as an array of column values, references as indexes into the plan's own rows
// (resolved to ids by the writer, write.ts), and the search index's texts and rows. Pure and made of
// plain data, so it can be built in a worker thread (pipeline.ts) while the writer stores the previous
// document, and moved to the writer for the price of copying arrays of strings and numbers.
import { hash } from 'node:crypto';
import type { Funding, Target, TableDocument } from '../model/index.js';
import type { ReviewResult } from '../review/index.js';
import { nameKey } from '../targets/index.js';
import { indicatorBits } from './categories.js';
import { dims } from './rescore.js';
import { FIELD_CODE } from './search-index.js';
import { normalizedText } from './search-text.js';

/** Column order of each table's rows in a plan; `document_id` (and units' year, version, latest) are filled by the writer. */
export const COLUMNS = {
  units: ['document_id', 'ordinal', 'name', 'year', 'version', 'latest', 'total', 'fiscal', 'special_account', 'other', 'unplaced', 'line', 'review_score', 'review_dimensions'],
  projects: ['document_id', 'unit_id', 'ordinal', 'name', 'goal', 'total', 'fiscal', 'special_account', 'other', 'unplaced', 'indicators_text', 'line',
    'review_score', 'review_grade', 'review_dimensions', 'review_gate', 'indicator_count', 'finding_count', 'box', 'categories'],
  orphans: ['document_id', 'ordinal', 'text', 'line'],
  indicators: ['document_id', 'project_id', 'orphan_id', 'ordinal', 'seq', 'level1_code', 'level1_name', 'level2_code', 'level2_name', 'name', 'name_key',
    'period_raw', 'period_kind', 'period_op', 'period_value', 'period_unit', 'period_json', 'annual_raw', 'annual_kind', 'annual_op', 'annual_value', 'annual_unit', 'annual_json', 'text', 'line'],
  diagnostics: ['document_id', 'severity', 'code', 'message', 'line', 'path'],
  findings: ['document_id', 'unit_id', 'project_id', 'indicator_id', 'rule', 'severity', 'category', 'message', 'suggestion', 'path', 'line'],
  search_rows: ['text_id', 'field', 'document_id', 'unit_id', 'project_id', 'indicator_id', 'latest'],
} as const;

export type PlanTable = keyof typeof COLUMNS;
export type Value = string | number | null;
export type Row = Value[];

/** the columns of `table` that hold a plan index of another table's row (document_id is the document) */
export const REFERENCES: { readonly [T in PlanTable]: Readonly<Record<number, PlanTable | 'search_texts'>> } = {
  units: {},
  projects: { 1: 'units' },
  orphans: {},
  indicators: { 1: 'projects', 2: 'orphans' },
  diagnostics: {},
  findings: { 1: 'units', 2: 'projects', 3: 'indicators' },
  search_rows: { 0: 'search_texts', 3: 'units', 4: 'projects', 5: 'indicators' },
};

/** the document's own row, less what the writer decides (year, department, provenance, clock, content hash) */
export interface DocumentRow {
  readonly sha256: string;
  readonly file: string;
  readonly layout: string;
  readonly encoding: string;
  readonly bytes: number;
  readonly lines: number;
  readonly title: string | null;
  readonly currency_unit: string | null;
  readonly source_text: string;
  readonly source_bytes: Uint8Array | null;
  readonly total_total: number | null;
  readonly total_fiscal: number | null;
  readonly total_special: number | null;
  readonly total_other: number | null;
  readonly total_unplaced: string | null;
  readonly review_score: number | null;
  readonly review_grade: string | null;
  readonly review_dimensions: string | null;
  readonly review_gated: number | null;
  readonly errors: number;
  readonly warnings: number;
}

export interface SearchText {
  readonly field: number;
  readonly hash: string;
  readonly norm: string;
}

export interface DocumentPlan {
  readonly document: DocumentRow;
  readonly rows: { readonly [T in PlanTable]: Row[] };
  /** the distinct texts the search rows point at, in first-use order */
  readonly texts: readonly SearchText[];
  readonly projects: number;
  readonly indicators: number;
}

const cents = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Math.round(x * 100));
const unplaced = (f: Funding | null): string | null => (f ? JSON.stringify(f.unplaced.map((x) => Math.round(x * 100))) : null);
const hashOf = (norm: string): string => hash('sha1', norm, 'base64url');
const PATH = /^units\[(\d+)\](?:\.projects\[(\d+)\](?:\.indicators\[(\d+)\])?)?/;

type Indicator = TableDocument['units'][number]['projects'][number]['indicators'][number];

/** a target's JSON, once per reading: parseTarget hands the same readonly reading to every indicator with that text */
const targetJson = new WeakMap<Target, string>();
const jsonOf = (x: Target): string => {
  let json = targetJson.get(x);
  if (json === undefined) targetJson.set(x, (json = JSON.stringify(x)));
  return json;
};

function indicatorRow(projectIndex: number | null, orphanIndex: number | null, ordinal: number, i: Indicator): Row {
  const t = (x: Target): Value[] => [x.kind ?? null, x.op ?? null, x.value ?? null, x.unit ?? null, jsonOf(x)];
  return [0, projectIndex, orphanIndex, ordinal, i.seq, i.level1.code, i.level1.name, i.level2.code, i.level2.name, i.name, nameKey(i.name),
    i.period.raw, ...t(i.period), i.annual.raw, ...t(i.annual), i.text, i.line ?? null];
}

/**
 * The rows of a document read (targets) and reviewed. `text` is the decoded source of a text table, ''
 * for a PDF, whose bytes are `sourceBytes`.
 */
export function planDocument(doc: TableDocument, result: ReviewResult, text: string, sourceBytes: Uint8Array | null): DocumentPlan {
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const rows: { [T in PlanTable]: Row[] } = { units: [], projects: [], orphans: [], indicators: [], diagnostics: [], findings: [], search_rows: [] };
  // plan rows by position in the document: projectIndex[unit][project], indicatorIndex[project row][indicator]
  const projectIndex: number[][] = [];
  const indicatorIndex: number[][] = [];
  // each finding's path, parsed once: [unit, project, indicator] (undefined where it stops)
  const at = result.findings.map((f) => {
    const m = PATH.exec(f.path);
    return m ? [Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3])] as const : null;
  });
  const findingsPer: number[][] = [];
  for (const a of at) {
    if (a?.[1] === undefined) continue;
    const unit = (findingsPer[a[0]] ??= []);
    unit[a[1]] = (unit[a[1]] ?? 0) + 1;
  }
  for (const [ui, u] of doc.units.entries()) {
    rows.units.push([0, ui, u.name, null, 0, 0, cents(u.funding?.total), cents(u.funding?.fiscal), cents(u.funding?.specialAccount), cents(u.funding?.other),
      unplaced(u.funding), u.line ?? null, result.units[ui]?.score ?? null, result.units[ui] ? dims(result.units[ui]) : null]);
    projectIndex[ui] = [];
    for (const [pi, p] of u.projects.entries()) {
      const score = result.units[ui]?.projects[pi];
      projectIndex[ui]![pi] = rows.projects.length;
      rows.projects.push([0, ui, pi, p.name, p.goal, cents(p.funding.total) ?? 0, cents(p.funding.fiscal), cents(p.funding.specialAccount), cents(p.funding.other),
        unplaced(p.funding) ?? '[]', p.indicatorsText ?? null, p.line ?? null, score?.score ?? null, score?.grade ?? null,
        score ? dims(score) : null, score ? JSON.stringify(score.gate) : null, p.indicators.length, findingsPer[ui]?.[pi] ?? 0, p.box ? JSON.stringify(p.box) : null,
        p.indicators.reduce((m, i) => m | indicatorBits(i.level1.code, i.level2.code), 0)]);
    }
  }
  // indicators: every project's, in order, then the orphans' (as the row-by-row writer stored them)
  for (const [ui, u] of doc.units.entries()) {
    for (const [pi, p] of u.projects.entries()) {
      const project = projectIndex[ui]![pi]!;
      const mine: number[] = (indicatorIndex[project] = []);
      for (const [ii, i] of p.indicators.entries()) {
        mine[ii] = rows.indicators.length;
        rows.indicators.push(indicatorRow(project, null, ii, i));
      }
    }
  }
  const indicators = rows.indicators.length;
  for (const [oi, o] of doc.orphans.entries()) {
    rows.orphans.push([0, oi, o.text, o.line ?? null]);
    for (const [ii, i] of o.indicators.entries()) rows.indicators.push(indicatorRow(null, oi, ii, i));
  }
  for (const d of doc.diagnostics) rows.diagnostics.push([0, d.severity, d.code, d.message, d.line ?? null, d.path ?? null]);
  for (const [k, f] of result.findings.entries()) {
    const a = at[k];
    const project = a?.[1] !== undefined ? projectIndex[a[0]]?.[a[1]] ?? null : null;
    rows.findings.push([0, a && a[0] < doc.units.length ? a[0] : null, project,
      project !== null && a?.[2] !== undefined ? indicatorIndex[project]?.[a[2]] ?? null : null,
      f.rule, f.severity, f.category, f.message, f.suggestion, f.path, f.line ?? null]);
  }
  // the search index: project names and goals, then indicator names (orphans are not searched)
  const texts: SearchText[] = [];
  const textIndex = new Map<string, number>();
  // a value seen before in this document (indicator names recur) is not normalised and hashed again
  const valueIndex = new Map<string, number | null>();
  const textOf = (code: number, value: string): number | null => {
    const norm = normalizedText(value);
    if (!norm) return null;
    const hash = hashOf(norm);
    const key = `${code}:${hash}`;
    let t = textIndex.get(key);
    if (t === undefined) {
      t = texts.length;
      textIndex.set(key, t);
      texts.push({ field: code, hash, norm });
    }
    return t;
  };
  const search = (field: 'name' | 'goal' | 'indicator', value: string, unit: number, project: number, indicator: number | null): void => {
    const code = FIELD_CODE[field];
    const key = `${code}:${value}`;
    let t = valueIndex.get(key);
    if (t === undefined) valueIndex.set(key, (t = textOf(code, value)));
    if (t !== null) rows.search_rows.push([t, code, 0, unit, project, indicator, 0]);
  };
  for (const [k, p] of rows.projects.entries()) {
    search('name', p[3] as string, p[1] as number, k, null);
    search('goal', p[4] as string, p[1] as number, k, null);
  }
  for (let k = 0; k < indicators; k++) {
    const i = rows.indicators[k]!;
    search('indicator', i[9] as string, rows.projects[i[1] as number]![1] as number, i[1] as number, k);
  }
  // the reader decides what is kept: a text's own text, a PDF's or workbook's bytes with how it was read (read.ts)
  return {
    document: {
      sha256: doc.source.sha256, file: doc.source.file, layout: doc.source.layout, encoding: doc.source.encoding, bytes: doc.source.bytes, lines: doc.source.lines,
      title: doc.title, currency_unit: doc.currencyUnit, source_text: text, source_bytes: sourceBytes,
      total_total: cents(doc.total?.total), total_fiscal: cents(doc.total?.fiscal), total_special: cents(doc.total?.specialAccount), total_other: cents(doc.total?.other),
      total_unplaced: unplaced(doc.total), review_score: result.score, review_grade: result.grade, review_dimensions: dims(result), review_gated: result.gated,
      errors: count('error'), warnings: count('warning'),
    },
    rows,
    texts,
    projects: rows.projects.length,
    indicators,
  };
}

// Stored tables to XLSX, streamed: a document, or every project a set of filters selects (the 项目 list's
// filters), read from the store in keyset pages of projects and written row by row, so neither the store
// nor the workbook is ever held whole. One sheet per document, in document order.
//
// Unit rows and 合计: when every project of a unit (a document) is exported, the amounts printed in the table;
// when a filter leaves some out, the sums of the exported projects — the sheet's sums always hold.
import type { Writable } from 'node:stream';
import type { Store } from '../../store/index.js';
import { filteredProjects, parseFilters, QueryError, summaryColumns, type ProjectFilters, type SummaryRow } from '../../store/queries.js';
import { XlsxTableWriter, type TableWriteResult } from './table-writer.js';
import type { TableLayoutId, XlsxFunding, XlsxIndicator } from './types.js';

export type XlsxScope =
  | { readonly kind: 'document'; readonly id: number }
  | { readonly kind: 'projects'; readonly filters: ProjectFilters };

export interface StoreXlsxOptions {
  /** projects read per query (default 200) */
  readonly pageSize?: number;
}

const cents = (c: unknown): number | null => (c === null || c === undefined ? null : Number(c) / 100);
/** the stored list of amounts without a column (JSON, cents) in 万元; empty for none */
const unplacedOf = (json: string | null | undefined): number[] => (json ? (JSON.parse(json) as number[]).map((c) => c / 100) : []);
const withUnplaced = (f: XlsxFunding, xs: readonly number[]): XlsxFunding => (xs.length ? { ...f, unplaced: xs } : f);

interface UnitInfo {
  name: string;
  /** cents of the selected projects' amounts without a column */
  unplacedSum: number;
  documentId: number;
  printed: XlsxFunding | null;
  projects: number;
  selected: number;
  sums: XlsxFunding;
}

interface DocumentInfo {
  title: string | null;
  year: number | null;
  department: string | null;
  file: string;
  printed: XlsxFunding | null;
  projects: number;
}

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
};

/** A file name for the download: the document's title, or 项目支出绩效目标表 for a filtered set. */
export async function xlsxFileName(store: Store, scope: XlsxScope, layout: TableLayoutId): Promise<string> {
  const suffix = layout === 'indicators' ? '（指标明细）' : '';
  if (scope.kind === 'projects') {
    const f = parseFilters(scope.filters);
    const name = [f.department ?? f.unit ?? '', f.year !== undefined && f.year !== 'none' ? `${f.year}年` : ''].join('');
    return `${name}项目支出绩效目标表${suffix}.xlsx`;
  }
  const d = await store.db.selectFrom('documents').select(['title', 'file']).where('id', '=', scope.id).executeTakeFirst();
  if (!d) throw new QueryError('not-found', `没有编号为 ${scope.id} 的文件`);
  return `${(d.title ?? d.file.replace(/\.[^.]+$/, '')).replace(/[\\/:*?"<>|\r\n]/g, '_')}${suffix}.xlsx`;
}

/** Writes the scope's tables to `out` as one workbook (ExcelJS ends `out`). */
export async function exportXlsx(store: Store, scope: XlsxScope, layout: TableLayoutId, out: Writable, options: StoreXlsxOptions = {}): Promise<TableWriteResult> {
  const db = store.db;
  const f = parseFilters(scope.kind === 'projects' ? scope.filters : { latestOnly: false });
  let base = filteredProjects(db, f);
  if (scope.kind === 'document') {
    const exists = await db.selectFrom('documents').select('id').where('id', '=', scope.id).executeTakeFirst();
    if (!exists) throw new QueryError('not-found', `没有编号为 ${scope.id} 的文件`);
    base = base.where('p.document_id', '=', scope.id);
  }
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 200, 1000));

  // what is selected per unit: its count and sums (one grouped query; the units are few beside the rows)
  const selected = await base.groupBy(['u.id', 'p.document_id']).select((eb) => [
    'u.id as unit_id', 'p.document_id as document_id', eb.fn.countAll<number>().as('n'),
    eb.fn.sum<number>('p.total').as('total'), eb.fn.sum<number | null>('p.fiscal').as('fiscal'),
    eb.fn.sum<number | null>('p.special_account').as('special'), eb.fn.sum<number | null>('p.other').as('other'),
  ]).execute();
  const units = new Map<number, UnitInfo>();
  for (const s of selected) {
    units.set(Number(s.unit_id), {
      name: '', unplacedSum: 0, documentId: Number(s.document_id), printed: null, projects: 0, selected: Number(s.n),
      sums: { total: cents(s.total), fiscal: cents(s.fiscal), specialAccount: cents(s.special), other: cents(s.other) },
    });
  }
  for (const ids of chunks([...units.keys()])) {
    const rows = await db.selectFrom('units as u').select((eb) => [
      'u.id', 'u.name', 'u.total', 'u.fiscal', 'u.special_account', 'u.other', 'u.unplaced',
      eb.selectFrom('projects as p').select(eb.fn.countAll<number>().as('n')).whereRef('p.unit_id', '=', 'u.id').as('projects'),
    ]).where('u.id', 'in', ids).execute();
    for (const r of rows) {
      const u = units.get(Number(r.id))!;
      u.name = r.name;
      u.projects = Number(r.projects);
      u.printed = r.total === null ? null : withUnplaced({ total: cents(r.total), fiscal: cents(r.fiscal), specialAccount: cents(r.special_account), other: cents(r.other) }, unplacedOf(r.unplaced));
    }
  }
  const docs = new Map<number, DocumentInfo>();
  for (const ids of chunks([...new Set([...units.values()].map((u) => u.documentId))])) {
    const rows = await db.selectFrom('documents as d').leftJoin('departments as dep', 'dep.id', 'd.department_id').select((eb) => [
      'd.id', 'd.title', 'd.year', 'd.file', 'dep.name as department', 'd.total_total', 'd.total_fiscal', 'd.total_special', 'd.total_other', 'd.total_unplaced',
      eb.selectFrom('projects as p').select(eb.fn.countAll<number>().as('n')).whereRef('p.document_id', '=', 'd.id').as('projects'),
    ]).where('d.id', 'in', ids).execute();
    for (const r of rows) {
      docs.set(Number(r.id), {
        title: r.title, year: r.year, department: r.department, file: r.file, projects: Number(r.projects),
        printed: r.total_total === null ? null : withUnplaced({ total: cents(r.total_total), fiscal: cents(r.total_fiscal), specialAccount: cents(r.total_special), other: cents(r.total_other) }, unplacedOf(r.total_unplaced)),
      });
    }
  }
  // amounts without a column are never dropped: the selected projects' (few: flowed text only), summed per unit
  for (const r of await base.where('p.unplaced', '<>', '[]').select(['p.unit_id', 'p.unplaced']).execute()) {
    const u = units.get(Number(r.unit_id));
    if (u) u.unplacedSum += unplacedOf(r.unplaced).reduce((a, x) => a + Math.round(x * 100), 0);
  }
  const unitRow = (u: UnitInfo): XlsxFunding => (u.selected === u.projects && u.printed ? u.printed : withUnplaced(u.sums, u.unplacedSum ? [u.unplacedSum / 100] : []));
  const docTotal = (id: number): XlsxFunding | null => {
    const d = docs.get(id)!;
    const own = [...units.values()].filter((u) => u.documentId === id);
    if (own.reduce((n, u) => n + u.selected, 0) === d.projects && d.printed) return d.printed;
    const add = (k: keyof XlsxFunding): number | null => {
      const xs = own.map((u) => unitRow(u)[k]).filter((x): x is number => x !== null);
      return xs.length ? Math.round(xs.reduce((a, b) => a + b * 100, 0)) / 100 : null;
    };
    const loose = own.reduce((a, u) => a + (unitRow(u).unplaced ?? []).reduce((b, x) => b + Math.round(x * 100), 0), 0);
    return withUnplaced({ total: add('total'), fiscal: add('fiscal'), specialAccount: add('specialAccount'), other: add('other') }, loose ? [loose / 100] : []);
  };
  /** a sheet gets the 未能归位的金额 column when any row it prints has such amounts */
  const needsColumn = (id: number): boolean => Boolean(docTotal(id)?.unplaced?.length)
    || [...units.values()].some((u) => u.documentId === id && (Boolean(unitRow(u).unplaced?.length) || u.unplacedSum > 0));

  const w = new XlsxTableWriter(out, layout);
  let doc = -1;
  let unit = -1;
  let after = 0;
  try {
    for (;;) {
      const page = (await summaryColumns(base.where('p.id', '>', after)).select(['p.goal', 'p.indicators_text'])
        .orderBy('p.id').limit(pageSize).execute()) as (SummaryRow & { goal: string; indicators_text: string | null })[];
      if (page.length === 0) break;
      after = Number(page[page.length - 1]!.id);
      const ids = page.map((p) => Number(p.id));
      const inds = await db.selectFrom('indicators')
        .select(['project_id', 'seq', 'level1_code', 'level1_name', 'level2_code', 'level2_name', 'name', 'period_raw', 'annual_raw'])
        .where('project_id', 'in', ids).orderBy('project_id').orderBy('ordinal').execute();
      const byProject = new Map<number, XlsxIndicator[]>();
      for (const i of inds) {
        const list = byProject.get(Number(i.project_id)) ?? [];
        list.push({ seq: i.seq, level1: { code: i.level1_code, name: i.level1_name }, level2: { code: i.level2_code, name: i.level2_name }, name: i.name, period: i.period_raw, annual: i.annual_raw });
        byProject.set(Number(i.project_id), list);
      }
      for (const r of page) {
        const d = Number(r.document_id);
        if (d !== doc) {
          doc = d;
          unit = -1;
          const info = docs.get(d)!;
          const own = [...units.values()].filter((u) => u.documentId === d);
          await w.sheet({
            title: info.title, department: info.department, year: r.unit_year ?? info.year, total: docTotal(d),
            sheetName: own.length === 1 ? `${own[0]!.name}${r.unit_year ?? ''}` : `${info.department ?? info.file}${info.year ?? ''}`, unplaced: needsColumn(d),
          });
        }
        if (Number(r.unit_id) !== unit) {
          unit = Number(r.unit_id);
          await w.unit({ name: r.unit_name, funding: unitRow(units.get(unit)!) });
        }
        await w.project({
          id: Number(r.id), name: r.name, goal: r.goal, indicatorsText: r.indicators_text, indicators: byProject.get(Number(r.id)) ?? [],
          funding: withUnplaced({ total: Number(r.total) / 100, fiscal: cents(r.fiscal), specialAccount: cents(r.special_account), other: cents(r.other) }, unplacedOf(r.unplaced)),
        });
      }
      if (page.length < pageSize) break;
    }
  } catch (e) {
    out.destroy(e as Error);
    throw e;
  }
  return w.close();
}

// Export of stored projects, page by page so a large store never sits in memory: CSV with one row per
// indicator (the columns of `jixiao parse --format csv`, from the same definition, then the store's own;
// target kinds and comparisons in Chinese, or as codes for `csv-raw`), or
// JSON Lines with one project per line and its indicators. Writes respect the stream's backpressure.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvCell as cell, INDICATOR_CSV_HEADER, targetCells, type CsvCell as Cell, type CsvStyle } from '../model/index.js';
import type { Store } from './connect.js';
import { filteredProjects, parseFilters, QueryError, summaryColumns, toIndicator, toSummary, type IndicatorDetail, type ProjectFilters, type ProjectSummary, type SummaryRow } from './queries.js';

export type ExportFormat = 'csv' | 'csv-raw' | 'json';

/** `jixiao parse --format csv`'s columns (the same definition), then the store's own. */
export const CSV_HEADER: readonly string[] = [
  ...INDICATOR_CSV_HEADER,
  '部门', '年度', '单位版本', '是否最新版本', '项目评分', '项目等级', '审核问题数', '项目编号',
];

export interface ExportedProject extends ProjectSummary {
  readonly goal: string;
  readonly indicatorsText: string | null;
  readonly indicators: readonly IndicatorDetail[];
}

export interface ExportResult {
  readonly projects: number;
  /** CSV rows (without the header) or JSON lines written */
  readonly rows: number;
}

export interface ExportOptions {
  /** projects fetched per query (default 200) */
  readonly pageSize?: number;
}

function csvRows(p: ExportedProject, style: CsvStyle): string[] {
  const a = p.amounts;
  const base: Cell[] = [p.document.file, p.unit.name, p.name, p.line, a.total, a.fiscal, a.specialAccount, a.other, a.unplaced.join(' ')];
  const tail: Cell[] = [p.department, p.year, p.unit.version, p.unit.latest ? '是' : '否', p.score, p.grade, p.findingCount, p.id];
  const rows: Cell[][] = [];
  for (const i of p.indicators) {
    rows.push([...base, i.seq, i.level1.code, i.level1.name, i.level2.code, i.level2.name, i.name, i.period.raw, i.annual.raw, i.line, ...targetCells(i.period, style), ...targetCells(i.annual, style), ...tail]);
  }
  if (p.indicators.length === 0 && !p.indicatorsText) rows.push([...base, ...Array<null>(17).fill(null), ...tail]);
  if (p.indicatorsText) rows.push([...base, null, null, null, null, null, p.indicatorsText, ...Array<null>(11).fill(null), ...tail]);
  return rows.map((r) => r.map(cell).join(','));
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes every project the filters select, in document order. */
export async function exportProjects(store: Store, filters: ProjectFilters, format: ExportFormat, out: Writable, options: ExportOptions = {}): Promise<ExportResult> {
  if (format !== 'csv' && format !== 'csv-raw' && format !== 'json') throw new QueryError('invalid', `导出格式有误：应为 csv、csv-raw 或 json，而不是“${String(format)}”`);
  const style: CsvStyle = format === 'csv' ? 'labels' : 'codes';
  const f = parseFilters(filters);
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 200, 1000));
  let projects = 0;
  let rows = 0;
  if (format !== 'json') await write(out, `\uFEFF${CSV_HEADER.map(cell).join(',')}\r\n`);
  let after = 0;
  for (;;) {
    const page = (await summaryColumns(filteredProjects(store.db, f).where('p.id', '>', after))
      .select(['p.goal', 'p.indicators_text']).orderBy('p.id').limit(pageSize).execute()) as (SummaryRow & { goal: string; indicators_text: string | null })[];
    if (page.length === 0) break;
    after = Number(page[page.length - 1]!.id);
    const ids = page.map((p) => Number(p.id));
    const indicators = await store.db.selectFrom('indicators').selectAll().where('project_id', 'in', ids).orderBy('project_id').orderBy('ordinal').execute();
    const byProject = new Map<number, IndicatorDetail[]>();
    for (const i of indicators) {
      const list = byProject.get(Number(i.project_id)) ?? [];
      list.push(toIndicator(i));
      byProject.set(Number(i.project_id), list);
    }
    let chunk = '';
    for (const r of page) {
      const p: ExportedProject = { ...toSummary(r), goal: r.goal, indicatorsText: r.indicators_text, indicators: byProject.get(Number(r.id)) ?? [] };
      projects++;
      if (format === 'json') {
        chunk += `${JSON.stringify(p)}\n`;
        rows++;
      } else {
        const lines = csvRows(p, style);
        chunk += lines.map((l) => `${l}\r\n`).join('');
        rows += lines.length;
      }
    }
    await write(out, chunk);
    if (page.length < pageSize) break;
  }
  return { projects, rows };
}

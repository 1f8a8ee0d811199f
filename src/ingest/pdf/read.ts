// A PDF → TableDocument: page geometry → grids → header-mapped rows → the shared builder. Only pages
// whose grid has a target-table header are read (a budget volume holds dozens of other tables); a page
// whose ruling matches the previous table page continues it even without a repeated header. The
// builder's line numbers are location ids here, turned into page boxes at the end: PDF output has
// `box`, never `line`. Never throws on bad input.
import { createHash } from 'node:crypto';
import type { Diagnostic, SourceInfo, TableDocument } from '../../model/index.js';
import { buildDocument } from '../build.js';
import { diag } from '../diagnostics.js';
import { emptyMeta, headerKind, readHeader as readMetaLine, type HeaderMeta } from '../text/lines.js';
import { readHeader, sameColumns, type Header } from './columns.js';
import { isGarbled, textQuality } from './garbled.js';
import { buildGrid, type CellLine, type Grid } from './grid.js';
import { openPdf, pdfProblem, type OpenedPdf } from './load.js';
import { Locations, readRows, type TablePage } from './table.js';
import { relocate } from './relocate.js';
import { inferGrid } from './unruled.js';

export interface PdfOptions {
  readonly file?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

const TABLE_WORDS = /项目名称|支出项目类别|资金使用单位|绩效目标|绩效指标/;

interface PageRead { readonly page: number; readonly grid: Grid | null; readonly header: Header | null; readonly above: readonly CellLine[] }

export async function readPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<TableDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const source: Omit<SourceInfo, 'layout' | 'lines'> = { file: options.file ?? '', sha256, bytes: bytes.length, encoding: 'binary' };
  const pre: Diagnostic[] = [];
  let opened: OpenedPdf | null = null;
  try {
    const o = await openPdf(bytes);
    if ('kind' in o) {
      pre.push(o.kind === 'encrypted'
        ? diag('pdf-encrypted', 'PDF 文件已加密（需要密码才能打开），无法读取。请提供未加密的文件。', { line: undefined })
        : diag('pdf-damaged', `PDF 文件无法打开：${o.detail}`));
      return empty(source, pre, 0, []);
    }
    opened = o;
    return await readOpened(o, source, options);
  } catch (e) {
    pre.push(diag('pdf-damaged', `PDF 文件无法读取：${pdfProblem(e)}`));
    return empty(source, pre, opened?.pages ?? 0, []);
  } finally {
    await opened?.close();
  }
}

async function readOpened(pdf: OpenedPdf, source: Omit<SourceInfo, 'layout' | 'lines'>, options: PdfOptions): Promise<TableDocument> {
  const pre: Diagnostic[] = [];
  const reads: PageRead[] = [];
  const noText: number[] = [];
  const titles: string[] = [];
  let textChars = 0;
  for (let n = 1; n <= pdf.pages; n++) {
    let geometry;
    try {
      // a table page names its columns, or continues the table of the page before
      const previous = reads[reads.length - 1];
      const continues = previous?.grid !== null && previous?.grid !== undefined;
      geometry = await pdf.page(n, (runs) => continues || TABLE_WORDS.test(runs.map((r) => r.str).join('').replace(/\s+/g, '')));
    } catch (e) {
      pre.push(diag('pdf-page-unread', `第 ${n} 页无法解析，该页内容未读入：${pdfProblem(e)}`, {}));
      reads.push({ page: n, grid: null, header: null, above: [] });
      options.onProgress?.(n, pdf.pages);
      continue;
    }
    const quality = textQuality(geometry.runs.map((r) => r.str));
    textChars += quality.chars;
    if (quality.chars === 0) {
      if (geometry.hasImage) noText.push(n);
      reads.push({ page: n, grid: null, header: null, above: [] });
    } else if (isGarbled(quality)) {
      pre.push(diag('pdf-text-garbled', `第 ${n} 页的文字层是乱码（${quality.chars} 个字符中 ${quality.bad} 个无法识别，如“${quality.sample}”）：文件所用字体缺少 Unicode 映射，没有可用的文字层，该页内容未读入。请取得由原表格直接导出的 PDF，或 Excel/文本原件。`, {}));
      reads.push({ page: n, grid: null, header: null, above: [] });
    } else {
      let grid = buildGrid(n, geometry.runs, geometry.segments);
      let header = grid ? readHeader(grid) : null;
      if (!header) {
        // no ruled table with a header here: a table printed without rules, inferred from its text
        const inferred = inferGrid(n, geometry.height, geometry.runs);
        const inferredHeader = inferred ? readHeader(inferred) : null;
        if (inferred && inferredHeader) { grid = inferred; header = inferredHeader; }
      }
      if (!grid) titles.push(geometry.runs.slice(0, 5).map((r) => r.str).join(''));
      else titles.push(grid.above.map((l) => l.text).join(' '));
      reads.push({ page: n, grid, header, above: grid?.above ?? [] });
    }
    options.onProgress?.(n, pdf.pages);
  }

  // the table pages: a header found on the page, or the previous table's ruling continued
  const tables: TablePage[] = [];
  let last: TablePage | null = null;
  for (const r of reads) {
    if (r.grid && r.header) {
      last = { grid: r.grid, header: r.header, inherited: false };
      tables.push(last);
    } else if (r.grid && last && last.grid.page === r.page - 1 && sameColumns(last.grid.xs, r.grid.xs) && r.above.length <= 2) {
      last = { grid: r.grid, header: last.header, inherited: true };
      tables.push(last);
    } else last = null;
  }
  const main = tables.filter((t) => t.header.kind === 'targets');
  const summary = tables.filter((t) => t.header.kind === 'summary');
  const chosen = main.length > 0 ? main : summary;
  const pagesRead = chosen.map((t) => t.grid.page);

  if (chosen.length === 0) {
    if (textChars === 0) {
      pre.push(diag('pdf-no-text', noText.length > 0
        ? `PDF 没有文字层（第 ${ranges(noText)} 页只有图像，应是扫描件），无法读取表格内容。请取得由原表格直接导出的 PDF，或 Excel/文本原件。`
        : 'PDF 中没有任何文字，无法读取表格内容。'));
    } else if (!pre.some((d) => d.code === 'pdf-text-garbled')) {
      const whole = titles.find((t) => /部门整体/.test(t));
      pre.push(diag('pdf-no-table', whole
        ? `文件标题为“${clip(whole.trim())}”：这是部门整体的绩效目标申报表，不是项目支出绩效目标表：它按部门整体填报预算情况、总体绩效目标和年度重点工作任务，没有逐个项目的金额和指标，不能按项目表读取。`
        : `PDF 共 ${pdf.pages} 页，没有一页带有项目支出绩效目标表的栏目（项目名称、总计、财政拨款……绩效目标、绩效指标），无法识别为项目支出绩效目标表。`));
    }
    return empty(source, pre, pdf.pages, []);
  }

  const locations = new Locations();
  const read = readRows(chosen, locations);
  const meta = readMeta(chosen);
  if (noText.length > 0) pre.push(diag('pdf-no-text', `第 ${ranges(noText)} 页没有文字层（只有图像，应是扫描页），这些页的内容无法读取。`));
  const raw = { layout: 'pdf' as const, meta, rows: read.rows, orphans: read.orphans, diagnostics: read.diagnostics, lineCount: 0 };
  const built = buildDocument(raw, source);
  const info: Diagnostic[] = [];
  if (pdf.pages > 1 || pagesRead.length !== pdf.pages) {
    info.push(diag('pdf-pages-read', `读取了第 ${ranges(pagesRead)} 页的${meta.title ? `“${meta.title}”` : '项目表'}（全文共 ${pdf.pages} 页；只读取带有项目名称、金额和绩效目标或指标栏目的表格页）。`));
  }
  if (main.length > 0 && summary.length > 0) {
    // a summary lists projects of the main table again: say so, and name any it lists that the table lacks
    const key = (s: string) => s.replace(/[\s\u3000]/g, '');
    const known = new Set(read.rows.map((r) => key(r.name.text)));
    const listed = readRows(summary, new Locations()).rows.filter((r) => r.kind === 'project').map((r) => r.name.text);
    const missing = listed.filter((n) => !known.has(key(n)));
    info.push(diag(missing.length ? 'pdf-summary-unmatched' : 'pdf-summary-skipped', `第 ${ranges(summary.map((t) => t.grid.page))} 页是重点项目预算绩效目标情况（项目、预算数、绩效目标），列出 ${listed.length} 个项目${missing.length ? `，其中 ${missing.length} 个在项目表中找不到：${missing.slice(0, 5).map((n) => `“${clip(n)}”`).join('、')}${missing.length > 5 ? '等' : ''}` : '，都已在项目表中'}；这几页未重复读入。`));
  }
  if (meta.department === null || meta.currencyUnit === null) {
    info.push(diag('header-missing', `表头缺少${[meta.department === null ? '部门（单位）名称' : '', meta.currencyUnit === null ? '金额单位' : ''].filter(Boolean).join('和')}。`));
  }
  const doc = relocate({ ...built, diagnostics: [...pre, ...info, ...built.diagnostics] }, locations);
  return { ...doc, source: { ...doc.source, pages: pdf.pages, pagesRead } };
}

function readMeta(tables: readonly TablePage[]): HeaderMeta {
  const meta = emptyMeta();
  let title: { text: string; h: number } | null = null;
  for (const t of tables) {
    if (t.inherited) continue;
    for (const line of t.grid.above) {
      const kind = headerKind(line.text);
      if (kind === 'department' || kind === 'currency') { readMetaLine(meta, kind, line.text); continue; }
      const parts = line.text.split(/\s+/);
      // 部门名称：… and 单位：万元 printed apart on one baseline
      for (const p of parts) {
        const k = headerKind(p);
        if (k === 'department' || k === 'currency') readMetaLine(meta, k, p);
      }
      if (parts.some((p) => headerKind(p) === 'department' || headerKind(p) === 'currency')) continue;
      if (/^表\s*\d+$/.test(line.text) || /^[-—\s\d第页共/]+$/.test(line.text)) continue;
      if (title === null || line.box.h > title.h + 0.5) title = { text: line.text, h: line.box.h };
    }
    if (title) break;
  }
  if (title) {
    meta.title = title.text.replace(/\s+/g, '');
    const y = /((?:19|20)\d{2})\s*年/.exec(meta.title);
    if (y) meta.year = Number(y[1]);
  }
  return meta;
}

function empty(source: Omit<SourceInfo, 'layout' | 'lines'>, diagnostics: Diagnostic[], pages: number, pagesRead: number[]): TableDocument {
  return {
    source: { ...source, layout: 'pdf', lines: 0, pages, pagesRead },
    title: null, year: null, department: null, currencyUnit: null,
    total: null, units: [], orphans: [], diagnostics,
  };
}

/** 27–80、83 */
export function ranges(pages: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length;) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    out.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return out.join('、');
}

const clip = (s: string, n = 30): string => (s.length <= n ? s : `${s.slice(0, n)}…`);

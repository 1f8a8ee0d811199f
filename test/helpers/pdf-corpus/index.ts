// The generated PDF corpus: the five samples' tables printed by two real producers (headless Chromium
// printing tableHtml, ReportLab drawing them in a non-embedded CID font), plus broken variants, each
// with what a reader must find in it. Built once into a cache outside git, keyed by a hash of this
// generator and of the expected tables; concurrent test files wait for one builder.
//
// Needs /usr/bin/chromium, /usr/bin/python3 with reportlab and pypdf, qpdf and pdftoppm
// (scripts/install-test-deps.sh, run by the vitest global setup).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBytes } from '../../../src/ingest/index.js';
import { REPO_ROOT, loadSamples } from '../samples.js';
import { tableHtml } from './html.js';
import { COLUMN_HEADER, type ExpectedTable, expectedFromDocument, headerLines, tableRows } from './table.js';

export const PYTHON = '/usr/bin/python3';
export const CHROMIUM = '/usr/bin/chromium';
const HERE = join(REPO_ROOT, 'test', 'helpers', 'pdf-corpus');
export const CACHE_ROOT = process.env['JIXIAO_PDF_CORPUS_DIR'] ?? join(REPO_ROOT, 'node_modules', '.cache', 'jixiao-pdf-corpus');

/** What a reader must make of one generated PDF. */
export type PdfExpectation =
  /** a readable table: every reader agrees on it, and every amount is in its column */
  | { readonly kind: 'table'; readonly table: ExpectedTable }
  /** unreadable as a whole: these error codes, and no projects read */
  | { readonly kind: 'error'; readonly codes: readonly string[]; readonly why: string }
  /** damaged: the reader resolves with an error diagnostic (one of codes), reading what it can */
  | { readonly kind: 'damaged'; readonly codes: readonly string[]; readonly why: string; readonly table: ExpectedTable };

export interface CorpusPdf {
  /** e.g. 004-chromium-ruled-a4 */
  readonly name: string;
  readonly sample: string;
  readonly producer: 'chromium' | 'reportlab' | 'edited';
  readonly path: string;
  readonly pages: number;
  readonly expect: PdfExpectation;
}

export interface PdfCorpus {
  readonly dir: string;
  readonly tables: readonly ExpectedTable[];
  readonly pdfs: readonly CorpusPdf[];
}

export function missingTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(CHROMIUM);
  for (const tool of ['qpdf', 'pdftoppm', 'pdfinfo']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'pipe' });
    } catch {
      missing.push(tool);
    }
  }
  try {
    execFileSync(PYTHON, ['-c', 'import reportlab, pypdf'], { stdio: 'pipe' });
  } catch {
    missing.push(`${PYTHON} with reportlab and pypdf`);
  }
  return missing;
}

/** The expected tables of the five samples, as the text reader reads them. */
export function expectedTables(): ExpectedTable[] {
  return loadSamples().map((s) => expectedFromDocument(s.id, parseBytes(s.bytes, { file: s.file })));
}

/**
 * What the PDFs are made from: the producers (this file, html.ts and the Python scripts) and what they
 * print of each table. The expectations are not in it: they are attached when the corpus is loaded, so
 * a change in what a table deserves does not reprint the PDFs.
 */
function corpusKey(tables: readonly ExpectedTable[]): string {
  const h = createHash('sha256');
  for (const f of ['index.ts', 'html.ts', 'reportlab_table.py', 'pdf_edit.py']) h.update(f).update(readFileSync(join(HERE, f)));
  for (const t of tables) h.update(JSON.stringify([t.sample, headerLines(t), tableRows(t)]));
  return h.digest('hex').slice(0, 16);
}

/** A manifest entry: the expectation without the table, which is the current expected table of its sample. */
type Stored = Omit<CorpusPdf, 'expect'> & { readonly expect: { readonly kind: PdfExpectation['kind']; readonly codes?: readonly string[]; readonly why?: string } };

function withTable(p: Stored, tables: readonly ExpectedTable[], dir: string): CorpusPdf {
  const table = tables.find((t) => t.sample === p.sample);
  if (!table) throw new Error(`no expected table for ${p.name}`);
  const e = p.expect;
  const expect: PdfExpectation = e.kind === 'table' ? { kind: 'table', table }
    : e.kind === 'error' ? { kind: 'error', codes: e.codes ?? [], why: e.why ?? '' }
    : { kind: 'damaged', codes: e.codes ?? [], why: e.why ?? '', table };
  return { ...p, path: join(dir, p.path), expect };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The corpus, built on first use (a minute or two) and then read from the cache. */
export async function pdfCorpus(): Promise<PdfCorpus> {
  const tables = expectedTables();
  const dir = join(CACHE_ROOT, corpusKey(tables));
  const manifest = join(dir, 'manifest.json');
  const lock = `${dir}.lock`;
  mkdirSync(CACHE_ROOT, { recursive: true });
  for (let waited = 0; !existsSync(manifest); waited += 500) {
    try {
      mkdirSync(lock);
    } catch {
      // another test file is building it: wait, and take over a lock left by a dead builder
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!?.mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (!existsSync(manifest)) await build(tables, dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  const pdfs = (JSON.parse(readFileSync(manifest, 'utf8')) as Stored[]).map((p) => withTable(p, tables, dir));
  return { dir, tables, pdfs };
}

/** pages as poppler counts them; 0 for a file it cannot open (encrypted, truncated) */
function pageCount(path: string): number {
  try {
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function build(tables: readonly ExpectedTable[], dir: string): Promise<void> {
  const missing = missingTools();
  if (missing.length > 0) throw new Error(`cannot build the PDF corpus, missing: ${missing.join(', ')} (run scripts/install-test-deps.sh)`);
  const tmp = `${dir}.tmp-${process.pid}`;
  // what a killed builder left behind (we hold the lock)
  for (const f of readdirSync(CACHE_ROOT)) if (f.includes('.tmp-')) rmSync(join(CACHE_ROOT, f), { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const entries: Omit<CorpusPdf, 'pages'>[] = [];
  const t0 = Date.now();
  process.stderr.write(`[pdf corpus] building into ${dir}\n`);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage();
    const print = async (html: string, file: string, a3: boolean, footer = true): Promise<void> => {
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({
        path: join(tmp, file),
        format: a3 ? 'A3' : 'A4',
        landscape: a3,
        printBackground: true,
        margin: { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' },
        displayHeaderFooter: footer,
        headerTemplate: '<span></span>',
        footerTemplate: '<div style="font-size:8pt;width:100%;text-align:center;font-family:sans-serif">第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页</div>',
      });
    };
    for (const t of tables) {
      for (const [ruled, a3] of [[true, false], [false, false], [true, true], [false, true]] as const) {
        const name = `${t.sample}-chromium-${ruled ? 'ruled' : 'unruled'}-${a3 ? 'a3' : 'a4'}`;
        await print(tableHtml(t, { ruled, wide: a3 }), `${name}.pdf`, a3);
        entries.push({ name, sample: t.sample, producer: 'chromium', path: `${name}.pdf`, expect: { kind: 'table', table: t } });
      }
      // the second producer: ReportLab, STSong-Light not embedded, UniGB-UCS2-H; then the same as GBK-EUC-H
      const json = JSON.stringify({
        header: headerLines(t),
        columns: COLUMN_HEADER,
        rows: tableRows(t).map((r) => ({ kind: r.kind, cells: r.cells, lines: r.indicatorLines })),
      });
      const ucs2 = `${t.sample}-reportlab-ucs2-a3`;
      execFileSync(PYTHON, [join(HERE, 'reportlab_table.py'), join(tmp, `${ucs2}.pdf`), 'UniGB-UCS2-H'], { input: json, stdio: ['pipe', 'pipe', 'pipe'] });
      entries.push({ name: ucs2, sample: t.sample, producer: 'reportlab', path: `${ucs2}.pdf`, expect: { kind: 'table', table: t } });
      const gbk = `${t.sample}-reportlab-gbk-a3`;
      execFileSync(PYTHON, [join(HERE, 'reportlab_table.py'), join(tmp, `work-${gbk}.pdf`), 'GBK-EUC-H'], { input: json, stdio: ['pipe', 'pipe', 'pipe'] });
      execFileSync(PYTHON, [join(HERE, 'pdf_edit.py'), 'gbk', join(tmp, `work-${gbk}.pdf`), join(tmp, `${gbk}.pdf`)], { stdio: 'pipe' });
      entries.push({ name: gbk, sample: t.sample, producer: 'edited', path: `${gbk}.pdf`, expect: { kind: 'table', table: t } });
    }
    entries.push(...(await brokenVariants(tables, tmp, print)));
  } finally {
    await browser.close();
  }
  const withPages: Stored[] = entries.map((e) => {
    const { table: _table, ...expect } = e.expect as PdfExpectation & { table?: unknown };
    return { ...e, expect, pages: pageCount(join(tmp, e.path)) };
  });
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(withPages, null, 1));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  process.stderr.write(`[pdf corpus] ${withPages.length} PDFs, ${withPages.reduce((n, e) => n + e.pages, 0)} pages in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

type Print = (html: string, file: string, a3: boolean, footer?: boolean) => Promise<void>;

/** The variants no reader can read as a table, and the ones it can only partly read. */
async function brokenVariants(tables: readonly ExpectedTable[], tmp: string, print: Print): Promise<Omit<CorpusPdf, 'pages'>[]> {
  const t = tables.find((x) => x.sample === '004')!;
  const base = join(tmp, '004-chromium-ruled-a4.pdf');
  const out: Omit<CorpusPdf, 'pages'>[] = [];
  const add = (name: string, expect: PdfExpectation): void => {
    out.push({ name, sample: t.sample, producer: 'edited', path: `${name}.pdf`, expect });
  };
  // qpdf first writes an uncompressed, object-stream-free copy so pypdf sees every font dictionary
  const qdf = join(tmp, 'work-004-qdf.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', base, qdf]);

  execFileSync(PYTHON, [join(HERE, 'pdf_edit.py'), 'strip-tounicode', qdf, join(tmp, '004-tounicode-stripped.pdf')], { stdio: 'pipe' });
  add('004-tounicode-stripped', STRIPPED_EXPECTATION(t));
  execFileSync(PYTHON, [join(HERE, 'pdf_edit.py'), 'pua-tounicode', qdf, join(tmp, '004-tounicode-pua.pdf')], { stdio: 'pipe' });
  add('004-tounicode-pua', { kind: 'error', codes: ['pdf-text-garbled'], why: 'every glyph maps to a private-use character: no usable text layer' });

  // a scan: every page an image (pdftoppm at 100 dpi), printed back into a PDF by Chromium
  const prefix = join(tmp, 'work-004-page');
  execFileSync('pdftoppm', ['-r', '100', '-png', base, prefix]);
  const images = readdirSync(tmp).filter((f) => f.startsWith('work-004-page')).sort();
  const html = `<!doctype html><html><body style="margin:0">${images.map((f) =>
    `<img src="data:image/png;base64,${readFileSync(join(tmp, f)).toString('base64')}" style="width:210mm;height:296mm;display:block;page-break-after:always">`).join('')}</body></html>`;
  await print(html, '004-image-only.pdf', false, false);
  add('004-image-only', { kind: 'error', codes: ['pdf-no-text'], why: 'every page is an image (a scan)' });

  execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', base, join(tmp, '004-encrypted.pdf')]);
  add('004-encrypted', { kind: 'error', codes: ['pdf-encrypted'], why: 'AES-256 with a user password' });
  // encrypted with an empty user password: any viewer opens it without asking, so a reader must too
  execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', base, join(tmp, '004-encrypted-no-user-password.pdf')]);
  add('004-encrypted-no-user-password', { kind: 'table', table: t });

  const bytes = readFileSync(base);
  for (const share of [0.5, 0.97]) {
    const name = `004-truncated-${Math.round(share * 100)}`;
    writeFileSync(join(tmp, `${name}.pdf`), bytes.subarray(0, Math.floor(bytes.length * share)));
    add(name, { kind: 'damaged', codes: ['pdf-damaged', 'pdf-page-unread'], why: `cut after ${Math.round(share * 100)}% of its bytes`, table: t });
  }
  for (const f of readdirSync(tmp).filter((x) => x.startsWith('work-'))) rmSync(join(tmp, f));
  return out;
}

/**
 * Chromium embeds subset TrueType fonts with their own glyph codes; without ToUnicode nothing maps those
 * codes to characters (pdfjs 5.6 turns them into unrelated CJK characters such as 걸泘䶺, checked by hand):
 * no usable text layer, even though the junk is not replacement or private-use characters.
 */
const STRIPPED_EXPECTATION = (_t: ExpectedTable): PdfExpectation =>
  ({ kind: 'error', codes: ['pdf-text-garbled'], why: 'fonts without ToUnicode whose codes are glyph ids: the characters extracted are unrelated to the printed ones' });

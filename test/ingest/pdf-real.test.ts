// The real 2026 Guangzhou PDFs (../shared/real, outside the repository), read directly: a 12-page
// department table (001), a 96-page budget volume with the table on pp. 27–80 (005) and a
// department-wide form that is not a project table (003).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBytes, parseDocument } from '../../src/ingest/index.js';
import { openPdf } from '../../src/ingest/pdf/load.js';
import { tableDocumentSchema, type Funding, type TableDocument } from '../../src/model/index.js';
import { validateJsonSchema } from '../helpers/invariants.js';
import { realDir } from '../helpers/real-pdf.js';

const REAL = realDir();
if (!REAL) console.log('pdf-real: ../shared/real not found, the real-PDF tests are skipped');
const file = (name: string) => join(REAL ?? '', name);
const read = async (name: string) => parseDocument(new Uint8Array(readFileSync(file(name))), { file: name });

const cents = (x: number | null | undefined) => Math.round((x ?? 0) * 100);
const columns = (f: Funding | null) => (f ? [cents(f.total), cents(f.fiscal), cents(f.specialAccount), cents(f.other)] : [0, 0, 0, 0]);
const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!);
const within = (a: number[], b: number[], n: number) => a.every((x, i) => Math.abs(x - b[i]!) <= n);

/** Every text run of the PDF, joined without whitespace: what the file itself says, counted independently of the reader. */
async function pdfText(path: string): Promise<string> {
  const pdf = await openPdf(new Uint8Array(readFileSync(path)));
  if ('kind' in pdf) throw new Error(pdf.detail);
  let text = '';
  for (let n = 1; n <= pdf.pages; n++) text += (await pdf.page(n)).runs.map((r) => r.str).join('');
  await pdf.close();
  return text.replace(/\s+/g, '');
}

function hasLine(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasLine);
  if (v === null || typeof v !== 'object') return false;
  return Object.entries(v).some(([k, x]) => k === 'line' || hasLine(x));
}

describe.skipIf(!REAL)('001: 广州市政务服务和数据管理局 2026 项目支出绩效目标表, 12 ruled A3 pages', () => {
  let doc: TableDocument;
  beforeAll(async () => { doc = await read('001_gz_zsj_2026_xmzc.pdf'); }, 60_000);

  it('validates against the zod model and the published JSON Schema; PDF locations are boxes, not lines', () => {
    expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
    expect(validateJsonSchema(JSON.parse(JSON.stringify(doc))), JSON.stringify(validateJsonSchema.errors)).toBe(true);
    expect(doc.source.layout).toBe('pdf');
    expect(doc.source.pages).toBe(12);
    expect(doc.source.pagesRead).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(hasLine(doc)).toBe(false);
    for (const u of doc.units) for (const p of u.projects) {
      expect(p.box!.page).toBeGreaterThanOrEqual(1);
      expect(p.box!.page).toBeLessThanOrEqual(12);
      for (const i of p.indicators) expect(i.box).toBeDefined();
    }
  });

  it('reads the header: title, department, currency unit', () => {
    expect(doc.title).toBe('项目支出绩效目标表（含转移支付项目）');
    expect(doc.department).toBe('广州市政务服务和数据管理局');
    expect(doc.currencyUnit).toBe('万元');
  });

  it('合计 86,246.64, all 财政拨款, and 合计 = Σ units = Σ projects column by column', () => {
    expect(doc.total).toMatchObject({ total: 86246.64, fiscal: 86246.64, specialAccount: null, other: null, unplaced: [] });
    const units = doc.units.reduce((s, u) => add(s, columns(u.funding)), [0, 0, 0, 0]);
    expect(within(units, columns(doc.total), 1)).toBe(true);
    for (const u of doc.units) {
      const projects = u.projects.reduce((s, p) => add(s, columns(p.funding)), [0, 0, 0, 0]);
      // published amounts are rounded: 0.01 per summed row at most
      expect(within(projects, columns(u.funding), u.projects.length), u.name).toBe(true);
    }
  });

  it('every amount lands in its column: nothing unplaced, and no error the table does not deserve', () => {
    for (const u of doc.units) for (const p of u.projects) expect(p.funding.unplaced).toEqual([]);
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.diagnostics.some((d) => d.code === 'column-undecided')).toBe(false);
    expect(doc.orphans).toEqual([]);
  });

  it('reads every indicator: as many as 年度指标值 occurs in the PDF text', async () => {
    const expected = (await pdfText(file('001_gz_zsj_2026_xmzc.pdf'))).split('年度指标值').length - 1;
    expect(expected).toBe(404);
    const indicators = doc.units.flatMap((u) => u.projects.flatMap((p) => p.indicators));
    expect(indicators).toHaveLength(expected);
    expect(indicators.every((i) => i.annual.raw !== '' && i.period.raw !== '')).toBe(true);
    expect(doc.units.map((u) => u.projects.length)).toEqual([21, 37, 7, 5]);
  }, 60_000);

  it('agrees with the text reader on the pypdf text where that reads well: units, 合计, and the projects both read', () => {
    const text = parseBytes(new Uint8Array(readFileSync(file('001_gz_zsj_2026_xmzc.pypdf.txt'))), { file: 'pypdf.txt' });
    const key = (s: string) => s.replace(/\s+/g, '');
    // the text reader may read more (today the wrapped column header as a unit): every unit of the PDF is among its units
    expect(text.units.map((u) => key(u.name))).toEqual(expect.arrayContaining(doc.units.map((u) => key(u.name))));
    // a project name can recur under another unit: unit and name together are the key
    const pdfProjects = new Map(doc.units.flatMap((u) => u.projects.map((p) => [key(u.name + '/' + p.name), p] as const)));
    const both = text.units.flatMap((u) => u.projects.map((p) => ({ k: key(u.name + '/' + p.name), p }))).filter((x) => pdfProjects.has(x.k));
    expect(both.length).toBeGreaterThanOrEqual(60);
    for (const { k, p } of both) {
      const q = pdfProjects.get(k)!;
      expect(cents(q.funding.total), p.name).toBe(cents(p.funding.total));
      expect(key(q.goal), p.name).toBe(key(p.goal));
    }
  });

  it('reports page progress once per page', async () => {
    const seen: [number, number][] = [];
    await parseDocument(new Uint8Array(readFileSync(file('001_gz_zsj_2026_xmzc.pdf'))), { onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, 12]));
  }, 60_000);
});

describe.skipIf(!REAL)('005: 广州市交通运输局 2026 部门预算, the whole 96-page volume', () => {
  let doc: TableDocument;
  beforeAll(async () => { doc = await read('005_gz_jtysj_2026_bmys.pdf'); }, 120_000);

  it('reads exactly the pages of 表12 and says which, and why pp. 83–94 are not read again', () => {
    expect(doc.source.pages).toBe(96);
    expect(doc.source.pagesRead).toEqual(Array.from({ length: 54 }, (_, i) => 27 + i));
    expect(doc.diagnostics.find((d) => d.code === 'pdf-pages-read')!.message).toContain('27–80');
    expect(doc.diagnostics.find((d) => d.code === 'pdf-summary-skipped')!.message).toContain('83–94');
    expect(doc.title).toBe('部门预算项目支出及其他支出预算表');
    expect(doc.department).toBe('广州市交通运输局');
    expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
    expect(validateJsonSchema(JSON.parse(JSON.stringify(doc)))).toBe(true);
  });

  it('maps the 10-column variant by header: 总计 = 财政拨款合计 + 专户 + 其他, and the fiscal parts add up', () => {
    expect(doc.total).toMatchObject({ total: 528365.17, fiscal: 528365.17, fiscalParts: { general: 353289.84, governmentFund: 175075.32, stateCapital: 0 } });
    const projects = doc.units.flatMap((u) => u.projects);
    expect(projects.length).toBe(225);
    for (const p of projects) {
      const f = p.funding;
      expect(cents(f.total), p.name).toBe(cents(f.fiscal) + cents(f.specialAccount) + cents(f.other));
      const parts = f.fiscalParts!;
      expect(cents(parts.general) + cents(parts.governmentFund) + cents(parts.stateCapital), p.name).toBe(cents(f.fiscal));
      expect(p.goal).not.toBe('');
      expect(f.unplaced).toEqual([]);
    }
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.orphans).toEqual([]);
  });
});

describe.skipIf(!REAL)('003: 部门整体预算绩效目标申报表 (a department-wide form, not a project table)', () => {
  it('says clearly what it is and reads no project rows', async () => {
    const doc = await read('003_gz_zsj_2026_bmzt.pdf');
    expect(doc.units).toEqual([]);
    expect(doc.total).toBeNull();
    const d = doc.diagnostics.find((x) => x.code === 'pdf-no-table')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('部门整体');
    expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
  }, 60_000);
});

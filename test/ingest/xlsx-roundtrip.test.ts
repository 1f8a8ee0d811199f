// Round trip through the XLSX export (src/report/xlsx, when it is there): every sample table exported in
// both layouts (公开表式, a row per project; 指标明细, a row per indicator) and imported again reads the
// same document — units, projects, amounts, goals, indicators. Skipped while the exporter is absent
// (test/ingest/xlsx.test.ts runs the same reader over workbooks the tests write themselves).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PassThrough, type Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseDocument, unreadable } from '../../src/ingest/index.js';
import type { TableDocument } from '../../src/model/index.js';
import { compareTable, summarize } from '../contract/compare.js';
import { type ExpectedTable, expectedFromDocument } from '../helpers/pdf-corpus/table.js';
import { realDir } from '../helpers/real-pdf.js';
import { loadSamples } from '../helpers/samples.js';
import { dirname, join } from 'node:path';

type Exporter = (docs: readonly TableDocument[], layout: 'table' | 'indicators', out: Writable) => Promise<unknown>;
const EXPORTER = fileURLToPath(new URL('../../src/report/xlsx/index.ts', import.meta.url));
const exporter: Exporter | undefined = existsSync(EXPORTER)
  ? ((await import(/* @vite-ignore */ EXPORTER)) as { writeDocumentsXlsx?: Exporter }).writeDocumentsXlsx
  : undefined;
if (!exporter) console.warn('[xlsx] src/report/xlsx (writeDocumentsXlsx) is not here: round trip through the export skipped');

/** What a layout cannot carry: each indicator is written in canonical form, or field by field. */
const NOT_CARRIED: Record<'table' | 'indicators', ReadonlySet<string>> = {
  table: new Set(['indicator-annual-repeated', 'indicator-number-fused', 'level1-name-missing', 'level2-name-missing']),
  indicators: new Set(['indicator-seq-gap', 'indicator-seq-repeat', 'indicator-annual-repeated', 'level1-name-missing', 'level2-name-missing', 'indicator-number-fused']),
};

/**
 * A flowed table's source amounts have no column (funding.unplaced): the export prints them in a last
 * column 未能归位的金额 (with why), and the reader reads them back unplaced — so the sources compare in any
 * column (caps.columns false) and, below, every row's amounts compare exactly, unplaced ones included.
 */
function expectation(doc: TableDocument, id: string, layout: 'table' | 'indicators'): { table: ExpectedTable; columns: boolean } {
  const t = expectedFromDocument(id, doc);
  const table = { ...t, diagnostics: t.diagnostics.filter((c) => !NOT_CARRIED[layout].has(c)) };
  return { table, columns: !fundings(doc).some((f) => f && f.unplaced.length > 0) };
}

const fundings = (doc: TableDocument) => [doc.total, ...doc.units.flatMap((u) => [u.funding, ...u.projects.map((p) => p.funding)])];
/** every amount a row holds, in cents: nothing dropped, nothing moved into a column */
const amounts = (doc: TableDocument) => fundings(doc).map((f) => f && [f.total, f.fiscal, f.specialAccount, f.other, ...f.unplaced].map((x) => (x === null ? null : Math.round(x * 100))));

/** the samples, and ../shared/seeds when it is there (the same tables, as the project was given them) */
const REAL = realDir();
const SEEDS = REAL ? join(dirname(REAL), 'seeds') : null;
const sources = [...loadSamples().map((s) => ['samples', s] as const), ...(SEEDS && existsSync(SEEDS) ? loadSamples(SEEDS).map((s) => ['seeds', s] as const) : [])];

describe.skipIf(!exporter)('xlsx round trip: export → import gives the same document', () => {
  const cases = sources.flatMap(([where, s]) => (['table', 'indicators'] as const).map((layout) => [`${where}/${s.id} ${layout}`, s, layout] as const));
  it.each(cases)('%s', async (_name, sample, layout) => {
    const doc = parseBytes(sample.bytes, { file: sample.file });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await exporter!([doc], layout, out);
    const back = await parseDocument(new Uint8Array(Buffer.concat(chunks)), { file: `${sample.id}-${layout}.xlsx` });
    expect(unreadable(back)).toBeUndefined();
    const { table, columns } = expectation(doc, sample.id, layout);
    const problems = compareTable(back, table, { columns, generated: true });
    expect(problems, summarize(problems)).toEqual([]);
    expect(amounts(back)).toEqual(amounts(doc));
    expect(back.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual(doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message));
  }, 60_000);
});

describe.skipIf(!exporter)('a workbook of several tables (one sheet per department and year, as the export writes)', () => {
  it('is refused with one error naming each sheet\'s department and year, not joined into the first sheet\'s table', async () => {
    const docs = loadSamples().map((s) => parseBytes(s.bytes, { file: s.file }));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await exporter!(docs, 'table', out);
    const back = await parseDocument(new Uint8Array(Buffer.concat(chunks)), { file: 'several.xlsx' });
    const fatal = unreadable(back);
    expect(fatal?.code).toBe('xlsx-several-tables');
    expect(fatal?.message).toContain('广州番禺职业技术学院');
    expect(fatal?.message).toContain('2024年');
    // nothing joined: no sheet's 合计 row became a unit, no project took the first sheet's department
    expect(back.units).toEqual([]);
  });
});

// Workbooks from other programs than the one the reader shares a library with: LibreOffice re-saving
// the exceljs workbooks as .xlsx (with merged cells, a two-row header, a row per indicator), as .xls (the
// old format: a clear error) and as CSV; openpyxl writing a clerk's hand-made layout (an empty cover
// sheet, the header on row 5, some amounts as text), with unit totals as formulas that openpyxl saves
// without values (refused) and that LibreOffice computes and saves (read from the saved results).
import { describe, expect, it } from 'vitest';
import { parseDocument, unreadable } from '../../src/ingest/index.js';
import { tableDocumentSchema } from '../../src/model/index.js';
import { compareTable, summarize } from '../contract/compare.js';
import { expectedTables } from '../helpers/pdf-corpus/index.js';
import type { ExpectedTable } from '../helpers/pdf-corpus/table.js';
import { writeTableXlsx, type XlsxVariant } from '../helpers/xlsx-corpus.js';
import { hasOpenpyxl, hasSoffice, libreofficeConvert, openpyxlWorkbook } from '../helpers/xlsx-producers.js';

const tables = expectedTables();
const soffice = hasSoffice();
const openpyxl = hasOpenpyxl();
if (!soffice || !openpyxl) console.warn(`[xlsx] missing ${[soffice ? '' : 'soffice', openpyxl ? '' : 'python3-openpyxl'].filter(Boolean).join(', ')} — run scripts/install-test-deps.sh`);

const CELL_LAYOUT_CANNOT_SAY = new Set(['indicator-seq-gap', 'indicator-seq-repeat', 'indicator-annual-repeated', 'level1-name-missing', 'level2-name-missing', 'indicator-number-fused']);
const cellsCanSay = (t: ExpectedTable): ExpectedTable => ({ ...t, diagnostics: t.diagnostics.filter((c) => !CELL_LAYOUT_CANNOT_SAY.has(c)) });

const VARIANTS: readonly (readonly [string, XlsxVariant])[] = [
  ['7 columns, two-row header', { layout: 'project-rows', twoRowHeader: true }],
  ['row per indicator, merged', { layout: 'indicator-rows', twoRowHeader: true }],
];

async function expectTable(bytes: Uint8Array, file: string, table: ExpectedTable, perIndicator: boolean): Promise<void> {
  const doc = await parseDocument(new Uint8Array(bytes), { file });
  expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
  expect(unreadable(doc)).toBeUndefined();
  const problems = compareTable(doc, perIndicator ? cellsCanSay(table) : table, { columns: true, generated: true });
  expect(problems, summarize(problems)).toEqual([]);
}

describe.skipIf(!soffice)('workbooks saved by LibreOffice', async () => {
  const inputs = await Promise.all(VARIANTS.flatMap(([name, v]) => tables.map(async (t) => ({ name: `${t.sample}-${v.layout}.xlsx`, label: `${name}: ${t.sample}`, table: t, variant: v, bytes: await writeTableXlsx(t, v) }))));
  const xlsx = soffice ? await libreofficeConvert(inputs, 'xlsx') : new Map<string, Buffer>();
  const csv = soffice ? await libreofficeConvert(inputs, 'csv') : new Map<string, Buffer>();
  const xls = soffice ? await libreofficeConvert(inputs.slice(0, 1), 'xls') : new Map<string, Buffer>();

  it.each(inputs.map((i) => [i.label, i] as const))('re-saved as .xlsx: %s', async (_l, i) => {
    const bytes = xlsx.get(i.name);
    expect(bytes, 'LibreOffice wrote no .xlsx').toBeDefined();
    await expectTable(bytes!, i.name, i.table, i.variant.layout === 'indicator-rows');
  }, 60_000);

  it.each(inputs.map((i) => [i.label, i] as const))('saved as .csv: %s', async (_l, i) => {
    const bytes = csv.get(i.name);
    expect(bytes, 'LibreOffice wrote no .csv').toBeDefined();
    await expectTable(bytes!, i.name.replace(/\.xlsx$/, '.csv'), i.table, i.variant.layout === 'indicator-rows');
  }, 60_000);

  it('saved as the old .xls: a clear error saying to save it as .xlsx', async () => {
    const bytes = xls.get(inputs[0]!.name);
    expect(bytes).toBeDefined();
    const doc = await parseDocument(new Uint8Array(bytes!), { file: 'table.xls' });
    expect(unreadable(doc)?.code).toBe('xlsx-old-format');
    expect(unreadable(doc)?.message).toMatch(/另存为“Excel 工作簿（\.xlsx）”/);
  }, 60_000);
});

describe.skipIf(!openpyxl)('workbooks written by openpyxl, laid out by hand', () => {
  it.each(tables.map((t) => [t.sample, t] as const))('%s', async (_id, table) => {
    await expectTable(openpyxlWorkbook(table), `${table.sample}-openpyxl.xlsx`, table, true);
  }, 60_000);

  it('unit totals as formulas: openpyxl saves no results (refused, by cell); LibreOffice computes and saves them (read)', async () => {
    const table = tables.find((t) => t.sample === '004')!;
    const bytes = openpyxlWorkbook(table, { formulas: true });
    const doc = await parseDocument(new Uint8Array(bytes), { file: 'formulas.xlsx' });
    expect(unreadable(doc)?.code).toBe('xlsx-formula-no-value');
    expect(unreadable(doc)?.message).toMatch(/绩效目标表!B\d+ 是公式/);
    if (!soffice) return;
    const saved = (await libreofficeConvert([{ name: 'formulas.xlsx', bytes }], 'xlsx')).get('formulas.xlsx')!;
    const again = await parseDocument(new Uint8Array(saved), { file: 'formulas.xlsx' });
    expect(again.diagnostics.find((d) => d.code === 'xlsx-formula-cached')).toBeDefined();
    await expectTable(saved, 'formulas.xlsx', table, true);
  }, 120_000);
});

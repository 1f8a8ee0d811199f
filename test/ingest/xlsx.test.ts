// The workbook reader over every sample table written as .xlsx in both layouts and in the variants
// people make by hand (test/helpers/xlsx-corpus.ts): each reads into the expected table — header,
// units, projects, amounts in their columns, goals, indicators — with every location a cell address.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/ingest/index.js';
import { tableDocumentSchema, type TableDocument } from '../../src/model/index.js';
import { compareTable, summarize } from '../contract/compare.js';
import { expectedTables } from '../helpers/pdf-corpus/index.js';
import { COLUMN_HEADER, type ExpectedTable, headerLines, tableRows } from '../helpers/pdf-corpus/table.js';
import { encodeGb18030 } from '../helpers/gb18030.js';
import { writeTableXlsx, type XlsxVariant } from '../helpers/xlsx-corpus.js';

const tables = expectedTables();

const VARIANTS: readonly (readonly [string, XlsxVariant])[] = [
  ['7 columns, one-row header', { layout: 'project-rows' }],
  ['7 columns, two-row header (资金来源), amounts as text, blank rows, notes sheet first', { layout: 'project-rows', twoRowHeader: true, numbersAsText: true, blankRows: true, extraSheet: true }],
  ['7 columns, amounts in 元, header repeated every 7 rows, no merges', { layout: 'project-rows', yuan: true, repeatHeaderEvery: 7, merges: false }],
  ['row per indicator, merged project cells', { layout: 'indicator-rows' }],
  ['row per indicator, two-row header, level names only, amounts as text in 元', { layout: 'indicator-rows', twoRowHeader: true, levelNamesOnly: true, numbersAsText: true, yuan: true }],
  ['row per indicator, names repeated instead of merged, header unmerged', { layout: 'indicator-rows', repeatNames: true, twoRowHeader: true, merges: false, sheetName: '项目 表' }],
];

/**
 * A row per indicator gives each field its cell: numbering that skips, a 年度指标值 repeated inside one
 * indicator's text and a level code written without its name cannot be written that way.
 */
const CELL_LAYOUT_CANNOT_SAY = new Set(['indicator-seq-gap', 'indicator-seq-repeat', 'indicator-annual-repeated', 'level1-name-missing', 'level2-name-missing', 'indicator-number-fused']);
const cellsCanSay = (t: ExpectedTable): ExpectedTable => ({ ...t, diagnostics: t.diagnostics.filter((c) => !CELL_LAYOUT_CANNOT_SAY.has(c)) });

function locations(doc: TableDocument): { lines: number; cells: number } {
  let lines = 0;
  let cells = 0;
  JSON.stringify(doc, (k, v: unknown) => {
    if (k === 'line') lines++;
    if (k === 'cell') cells++;
    return v;
  });
  return { lines, cells };
}

describe('xlsx reader: sample tables written as workbooks', () => {
  for (const [name, variant] of VARIANTS) {
    it.each(tables.map((t) => [t.sample, t] as const))(`${name}: %s`, async (_id, table) => {
      const bytes = await writeTableXlsx(table, variant);
      const doc = await parseDocument(new Uint8Array(bytes), { file: `${table.sample}.xlsx` });
      expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
      expect(doc.source.layout).toBe('xlsx');
      const problems = compareTable(doc, variant.layout === 'indicator-rows' ? cellsCanSay(table) : table, { columns: true, generated: true });
      expect(problems, summarize(problems)).toEqual([]);
      expect(doc.diagnostics.filter((d) => d.severity === 'error' && !['sum-mismatch', 'sources-mismatch'].includes(d.code))).toEqual([]);
      const at = locations(doc);
      expect(at.lines).toBe(0);
      expect(at.cells).toBeGreaterThan(table.indicatorCount);
      const sheet = doc.source.sheets!.find((s) => s.read)!;
      expect(sheet.layout).toBe(variant.layout);
      expect(sheet.amountUnit).toBe(variant.yuan ? '元' : '万元');
    }, 60_000);
  }
});

/** A table as a clerk's CSV: the header block, the column header, quoted cells holding commas and line breaks. */
function csvOf(t: ExpectedTable, delimiter = ','): string {
  const q = (c: string) => (/[",\n;\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const [title, department, unit] = headerLines(t);
  const lines = [[title!], [department!, '', '', '', '', '', unit!], [], [...COLUMN_HEADER]];
  for (const r of tableRows(t)) lines.push([...r.cells.slice(0, 6), r.indicatorLines.join('\n')]);
  return `${lines.map((l) => l.map(q).join(delimiter)).join('\r\n')}\r\n`;
}

describe('csv: the same tables as CSV files', () => {
  it.each(tables.map((t) => [t.sample, t] as const))('UTF-8 with BOM, GBK, and semicolons: %s', async (_id, table) => {
    for (const [bytes, encoding] of [
      [Buffer.from(`\ufeff${csvOf(table)}`, 'utf8'), 'utf-8'],
      [encodeGb18030(csvOf(table)), 'gb18030'],
      [Buffer.from(csvOf(table, ';'), 'utf8'), 'utf-8'],
    ] as const) {
      const doc = await parseDocument(new Uint8Array(bytes), { file: `${table.sample}.csv` });
      expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
      expect(doc.source.encoding).toBe(encoding);
      const problems = compareTable(doc, table, { columns: true, generated: true });
      expect(problems, summarize(problems)).toEqual([]);
      expect(doc.units[0]!.projects[0]!.cell).toMatch(/^A\d+$/);
    }
  }, 60_000);
});

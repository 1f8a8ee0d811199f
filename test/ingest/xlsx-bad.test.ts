// Bad workbooks: each is a clear error naming what is wrong (or a correct read), never an exception,
// and the importer stores nothing of it. Built from a good workbook byte by byte (test/helpers/zip.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, unreadable } from '../../src/ingest/index.js';
import { tableDocumentSchema, type TableDocument } from '../../src/model/index.js';
import { importBytes, migrate, openStore, type Store } from '../../src/store/index.js';
import { compareTable, summarize } from '../contract/compare.js';
import { expectedTables } from '../helpers/pdf-corpus/index.js';
import { writeTableXlsx } from '../helpers/xlsx-corpus.js';
import { editSheet, unzip, zip } from '../helpers/zip.js';

const table = expectedTables().find((t) => t.sample === '004')!;
let good: Buffer;
let store: Store;

beforeAll(async () => {
  good = await writeTableXlsx(table, { layout: 'project-rows' });
  store = openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-xlsx-bad-')), 'test.sqlite'));
  await migrate(store);
});
afterAll(async () => { await store?.close(); });

async function read(bytes: Uint8Array, file = 'bad.xlsx'): Promise<TableDocument> {
  const doc = await parseDocument(new Uint8Array(bytes), { file });
  expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
  return doc;
}

/** The file is refused whole with `code`, and importing it stores nothing. */
async function refused(bytes: Uint8Array, code: string, words: RegExp, file = 'bad.xlsx'): Promise<void> {
  const doc = await read(bytes, file);
  const fatal = unreadable(doc);
  expect(fatal?.code, JSON.stringify(doc.diagnostics.slice(0, 3))).toBe(code);
  expect(fatal!.message).toMatch(words);
  const before = await store.db.selectFrom('documents').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const outcome = await importBytes(store, bytes, { file });
  expect(outcome.status).toBe('failed');
  const after = await store.db.selectFrom('documents').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(Number(after.n)).toBe(Number(before.n));
}

const sheetXml = (): string => unzip(good).find((e) => e.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');

describe('xlsx reader: bad workbooks', () => {
  it('reads the good workbook the bad ones are made from', async () => {
    const doc = await read(good);
    expect(unreadable(doc)).toBeUndefined();
    const problems = compareTable(doc, table, { columns: true, generated: true });
    expect(problems, summarize(problems)).toEqual([]);
  });

  it('not a workbook: bytes that are no zip, named .xlsx', async () => {
    await refused(Buffer.from('这不是工作簿，只是改了扩展名的文字。\x00\x01\x02'), 'xlsx-not-workbook', /不是 Excel 工作簿/);
  });

  it('not a workbook: a zip without one (a Word document)', async () => {
    const docx = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
      { name: '_rels/.rels', data: Buffer.from('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document xmlns:w="x"><w:body/></w:document>') },
    ]);
    await refused(docx, 'xlsx-not-workbook', /没有 Excel 工作表/, 'table.docx');
  });

  it('a truncated download', async () => {
    await refused(good.subarray(0, Math.floor(good.length / 2)), 'xlsx-damaged', /损坏或不完整/);
  });

  it('a zip bomb: a sheet declaring 100 MB from a hundred kilobytes is refused before inflating', async () => {
    const zeros = Buffer.alloc(100 * 1024 * 1024, 0x20);
    const raw = deflateRawSync(zeros, { level: 9 });
    const bomb = zip(unzip(good).map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, data: zeros, raw } : e)));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await refused(bomb, 'xlsx-too-large', /压缩炸弹/);
  });

  it('a zip bomb that lies: a sheet declaring 2 KB inflates no further than that', async () => {
    const big = Buffer.from(sheetXml().replace('</sheetData>', `${'<row r="9999"/>'.repeat(200_000)}</sheetData>`));
    const liar = zip(unzip(good).map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, data: big, declaredSize: 2048 } : e)));
    await refused(liar, 'xlsx-too-large', /比文件目录所写的大/);
  });

  it('a password-protected workbook (an OLE file holding EncryptionInfo and EncryptedPackage)', async () => {
    // the shape Excel and WPS save: a compound file whose directory names the two encryption streams
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb, 0);
    Buffer.from('EncryptionInfo', 'utf16le').copy(cfb, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(cfb, 1152);
    await refused(cfb, 'xlsx-encrypted', /密码/);
  });

  it('an old .xls (BIFF in an OLE file) says to save it as .xlsx', async () => {
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb, 0);
    Buffer.from('Workbook', 'utf16le').copy(cfb, 1024);
    await refused(cfb, 'xlsx-old-format', /另存为.*\.xlsx/, 'table.xls');
  });

  it('a table followed by 1,000,000 empty (formatted) rows reads correctly', async () => {
    const rows: string[] = [];
    for (let r = 200; r < 1_000_200; r++) rows.push(`<row r="${r}"><c r="A${r}" s="1"/></row>`);
    const padded = editSheet(good, (xml) => xml.replace('</sheetData>', `${rows.join('')}</sheetData>`));
    const doc = await read(padded);
    expect(unreadable(doc)).toBeUndefined();
    const problems = compareTable(doc, table, { columns: true, generated: true });
    expect(problems, summarize(problems)).toEqual([]);
  }, 120_000);

  it('a sheet of 1,000,000 empty rows and nothing else has no table', async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 1_000_000; r++) rows.push(`<row r="${r}"/>`);
    const empty = editSheet(good, (xml) => xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows.join('')}</sheetData>`).replace(/<mergeCells[\s\S]*<\/mergeCells>/, ''));
    await refused(empty, 'xlsx-no-table', /空白工作表/);
  }, 120_000);

  it('formulas with saved results are read from them, and said so', async () => {
    // the first project's 总计 as a formula over its sources, its result saved as Excel saves it
    const withFormula = editSheet(good, (xml) => xml.replace(/<c r="B7"([^>]*)><v>([^<]*)<\/v><\/c>/, '<c r="B7"$1><f>SUM(C7:E7)</f><v>$2</v></c>'));
    const doc = await read(withFormula);
    expect(unreadable(doc)).toBeUndefined();
    expect(doc.diagnostics.find((d) => d.code === 'xlsx-formula-cached')?.message).toMatch(/1 个单元格是公式/);
    expect(compareTable(doc, table, { columns: true, generated: true })).toEqual([]);
  });

  it('formulas without saved results: refused, naming the cells', async () => {
    const noValue = editSheet(good, (xml) => xml.replace(/<c r="B7"([^>]*)><v>([^<]*)<\/v><\/c>/, '<c r="B7"$1><f>SUM(C7:E7)</f></c>'));
    expect(noValue.equals(good)).toBe(false);
    await refused(noValue, 'xlsx-formula-no-value', /Sheet1!B7 是公式，但文件中没有保存计算结果/);
  });

  it('an amount that is not one is reported by its cell', async () => {
    const bad = editSheet(good, (xml) => xml.replace(/<c r="B7"([^>]*)><v>([^<]*)<\/v><\/c>/, '<c r="B7"$1 t="inlineStr"><is><t>约五万</t></is></c>'));
    const doc = await read(bad);
    const d = doc.diagnostics.find((x) => x.code === 'amount-unread');
    expect(d?.cell).toBe('Sheet1!B7');
    expect(d?.message).toMatch(/Sheet1!B7（总计）的“约五万”不是金额/);
  });
});

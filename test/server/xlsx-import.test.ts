// Workbooks through the API on both dialects: the preview shows each sheet's column mapping and takes a
// changed one (choices[file].columns) without storing anything; the import stores the workbook with the
// mapping chosen, and reading the stored document again gives the same table; a workbook that cannot be
// read is refused whole with its reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseStored } from '../../src/ingest/index.js';
import * as s from '../../src/server/schemas.js';
import { expectedTables } from '../helpers/pdf-corpus/index.js';
import { writeTableXlsx } from '../helpers/xlsx-corpus.js';
import { editSheet } from '../helpers/zip.js';
import { error, form, json, serverSuite } from './helpers.js';
import { loginAs, type AuthHeaders } from './auth-helpers.js';

const table = expectedTables().find((t) => t.sample === '004')!;
const good = await writeTableXlsx(table, { layout: 'indicator-rows' });
// the 财政拨款 column headed in words the reader does not know
const renamed = editSheet(good, (xml) => xml.replace('<t>财政拨款</t>', '<t>本级安排资金</t>'), 'xl/sharedStrings.xml');
const FILE = '残联-绩效目标表.xlsx';
const fix = JSON.stringify({ [FILE]: { columns: { Sheet1: { C: 'fiscal' } } } });


serverSuite('workbook uploads', (app, store) => {
  // importing is the bureau's job: the uploads go as a finance account
  let auth: AuthHeaders;
  beforeAll(async () => { auth = await loginAs(app(), { role: 'finance' }); });
  const post = (url: string, payload: FormData) => app().inject({ method: 'POST', url, payload, headers: { ...auth } });
  const documents = async () => json(await app().inject('/api/health'), s.healthResponse).documents;

  describe('POST /api/import/preview', () => {
    it('shows the column mapping, and a column it cannot name is not read', async () => {
      expect(renamed.equals(good)).toBe(false);
      const [p] = json(await post('/api/import/preview', form([{ name: FILE, content: renamed }])), s.importPreviewResponse);
      expect(p).toMatchObject({ ok: true, layout: 'xlsx', projects: 10, indicators: 52 });
      const sheet = p!.sheets!.find((x) => x.read)!;
      expect(sheet).toMatchObject({ name: 'Sheet1', layout: 'indicator-rows', amountUnit: '万元' });
      expect(sheet.columns!.map((c) => `${c.column}:${c.role}`)).toEqual([
        'A:name', 'B:total', 'C:null', 'D:specialAccount', 'E:other', 'F:goal', 'G:level1', 'H:level2', 'I:indicatorName', 'J:period', 'K:annual',
      ]);
      const unknown = p!.diagnostics.find((d) => d.code === 'xlsx-column-unknown')!;
      expect(unknown.cell).toBe('Sheet1!C3');
      expect(unknown.message).toContain('“本级安排资金”无法识别');
      expect(await documents()).toBe(0);
    });

    it('takes a changed mapping and previews again, still storing nothing', async () => {
      const [p] = json(await post(`/api/import/preview?choices=${encodeURIComponent(fix)}`, form([{ name: FILE, content: renamed }])), s.importPreviewResponse);
      const c = p!.sheets!.find((x) => x.read)!.columns!.find((x) => x.column === 'C')!;
      expect(c).toEqual({ column: 'C', header: '本级安排资金', role: 'fiscal', chosen: true });
      expect(p!.diagnostics.map((d) => d.code)).not.toContain('xlsx-column-unknown');
      expect(p!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(await documents()).toBe(0);
    });

    it('refuses a mapping to no known role', async () => {
      const bad = JSON.stringify({ [FILE]: { columns: { Sheet1: { C: 'budget' } } } });
      error(await post(`/api/import/preview?choices=${encodeURIComponent(bad)}`, form([{ name: FILE, content: renamed }])), 400);
    });
  });

  describe('POST /api/import', () => {
    it('refuses a workbook that cannot be read, naming why, and stores nothing', async () => {
      const body = error(await post('/api/import', form([{ name: 'old.xls', content: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(2000)]) }])), 422, 'unreadable-workbook');
      expect(body.message).toMatch(/old\.xls.*Excel 97-2003 旧格式/);
      error(await post('/api/import', form([{ name: 'fake.xlsx', content: Buffer.from('not a workbook at all') }])), 415, 'not-workbook');
      expect(await documents()).toBe(0);
    });

    it('imports the workbook with the chosen mapping, keeps its bytes, and reads it again the same', async () => {
      const [r] = json(await post(`/api/import?choices=${encodeURIComponent(fix)}`, form([{ name: FILE, content: renamed }])), s.importResponse);
      expect(r).toMatchObject({ status: 'imported', projects: 10, indicators: 52 });
      const stored = await store().db.selectFrom('documents').select(['file', 'layout', 'source_text', 'source_bytes', 'total_fiscal']).where('id', '=', r!.documentId!).executeTakeFirstOrThrow();
      expect(stored.layout).toBe('xlsx');
      expect(Buffer.from(stored.source_bytes!).equals(renamed)).toBe(true);
      expect(Math.round(Number(stored.total_fiscal))).toBe(Math.round(table.total!.fiscal! * 100));
      const again = await parseStored({ file: stored.file, text: stored.source_text, bytes: new Uint8Array(stored.source_bytes!) });
      expect(again.total?.fiscal).toBe(table.total!.fiscal);
      expect(again.source.sheets![0]!.columns!.find((c) => c.column === 'C')!.chosen).toBe(true);
      // its bytes are kept, but the PDF source route serves PDFs only
      error(await app().inject(`/api/documents/${r!.documentId}/source`), 404, 'no-pdf');
    });
  });
});

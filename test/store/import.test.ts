// The import contract, on both databases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importBytes } from '../../src/store/index.js';
import { forEachDialect, SAMPLES, sampleFiles } from './harness.js';

const bytes = (f: string) => readFileSync(join(SAMPLES, f));
const count = async (store: ReturnType<Parameters<Parameters<typeof forEachDialect>[1]>[0]>, table: 'documents' | 'units' | 'projects' | 'indicators' | 'findings') =>
  Number((await store.db.selectFrom(table).select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

forEachDialect('import', (get) => {
  it('imports every sample with all its projects and indicators', async () => {
    for (const f of sampleFiles()) expect((await importBytes(get(), bytes(f), { file: f })).status).toBe('imported');
    expect(await count(get(), 'documents')).toBe(5);
    expect(await count(get(), 'projects')).toBe(339);
    expect(await count(get(), 'indicators')).toBe(1790 + 4); // on projects, + the orphan's four in 003
  });

  it('importing the same bytes again changes nothing', async () => {
    const before = await count(get(), 'indicators');
    const r = await importBytes(get(), bytes('004_08daa9245e557faf.txt'), { file: 'again.txt' });
    expect(r.status).toBe('unchanged');
    expect(await count(get(), 'indicators')).toBe(before);
  });

  it('a new publication of the same unit and year is a new version beside the old one', async () => {
    const changed = Buffer.from(bytes('004_08daa9245e557faf.txt').toString('utf8').replace('服务满意率', '服务满意度'));
    const r = await importBytes(get(), changed, { file: '004-revised.txt' });
    expect(r.status).toBe('imported');
    if (r.status !== 'imported') return;
    expect(r.versions).toEqual([{ unit: '广州市残疾人就业培训服务中心', version: 2 }]);
    const units = await get().db.selectFrom('units').select(['version', 'latest']).where('name', '=', '广州市残疾人就业培训服务中心').orderBy('version').execute();
    expect(units).toEqual([{ version: 1, latest: 0 }, { version: 2, latest: 1 }]);
  });

  it('stores amounts in exact cents and keeps the source text', async () => {
    const doc = await get().db.selectFrom('documents').selectAll().where('file', '=', '002_02da4d888feccc7a.txt').executeTakeFirstOrThrow();
    expect(doc.total_total).toBe(74610410);
    expect(doc.total_fiscal).toBe(73857369);
    expect(doc.source_text).toBe(bytes('002_02da4d888feccc7a.txt').toString('utf8'));
    const p = await get().db.selectFrom('projects').select(['total', 'unplaced']).where('name', '=', '市教育局广州科技贸易职业学院番禺校区扩建项目结算款').executeTakeFirstOrThrow();
    expect(p).toEqual({ total: 380000, unplaced: '[330000,50000]' });
  });

  it('reports a file that is not a table as failed and stores nothing', async () => {
    const before = await count(get(), 'documents');
    const r = await importBytes(get(), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), { file: 'image.png' });
    expect(r).toMatchObject({ status: 'failed', file: 'image.png' });
    expect(await count(get(), 'documents')).toBe(before);
  });
  it('a flowed publication takes its columns from a stored tabular one of the same unit, saying so', async () => {
    // 000 (flowed, no year) prints one source per row; 002 (tabular, 2024) holds the same 广州市技师学院
    // projects with their columns. A new publication of 000 now finds them.
    // a blank first line moves every line: new content, not the same table again
    const republished = Buffer.concat([Buffer.from('\n'), bytes('000_df1d7dc7c09f411b.txt')]);
    const r = await importBytes(get(), republished, { file: '000-again.txt', acceptProposed: true });
    expect(r.status).toBe('imported');
    const id = r.status === 'imported' ? r.documentId : -1;
    const rows = await get().db.selectFrom('projects').select(['total', 'fiscal', 'unplaced']).where('document_id', '=', id).execute();
    expect(rows.length).toBe(16);
    expect(rows.every((p) => p.unplaced === '[]' && p.fiscal === p.total)).toBe(true);
  });
});

// The import's write path stores exactly what it always did: every row of every table (ids replaced by
// ranks, see stored-rows.ts) for the samples, the fixtures and a republished table, the same on both
// databases, against a dump recorded from the row-by-row Kysely writer it replaced
// (fixtures/stored-rows.txt). A large generated document stores what its parse says, and a failure in
// the middle of a write leaves nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generate } from '../../bench/import.js';
import { importAll, importBytes, type ImportOptions } from '../../src/store/index.js';
import { forEachDialect, freshStore, dropStore, SAMPLES, sampleFiles } from './harness.js';
import { digest, ftsLines, lines, storedRows } from './stored-rows.js';
import { migrate } from '../../src/store/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

forEachDialect('fast write', (get) => {
  it('stores every row as the row-by-row writer did: samples, fixtures, a republication', async () => {
    const store = get();
    const outcomes = await importAll(store, sampleFiles().map((f) => ({ file: f, bytes: readFileSync(join(SAMPLES, f)) })), { acceptProposed: true });
    expect(outcomes.map((o) => o.status)).toEqual(sampleFiles().map(() => 'imported'));
    for (const dir of readdirSync(FIXTURES).sort()) {
      const r = await importBytes(store, readFileSync(join(FIXTURES, dir, 'input.txt')), { file: `${dir}.txt`, acceptProposed: true });
      expect(r.status, `${dir}: ${JSON.stringify(r)}`).toMatch(/imported|unchanged/);
    }
    const revised = readFileSync(join(SAMPLES, '004_08daa9245e557faf.txt'), 'utf8').replace('830.47', '831.47');
    expect((await importBytes(store, Buffer.from(revised), { file: '004-revised.txt' })).status).toBe('imported');
    const stored = await storedRows(store);
    await expect(lines(stored)).toMatchFileSnapshot(join(import.meta.dirname, 'fixtures', 'stored-rows.txt'));
    if (store.dialect === 'sqlite') await expect(ftsLines(stored)).toMatchFileSnapshot(join(import.meta.dirname, 'fixtures', 'stored-fts.txt'));
  }, 120_000);

  it('a failure in the middle of the write leaves nothing: no row, no search text, no latest flag changed', async () => {
    const store = get();
    const before = await storedRows(store);
    // a new publication of 004's unit: its transaction clears the old version's latest flag first
    const revised = readFileSync(join(SAMPLES, '004_08daa9245e557faf.txt'), 'utf8').replace('830.47', '832.47');
    const seen: string[] = [];
    const onWritten: ImportOptions['onWritten'] = (table) => {
      seen.push(table);
      if (table === 'findings') throw new Error('磁盘已满（测试）');
    };
    const r = await importBytes(store, Buffer.from(revised), { file: '004-failing.txt', onWritten });
    expect(r).toEqual({ status: 'failed', file: '004-failing.txt', reason: '写入数据库失败：磁盘已满（测试）' });
    expect(seen).toEqual(['documents', 'units', 'projects', 'orphans', 'indicators', 'diagnostics', 'findings']);
    expect(await storedRows(store)).toEqual(before);
    // and it imports afterwards
    expect((await importBytes(store, Buffer.from(revised), { file: '004-again.txt' })).status).toBe('imported');
  }, 60_000);

  it('stores large generated documents (6,000 indicators) as the row-by-row writer did', async () => {
    const store = freshStore(get().dialect);
    try {
      await migrate(store);
      const large = generate(6000, 11);
      let projects = 0;
      let indicators = 0;
      for (const [i, doc] of large.docs.entries()) {
        const r = await importBytes(store, doc, { file: `large-${i}.txt`, now: () => new Date(0) });
        if (r.status !== 'imported') throw new Error(JSON.stringify(r));
        projects += r.projects;
        indicators += r.indicators;
      }
      expect({ projects, indicators }).toEqual({ projects: large.projects, indicators: large.indicators });
      expect(`${JSON.stringify(digest(await storedRows(store)), null, 2)}\n`).toMatchSnapshot();
    } finally {
      await dropStore(store);
    }
  }, 120_000);
});

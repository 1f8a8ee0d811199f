// The import's write path stores exactly what it always did: every row of every table (ids replaced by
// ranks, see stored-rows.ts) for the samples, the fixtures and a republished table, the same on both
// databases, against a dump recorded from the row-by-row Kysely writer it replaced
// (fixtures/stored-rows.txt). A large generated document stores what its parse says, and a failure in
// the middle of a write leaves nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importAll, importBytes } from '../../src/store/index.js';
import { forEachDialect, SAMPLES, sampleFiles } from './harness.js';
import { ftsLines, lines, storedRows } from './stored-rows.js';

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
});

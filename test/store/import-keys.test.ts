// The import's SQLite writer runs its transactions with foreign keys off (sqlite-driver.ts, write.ts): it
// resolves every reference itself. This is the net under that: after importing the samples, the fixtures,
// a republished unit (a second version) and generated tables like the bench's, every reference in every
// table points at a row (pragma foreign_key_check finds nothing), and the connection has its keys on
// again — deleting a document still cascades to everything it holds.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/import.js';
import { importAll, importBytes, migrate, type Store } from '../../src/store/index.js';
import { dropStore, freshStore, SAMPLES, sampleFiles } from './harness.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('import without per-row foreign-key checks [sqlite]', () => {
  let store: Store;
  beforeAll(async () => {
    store = freshStore('sqlite');
    await migrate(store);
  });
  afterAll(async () => { if (store) await dropStore(store); });

  const violations = () => store.sqlite!.prepare('pragma foreign_key_check').all();
  const withDocument = () => (store.sqlite!.prepare(`select m.name as name from sqlite_master m, pragma_table_info(m.name) c
    where m.type = 'table' and c.name = 'document_id' order by m.name`).all() as { name: string }[]).map((r) => r.name);
  const rowsOf = (documentId: number) => Object.fromEntries(withDocument().map((t) =>
    [t, (store.sqlite!.prepare(`select count(*) from ${t} where document_id = ?`).pluck().get(documentId) as number)]));

  it('every stored reference points at a row', async () => {
    const outcomes = await importAll(store, sampleFiles().map((f) => ({ file: f, bytes: readFileSync(join(SAMPLES, f)) })), { acceptProposed: true });
    expect(outcomes.map((o) => o.status)).toEqual(sampleFiles().map(() => 'imported'));
    for (const dir of readdirSync(FIXTURES).sort()) {
      const r = await importBytes(store, readFileSync(join(FIXTURES, dir, 'input.txt')), { file: `${dir}.txt`, acceptProposed: true });
      expect(r.status, dir).toMatch(/imported|unchanged/);
    }
    const revised = readFileSync(join(SAMPLES, '004_08daa9245e557faf.txt'), 'utf8').replace('830.47', '831.47');
    const again = await importBytes(store, Buffer.from(revised), { file: '004-revised.txt' });
    expect(again.status === 'imported' && again.versions[0]!.version).toBeGreaterThan(1);
    for (const [k, bytes] of generate(3000).docs.entries()) expect((await importBytes(store, bytes, { file: `bench-${k}.txt` })).status).toBe('imported');
    // the check can fail: a reference written without its row is reported
    expect(store.sqlite!.prepare('select count(*) from indicators').pluck().get()).toBeGreaterThan(3000);
    expect(violations()).toEqual([]);
  }, 120_000);

  it('keys are on again: deleting a document cascades to all its rows', async () => {
    expect(store.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
    const id = Number((await sql<{ id: number }>`select id from documents where file = '004-revised.txt'`.execute(store.db)).rows[0]!.id);
    const before = rowsOf(id);
    for (const t of ['units', 'projects', 'indicators', 'search_rows']) expect(before[t], t).toBeGreaterThan(0);
    await sql`delete from documents where id = ${id}`.execute(store.db);
    expect(Object.values(rowsOf(id)).every((n) => n === 0), JSON.stringify(rowsOf(id))).toBe(true);
    expect(violations()).toEqual([]);
  });
});

// The SQLite driver waits for another connection's write lock without blocking the thread: while a second
// connection (standing in for an import in a worker thread) holds the lock, this thread's timers keep
// firing, its reads answer at once, and its writes and transactions go through when the lock is let go —
// or fail with SQLITE_BUSY after the configured wait, which the server answers 503.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';

const stores: Store[] = [];
const others: SQLite.Database[] = [];
afterEach(async () => {
  for (const o of others.splice(0)) { if (o.inTransaction) o.exec('rollback'); o.close(); }
  for (const s of stores.splice(0)) await s.close();
});

async function setup(busyTimeout?: number) {
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-driver-')), 'db.sqlite');
  const store = openStore(file, busyTimeout === undefined ? {} : { busyTimeout });
  stores.push(store);
  await sql`create table t (id integer primary key, v text)`.execute(store.db);
  await sql`insert into t (v) values ('a')`.execute(store.db);
  const other = new SQLite(file, { timeout: 0 });
  others.push(other);
  return { store, other };
}

/** counts timer ticks from now on: a blocked thread would not tick */
function ticker() {
  let n = 0;
  const timer = setInterval(() => { n++; }, 5);
  return { get n() { return n; }, stop: () => clearInterval(timer) };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('SQLite driver: waiting for the write lock', () => {
  it('a write waits for the other connection to commit while the thread keeps running, then goes through', async () => {
    const { store, other } = await setup();
    other.exec('begin immediate');
    other.exec(`insert into t (v) values ('other')`);
    const ticks = ticker();
    const write = sql`insert into t (v) values ('mine')`.execute(store.db);
    await sleep(300);
    // the thread ran its timers while the write waited, and reads answered meanwhile
    expect(ticks.n).toBeGreaterThan(10);
    const seen = await sql<{ n: number }>`select count(*) as n from t`.execute(store.db);
    expect(seen.rows[0]!.n).toBe(1);
    other.exec('commit');
    await write;
    ticks.stop();
    const after = await sql<{ v: string }>`select v from t order by id`.execute(store.db);
    expect(after.rows.map((r) => r.v)).toEqual(['a', 'other', 'mine']);
  });

  it('a transaction begins once the lock is free; reads outside it go on while it waits, and wait while it is open', async () => {
    const { store, other } = await setup();
    other.exec('begin immediate');
    const order: string[] = [];
    const tx = store.db.transaction().execute(async (trx) => {
      order.push('begun');
      await sql`insert into t (v) values ('tx')`.execute(trx);
      await sleep(50);
      order.push('committing');
    });
    await sleep(100);
    await sql`select 1`.execute(store.db);
    order.push('read while waiting');
    other.exec('commit');
    while (!order.includes('begun')) await sleep(1);
    // a read issued while the transaction is open runs after its commit, never inside it
    const read = sql<{ n: number }>`select count(*) as n from t where v = 'tx'`.execute(store.db).then((r) => { order.push('read after'); return r.rows[0]!.n; });
    await tx;
    expect(await read).toBe(1);
    expect(order).toEqual(['read while waiting', 'begun', 'committing', 'read after']);
  });

  it('after the busy timeout the write fails with SQLITE_BUSY and the connection stays usable', async () => {
    const { store, other } = await setup(200);
    other.exec('begin immediate');
    const t = performance.now();
    await expect(sql`insert into t (v) values ('late')`.execute(store.db)).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_BUSY/) });
    expect(performance.now() - t).toBeGreaterThanOrEqual(190);
    await expect(store.db.transaction().execute(async (trx) => sql`insert into t (v) values ('late tx')`.execute(trx))).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_BUSY/) });
    other.exec('rollback');
    await sql`insert into t (v) values ('now')`.execute(store.db);
    await store.db.transaction().execute(async (trx) => sql`insert into t (v) values ('now tx')`.execute(trx));
    const rows = await sql<{ v: string }>`select v from t order by id`.execute(store.db);
    expect(rows.rows.map((r) => r.v)).toEqual(['a', 'now', 'now tx']);
  });

  it('a failing transaction rolls back and lets the next one run; savepoints work', async () => {
    const { store } = await setup();
    await expect(store.db.transaction().execute(async (trx) => {
      await sql`insert into t (v) values ('gone')`.execute(trx);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    const trx = await store.db.startTransaction().execute();
    await sql`insert into t (v) values ('kept')`.execute(trx);
    const sp = await trx.savepoint('inner').execute();
    await sql`insert into t (v) values ('undone')`.execute(sp);
    await sp.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    const rows = await sql<{ v: string }>`select v from t order by id`.execute(store.db);
    expect(rows.rows.map((r) => r.v)).toEqual(['a', 'kept']);
  });
});

describe('SQLite driver: the import writer\'s transactions without foreign-key checks', () => {
  async function withChild(busyTimeout?: number) {
    const { store, other } = await setup(busyTimeout);
    await sql`create table c (id integer primary key, t_id integer not null references t (id) on delete cascade)`.execute(store.db);
    const keys = () => store.sqlite!.pragma('foreign_keys', { simple: true });
    return { store, other, importDb: store.importDb!, keys };
  }

  it('keys are off inside the transaction only: a statement sent meanwhile runs after it, with keys on', async () => {
    const { store, importDb, keys } = await withChild();
    let outside: Promise<unknown> | null = null;
    let inside: unknown = null;
    await importDb.transaction().execute(async (trx) => {
      inside = keys();
      // unchecked here: the writer resolves its references itself
      await sql`insert into c (t_id) values (99)`.execute(trx);
      outside = sql`insert into c (t_id) values (98)`.execute(store.db).then(() => 'inserted', (e: Error) => e.message);
      await sleep(30);
    });
    expect(inside).toBe(0);
    expect(await outside).toMatch(/FOREIGN KEY/);
    expect(keys()).toBe(1);
    // and importDb's own statements outside a transaction keep the checks
    await expect(sql`insert into c (t_id) values (97)`.execute(importDb)).rejects.toThrow(/FOREIGN KEY/);
  });

  it('keys are on again after a rollback and after a BEGIN that never got the lock; a delete cascades', async () => {
    const { store, other, importDb, keys } = await withChild(100);
    await expect(importDb.transaction().execute(async (trx) => {
      await sql`insert into c (t_id) values (1)`.execute(trx);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(keys()).toBe(1);
    other.exec('begin immediate');
    await expect(importDb.transaction().execute(async () => undefined)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec('rollback');
    expect(keys()).toBe(1);
    await sql`insert into c (t_id) values (1)`.execute(importDb);
    await sql`delete from t where id = 1`.execute(store.db);
    expect((await sql<{ n: number }>`select count(*) as n from c`.execute(store.db)).rows[0]!.n).toBe(0);
  });
});

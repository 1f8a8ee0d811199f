// The PostgreSQL pool that turns repeated queries into named prepared statements (pg-prepared.ts):
// they are prepared only after a few runs, a connection holds at most its cap, answers are the same,
// and a table changed under a prepared `select *` (a migration) is answered, not failed.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PER_CONNECTION, PREPARE_AFTER, preparingPool, type PreparedStats } from '../../src/store/pg-prepared.js';
import { POSTGRES_URL } from '../setup/postgres.js';

const schema = `t_prep_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe('prepared statements on PostgreSQL', () => {
  let db: Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const stats: PreparedStats = { named: 0, unnamed: 0 };

  // one connection, so what it has prepared can be read back on it
  const open = () => new Kysely<any>({ // eslint-disable-line @typescript-eslint/no-explicit-any
    dialect: new PostgresDialect({ pool: preparingPool(new pg.Pool({ connectionString: POSTGRES_URL, max: 1, options: `-c search_path=${schema}` }), stats) }),
  });

  beforeAll(async () => {
    const admin = new pg.Client(POSTGRES_URL);
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    db = open();
    await sql`create table t (id int primary key, name text)`.execute(db);
    await sql`insert into t select g, 'n' || g from generate_series(1, 50) g`.execute(db);
  });
  // each test on a connection of its own
  beforeEach(async () => {
    await db.destroy();
    db = open();
  });
  afterAll(async () => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    await db.destroy();
  });

  const preparedHere = async (): Promise<string[]> =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

  it('prepares a query only once it has been run a few times, and answers the same either way', async () => {
    const build = (id: number) => db.selectFrom('t').select(['id', 'name']).where('id', '=', id);
    const q = (id: number) => build(id).execute();
    const answers: unknown[] = [];
    let named = 0;
    for (let i = 1; i <= PREPARE_AFTER + 3; i++) {
      const before = stats.named;
      answers.push(await q(i));
      named += stats.named - before;
      const text = build(1).compile().sql;
      const isPrepared = (await preparedHere()).includes(text);
      expect(isPrepared, `run ${i}`).toBe(i >= PREPARE_AFTER);
    }
    expect(answers).toEqual(Array.from({ length: PREPARE_AFTER + 3 }, (_, k) => [{ id: k + 1, name: `n${k + 1}` }]));
    expect(named).toBe(4);
  });

  it('runs a query unnamed again when its statement is gone from the connection (DISCARD ALL, a pooler)', async () => {
    const q = () => db.selectFrom('t').select('name').where('id', '=', 5).execute();
    for (let i = 0; i < PREPARE_AFTER + 1; i++) await q();
    await sql`deallocate all`.execute(db);
    expect(await q()).toEqual([{ name: 'n5' }]);
    for (let i = 0; i < PREPARE_AFTER + 1; i++) expect(await q()).toEqual([{ name: 'n5' }]);
  });

  it('never prepares DDL or other non-data statements', async () => {
    for (let i = 0; i < PREPARE_AFTER + 2; i++) await sql`set local statement_timeout = 1000`.execute(db);
    expect((await preparedHere()).some((s) => s.startsWith('set '))).toBe(false);
  });

  it('holds at most its cap of statements on a connection, and runs the rest unnamed', async () => {
    for (let k = 0; k < MAX_PER_CONNECTION + 20; k++) {
      for (let i = 0; i < PREPARE_AFTER; i++) await sql`select ${sql.lit(k)}::int + ${i}::int as x`.execute(db);
    }
    const n = (await preparedHere()).length;
    expect(n).toBe(MAX_PER_CONNECTION);
    const r = await sql<{ x: number }>`select ${sql.lit(7)}::int + ${1}::int as x`.execute(db);
    expect(r.rows[0]!.x).toBe(8);
  });

  it('answers a prepared `select *` after the table gained a column (as a migration would)', async () => {
    const star = () => db.selectFrom('t').selectAll().where('id', '=', 3).execute();
    for (let i = 0; i < PREPARE_AFTER + 1; i++) expect(await star()).toEqual([{ id: 3, name: 'n3' }]);
    await sql`alter table t add column extra int default 9`.execute(db);
    expect(await star()).toEqual([{ id: 3, name: 'n3', extra: 9 }]);
    // and again, prepared afresh
    for (let i = 0; i < PREPARE_AFTER + 1; i++) expect(await star()).toEqual([{ id: 3, name: 'n3', extra: 9 }]);
  });
});

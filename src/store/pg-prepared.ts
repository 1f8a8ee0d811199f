// PostgreSQL: the queries a server runs over and over become named prepared statements on each
// connection, as JDBC does after a few uses (prepareThreshold). Kysely sends every query as an unnamed
// statement, which PostgreSQL parses, analyses and plans on every run; for the short indexed reads of a
// page that is most of the work. Measured on the 1,000,000-indicator bench store: the project detail's
// indicators query took 0.57 ms of the server's CPU unnamed and 0.07 ms prepared, its summary join 0.97
// and 0.16 ms, and the client's own CPU halved. PostgreSQL still chooses between a generic and a
// custom plan per statement (plan_cache_mode auto), so a query whose best plan depends on its values
// keeps getting planned for them.
//
// Bounds: a text is prepared once this process has run it PREPARE_AFTER times (a migration's DDL or a
// one-off report is never prepared), only data statements are, and a connection holds at most
// MAX_PER_CONNECTION of them; past that its queries run unnamed as before.
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

export const PREPARE_AFTER = 3;
export const MAX_PER_CONNECTION = 200;
/** how many distinct texts are counted before the counts start again (a bound on memory, not a cache) */
const COUNTED = 5000;

const DATA = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * 0A000 "cached plan must not change result type": the table changed under a `select *` (a migration);
 * 26000 "prepared statement does not exist": the connection was reset under it (DISCARD ALL, a pooler)
 */
const STALE = new Set(['0A000', '26000']);

/** the parts of node-postgres's client this relies on: its record of the statements a connection has parsed */
type PgClient = pg.PoolClient & { connection?: { parsedStatements?: Record<string, string> } };

export interface PreparedStats {
  /** queries run as a named statement */
  named: number;
  /** queries run unnamed */
  unnamed: number;
}

export function preparingPool(pool: pg.Pool, stats?: PreparedStats): PostgresPool {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const prepared = new WeakMap<object, Set<string>>();

  const nameFor = (text: string): string | null => {
    const named = names.get(text);
    if (named !== undefined) return named;
    if (!DATA.test(text)) return null;
    const n = (seen.get(text) ?? 0) + 1;
    if (n < PREPARE_AFTER) {
      if (seen.size >= COUNTED) seen.clear();
      seen.set(text, n);
      return null;
    }
    seen.delete(text);
    const name = `jx_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size >= COUNTED) names.clear();
    names.set(text, name);
    return name;
  };

  const wrap = (client: PgClient): PostgresPoolClient => {
    let mine = prepared.get(client);
    if (!mine) prepared.set(client, (mine = new Set()));
    const set = mine;
    const run = async <R>(text: string, values: unknown[]): Promise<PostgresQueryResult<R>> => {
      const name = nameFor(text);
      if (name === null || (!set.has(name) && set.size >= MAX_PER_CONNECTION)) {
        if (stats) stats.unnamed++;
        return await client.query(text, values) as unknown as PostgresQueryResult<R>;
      }
      set.add(name);
      if (stats) stats.named++;
      try {
        return await client.query({ name, text, values }) as unknown as PostgresQueryResult<R>;
      } catch (e) {
        if (!STALE.has((e as { code?: string }).code ?? '')) throw e;
        // the statement is dropped and the query run as it would have been unnamed (inside a
        // transaction PostgreSQL has aborted it already: then that error is the answer)
        set.delete(name);
        delete client.connection?.parsedStatements?.[name];
        await client.query(`deallocate ${name}`).catch(() => undefined);
        return await client.query(text, values) as unknown as PostgresQueryResult<R>;
      }
    };
    return {
      query: ((q: string | PostgresCursor<unknown>, values?: readonly unknown[]) =>
        (typeof q === 'string' ? run(q, [...(values ?? [])]) : client.query(q as never))) as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  };

  return {
    connect: async () => wrap(await pool.connect() as PgClient),
    end: () => pool.end(),
  };
}

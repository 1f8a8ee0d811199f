// Opening the store: a file path (SQLite, the embedded default under ./data/) or a postgres:// URL.
// `--db`, then JIXIAO_DB, then DATABASE_URL, then ./data/jixiao.sqlite.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { AsyncSqliteDialect } from './sqlite-driver.js';
import { preparingPool } from './pg-prepared.js';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** where it is, for messages (a URL's password is masked) */
  readonly location: string;
  /** PostgreSQL: the schema everything lives in */
  readonly schema?: string;
  /** how to open the same store again (in a worker thread); absent for an in-memory SQLite database */
  readonly reopen?: { readonly location: string; readonly options: OpenOptions };
  /** SQLite: the connection Kysely uses, for the import's prepared statements (write.ts) */
  readonly sqlite?: SQLite.Database;
  /**
   * SQLite: a Kysely on the same connection (and its lock) whose write transactions run with foreign keys
   * off, for the import's writer alone (write.ts: every reference it stores is a row it resolved itself in
   * the same transaction, so the per-row checks prove nothing; they cost about 5% of the write's CPU)
   */
  readonly importDb?: Kysely<Database>;
  close(): Promise<void>;
}

export const DEFAULT_DB = 'data/jixiao.sqlite';

/**
 * SQLite: WAL pages (4 KiB) after which a commit checkpoints (SQLite's default 1,000). The check runs in
 * whichever connection commits and fsyncs; an import's document writes ~3,000 pages, so at 1,000 every
 * commit copied the same hot index pages to the database file again. At 4,000 a checkpoint comes every
 * other document or so and the WAL peaks near 24 MB (9-13 MB before; 10,000 pages: 48 MB, no faster). Readers see commits as before: a
 * checkpoint only moves pages already committed to the WAL.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 4000;

/** SQLite: the page cache of a server's reader thread (KiB) */
export const READ_CACHE_KIB = 8192;

export function resolveLocation(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env['JIXIAO_DB'] ?? env['DATABASE_URL'] ?? DEFAULT_DB;
}

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

// int8 (count(*), sums of cents) arrives as a string by default; every value here fits a double exactly
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface OpenOptions {
  /** PostgreSQL schema to use (created if missing); tests give each run its own */
  readonly schema?: string;
  /**
   * PostgreSQL: milliseconds any one statement may run before the server cancels it (statement_timeout,
   * error 57014); default JIXIAO_STATEMENT_TIMEOUT, else none. 0: no limit. SQLite has no such limit:
   * its queries are bounded by their shape (see queries.ts).
   */
  readonly statementTimeout?: number;
  /**
   * SQLite: the page cache of this connection, in KiB (default 65,536: imports keep their hot index pages
   * in memory). A reader thread's connection takes READ_CACHE_KIB: each thread has its own cache, and the
   * operating system's file cache holds the rest, so large per-thread caches mostly add resident memory.
   */
  readonly cacheKib?: number;
  /** PostgreSQL: connections the pool keeps open at most; default JIXIAO_PG_POOL, else 10 */
  readonly poolSize?: number;
  /**
   * SQLite: milliseconds a statement waits for another connection's write lock (an import in another thread
   * or process) before failing with SQLITE_BUSY (the server: 503); waited without blocking (sqlite-driver.ts)
   */
  readonly busyTimeout?: number;
}

/** JIXIAO_PG_POOL, a whole number from 1 to 200; undefined when unset or out of range */
export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const n = Number(env['JIXIAO_PG_POOL']?.trim() || NaN);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : undefined;
}

/** JIXIAO_STATEMENT_TIMEOUT in milliseconds (`15000`, `15s`), undefined when unset or unreadable */
export function statementTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env['JIXIAO_STATEMENT_TIMEOUT']?.trim();
  if (!v) return undefined;
  const m = /^(\d+)\s*(ms|s)?$/i.exec(v);
  if (!m) return undefined;
  return Number(m[1]) * (m[2]?.toLowerCase() === 's' ? 1000 : 1);
}

export function openStore(location: string, options: OpenOptions = {}): Store {
  if (isPostgresUrl(location)) {
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const timeout = options.statementTimeout ?? statementTimeoutFromEnv() ?? 0;
    const pool = new pg.Pool({
      // every request's queries share it: a page is two or three short queries, so a few connections per
      // core keep PostgreSQL busy, and more only queue inside it
      connectionString: location, max: options.poolSize ?? poolSizeFromEnv() ?? 10, options: `-c search_path=${schema}`,
      ...(timeout > 0 ? { statement_timeout: timeout } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return { db, dialect: 'postgres', location: location.replace(/:[^:@/]*@/, ':***@'), schema, reopen: { location, options }, close: () => db.destroy() };
  }
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  const sqlite = new SQLite(location);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  // index maintenance dominates imports; a 64 MB page cache keeps the hot index pages in memory
  sqlite.pragma(`cache_size = -${Math.max(256, Math.round(options.cacheKib ?? 65536))}`);
  sqlite.pragma('temp_store = MEMORY');
  const config = { database: sqlite, ...(options.busyTimeout !== undefined ? { busyTimeout: options.busyTimeout } : {}) };
  const db = new Kysely<Database>({ dialect: new AsyncSqliteDialect(config) });
  // never destroyed itself: closing `db` closes the handle both use
  const importDb = new Kysely<Database>({ dialect: new AsyncSqliteDialect({ ...config, foreignKeys: false }) });
  return { db, dialect: 'sqlite', location, sqlite, importDb, ...(location === ':memory:' ? {} : { reopen: { location, options } }), close: () => db.destroy() };
}

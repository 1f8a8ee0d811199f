// Kysely's SQLite dialect, with waits for the database lock that never block the thread. better-sqlite3 is
// synchronous: with a busy timeout, a write that finds another connection's transaction open (an import
// writing in a worker thread) sleeps inside the call, and the server answers nothing until the import
// commits or the timeout passes. Here the busy timeout is 0 and a statement that finds the lock taken is
// retried after an asynchronous pause, so every other request goes on meanwhile:
// - a statement outside a transaction runs at once when no transaction of this connection is open, and is
//   retried on SQLITE_BUSY (it either ran whole or not at all);
// - a transaction begins IMMEDIATE (the write lock is taken first, so no statement inside it can meet a
//   lock taken later; a read-only one begins deferred), retried on SQLITE_BUSY; one at a time per connection;
// - after `busyTimeout` ms of waiting the statement fails with SQLITE_BUSY, which the server answers 503.
// Every Kysely made on one handle shares that handle's lock (sharedOf): the import's writer has a Kysely of
// its own whose write transactions run with foreign keys off (`foreignKeys: false`, see beginTransaction).
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery, SelectQueryNode, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type DatabaseConnection, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver,
  type Kysely, type QueryCompiler, type QueryResult, type TransactionSettings,
} from 'kysely';

/** default milliseconds a statement waits for another connection's write lock before failing */
export const BUSY_TIMEOUT_MS = 60_000;

/** prepared statements kept per connection: the server's queries are a few hundred distinct texts */
const STATEMENT_CACHE = 256;

export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** a first-come first-served lock held across awaits */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  async lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((done) => { release = done; });
    const before = this.#tail;
    this.#tail = before.then(() => next);
    await before;
    return release;
  }
}

class Shared {
  /** transactions (and streams) of this handle, one at a time */
  readonly transactions = new Mutex();
  /** while a transaction or a stream is open on the handle: settles when it ends */
  open: Promise<void> | null = null;
  readonly statements = new Map<string, SQLite.Statement>();
  constructor(readonly db: SQLite.Database, readonly busyTimeout: number) {}

  /** marks the handle taken until the returned function is called */
  take(): () => void {
    let end!: () => void;
    this.open = new Promise<void>((done) => { end = done; });
    return () => { this.open = null; end(); };
  }

  /** resolves when no transaction or stream is open on the handle (one waiting to begin does not count) */
  async idle(): Promise<void> {
    while (this.open) await this.open;
  }

  prepare(sql: string): SQLite.Statement {
    let s = this.statements.get(sql);
    if (s) {
      // most recently used last, so the first key is the one to drop
      this.statements.delete(sql);
    } else {
      s = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, s);
    return s;
  }

  /** `run` now, or after pauses while another connection holds the lock; `ready` is awaited before each try */
  async retry<T>(run: () => T, ready: () => Promise<void>): Promise<T> {
    const deadline = Date.now() + this.busyTimeout;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      await ready();
      try {
        return run();
      } catch (e) {
        if (!isBusy(e) || Date.now() >= deadline) throw e;
      }
      await pause(wait);
    }
  }
}

/** one Shared per handle, whichever Kysely (dialect) runs statements on it */
const sharedOf = new WeakMap<SQLite.Database, Shared>();

function execute(shared: Shared, q: CompiledQuery): QueryResult<unknown> {
  const stmt = shared.prepare(q.sql);
  if (stmt.reader) return { rows: stmt.all(q.parameters as unknown[]) };
  const { changes, lastInsertRowid } = stmt.run(q.parameters as unknown[]);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** one per acquire: it knows whether it runs a transaction; all share the one better-sqlite3 handle */
class Connection implements DatabaseConnection {
  /** while this connection runs a transaction: ends it (the handle free, the next transaction may begin) */
  release: (() => void) | null = null;
  constructor(private readonly shared: Shared) {}

  get inTransaction(): boolean { return this.release !== null; }

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) return execute(this.shared, q) as QueryResult<R>;
    // outside a transaction: wait for this connection's open transaction to end, never join it
    return this.shared.retry(() => execute(this.shared, q), () => this.shared.idle()) as Promise<QueryResult<R>>;
  }

  async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(q.query)) throw new Error('SQLite streams only select queries');
    // an open iterator keeps the handle busy: nothing else may run on it until the stream ends
    const release = this.inTransaction ? null : await this.shared.transactions.lock();
    let end: (() => void) | null = null;
    try {
      if (release) { await this.shared.idle(); end = this.shared.take(); }
      for (const row of this.shared.db.prepare(q.sql).iterate(q.parameters as unknown[])) yield { rows: [row as R] };
    } finally {
      end?.();
      release?.();
    }
  }
}

class Driver_ implements Driver {
  #shared: Shared | null = null;
  constructor(private readonly open: () => SQLite.Database, private readonly busyTimeout: number, private readonly foreignKeys: boolean) {}

  async init(): Promise<void> {
    const db = this.open();
    let shared = sharedOf.get(db);
    if (!shared) {
      db.pragma('busy_timeout = 0');
      sharedOf.set(db, (shared = new Shared(db, this.busyTimeout)));
    }
    this.#shared = shared;
  }

  private get shared(): Shared {
    if (!this.#shared) throw new Error('the SQLite driver is not initialised');
    return this.#shared;
  }

  async acquireConnection(): Promise<DatabaseConnection> { return new Connection(this.shared); }

  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const conn = c as Connection;
    const release = await this.shared.transactions.lock();
    try {
      const readOnly = settings.accessMode === 'read only';
      const keysOff = !this.foreignKeys && !readOnly;
      const shared = this.shared;
      // statements outside transactions go on while this one waits for the lock; once begun they wait for it.
      // Foreign keys can only be switched outside a transaction: off just before BEGIN and on again just after
      // the end, each in the same synchronous step, so no other statement on the handle runs with them off.
      const end = await shared.retry(() => {
        if (keysOff) keys(shared, false);
        try {
          shared.db.exec(readOnly ? 'begin' : 'begin immediate');
        } catch (e) {
          if (keysOff) keys(shared, true);
          throw e;
        }
        return shared.take();
      }, () => shared.idle());
      conn.release = () => {
        try {
          if (keysOff) keysBackOn(shared);
        } finally {
          end();
          release();
        }
      };
    } catch (e) {
      release();
      throw e;
    }
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> { this.end(c as Connection, 'commit'); }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> { this.end(c as Connection, 'rollback'); }

  private end(conn: Connection, how: 'commit' | 'rollback'): void {
    try {
      this.shared.db.exec(how);
    } catch (e) {
      // a failed commit leaves the transaction open: roll it back so the handle is usable again
      if (this.shared.db.inTransaction) this.shared.db.exec('rollback');
      throw e;
    } finally {
      const release = conn.release;
      conn.release = null;
      release?.();
    }
  }

  async savepoint(c: DatabaseConnection, name: string): Promise<void> { this.exec(c, `savepoint ${ident(name)}`); }
  async rollbackToSavepoint(c: DatabaseConnection, name: string): Promise<void> { this.exec(c, `rollback to ${ident(name)}`); }
  async releaseSavepoint(c: DatabaseConnection, name: string): Promise<void> { this.exec(c, `release ${ident(name)}`); }

  private exec(c: DatabaseConnection, sql: string): void {
    if (!(c as Connection).inTransaction) throw new Error('a savepoint needs a transaction');
    this.shared.db.exec(sql);
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    // a transaction Kysely gave up on without commit or rollback (it never does) must not hold the lock
    const conn = c as Connection;
    if (conn.release) {
      if (this.shared.db.inTransaction) this.shared.db.exec('rollback');
      conn.release();
      conn.release = null;
    }
  }

  async destroy(): Promise<void> {
    this.#shared?.db.close();
    this.#shared = null;
  }
}

const keys = (shared: Shared, on: boolean): void => { shared.db.pragma(`foreign_keys = ${on ? 'ON' : 'OFF'}`); };

/**
 * After a `foreignKeys: false` transaction ended (commit, rollback or a failed commit rolled back): keys on
 * again before the handle is free. A handle that cannot (it is still in a transaction, where the pragma does
 * nothing) is closed: no statement may run on it without its foreign keys.
 */
function keysBackOn(shared: Shared): void {
  const db = shared.db;
  try {
    if (db.inTransaction) db.exec('rollback');
    keys(shared, true);
    if (db.pragma('foreign_keys', { simple: true }) !== 1) throw new Error('foreign keys are still off');
  } catch (e) {
    db.close();
    throw e;
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface AsyncSqliteConfig {
  readonly database: SQLite.Database;
  readonly busyTimeout?: number;
  /**
   * false: this Kysely's write transactions run with foreign-key enforcement off (pragma foreign_keys), on
   * again as each ends; statements outside a transaction and read-only transactions keep them. Only for a
   * writer that resolves every reference it stores itself (the import, write.ts): a DELETE in such a
   * transaction would not cascade.
   */
  readonly foreignKeys?: boolean;
}

export class AsyncSqliteDialect implements Dialect {
  constructor(private readonly config: AsyncSqliteConfig) {}
  createDriver(): Driver { return new Driver_(() => this.config.database, this.config.busyTimeout ?? BUSY_TIMEOUT_MS, this.config.foreignKeys ?? true); }
  createQueryCompiler(): QueryCompiler { return new SqliteQueryCompiler(); }
  createAdapter(): DialectAdapter { return new SqliteAdapter(); }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector { return new SqliteIntrospector(db); }
}

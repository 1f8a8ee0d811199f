// One contract suite, two databases: `forEachDialect` runs a describe block on SQLite (a temporary
// file) and on PostgreSQL (its own schema in database `test`, dropped afterwards).
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { importBytes, migrate, openStore, type Store } from '../../src/store/index.js';
import { POSTGRES_URL } from '../setup/postgres.js';

export const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
export const sampleFiles = (): string[] => readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();

export type Dialect = 'sqlite' | 'postgres';

export function freshStore(dialect: Dialect): Store {
  if (dialect === 'sqlite') return openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-store-')), 'test.sqlite'));
  return openStore(POSTGRES_URL, { schema: `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}` });
}

export async function dropStore(store: Store): Promise<void> {
  if (store.dialect === 'postgres' && store.schema) await sql`drop schema if exists ${sql.id(store.schema)} cascade`.execute(store.db);
  await store.close();
}

/** Runs `body` once per dialect with a migrated store; `seed` imports the five samples first. */
export function forEachDialect(name: string, body: (get: () => Store) => void, options: { seed?: boolean } = {}): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${dialect}]`, () => {
      let store: Store;
      beforeAll(async () => {
        store = freshStore(dialect);
        await migrate(store);
        if (options.seed) for (const f of sampleFiles()) await importBytes(store, readFileSync(join(SAMPLES, f)), { file: f });
      }, 60_000);
      afterAll(async () => { if (store) await dropStore(store); });
      body(() => store);
    });
  }
}

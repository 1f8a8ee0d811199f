// A kill in the middle of an import leaves nothing of the document behind, on both databases. A child
// process runs the built code (dist/; `npm run build` first) on a large generated table — the project
// blocks of a flowed sample repeated 200 times under one header — and reports when its transaction has
// written its first projects rows. The test then confirms the transaction is open (SQLite: the write lock
// is held; PostgreSQL: the child's backend holds a transaction id), kills the child with SIGKILL, and
// checks that no row of the document is visible, the data already there is untouched (including the
// `latest` flag the import had already cleared inside its transaction), and a re-import succeeds.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { importBytes, type Store } from '../../src/store/index.js';
import { POSTGRES_URL } from '../setup/postgres.js';
import { forEachDialect, SAMPLES } from './harness.js';

const root = join(import.meta.dirname, '..', '..');
const child = join(import.meta.dirname, 'crash-child.mjs');
const COPIES = 200;

/** 004's header, then its ten project blocks COPIES times, with the 合计 and unit rows scaled to match */
function bigDocument(): { path: string; bytes: Buffer } {
  const lines = readFileSync(join(SAMPLES, '004_08daa9245e557faf.txt'), 'utf8').split('\n');
  const unitRow = lines.findIndex((l) => l.startsWith('广州市残疾人就业培训服务中心 830.47'));
  expect(unitRow).toBeGreaterThan(0);
  const total = ((83047 * COPIES) / 100).toFixed(2);
  const head = lines.slice(0, unitRow + 1).map((l) => l.replace('830.47 830.47', `${total} ${total}`));
  const body = lines.slice(unitRow + 1).join('\n');
  const text = [...head, ...Array.from({ length: COPIES }, () => body)].join('\n');
  const path = join(mkdtempSync(join(tmpdir(), 'jixiao-crash-')), 'big.txt');
  writeFileSync(path, text);
  return { path, bytes: Buffer.from(text) };
}

const TABLES = ['departments', 'documents', 'units', 'projects', 'indicators', 'orphans', 'diagnostics', 'findings'] as const;
async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await store.db.selectFrom(t).select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

function waitFor(proc: ChildProcess, marker: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ${marker} within ${timeoutMs} ms; stdout: ${out}`)), timeoutMs);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`${marker}\n`)) { clearTimeout(timer); resolve(out); }
    });
    proc.on('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`child exited (${code ?? signal}) before ${marker}; stdout: ${out}`)); });
  });
}

const exited = (proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve({ code: proc.exitCode, signal: proc.signalCode })
    : new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));

/** evidence that the child's transaction is open and has written */
async function transactionOpen(store: Store, appName: string): Promise<boolean> {
  if (store.dialect === 'sqlite') {
    const probe = new SQLite(store.location, { timeout: 0 });
    try {
      probe.exec('BEGIN IMMEDIATE'); // needs the write lock the child holds
      probe.exec('ROLLBACK');
      return false;
    } catch (e) {
      return (e as { code?: string }).code === 'SQLITE_BUSY';
    } finally {
      probe.close();
    }
  }
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = ${appName} and backend_xid is not null`.execute(store.db);
  return r.rows[0]!.n === 1;
}

async function backendsGone(store: Store, appName: string): Promise<void> {
  if (store.dialect !== 'postgres') return;
  for (let i = 0; i < 100; i++) {
    const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = ${appName}`.execute(store.db);
    if (r.rows[0]!.n === 0) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('the killed child\'s PostgreSQL backend is still there after 10 s');
}

forEachDialect('crash', (get) => {
  it('SIGKILL mid-transaction leaves no part of the document, and it imports again afterwards', async () => {
    expect(existsSync(join(root, 'dist', 'src', 'store', 'index.js')), 'run `npm run build` first: the child runs dist/').toBe(true);
    const store = get();
    const big = bigDocument();
    const before = await counts(store);
    const latestBefore = await store.db.selectFrom('units').select(['name', 'version', 'latest']).orderBy('id').execute();
    const appName = `jixiao_crash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const args = [child, big.path, store.dialect === 'sqlite' ? store.location : POSTGRES_URL, ...(store.schema ? [store.schema] : [])];
    const proc = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PGAPPNAME: appName }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    try {
      await waitFor(proc, 'WRITING', 60_000);
      expect(await transactionOpen(store, appName), `the child's transaction should be open; stderr: ${stderr}`).toBe(true);
      // the rows it has written so far are not visible outside its transaction
      expect(await store.db.selectFrom('documents').select('id').where('file', '=', 'big.txt').execute()).toEqual([]);
    } finally {
      proc.kill('SIGKILL');
    }
    const { signal } = await exited(proc);
    expect(signal).toBe('SIGKILL');
    await backendsGone(store, appName);

    // nothing of it: no document, unit, project, indicator, finding … and the other documents as they were
    expect(await counts(store)).toEqual(before);
    expect(await store.db.selectFrom('documents').select('id').where('file', '=', 'big.txt').execute()).toEqual([]);
    expect(await store.db.selectFrom('units').select(['name', 'version', 'latest']).orderBy('id').execute()).toEqual(latestBefore);
    if (store.dialect === 'sqlite') {
      const check = new SQLite(store.location, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    }

    // and the same file imports cleanly afterwards, as the next version of its unit
    const again = await importBytes(store, big.bytes, { file: 'big.txt' });
    expect(again).toMatchObject({ status: 'imported', projects: 10 * COPIES, versions: [{ unit: '广州市残疾人就业培训服务中心', version: 2 }] });
    const after = await counts(store);
    expect(after['documents']).toBe(before['documents']! + 1);
    expect(after['projects']).toBe(before['projects']! + 10 * COPIES);
    expect(after['indicators']).toBe(before['indicators']! + 52 * COPIES);
  }, 120_000);
}, { seed: true });

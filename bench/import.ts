// Import rate: `jixiao import`'s path for many files (parse → targets → review → rows in worker threads,
// one transaction per document by the single writer: readMany + storeRead) into SQLite and PostgreSQL,
// side by side with each database's own bulk loader on the same indicator rows as CSV into a bare table
// (sqlite3's `.import`, psql's `\copy`), the floor of what loading those rows can cost. Reported: the whole
// import's indicators/s (parse to commit, wall clock), the write stage's (the writer's transactions), each
// stage's own time, the baselines measured in the same run and the ratios. Documents are tabular tables
// recombined from sample 002's project rows under generated unit names, so every one is new.
//
//   node dist/bench/import.js [INDICATORS]     (default 200000; `npm run bench:import`)
//   JIXIAO_BENCH_PG=postgres://…               the PostgreSQL server (default the tests' database `test`)
//   JIXIAO_IMPORT_WORKERS=N                    reader threads (default: one per core, at most 4)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../test/helpers/prng.js';
import { REPO_ROOT } from '../test/helpers/samples.js';
import { sql } from 'kysely';
import { defaultWorkers, migrate, openStore, readMany, storeRead, type Stage } from '../src/store/index.js';

const HEADER = ['测试局2024年项目支出绩效目标表（含转移支付项目）', '部门名称：测试局', '单位：万元', '项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标'];

interface Row { readonly cells: readonly string[]; readonly cents: readonly [number, number, number, number]; readonly indicators: number }

const cents = (s: string): number => (s.trim() === '' ? 0 : Math.round(Number(s.replace(/,/g, '')) * 100));
const money = (c: number): string => (c === 0 ? '' : `${Math.floor(c / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(c % 100).padStart(2, '0')}`);

function projectRows(): Row[] {
  const text = readFileSync(join(REPO_ROOT, 'samples', '002_02da4d888feccc7a.txt'), 'utf8');
  return text.split('\n').map((l) => l.split('\t')).filter((c) => c.length === 7 && c[6]!.includes('、') && c[6]!.includes('实施周期指标值'))
    .map((c) => ({ cells: c, cents: [cents(c[1]!), cents(c[2]!), cents(c[3]!), cents(c[4]!)] as const, indicators: (c[6]!.match(/\d+、\d-/g) ?? []).length }));
}

export function generate(targetIndicators: number, seed = 7): { docs: Buffer[]; indicators: number; projects: number } {
  const rows = projectRows();
  const rnd = mulberry32(seed);
  const docs: Buffer[] = [];
  let indicators = 0;
  let projects = 0;
  for (let d = 0; indicators < targetIndicators; d++) {
    const pick: Row[] = [];
    const n = 150 + Math.floor(rnd.next() * 100);
    for (let k = 0; k < n && indicators < targetIndicators; k++) {
      const r = rows[Math.floor(rnd.next() * rows.length)]!;
      pick.push(r);
      indicators += r.indicators;
    }
    const sum = [0, 1, 2, 3].map((i) => pick.reduce((s, r) => s + r.cents[i]!, 0));
    const unit = `测试单位${String(d).padStart(5, '0')}`;
    const lines = [...HEADER, ['合计', ...sum.map(money), '', ''].join('\t'), [unit, ...sum.map(money), '', ''].join('\t'),
      ...pick.map((r, k) => [`${r.cells[0]}（${d}-${k}）`, ...r.cells.slice(1)].join('\t'))];
    docs.push(Buffer.from(lines.join('\n'), 'utf8'));
    projects += pick.length;
  }
  return { docs, indicators, projects };
}

export const IMPORT_TARGETS = { sqliteIndicatorsPerSec: 50_000, postgresIndicatorsPerSec: 30_000 } as const;

export interface ImportBenchOptions {
  readonly indicators?: number;
  readonly log?: (line: string) => void;
}

const PG_URL = (): string => process.env['JIXIAO_BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const has = (cmd: string, arg: string): boolean => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
const esc = (v: unknown): string => (v === null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const round = (x: number): number => Math.round(x * 1000) / 1000;

export async function importBench(options: ImportBenchOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const target = options.indicators ?? 200_000;
  const t0 = performance.now();
  const corpus = generate(target);
  const genSeconds = (performance.now() - t0) / 1000;
  log(`import corpus: ${corpus.docs.length} documents, ${corpus.projects} projects, ${corpus.indicators} indicators in ${genSeconds.toFixed(1)} s`);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-import-'));
  const results: Record<string, unknown> = {};
  try {
    for (const dialect of ['sqlite', 'postgres'] as const) results[dialect] = await one(dialect, corpus, dir, log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rate = (d: string): number => ((results[d] as { import?: { indicatorsPerSec: number } } | undefined)?.import?.indicatorsPerSec) ?? 0;
  return {
    corpus: { documents: corpus.docs.length, projects: corpus.projects, indicators: corpus.indicators, generateSeconds: round(genSeconds) },
    workers: defaultWorkers(),
    loadAverage: loadavg().map((x) => round(x)),
    ...results,
    targets: IMPORT_TARGETS,
    meets: { sqlite: rate('sqlite') >= IMPORT_TARGETS.sqliteIndicatorsPerSec, postgres: rate('postgres') >= IMPORT_TARGETS.postgresIndicatorsPerSec },
    node: process.version,
    date: new Date().toISOString(),
  };
}

async function one(dialect: 'sqlite' | 'postgres', corpus: ReturnType<typeof generate>, dir: string, log: (l: string) => void): Promise<Record<string, unknown>> {
  const schema = `bench_import_${process.pid}`;
  const store = dialect === 'sqlite' ? openStore(join(dir, 'jixiao.sqlite')) : openStore(PG_URL(), { schema });
  try {
    await migrate(store);
  } catch (e) {
    await store.close();
    return { unavailable: (e as Error).message };
  }
  try {
    const timings: Record<Stage, number> = { parse: 0, targets: 0, review: 0, plan: 0, write: 0 };
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    let stored = 0;
    let i = 0;
    const tenth = Math.max(1, Math.floor(corpus.docs.length / 10));
    for await (const r of readMany(corpus.docs.map((bytes, k) => ({ file: `bench-${k}.txt`, bytes: () => Promise.resolve(bytes) })), { timings })) {
      if (r.status !== 'read') throw new Error(`document ${i}: ${r.reason}`);
      const o = await storeRead(store, r.read, { file: r.read.file, timings });
      if (o.status !== 'imported') throw new Error(`document ${i}: ${o.status} ${'reason' in o ? o.reason : ''}`);
      stored += o.indicators;
      if (++i % tenth === 0) {
        const s = (performance.now() - start) / 1000;
        log(`${dialect} import ${String(Math.round((i / corpus.docs.length) * 100)).padStart(3)}%  ${stored} indicators  ${s.toFixed(1)} s  ${Math.round(stored / s)} ind/s`);
      }
    }
    const importSeconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const writeSeconds = timings.write / 1000;
    const baseline = await bulkLoad(store, dialect, schema, dir);
    const rate = Math.round(stored / importSeconds);
    const writeRate = Math.round(stored / writeSeconds);
    log(`${dialect}: import ${rate} ind/s, write ${writeRate} ind/s, baseline ${baseline.rowsPerSec ?? baseline.unavailable} rows/s`);
    return {
      // cpuSeconds: this process's CPU time, all threads (the database server's not included); on a busy
      // machine the wall clock runs far ahead of it
      import: { seconds: round(importSeconds), indicatorsPerSec: rate, documentsPerSec: round(corpus.docs.length / importSeconds), cpuSeconds: round((cpu.user + cpu.system) / 1e6) },
      write: { seconds: round(writeSeconds), indicatorsPerSec: writeRate },
      // each stage's own time: parse, targets, review and plan summed over the reader threads, write in the writer
      stages: Object.fromEntries(Object.entries(timings).map(([k, ms]) => [k, { seconds: round(ms / 1000), indicatorsPerSec: Math.round(stored / (ms / 1000)) }])),
      baseline,
      // how many times the baseline's time the import and its write stage take for the same rows
      ratio: baseline.seconds ? round(importSeconds / baseline.seconds) : null,
      writeRatio: baseline.seconds ? round(writeSeconds / baseline.seconds) : null,
    };
  } finally {
    if (dialect === 'postgres') await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db).catch(() => undefined);
    await store.close();
  }
}

/** the stored indicator rows as CSV, loaded by the database's own bulk loader into a bare table */
async function bulkLoad(store: ReturnType<typeof openStore>, dialect: 'sqlite' | 'postgres', schema: string, dir: string): Promise<{ what: string; seconds?: number; rowsPerSec?: number; unavailable?: string }> {
  const what = dialect === 'sqlite' ? 'sqlite3 .import --csv of the same indicator rows into a bare table' : 'psql \\copy of the same indicator rows into a bare table';
  if (dialect === 'sqlite' ? !has('sqlite3', '-version') : !has('psql', '--version')) {
    return { what, unavailable: `${dialect === 'sqlite' ? 'sqlite3' : 'psql'} is not installed (sh scripts/install-test-deps.sh installs it)` };
  }
  const rows = await store.db.selectFrom('indicators').selectAll().execute();
  const cols = Object.keys(rows[0] ?? {}).filter((c) => c !== 'id');
  const csvFile = join(dir, `indicators-${dialect}.csv`);
  writeFileSync(csvFile, `${cols.join(',')}\n${rows.map((r) => cols.map((c) => esc((r as Record<string, unknown>)[c])).join(',')).join('\n')}\n`);
  try {
    const b0 = performance.now();
    if (dialect === 'sqlite') {
      execFileSync('sqlite3', [join(dir, 'baseline.sqlite'), `.import --csv ${csvFile} indicators`], { stdio: ['ignore', 'ignore', 'pipe'] });
    } else {
      execFileSync('psql', [PG_URL(), '-q', '-c', `create table ${schema}.baseline_indicators (${cols.map((c) => `${c} text`).join(', ')})`, '-c', `\\copy ${schema}.baseline_indicators from '${csvFile}' with (format csv, header true)`], { stdio: ['ignore', 'ignore', 'pipe'] });
    }
    const seconds = (performance.now() - b0) / 1000;
    return { what, seconds: round(seconds), rowsPerSec: Math.round(rows.length / seconds) };
  } catch (e) {
    return { what, unavailable: `${(e as Error).message.split('\n')[0]}` };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await importBench({ indicators: Number(process.argv[2] ?? 200_000) });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// Import rate: `jixiao import`'s path (parse → read targets → review → one transaction per document)
// into SQLite, side by side with the sqlite3 command line's `.import` of the same indicator rows as CSV
// into a bare table, the floor of what loading those rows can cost. Documents are tabular tables
// recombined from sample 002's project rows under generated unit names, so every one is new.
//
//   node dist/bench/import.js [INDICATORS]     (default 200000)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../test/helpers/prng.js';
import { REPO_ROOT } from '../test/helpers/samples.js';
import { sql } from 'kysely';
import { importBytes, migrate, openStore } from '../src/store/index.js';

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

async function main(): Promise<void> {
  const target = Number(process.argv[2] ?? 200_000);
  const t0 = performance.now();
  const corpus = generate(target);
  const genSeconds = (performance.now() - t0) / 1000;
  process.stderr.write(`generated ${corpus.docs.length} documents, ${corpus.projects} projects, ${corpus.indicators} indicators in ${genSeconds.toFixed(1)} s\n`);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-import-'));
  const esc = (v: unknown) => (v === null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const results: Record<string, unknown> = {};
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const schema = `bench_import_${process.pid}`;
    const store = dialect === 'sqlite' ? openStore(join(dir, 'jixiao.sqlite')) : openStore(process.env['JIXIAO_BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test', { schema });
    try {
      await migrate(store);
    } catch (e) {
      results[dialect] = { unavailable: (e as Error).message };
      await store.close();
      continue;
    }
    const start = performance.now();
    const timings = { parse: 0, targets: 0, review: 0, plan: 0, write: 0 };
    let stored = 0;
    for (const [i, doc] of corpus.docs.entries()) {
      const r = await importBytes(store, doc, { file: `bench-${i}.txt`, timings });
      if (r.status !== 'imported') throw new Error(`document ${i}: ${r.status} ${'reason' in r ? r.reason : ''}`);
      stored += r.indicators;
      if ((i + 1) % Math.max(1, Math.floor(corpus.docs.length / 10)) === 0) {
        const s = (performance.now() - start) / 1000;
        process.stderr.write(`${dialect} import ${String(Math.round(((i + 1) / corpus.docs.length) * 100)).padStart(3)}%  ${stored} indicators  ${s.toFixed(1)} s  ${Math.round(stored / s)} ind/s\n`);
      }
    }
    const importSeconds = (performance.now() - start) / 1000;
    // Baseline: the same indicator rows, as stored, as CSV, loaded by the database's own bulk loader
    const rows = await store.db.selectFrom('indicators').selectAll().execute();
    const cols = Object.keys(rows[0] ?? {}).filter((c) => c !== 'id');
    const csvFile = join(dir, `indicators-${dialect}.csv`);
    writeFileSync(csvFile, `${cols.join(',')}\n${rows.map((r) => cols.map((c) => esc((r as Record<string, unknown>)[c])).join(',')).join('\n')}\n`);
    let baseline: { what: string; seconds?: number; rowsPerSec?: number; unavailable?: string };
    try {
      const b0 = performance.now();
      if (dialect === 'sqlite') {
        execFileSync('sqlite3', [join(dir, 'baseline.sqlite'), `.import --csv ${csvFile} indicators`], { stdio: ['ignore', 'ignore', 'pipe'] });
      } else {
        const url = process.env['JIXIAO_BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
        execFileSync('psql', [url, '-q', '-c', `create table ${schema}.baseline_indicators (${cols.map((c) => `${c} text`).join(', ')})`, '-c', `\\copy ${schema}.baseline_indicators from '${csvFile}' with (format csv, header true)`], { stdio: ['ignore', 'ignore', 'pipe'] });
      }
      const seconds = (performance.now() - b0) / 1000;
      baseline = { what: dialect === 'sqlite' ? 'sqlite3 .import --csv of the same indicator rows into a bare table' : 'psql \\copy of the same indicator rows into a bare table', seconds: round(seconds), rowsPerSec: Math.round(rows.length / seconds) };
    } catch (e) {
      baseline = { what: 'bulk load', unavailable: `${(e as Error).message.split('\n')[0]}` };
    }
    if (dialect === 'postgres') await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    await store.close();
    const rate = Math.round(stored / importSeconds);
    results[dialect] = {
      import: { seconds: round(importSeconds), indicatorsPerSec: rate, documentsPerSec: round(corpus.docs.length / importSeconds) },
      // the import does more than load rows: each stage's own rate, so the write can be set against the baseline
      stages: Object.fromEntries(Object.entries(timings).map(([k, ms]) => [k, { seconds: round(ms / 1000), indicatorsPerSec: Math.round(stored / (ms / 1000)) }])),
      baseline,
      ratio: baseline.seconds ? round(importSeconds / baseline.seconds) : null,
      writeRatio: baseline.seconds ? round(timings.write / 1000 / baseline.seconds) : null,
    };
  }
  rmSync(dir, { recursive: true, force: true });
  const sqliteRate = ((results['sqlite'] as { import?: { indicatorsPerSec: number } } | undefined)?.import?.indicatorsPerSec) ?? 0;
  process.stdout.write(`${JSON.stringify({
    corpus: { documents: corpus.docs.length, projects: corpus.projects, indicators: corpus.indicators, generateSeconds: round(genSeconds) },
    ...results,
    target: { sqliteIndicatorsPerSec: 50_000 },
    meets: sqliteRate >= 50_000,
    node: process.version,
    date: new Date().toISOString(),
  })}\n`);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

// `npm run -s bench:search`: search latency at 1,000,000 indicators, on SQLite and on PostgreSQL, side
// by side with bare baselines over the same texts (SQLite: an FTS5 trigram MATCH and a LIKE scan;
// PostgreSQL: ILIKE with a pg_trgm GIN index), each asked for its first 20 matches, unranked and
// uncounted. Progress goes to stderr; stdout gets exactly one JSON report.
//
//   node dist/bench/search.js [INDICATORS]      (default 1000000; JIXIAO_TEST_PG or the local test database)
//
// The store is synthetic, recombined from the five samples' projects so that it is not five tables
// repeated: a project name joins one sample name's owner (广州市技师学院) to a year span and another's
// subject (信息化运维项目); a goal is one to three sentences of different sample goals; a project has
// three to eight indicators drawn from the samples' 1,790 (so 服务对象满意度 is as common as it is
// there), a quarter of them prefixed with two to four characters of the project's subject (运维满意度).
// Units are sample units in 16 districts, numbered; every 20th document republishes the units of the
// one before, which become history (latest = 0). Rows go in with direct batched inserts, one transaction per
// document, and each document is indexed by the same indexDocument that `jixiao import` calls.
//
// Queries: 200 each of 2, 3 and 6 characters, windows of Chinese characters cut from real sample
// indicator names (80%) and project names (20%), so common words (满意, 完成率) come up as often as they
// do in the tables.
import { readFileSync, readdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { parseBytes } from '../src/ingest/index.js';
import type { Indicator } from '../src/model/index.js';
import { migrate, openStore, type Store } from '../src/store/index.js';
import { indexDocument } from '../src/store/search-index.js';
import { search } from '../src/store/search.js';
import { createTextIndexes, dropTextIndexes } from '../src/store/search-schema.js';
import { fts5Phrase, likeContains } from '../src/store/search-text.js';
import { random } from '../src/workflow/demo-reports.js';

const TARGET_P95_MS = 30;
const QUERIES_PER_LENGTH = 200;
const LENGTHS = [2, 3, 6] as const;
const PG_URL = process.env['JIXIAO_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');

const log = (s: string): void => void process.stderr.write(`${s}\n`);
const seconds = (t0: number): number => Math.round((performance.now() - t0) / 100) / 10;


// ---------------------------------------------------------------------------------------------------
// The synthetic store

interface SampleProject { readonly unit: string; readonly name: string; readonly goal: string; readonly indicators: readonly Indicator[] }
interface GenIndicator { readonly name: string; readonly src: Indicator }
interface GenProject { readonly name: string; readonly goal: string; readonly indicators: readonly GenIndicator[] }
interface GenUnit { readonly name: string; readonly projects: readonly GenProject[] }
interface GenDocument { readonly year: number; readonly units: readonly GenUnit[] }

function samples(): SampleProject[] {
  const out: SampleProject[] = [];
  for (const f of readdirSync(SAMPLES).filter((x) => x.endsWith('.txt')).sort()) {
    const doc = parseBytes(readFileSync(join(SAMPLES, f)), { file: f });
    for (const u of doc.units) for (const p of u.projects) out.push({ unit: u.name, name: p.name, goal: p.goal, indicators: p.indicators });
  }
  return out;
}

const YEAR_SPAN = /\s*20\d\d年?度?\s*(?:[-—~至]\s*20\d\d年?度?)?\s*/;

function generator(pool: readonly SampleProject[], seed: number) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const owners = pool.map((p) => p.name.split(YEAR_SPAN)[0]!.trim()).filter((s) => s.length >= 4 && s.length < 30);
  const subjects = pool.map((p) => { const parts = p.name.split(YEAR_SPAN); return (parts.length > 1 ? parts.slice(1).join('') : p.name).trim(); }).filter((s) => s.length >= 2);
  const spans = ['2023年', '2024年', '2025年', '2026年', '2023-2024年', '2024-2025年', '2025-2026年', '2024年-2025年', '2025年度', ''];
  const sentences = pool.flatMap((p) => p.goal.split(/(?<=[。；;])/).map((s) => s.trim()).filter((s) => s.length >= 6));
  const indicators = pool.flatMap((p) => p.indicators).filter((i) => i.name.length > 0);
  const units = [...new Set(pool.map((p) => p.unit))];
  const districts = ['越秀区', '海珠区', '荔湾区', '天河区', '白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区', '市本级', '东区', '西区', '南区', '北区'];
  const han = /^\p{Script=Han}+$/u;
  const project = (): GenProject => {
    const subject = pick(subjects);
    const name = `${pick(owners)}${pick(spans)}${subject}`;
    const goal = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(sentences)).join('');
    const n = 3 + Math.floor(rnd() * 6);
    const chars = Array.from(subject).filter((c) => han.test(c));
    const inds: GenIndicator[] = [];
    for (let k = 0; k < n; k++) {
      const src = pick(indicators);
      let ind = src.name;
      if (rnd() < 0.25 && chars.length >= 4) {
        const len = 2 + Math.floor(rnd() * 3);
        const at = Math.floor(rnd() * (chars.length - len));
        ind = chars.slice(at, at + len).join('') + ind;
      }
      inds.push({ name: ind, src });
    }
    return { name, goal, indicators: inds };
  };
  let previous: GenDocument | undefined;
  let serial = 0; // unit names are unique but for the republications
  return (d: number, budget: number): GenDocument => {
    if (d % 20 === 19 && previous) {
      // a republication: the same units and year, new projects
      const doc = { year: previous.year, units: previous.units.map((u) => ({ name: u.name, projects: u.projects.map(() => project()) })) };
      previous = doc;
      return doc;
    }
    const out: GenUnit[] = [];
    let left = budget;
    for (let u = 0; u < 8 && left > 0; u++) {
      const projects: GenProject[] = [];
      const n = 18 + Math.floor(rnd() * 10);
      for (let k = 0; k < n && left > 0; k++) {
        const p = project();
        projects.push(p);
        left -= p.indicators.length;
      }
      serial++;
      out.push({ name: `${pick(units)}（${pick(districts)}${serial}）`, projects });
    }
    previous = { year: 2023 + Math.floor(rnd() * 4), units: out };
    return previous;
  };
}

/** Generates the documents once, so both databases get the same store. */
function generate(target: number): { docs: GenDocument[]; indicators: number; projects: number } {
  const next = generator(samples(), 20251121);
  const docs: GenDocument[] = [];
  let indicators = 0;
  let projects = 0;
  for (let d = 0; indicators < target; d++) {
    const doc = next(d, target - indicators);
    let n = 0;
    const units = doc.units.map((u) => {
      const ps: GenProject[] = [];
      for (const p of u.projects) {
        if (indicators + n >= target) break;
        const take = p.indicators.slice(0, target - indicators - n);
        ps.push({ ...p, indicators: take });
        n += take.length;
      }
      return { name: u.name, projects: ps };
    }).filter((u) => u.projects.length);
    docs.push({ year: doc.year, units });
    indicators += n;
    projects += units.reduce((s, u) => s + u.projects.length, 0);
  }
  return { docs, indicators, projects };
}

// ---------------------------------------------------------------------------------------------------
// Loading

const indicatorRow = (documentId: number, projectId: number, ordinal: number, i: GenIndicator) => ({
  document_id: documentId, project_id: projectId, orphan_id: null, ordinal, seq: ordinal + 1,
  level1_code: i.src.level1.code, level1_name: i.src.level1.name, level2_code: i.src.level2.code, level2_name: i.src.level2.name,
  name: i.name, name_key: i.name,
  period_raw: i.src.period.raw, period_kind: null, period_op: null, period_value: null, period_unit: null, period_json: '{}',
  annual_raw: i.src.annual.raw, annual_kind: null, annual_op: null, annual_value: null, annual_unit: null, annual_json: '{}',
  text: i.name, line: null,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bench writes the tables directly
type AnyDb = Kysely<any>;

/** Writes one document's rows and indexes it, the way import does (one transaction per document). */
async function writeDocument(db: AnyDb, pg: boolean, d: number, doc: GenDocument): Promise<void> {
  const { id } = await db.insertInto('documents').values({
    sha256: `bench-${d}`, file: `bench-${d}.txt`, layout: 'tabular-text', encoding: 'utf-8', bytes: 0, lines: 0, title: null,
    year: doc.year, department_id: null, currency_unit: '万元', source_text: '', imported_at: new Date(0).toISOString(), errors: 0, warnings: 0,
  }).returning('id').executeTakeFirstOrThrow();
  const documentId = Number(id);
  for (const [ui, u] of doc.units.entries()) {
    const prev = await db.selectFrom('units').select(({ fn }) => fn.max('version').as('v')).where('name', '=', u.name).where('year', '=', doc.year).executeTakeFirst();
    const version = Number(prev?.v ?? 0) + 1;
    if (version > 1) await db.updateTable('units').set({ latest: 0 }).where('name', '=', u.name).where('year', '=', doc.year).execute();
    const unit = await db.insertInto('units').values({ document_id: documentId, ordinal: ui, name: u.name, year: doc.year, version, latest: 1 }).returning('id').executeTakeFirstOrThrow();
    const projectIds = await db.insertInto('projects').values(u.projects.map((p, pi) => ({
      document_id: documentId, unit_id: Number(unit.id), ordinal: pi, name: p.name, goal: p.goal, total: 100000, unplaced: '[]',
      indicator_count: p.indicators.length, finding_count: 0,
    }))).returning(['id', 'ordinal']).execute();
    const byOrdinal = new Map(projectIds.map((r) => [Number(r.ordinal), Number(r.id)]));
    const rows = u.projects.flatMap((p, pi) => p.indicators.map((i, ii) => indicatorRow(documentId, byOrdinal.get(pi)!, ii, i)));
    if (pg) {
      // one array per column: far fewer parameters than a multi-row VALUES
      const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
      await sql`insert into indicators (document_id, project_id, ordinal, seq, level1_code, level1_name, level2_code, level2_name, name, name_key, period_raw, period_json, annual_raw, annual_json, text)
        select * from unnest(${col('document_id')}::bigint[], ${col('project_id')}::bigint[], ${col('ordinal')}::int[], ${col('seq')}::int[],
          ${col('level1_code')}::text[], ${col('level1_name')}::text[], ${col('level2_code')}::text[], ${col('level2_name')}::text[], ${col('name')}::text[], ${col('name_key')}::text[],
          ${col('period_raw')}::text[], ${col('period_json')}::text[], ${col('annual_raw')}::text[], ${col('annual_json')}::text[], ${col('text')}::text[])`.execute(db);
    } else {
      for (let k = 0; k < rows.length; k += 1000) await db.insertInto('indicators').values(rows.slice(k, k + 1000)).execute();
    }
  }
  await indexDocument(db, documentId);
}

async function load(store: Store, docs: readonly GenDocument[], label: string): Promise<void> {
  const t0 = performance.now();
  let nextTenth = 1;
  for (const [d, doc] of docs.entries()) {
    await store.db.transaction().execute((trx) => writeDocument(trx as unknown as AnyDb, store.dialect === 'postgres', d, doc));
    if ((d + 1) / docs.length >= nextTenth / 10) {
      log(`  ${label}: ${nextTenth * 10}% (${d + 1} documents, ${seconds(t0)} s)`);
      while ((d + 1) / docs.length >= nextTenth / 10) nextTenth++;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Queries and timing

function queries(pool: readonly SampleProject[], seed: number): Record<number, string[]> {
  const rnd = random(seed);
  const indicatorNames = pool.flatMap((p) => p.indicators.map((i) => i.name));
  const projectNames = pool.map((p) => p.name);
  const han = /^\p{Script=Han}+$/u;
  const out: Record<number, string[]> = {};
  for (const len of LENGTHS) {
    const qs: string[] = [];
    while (qs.length < QUERIES_PER_LENGTH) {
      const from = rnd() < 0.8 ? indicatorNames : projectNames;
      const chars = Array.from(from[Math.floor(rnd() * from.length)]!);
      if (chars.length < len) continue;
      const at = Math.floor(rnd() * (chars.length - len + 1));
      const q = chars.slice(at, at + len).join('');
      if (han.test(q)) qs.push(q);
    }
    out[len] = qs;
  }
  return out;
}

interface Timing { readonly p50: number; readonly p95: number; readonly max: number; readonly mean: number; readonly withHits: number }

async function time(qs: readonly string[], run: (q: string) => Promise<number>): Promise<Timing> {
  for (const q of qs.slice(0, 10)) await run(q); // warm up
  const ms: number[] = [];
  let withHits = 0;
  for (const q of qs) {
    const t0 = performance.now();
    const n = await run(q);
    ms.push(performance.now() - t0);
    if (n > 0) withHits++;
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]! * 100) / 100;
  return { p50: at(0.5), p95: at(0.95), max: at(1), mean: Math.round((ms.reduce((s, x) => s + x, 0) / ms.length) * 100) / 100, withHits };
}

async function measure(store: Store, qs: Record<number, string[]>, baselines: Record<string, (q: string) => Promise<number>>, label: string) {
  const out: Record<string, Record<string, Timing>> = { search: {} };
  for (const len of LENGTHS) {
    log(`  ${label}: ${len}-character queries`);
    out['search']![`${len}`] = await time(qs[len]!, async (q) => (await search(store, { query: q, limit: 20 })).hits.length);
    for (const [name, run] of Object.entries(baselines)) (out[name] ??= {})[`${len}`] = await time(qs[len]!, run);
  }
  return out;
}

async function distinctTexts(store: Store): Promise<Record<string, number>> {
  const rows = await sql<{ field: number; n: number }>`select field, count(*) as n from search_texts group by field order by field`.execute(store.db);
  const names = ['name', 'goal', 'indicator'];
  return Object.fromEntries(rows.rows.map((r) => [names[Number(r.field)]!, Number(r.n)]));
}

/** The schema pg_trgm is installed in (for the baseline), installing it in public when it is not there. */
async function trigramSchema(db: AnyDb): Promise<string> {
  const where = async () => (await sql<{ nspname: string }>`select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)).rows[0]?.nspname;
  const found = await where();
  if (found !== undefined) return found;
  // in public, never in the bench's own schema, which is dropped at the end
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  return (await where()) ?? 'public';
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const target = Number(process.argv[2] ?? 1_000_000);
  const t0 = performance.now();
  const pool = samples();
  const { docs, indicators, projects } = generate(target);
  const generateSeconds = seconds(t0);
  log(`generated ${docs.length} documents, ${projects} projects, ${indicators} indicators in ${generateSeconds} s`);
  const qs = queries(pool, 42);
  const report: Record<string, unknown> = {
    indicators, projects, documents: docs.length, generateSeconds, queriesPerLength: QUERIES_PER_LENGTH, limit: 20, targetP95Ms: TARGET_P95_MS,
    note: 'search: ranked page of 20 with highlights and a total (exact up to 1,000); baselines: first 20 matches, unranked, uncounted, over the same texts',
  };

  const only = process.env['JIXIAO_BENCH_ONLY']; // sqlite | postgres
  // SQLite
  if (only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-search-'));
  const file = join(dir, 'bench.sqlite');
  try {
    const lite = openStore(file);
    await migrate(lite);
    log('SQLite: loading');
    let t = performance.now();
    await load(lite, docs, 'SQLite');
    const loadSeconds = seconds(t);
    log('SQLite: baseline tables');
    t = performance.now();
    const raw = new SQLite(file);
    raw.exec(`create table bench_texts (id integer primary key, text text not null);
      insert into bench_texts (text) select name from projects union all select goal from projects union all select name from indicators;
      create virtual table bench_trgm using fts5(text, tokenize = 'trigram', content = 'bench_texts', content_rowid = 'id');
      insert into bench_trgm (bench_trgm) values ('rebuild');`);
    const baselineSeconds = seconds(t);
    const trgm = raw.prepare('select rowid from bench_trgm where bench_trgm match ? limit 20');
    const like = raw.prepare("select id from bench_texts where text like ? escape '\\' limit 20");
    const timings = await measure(lite, qs, {
      fts5Trigram: async (q) => trgm.all(fts5Phrase(q)).length,
      like: async (q) => like.all(likeContains(q)).length,
    }, 'SQLite');
    raw.close();
    report['sqlite'] = { loadSeconds, baselineTablesSeconds: baselineSeconds, fileMB: Math.round(statSync(file).size / 2 ** 20), distinctTexts: await distinctTexts(lite), ...timings };
    await lite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  }

  // PostgreSQL
  if (only !== 'sqlite') {
  const keep = process.env['JIXIAO_BENCH_KEEP']; // a schema name: load once, keep it, reuse it
  const schema = keep ?? `bench_search_${process.pid}`;
  const pg = openStore(PG_URL, { schema });
  try {
    const fresh = (await migrate(pg)).length > 0;
    let t = performance.now();
    let indexSeconds = 0;
    if (fresh) {
      log('PostgreSQL: loading (search GIN indexes dropped, built after)');
      await dropTextIndexes(pg.db);
      await load(pg, docs, 'PostgreSQL');
      const ti = performance.now();
      log('PostgreSQL: building the search GIN indexes');
      await pg.db.connection().execute(async (c) => {
        await sql`set maintenance_work_mem = '256MB'`.execute(c);
        await createTextIndexes(c);
      });
      indexSeconds = seconds(ti);
      // what autovacuum does in a running database: statistics, and the visibility map (index-only scans)
      log('PostgreSQL: vacuum analyze');
      for (const table of ['search_texts', 'search_rows', 'units', 'projects', 'indicators']) await sql`vacuum analyze ${sql.table(table)}`.execute(pg.db);
    }
    const loadSeconds = seconds(t);
    t = performance.now();
    if (fresh) {
      log('PostgreSQL: baseline table');
      const trgmSchema = await trigramSchema(pg.db as unknown as AnyDb);
      await sql`create table bench_texts as select name as text from projects union all select goal from projects union all select name from indicators`.execute(pg.db);
      await sql`create index bench_texts_trgm on bench_texts using gin (text ${sql.id(trgmSchema, 'gin_trgm_ops')})`.execute(pg.db);
      await sql`analyze bench_texts`.execute(pg.db);
    }
    const baselineSeconds = seconds(t);
    const timings = await measure(pg, qs, {
      ilikeTrigram: async (q) => (await sql`select 1 from bench_texts where text ilike ${likeContains(q)} limit 20`.execute(pg.db)).rows.length,
    }, 'PostgreSQL');
    const size = await sql<{ mb: number }>`select (sum(pg_total_relation_size(c.oid)) / 1048576)::int as mb from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema} and c.relkind = 'r' and c.relname <> 'bench_texts'`.execute(pg.db);
    report['postgres'] = { loadSeconds, indexSeconds, baselineTablesSeconds: baselineSeconds, storeMB: Number(size.rows[0]?.mb ?? 0), distinctTexts: await distinctTexts(pg), ...timings };
  } finally {
    if (!keep) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.db).catch(() => undefined);
    await pg.close();
  }
  }
  report['totalSeconds'] = seconds(t0);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();

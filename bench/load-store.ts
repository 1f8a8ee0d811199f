// The load bench's store: ~1,000,000 indicators (~100,000 projects) in many departments, years and
// unit-years, generated from a fixed seed and written through the real importer (importBytes: parse,
// targets, review, one transaction per document), on SQLite and on PostgreSQL.
//
// Documents are tabular target tables (the layout of samples/002) of a generated department and year:
// 2–8 units, each 8–30 projects. A project recombines the samples: an owner and a subject of two sample
// project names with a year span, one to three sentences of sample goals, and the structured indicators of
// one to three sample projects renumbered (about ten per project), its target values as printed. Amounts
// are drawn per project and the unit and 合计 rows are their sums, so the tables reconcile. Every 12th
// document republishes an earlier department-year with changed amounts: those units get a version 2, the
// first ones become history (latest = 0), as they do in a real store.
//
// Only a tenth of the store goes through the importer (the first documents of the same generator, so
// every row is one the real pipeline wrote); the other nine tenths are copies of it made in SQL
// (INSERT … SELECT, replicate below) with every id renumbered past the ones before, and the documents'
// hashes, file names and unit names given the copy's number, so each copy is its own documents, units
// (each with its own versions) and projects of the same departments. The copies point at the same
// search texts (search_texts is one row per distinct text, as the importer would make it), so the
// search index holds ten times the rows per text. Through the importer alone the build took about an
// hour on a loaded machine; this way a few minutes.
//
// Building takes minutes, so a built store is kept: SQLite under node_modules/.cache/jixiao-bench/ and
// PostgreSQL in the database `jixiao_bench` (created by the bench); both are keyed by GENERATOR_VERSION
// (bump it whenever the generator changes) and the indicator count, and only a store whose build
// finished (its `bench_built` row) is reused.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { parseBytes } from '../src/ingest/index.js';
import { importBytes, migrate, openStore, type Store } from '../src/store/index.js';
import { mulberry32, type Rng } from '../test/helpers/prng.js';
import { REPO_ROOT } from '../test/helpers/samples.js';

export const GENERATOR_VERSION = 2;
/** the store is this many copies of what the importer wrote */
export const COPIES = 10;
export const SEED = 20261201;
export const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'jixiao-bench');

const HEADER = '项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标';
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
const DISTRICTS = ['越秀区', '海珠区', '荔湾区', '天河区', '白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区', '市本级', '东山区', '芳村区', '萝岗区', '江门市', '佛山市', '珠海市', '肇庆市', '清远市'];
const BUREAUS = ['人力资源和社会保障局', '教育局', '卫生健康委员会', '民政局', '交通运输局', '住房和城乡建设局', '农业农村局', '文化广电旅游局', '科学技术局', '生态环境局', '市场监督管理局', '应急管理局'];

interface SampleIndicator { readonly l1: string; readonly l2: string; readonly name: string; readonly period: string; readonly annual: string }
interface SampleProject { readonly unit: string; readonly name: string; readonly goal: string; readonly indicators: readonly SampleIndicator[] }

/** every sample project with its structured indicators (codes, names and both target values printed) */
export function sampleProjects(): SampleProject[] {
  const dir = join(REPO_ROOT, 'samples');
  const out: SampleProject[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const doc = parseBytes(readFileSync(join(dir, f)), { file: f });
    for (const u of doc.units) {
      for (const p of u.projects) {
        const indicators = p.indicators
          .filter((i) => i.level1.code && i.level1.name && i.level2.code && i.level2.name && i.name && i.period.raw && i.annual.raw)
          .map((i) => ({ l1: `${i.level1.code}-${i.level1.name}`, l2: `${i.level2.code}-${i.level2.name}`, name: i.name, period: i.period.raw, annual: i.annual.raw }));
        if (indicators.length && p.goal) out.push({ unit: u.name, name: p.name, goal: p.goal.replace(/\s+/g, ''), indicators });
      }
    }
  }
  return out;
}

const YEAR_SPAN = /\s*20\d\d年?度?\s*(?:[-—~至]\s*20\d\d年?度?)?\s*/;
const money = (c: number): string => `${Math.floor(c / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(c % 100).padStart(2, '0')}`;
const cell = (c: number): string => (c === 0 ? '' : money(c));
/** tabs and line breaks would break the tabular layout */
const clean = (s: string): string => s.replace(/[\t\r\n]+/g, '');

interface GenProject { readonly name: string; readonly goal: string; readonly indicators: string; readonly count: number; readonly cents: readonly [number, number, number, number] }
interface GenUnit { readonly name: string; readonly projects: readonly GenProject[] }
interface GenDoc { readonly department: string; readonly year: number; readonly units: readonly GenUnit[] }

function projectMaker(pool: readonly SampleProject[], rnd: Rng) {
  const owners = pool.map((p) => p.name.split(YEAR_SPAN)[0]!.trim()).filter((s) => s.length >= 4 && s.length < 30);
  const subjects = pool.map((p) => { const parts = p.name.split(YEAR_SPAN); return (parts.length > 1 ? parts.slice(1).join('') : p.name).trim(); }).filter((s) => s.length >= 2);
  const spans = ['', '', '2024年', '2025年', '2024-2025年', '2025-2026年', '（续建）', '（新增）'];
  const sentences = pool.flatMap((p) => p.goal.split(/(?<=[。；;])/).map((s) => s.trim()).filter((s) => s.length >= 6));
  const amounts = (): [number, number, number, number] => {
    // log-uniform 0.50 … 50,000.00 万元, as budgets are
    const total = Math.max(50, Math.round(Math.exp(Math.log(50) + rnd.next() * (Math.log(5_000_000) - Math.log(50)))));
    const kind = rnd.next();
    if (kind < 0.7) return [total, total, 0, 0];
    if (kind < 0.85) { const f = Math.round(total * rnd.next()); return [total, f, 0, total - f]; }
    if (kind < 0.95) return [total, 0, total, 0];
    return [total, 0, 0, total];
  };
  return (): GenProject => {
    const name = clean(`${rnd.pick(owners)}${rnd.pick(spans)}${rnd.pick(subjects)}`);
    const goal = clean(Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(sentences)).join(''));
    const from = Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(pool)).flatMap((p) => p.indicators);
    const indicators = from.slice(0, 16).map((i, k) => `${k + 1}、${i.l1}；${i.l2}；${i.name}；实施周期指标值:${i.period}；年度指标值:${i.annual}。`);
    return { name, goal, indicators: clean(indicators.join('')), count: indicators.length, cents: amounts() };
  };
}

/** The documents, in import order, until `target` indicators; the same for the same target every time. */
export function generateDocs(target: number): { docs: GenDoc[]; indicators: number; projects: number } {
  const pool = sampleProjects();
  const rnd = mulberry32(SEED);
  const project = projectMaker(pool, rnd);
  const unitNames = [...new Set(pool.map((p) => p.unit))];
  const docs: GenDoc[] = [];
  let indicators = 0;
  let projects = 0;
  let serial = 0;
  while (indicators < target) {
    let doc: GenDoc;
    if (docs.length % 12 === 11) {
      // a republication of an earlier department-year: the same units and projects, amounts revised
      const earlier = docs[rnd.int(0, docs.length - 1)]!;
      doc = { ...earlier, units: earlier.units.map((u) => ({ name: u.name, projects: u.projects.map((p) => {
        const t = Math.max(50, Math.round(p.cents[0] * (0.8 + rnd.next() * 0.4)));
        return { ...p, cents: [t, t, 0, 0] as const };
      }) })) };
    } else {
      const department = `广州市${rnd.pick(DISTRICTS)}${rnd.pick(BUREAUS)}`;
      const units: GenUnit[] = [];
      for (let u = rnd.int(2, 8); u > 0; u--) {
        serial++;
        units.push({ name: `${rnd.pick(unitNames)}（第${serial}分部）`, projects: Array.from({ length: rnd.int(8, 30) }, project) });
      }
      doc = { department, year: rnd.pick(YEARS), units };
    }
    docs.push(doc);
    for (const u of doc.units) for (const p of u.projects) { indicators += p.count; projects++; }
  }
  return { docs, indicators, projects };
}

/** One document as tabular text (UTF-8): title, 部门名称, 单位, header, 合计, then each unit and its projects. */
export function render(doc: GenDoc): Buffer {
  const sum = (ps: readonly GenProject[]) => [0, 1, 2, 3].map((i) => ps.reduce((s, p) => s + p.cents[i]!, 0));
  const all = doc.units.flatMap((u) => u.projects);
  const lines = [`${doc.department}${doc.year}年项目支出绩效目标表（含转移支付项目）`, '', `部门名称：${doc.department}`, '', '单位：万元', '', HEADER,
    ['合计', ...sum(all).map(cell), '', ''].join('\t')];
  for (const u of doc.units) {
    lines.push([u.name, ...sum(u.projects).map(cell), '', ''].join('\t'));
    for (const p of u.projects) lines.push([p.name, ...p.cents.map(cell), p.goal, p.indicators].join('\t'));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

// ---------------------------------------------------------------------------------------------------

export interface BuiltStore {
  readonly location: string;
  readonly reused: boolean;
  readonly buildSeconds: number;
  readonly documents: number;
  readonly projects: number;
  readonly indicators: number;
}

type Log = (line: string) => void;

async function isBuilt(store: Store, target: number): Promise<{ documents: number; projects: number; indicators: number } | null> {
  try {
    const r = await sql<{ documents: number; projects: number; indicators: number }>`select documents, projects, indicators from bench_built where generator = ${GENERATOR_VERSION} and target = ${target}`.execute(store.db);
    const row = r.rows[0];
    return row ? { documents: Number(row.documents), projects: Number(row.projects), indicators: Number(row.indicators) } : null;
  } catch {
    return null;
  }
}

async function fill(store: Store, target: number, label: string, log: Log): Promise<{ documents: number; projects: number; indicators: number }> {
  await migrate(store);
  const { docs } = generateDocs(Math.ceil(target / COPIES));
  const t0 = performance.now();
  let nextTenth = 1;
  let imported = 0;
  for (const [i, doc] of docs.entries()) {
    const r = await importBytes(store, render(doc), { file: `load-${String(i).padStart(5, '0')}.txt` });
    if (r.status !== 'imported') throw new Error(`${label}: document ${i}: ${r.status}${'reason' in r ? ` ${r.reason}` : ''}`);
    imported += r.indicators;
    if ((i + 1) / docs.length >= nextTenth / 10) {
      const s = (performance.now() - t0) / 1000;
      log(`  ${label}: import ${nextTenth * 10}% — ${i + 1} documents, ${imported} indicators, ${s.toFixed(0)} s (${Math.round(imported / s)} indicators/s)`);
      while ((i + 1) / docs.length >= nextTenth / 10) nextTenth++;
    }
  }
  await replicate(store, label, log);
  await sql`analyze`.execute(store.db);
  const count = async (t: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]!.n);
  const built = { documents: await count('documents'), projects: await count('projects'), indicators: await count('indicators') };
  await sql`create table bench_built (generator integer not null, target integer not null, documents integer not null, projects integer not null, indicators integer not null)`.execute(store.db);
  await sql`insert into bench_built values (${GENERATOR_VERSION}, ${target}, ${built.documents}, ${built.projects}, ${built.indicators})`.execute(store.db);
  return built;
}

/** each copied table's id columns and the table whose ids they hold */
const COPIED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  documents: { id: 'documents' },
  units: { id: 'units', document_id: 'documents' },
  projects: { id: 'projects', document_id: 'documents', unit_id: 'units' },
  orphans: { id: 'orphans', document_id: 'documents' },
  indicators: { id: 'indicators', document_id: 'documents', project_id: 'projects', orphan_id: 'orphans' },
  diagnostics: { id: 'diagnostics', document_id: 'documents' },
  findings: { id: 'findings', document_id: 'documents', unit_id: 'units', project_id: 'projects', indicator_id: 'indicators' },
  search_rows: { id: 'search_rows', document_id: 'documents', unit_id: 'units', project_id: 'projects', indicator_id: 'indicators' },
};

/**
 * COPIES − 1 copies of every imported row, copy k's ids shifted by k × the table's largest id; the
 * documents' sha256, content hash and file and the units' names carry k so that nothing collides and
 * each copy's units are units of their own (same versions and latest flags as the original's).
 */
async function replicate(store: Store, label: string, log: Log): Promise<void> {
  const db = store.db;
  const tables = await db.introspection.getTables();
  const columnsOf = new Map(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  const max = new Map<string, number>();
  for (const t of Object.keys(COPIED)) max.set(t, Number((await sql<{ m: number | null }>`select max(id) as m from ${sql.table(t)}`.execute(db)).rows[0]?.m ?? 0));
  const t0 = performance.now();
  for (let k = 1; k < COPIES; k++) {
    for (const [table, refs] of Object.entries(COPIED)) {
      const cols = columnsOf.get(table);
      if (!cols) throw new Error(`${label}: no table ${table}`);
      const expr = cols.map((c) => {
        const to = refs[c];
        const q = `"${c}"`;
        if (to !== undefined) return `${q} + ${k * max.get(to)!}`;
        if (table === 'documents' && (c === 'sha256' || c === 'content_hash')) return `${q} || '#${k}'`;
        if (table === 'documents' && c === 'file') return `'c${k}-' || ${q}`;
        if (table === 'units' && c === 'name') return `replace(${q}, '（第', '（第${k}-')`;
        return q;
      });
      await sql.raw(`insert into ${table} (${cols.map((c) => `"${c}"`).join(', ')}) select ${expr.join(', ')} from ${table} where id <= ${max.get(table)!} order by id`).execute(db);
    }
    // the documents' text lines (no id of their own)
    await sql.raw(`insert into document_lines (document_id, line, text) select document_id + ${k * max.get('documents')!}, line, text from document_lines where document_id <= ${max.get('documents')!}`).execute(db);
    log(`  ${label}: copy ${k} of ${COPIES - 1} — ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  if (store.dialect === 'postgres') {
    for (const t of Object.keys(COPIED)) await sql.raw(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`).execute(db);
  }
}

/** The SQLite bench store, built into the cache when not there yet. */
export async function sqliteStore(target: number, log: Log): Promise<BuiltStore> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `load-v${GENERATOR_VERSION}-${target}.sqlite`);
  const t0 = performance.now();
  if (existsSync(file)) {
    const store = openStore(file);
    const built = await isBuilt(store, target);
    await store.close();
    if (built) return { location: file, reused: true, buildSeconds: 0, ...built };
  }
  // built under another name and renamed when complete, so an interrupted build is never taken for one
  const partial = `${file}.building`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  log(`SQLite: building ${target} indicators into ${file}`);
  const store = openStore(partial);
  const built = await fill(store, target, 'SQLite', log);
  // the file must hold everything before it is renamed: a WAL left beside the old name would be lost
  const cp = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(store.db);
  await store.close();
  if (Number(cp.rows[0]?.busy ?? 1) !== 0 || existsSync(`${partial}-wal`)) throw new Error(`SQLite: ${partial} is still open elsewhere (its WAL could not be written back); close the other reader and build again`);
  rmSync(file, { force: true });
  renameSync(partial, file);
  return { location: file, reused: false, buildSeconds: Math.round((performance.now() - t0) / 1000), ...built };
}

export const PG_ADMIN_URL = process.env['JIXIAO_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** the URL of the bench database on the same server as PG_ADMIN_URL; `fresh`: dropped and created again */
async function benchDatabase(fresh: boolean): Promise<string> {
  const url = new URL(PG_ADMIN_URL);
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    if (fresh) await client.query('drop database if exists jixiao_bench with (force)');
    const r = await client.query("select 1 from pg_database where datname = 'jixiao_bench'");
    if (r.rowCount === 0) await client.query('create database jixiao_bench');
  } finally {
    await client.end();
  }
  url.pathname = '/jixiao_bench';
  return url.toString();
}

/**
 * The PostgreSQL bench store: the database jixiao_bench (its public schema, which is what `jixiao serve
 * --db URL` reads), built when it holds no finished build of this generator version and size.
 */
export async function postgresStore(target: number, log: Log): Promise<BuiltStore> {
  const t0 = performance.now();
  let location = await benchDatabase(false);
  const probe = openStore(location);
  const built = await isBuilt(probe, target);
  await probe.close();
  if (built) return { location, reused: true, buildSeconds: 0, ...built };
  log(`PostgreSQL: building ${target} indicators into the database jixiao_bench`);
  location = await benchDatabase(true);
  const store = openStore(location);
  try {
    const done = await fill(store, target, 'PostgreSQL', log);
    for (const t of ['units', 'projects', 'indicators', 'findings', 'search_texts', 'search_rows', 'document_lines']) await sql`vacuum analyze ${sql.table(t)}`.execute(store.db).catch(() => undefined);
    return { location, reused: false, buildSeconds: Math.round((performance.now() - t0) / 1000), ...done };
  } finally {
    await store.close();
  }
}

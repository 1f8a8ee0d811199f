// `npm run -s bench:load` (and section `load` of `npm run bench`): the read routes under load on a
// 1,000,000-indicator store (bench/load-store.ts), on SQLite and on PostgreSQL, with the response cache
// off, so what is measured is the queries' own cost. For each database `jixiao serve` runs in a child
// process (SERVE_ENV: no response cache, no demo reports) and autocannon drives it at 50 connections, route after route:
//   static   a static file of the same server (swagger-ui's favicon, @fastify/static) — the baseline:
//            routing, helmet headers, a file, no database
//   list     /api/projects with varied sorts, orders, offsets (the first pages and deep ones, up to the
//            last page) and filters (year, department, unit, amounts, sources, categories, findings,
//            rules, history)
//   detail   /api/projects/:id, random stored ids
//   search   /api/search?q=, 2–4-character words cut from the samples' indicator and project names
// Each route gets WARMUP seconds untimed, then JIXIAO_BENCH_SECONDS (default 10). The server's resident
// memory (VmRSS) is read after start-up and after the last route. One JSON report on stdout (p50/p99/max,
// req/s, non-2xx, errors, timeouts, and each API route's p99 as a ratio to the static file's), progress on
// stderr. JIXIAO_BENCH_ONLY=sqlite|postgres runs one database; JIXIAO_BENCH_INDICATORS another size of store.
import { cpus, loadavg } from 'node:os';
import { mulberry32 } from '../test/helpers/prng.js';
import { postgresStore, sampleProjects, sqliteStore, type BuiltStore } from './load-store.js';
import { cycling, load, round, rssMb, startServer, stopServer, toRow, type Row } from './serve.js';

const CONNECTIONS = Number(process.env['JIXIAO_BENCH_CONNECTIONS'] ?? 50);
const SECONDS = Number(process.env['JIXIAO_BENCH_SECONDS'] ?? 10);
const WARMUP = 3;
export const TARGETS = { p99Ms: 100, rssGrowthMb: 100, connections: 50 } as const;
const ROUTES = ['static', 'list', 'detail', 'search'] as const;
/**
 * The response cache off, so what is measured is the queries' own cost; no demo reports, whose first
 * start on a fresh 100,000-project store turns every project into a published plan (about an hour on
 * PostgreSQL) before the server listens.
 */
export const SERVE_ENV = { JIXIAO_CACHE: 'off', JIXIAO_DEMO: '0' } as const;

type Log = (line: string) => void;

const get = async <T>(url: string): Promise<T> => {
  const r = await fetch(url);
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return await r.json() as T;
};

interface Page { total: number; items: { id: number; unit: { name: string }; department: string | null; year: number | null }[] }

/** the list requests: every sort both ways at the first pages, deep offsets to the last page, each filter */
export async function listPaths(url: string, rnd: ReturnType<typeof mulberry32>): Promise<string[]> {
  const first = await get<Page>(`${url}/api/projects?limit=100`);
  const total = first.total;
  const some = first.items[rnd.int(0, first.items.length - 1)]!;
  const paths: string[] = [];
  const sorts = ['document', 'name', 'total', 'unit', 'year', 'score', 'indicators', 'findings'];
  for (const sort of sorts) {
    for (const order of ['asc', 'desc']) {
      paths.push(`/api/projects?sort=${sort}&order=${order}`);
      paths.push(`/api/projects?sort=${sort}&order=${order}&offset=${rnd.int(1, 200) * 50}`);
      // deep: anywhere in the list, and the last page
      paths.push(`/api/projects?sort=${sort}&order=${order}&offset=${rnd.int(0, Math.max(0, total - 50))}`);
      paths.push(`/api/projects?sort=${sort}&order=${order}&offset=${Math.max(0, total - 50)}`);
    }
  }
  const filters = [
    'year=2024', 'year=2019&sort=total&order=desc', 'year=none',
    `department=${encodeURIComponent(some.department ?? '')}`, `unit=${encodeURIComponent(some.unit.name)}`,
    'min=1000&sort=total', 'min=10&max=50&sort=name&offset=2000', 'source=other', 'source=specialAccount&sort=score&order=desc',
    'has=31', 'has=1&has=22&sort=total&order=desc', 'missing=3', 'missing=13&sort=indicators&order=desc',
    'findings=true&sort=findings&order=desc', 'findings=false', 'rule=goal-reused', 'severity=error&offset=5000', 'rule=target-qualitative&severity=warning',
    'latestOnly=false', 'latestOnly=false&sort=total&order=desc&offset=50000', 'year=2025&has=3&sort=score', 'limit=500&offset=20000',
  ];
  for (const f of filters) paths.push(`/api/projects?${f}`);
  return paths;
}

/** random stored project ids: pages at random offsets of the list */
export async function detailPaths(url: string, rnd: ReturnType<typeof mulberry32>): Promise<string[]> {
  const { total } = await get<Page>(`${url}/api/projects?limit=1&latestOnly=false`);
  const ids: number[] = [];
  for (let k = 0; k < 8; k++) {
    const page = await get<Page>(`${url}/api/projects?limit=500&latestOnly=false&offset=${rnd.int(0, Math.max(0, total - 500))}`);
    ids.push(...page.items.map((p) => p.id));
  }
  for (let i = ids.length - 1; i > 0; i--) { const j = rnd.int(0, i); [ids[i], ids[j]] = [ids[j]!, ids[i]!]; }
  return ids.map((id) => `/api/projects/${id}`);
}

/** 2–4-character windows of Chinese characters from the samples' indicator names (80%) and project names */
export function searchPaths(rnd: ReturnType<typeof mulberry32>): string[] {
  const pool = sampleProjects();
  const indicatorNames = pool.flatMap((p) => p.indicators.map((i) => i.name));
  const projectNames = pool.map((p) => p.name);
  const han = /^\p{Script=Han}+$/u;
  const out: string[] = [];
  while (out.length < 300) {
    const chars = Array.from(rnd.chance(0.8) ? rnd.pick(indicatorNames) : rnd.pick(projectNames));
    const len = rnd.int(2, 4);
    if (chars.length < len) continue;
    const at = rnd.int(0, chars.length - len);
    const q = chars.slice(at, at + len).join('');
    if (han.test(q)) out.push(`/api/search?q=${encodeURIComponent(q)}`);
  }
  return out;
}

interface DbReport {
  readonly store: BuiltStore;
  readonly projects: number;
  readonly routes: Record<string, Row & { p99VsStatic?: number; reqPerSecVsStatic?: number }>;
  readonly rssMb: { readonly before: number | null; readonly after: number | null; readonly growth: number | null };
  readonly meets: { readonly p99: boolean; readonly rss: boolean; readonly noErrors: boolean };
}

async function measure(label: string, store: BuiltStore, log: Log): Promise<DbReport> {
  const served = await startServer(store.location, SERVE_ENV);
  const { url, child } = served;
  try {
    const rnd = mulberry32(1121);
    const paths: Record<(typeof ROUTES)[number], string[]> = {
      static: ['/api/docs/static/favicon-32x32.png'],
      list: await listPaths(url, rnd),
      detail: await detailPaths(url, rnd),
      search: searchPaths(rnd),
    };
    const { total } = await get<Page>(`${url}/api/projects?limit=1`);
    // every request answers before the load starts: a wrong path fails here, not as a silent non-2xx
    for (const p of [...paths.list, ...paths.search.slice(0, 5), ...paths.detail.slice(0, 5)]) await get(`${url}${p}`);
    const before = rssMb(child.pid);
    log(`${label}: server at ${url}, ${total} projects (latest versions); ${before} MB resident`);
    const routes: DbReport['routes'] = {};
    for (const name of ROUTES) {
      const requests = cycling(paths[name]);
      log(`${label} ${name.padEnd(7)} warm-up ${WARMUP} s…`);
      await load(url, requests, WARMUP, CONNECTIONS);
      log(`${label} ${name.padEnd(7)} ${CONNECTIONS} connections, ${SECONDS} s, ${paths[name].length} distinct requests…`);
      const row = toRow(name === 'static' ? paths.static[0]! : `${paths[name][0]!.split('?')[0]!.replace(/\/\d+$/, '/:id')} (${paths[name].length} variants)`, await load(url, requests, SECONDS, CONNECTIONS));
      log(`${label} ${name.padEnd(7)} p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  max ${row.maxMs} ms  ${row.reqPerSec} req/s  (${row.requests} requests, ${row.non2xx} non-2xx, ${row.errors} errors, ${row.timeouts} timeouts)`);
      routes[name] = row;
    }
    const after = rssMb(child.pid);
    const base = routes['static']!;
    for (const name of ROUTES.slice(1)) {
      const r = routes[name]!;
      routes[name] = { ...r, p99VsStatic: round(r.p99Ms / Math.max(1, base.p99Ms)), reqPerSecVsStatic: round(r.reqPerSec / Math.max(1, base.reqPerSec)) };
    }
    const growth = before === null || after === null ? null : round(after - before, 1);
    return {
      store, projects: total, routes, rssMb: { before, after, growth },
      meets: {
        // a route that answered nothing in time has no p99 to speak of: it fails
        p99: ROUTES.slice(1).every((n) => routes[n]!.requests > 0 && routes[n]!.p99Ms < TARGETS.p99Ms),
        rss: growth !== null && growth <= TARGETS.rssGrowthMb,
        noErrors: Object.values(routes).every((r) => r.non2xx === 0 && r.errors === 0 && r.timeouts === 0),
      },
    };
  } finally {
    await stopServer(served);
  }
}

/** The load section: builds (or reuses) both stores, then measures each. */
export async function loadBench(options: { log: Log; indicators?: number }): Promise<Record<string, unknown>> {
  const { log } = options;
  const n = options.indicators ?? 1_000_000;
  const only = process.env['JIXIAO_BENCH_ONLY'];
  const report: Record<string, unknown> = {
    indicators: n, connections: CONNECTIONS, secondsPerRoute: SECONDS, cache: 'off', targets: TARGETS,
    machine: { cpus: cpus().length, node: process.version, loadAverageBefore: loadavg().map((x) => round(x)) },
  };
  if (only !== 'postgres') report['sqlite'] = await measure('SQLite', await sqliteStore(n, log), log);
  if (only !== 'sqlite') {
    try {
      report['postgres'] = await measure('PostgreSQL', await postgresStore(n, log), log);
    } catch (e) {
      report['postgres'] = { unavailable: (e as Error).message };
    }
  }
  report['machine'] = { ...(report['machine'] as object), loadAverageAfter: loadavg().map((x) => round(x)) };
  return report;
}

// `npm run bench:web`: the web server under load. Starts `jixiao serve` in a child process on a temporary
// SQLite database (which imports the five samples), then drives it with autocannon from this process at
// 100 concurrent connections for ~10 s per route:
//   static   a static file of the same server (swagger-ui's favicon, served by @fastify/static) — the
//            baseline: routing, helmet headers, a file, no database
//   project  GET /api/projects/:id, cycling through every stored project
//   search   GET /api/search?q=满意
//   list     GET /api/projects?limit=50&sort=total&order=desc (uncached run only)
// The read routes answer from a cache of encoded responses (src/server/cache.ts); the two API routes are
// then run again on a server started with JIXIAO_CACHE=off, so the report shows the queries' own cost.
// One JSON report on stdout (p50/p99 latency in ms and requests per second, side by side), progress on
// stderr. JIXIAO_BENCH_SECONDS and JIXIAO_BENCH_CONNECTIONS change the load; JIXIAO_BENCH_DB runs it on a
// database of your own (a large one: a SQLite path or a postgres:// URL) instead of the samples. The
// server's resident memory (VmRSS) is read before and after each run.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, round, rssMb, startServer, stopServer, toRow, type RequestSpec, type Row } from './serve.js';

const SECONDS = Number(process.env['JIXIAO_BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['JIXIAO_BENCH_CONNECTIONS'] ?? 100);
const WARMUP = 2;
const TARGET_P99_MS = 50;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const run = (url: string, requests: RequestSpec[], duration: number) => load(url, requests, duration, CONNECTIONS);

/** Starts a server, measures the routes named, stops it. */
async function measure(db: string, env: NodeJS.ProcessEnv, names: readonly string[], label: string): Promise<{ rows: Record<string, Row>; projects: number; memoryMb: { before: number | null; after: number | null } }> {
  const served = await startServer(db, env);
  const { child, url } = served;
  try {
    const page = await (await fetch(`${url}/api/projects?limit=500`)).json() as { total: number; items: { id: number }[] };
    const ids = page.items.map((p) => p.id);
    log(`${label}: server at ${url}; ${page.total} projects`);
    let n = 0;
    const routes: Record<string, { path: string; requests: RequestSpec[] }> = {
      static: { path: '/api/docs/static/favicon-32x32.png', requests: [{ method: 'GET', path: '/api/docs/static/favicon-32x32.png' }] },
      project: {
        path: '/api/projects/:id',
        requests: [{ method: 'GET', path: '/api/projects/1', setupRequest: (req) => ({ ...req, path: `/api/projects/${ids[n++ % ids.length]}` }) }],
      },
      search: { path: '/api/search?q=满意', requests: [{ method: 'GET', path: `/api/search?q=${encodeURIComponent('满意')}` }] },
      list: { path: '/api/projects?limit=50&sort=total&order=desc', requests: [{ method: 'GET', path: '/api/projects?limit=50&sort=total&order=desc' }] },
    };
    const before = rssMb(child.pid);
    const rows: Record<string, Row> = {};
    for (const name of names) {
      const r = routes[name]!;
      const check = await fetch(`${url}${r.requests[0]!.path}`);
      if (check.status !== 200) throw new Error(`${r.path}: ${check.status}`);
      log(`${label} ${name.padEnd(8)} warm-up ${WARMUP} s…`);
      await run(url, r.requests, WARMUP);
      log(`${label} ${name.padEnd(8)} ${CONNECTIONS} connections, ${SECONDS} s…`);
      const row = toRow(r.path, await run(url, r.requests, SECONDS));
      log(`${label} ${name.padEnd(8)} p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  ${row.reqPerSec} req/s  (${row.requests} requests, ${row.non2xx} non-2xx, ${row.errors} errors)`);
      rows[name] = row;
    }
    return { rows, projects: page.total, memoryMb: { before, after: rssMb(child.pid) } };
  } finally {
    await stopServer(served);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-web-'));
  const db = process.env['JIXIAO_BENCH_DB'] ?? join(dir, 'bench.sqlite');
  log(`starting jixiao serve on ${db} (imports the samples)…`);
  try {
    const cached = await measure(db, {}, ['static', 'project', 'search'], 'cached');
    const uncached = await measure(db, { JIXIAO_CACHE: 'off' }, ['project', 'search', 'list'], 'uncached');
    const all = [...Object.values(cached.rows), ...Object.values(uncached.rows)];
    const load = loadavg().map((x) => round(x));
    process.stdout.write(`${JSON.stringify({
      connections: CONNECTIONS,
      secondsPerRoute: SECONDS,
      database: /^postgres/.test(db) ? 'postgres' : 'sqlite',
      serverMemoryMb: { cached: cached.memoryMb, uncached: uncached.memoryMb },
      projects: cached.projects,
      machine: { cpus: cpus().length, node: process.version, loadAverage: load },
      target: { p99Ms: TARGET_P99_MS },
      routes: cached.rows,
      uncached: uncached.rows,
      pass: Object.values(cached.rows).every((r) => r.p99Ms < TARGET_P99_MS) && all.every((r) => r.non2xx === 0 && r.errors === 0),
    }, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

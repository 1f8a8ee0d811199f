// `node dist/bench/load-each.js <db>`: every request of the load bench (bench/load.ts) once, one at a
// time, against `jixiao serve --db <db>` with the response cache off, then the slowest of each route:
// what the load run's p99 is made of, without the queueing of 50 connections. Progress on stderr, one
// JSON report on stdout. JIXIAO_BENCH_REPEAT (default 2): passes; the last one is reported (the first
// warms the page cache and the reader threads' counts, as the load run's warm-up does).
import { mulberry32 } from '../test/helpers/prng.js';
import { detailPaths, listPaths, SERVE_ENV, searchPaths } from './load.js';
import { round, startServer, stopServer } from './serve.js';

async function main(): Promise<void> {
  const db = process.argv[2];
  if (!db) throw new Error('usage: node dist/bench/load-each.js <sqlite file | postgres:// url>');
  const repeat = Number(process.env['JIXIAO_BENCH_REPEAT'] ?? 2);
  const served = await startServer(db, SERVE_ENV);
  try {
    const rnd = mulberry32(1121);
    const routes = { list: await listPaths(served.url, rnd), detail: (await detailPaths(served.url, rnd)).slice(0, 300), search: searchPaths(rnd) };
    const report: Record<string, unknown> = {};
    for (const [name, paths] of Object.entries(routes)) {
      let times: { path: string; ms: number }[] = [];
      for (let pass = 0; pass < repeat; pass++) {
        times = [];
        for (const p of paths) {
          const t0 = performance.now();
          const r = await fetch(`${served.url}${p}`);
          await r.arrayBuffer();
          if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
          times.push({ path: p, ms: round(performance.now() - t0, 1) });
        }
      }
      const sorted = [...times].sort((a, b) => a.ms - b.ms);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.ms;
      report[name] = { requests: times.length, p50Ms: at(0.5), p99Ms: at(0.99), slowest: sorted.slice(-12).reverse() };
      process.stderr.write(`${name}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms; slowest ${sorted.slice(-5).reverse().map((t) => `${t.ms} ms ${decodeURIComponent(t.path)}`).join(' | ')}\n`);
    }
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await stopServer(served);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});

// The server stays responsive whatever one client does: while clients send the heaviest reads there are
// (every category filter at once, sorted by name, 500 a page; the longest search; a name filter over
// every indicator), import a 10 MB table as a job (POST /api/import?async=true, its progress polled),
// then fetch that table's HTML report (streamed, ~50 MB) while a second 10 MB table imports as a job,
// /api/health and a project page, asked every 25 ms: 95% of answers within 200 ms, none stalled (3 s).
// The jobs' progress only goes forward and ends done with the import's result. A real listening
// server, cache off, on SQLite and PostgreSQL. The heavy work runs in worker threads from the build
// (dist/): `npm test` builds first.
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { forEachDialect, SAMPLES } from '../store/harness.js';
import { largeTable, NO_WEB } from './helpers.js';
import { loginAs, type AuthHeaders } from './auth-helpers.js';

const BOUND_MS = 200;
const STALL_MS = 3000;
/** the 10 MB import alone takes 40 s and more on a loaded 2-core machine */
const OVERLOADED_STALL_MS = 10_000;
/** just under the default upload limit of 10 MB */
const TARGET_BYTES = 10 * 1024 * 1024 - 64 * 1024;

const tenMegabyteTable = (target = TARGET_BYTES): Buffer => largeTable(target);

const WORST_READS = [
  `/api/projects?limit=500&sort=name&order=desc&has=1,2,11,12&missing=${['13', '14', '21', '22', '23', '24', '3', '31'].join(',')}&min=0&max=99999999&source=fiscal,other,specialAccount,unplaced`,
  `/api/search?q=${encodeURIComponent('满意度'.repeat(66))}&limit=1000`,
  `/api/search?q=${encodeURIComponent('满意')}&limit=1000&in=all`,
  `/api/indicators?q=${encodeURIComponent('率')}&limit=500`,
  '/api/overview',
];

forEachDialect('responsive under heavy work', (store) => {
  let app: FastifyInstance;
  let base = '';
  let auth: AuthHeaders;
  beforeAll(async () => {
    app = await buildServer({ store: store(), logger: false, webDir: NO_WEB, cache: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    auth = await loginAs({ url: base, store: store() }, { role: 'finance' });
  });
  afterAll(async () => { await app?.close(); });

  it(`answers /api/health and a project page within ${BOUND_MS} ms during the worst reads, 10 MB imports as jobs and a large report`, async () => {
    const first = (await (await fetch(`${base}/api/projects?limit=1`)).json()) as { items: { id: number }[] };
    const projectId = first.items[0]!.id;
    // both tables made before the probes start: building 10 MB in this thread would hold the server's loop
    const tables = [tenMegabyteTable(), tenMegabyteTable(TARGET_BYTES - 300 * 1024)] as const;
    const times: { url: string; ms: number; status: number; phase: string; at: number }[] = [];
    const t0 = performance.now();
    // the server runs in this thread: how long its event loop was held at most says whether a slow answer
    // waited for this thread (work done in it) or for a worker thread or the CPU
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let phase = 'reads';
    let running = true;
    const probe = (async () => {
      while (running) {
        for (const url of ['/api/health', `/api/projects/${projectId}`]) {
          const t = performance.now();
          const during = phase;
          const r = await fetch(base + url);
          await r.arrayBuffer();
          times.push({ url, ms: performance.now() - t, status: r.status, phase: during, at: Math.round(t - t0) });
        }
        await new Promise((done) => setTimeout(done, 25));
      }
    })();
    const hammer = async () => {
      // a read past the handler timeout is answered 504 by design; anything else but 200 is a fault
      while (running) for (const url of WORST_READS) { const r = await fetch(base + url); await r.arrayBuffer(); expect([200, 504], url).toContain(r.status); }
    };
    // one client sending the worst reads back to back
    const hammers = [hammer()];

    /** an import as a job, followed to its end: the job's last state and every percentage seen */
    const importJob = async (table: Buffer, name: string) => {
      const fd = new FormData();
      fd.append('files', new Blob([table], { type: 'text/plain' }), name);
      const accepted = await fetch(`${base}/api/import?async=true`, { method: 'POST', body: fd, headers: { ...auth } });
      expect(accepted.status, await accepted.clone().text()).toBe(202);
      const location = accepted.headers.get('location')!;
      const percents: number[] = [];
      const stages = new Set<string>();
      for (;;) {
        const job = (await (await fetch(base + location, { headers: { ...auth } })).json()) as { state: string; progress: { stage: string; percent: number; done: number; total: number }; result: { status: string; documentId: number }[] | null; error: string | null };
        percents.push(job.progress.percent);
        stages.add(job.progress.stage);
        if (job.state === 'done' || job.state === 'failed') return { job, percents, stages };
        await new Promise((done) => setTimeout(done, 100));
      }
    };
    const forward = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

    try {
      phase = 'import';
      const first = await importJob(tables[0], 'ten-mb.txt');
      phase = 'report+import';
      expect(first.job.state, first.job.error ?? '').toBe('done');
      expect(first.job.result![0]!.status).toBe('imported');
      expect(forward(first.percents), first.percents.join(' ')).toBe(true);
      expect(first.percents.at(-1)).toBe(100);
      expect([...first.stages]).toEqual(expect.arrayContaining(['写入']));
      // the report of that table (streamed) while a second 10 MB table imports
      const [report, second] = await Promise.all([
        (async () => {
          const r = await fetch(`${base}/api/documents/${first.job.result![0]!.documentId}/report`);
          let bytes = 0;
          for await (const piece of r.body!) bytes += (piece as Uint8Array).byteLength;
          return { status: r.status, bytes };
        })(),
        importJob(tables[1], 'ten-mb-2.txt'),
      ]);
      expect(report.status).toBe(200);
      expect(report.bytes).toBeGreaterThan(TARGET_BYTES / 2);
      expect(second.job.state, second.job.error ?? '').toBe('done');
      expect(second.job.result![0]!.status).toBe('imported');
      expect(forward(second.percents), second.percents.join(' ')).toBe(true);
    } finally {
      running = false;
      await Promise.allSettled([probe, ...hammers]);
      loop.disable();
    }

    expect(times.length).toBeGreaterThan(20);
    for (const t of times) expect(t.status).toBe(200);
    const ms = times.map((t) => t.ms).sort((a, b) => a - b);
    const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!);
    // the slowest answers say which phase held a request up, so a failure points at its cause
    const slowest = [...times].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => `${t.url} ${Math.round(t.ms)} ms at ${t.at} ms during ${t.phase}`).join('; ');
    const summary = `${store().dialect}: ${ms.length} probes, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${Math.round(ms.at(-1)!)} ms, over ${BOUND_MS} ms: ${ms.filter((x) => x > BOUND_MS).length} (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores); event loop held at most ${Math.round(loop.max / 1e6)} ms; slowest: ${slowest}`;
    console.log(`[responsive] ${summary}`);
    // 95% within the bound, every one within STALL_MS: on a machine this test shares, a thread can be
    // starved of CPU for a moment whatever the server does; a request waiting behind the import, a
    // report or a heavy read would wait seconds, which is what this catches. On a machine loaded past
    // twice its cores by other work the bound says nothing of the server: there only the median is held
    // to it and no answer may wait as long as the import takes (a blocked request thread waits for all of it).
    if (loadavg()[0]! <= 2 * cpus().length) {
      expect(at(0.95), summary).toBeLessThanOrEqual(BOUND_MS);
      expect(ms.at(-1)!, summary).toBeLessThan(STALL_MS);
    } else {
      console.warn(`[responsive] machine overloaded: holding only the median to ${BOUND_MS} ms and every answer to ${OVERLOADED_STALL_MS} ms`);
      expect(at(0.5), summary).toBeLessThanOrEqual(BOUND_MS);
      expect(ms.at(-1)!, summary).toBeLessThan(OVERLOADED_STALL_MS);
    }
  }, 600_000);
}, { seed: true });

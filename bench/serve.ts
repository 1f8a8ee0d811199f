// What the server benches share: `jixiao serve` in a child process, autocannon against it, the child's
// resident memory, one result row per route.
import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../src/server/app.js';

interface Histogram { average: number; p50: number; p90: number; p99: number; max: number }
export interface Result {
  latency: Histogram;
  requests: Histogram & { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
export interface RequestSpec { method?: string; path?: string; setupRequest?: (req: { path: string }) => { path: string } }
type Autocannon = (opts: { url: string; connections: number; duration: number; timeout?: number; requests?: RequestSpec[] }, cb: (err: Error | null, r: Result) => void) => unknown;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

export interface Served { readonly child: ChildProcess; readonly url: string }

/**
 * `jixiao serve` on `db` at a free port, resolved once it prints its URL. JIXIAO_BENCH_BIN runs another
 * checkout's bin/jixiao instead (the same bench against the code before a change).
 */
export function startServer(db: string, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const bin = process.env['JIXIAO_BENCH_BIN'] ?? join(packageRoot(), 'bin', 'jixiao');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /jixiao 已启动：(http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready: ${out}`)));
  });
}

export async function stopServer(s: Served): Promise<void> {
  if (s.child.exitCode !== null) return;
  s.child.kill('SIGTERM');
  await new Promise((r) => s.child.once('exit', r));
}

/** autocannon at `connections` for `duration` seconds; a request unanswered after 10 s is a timeout */
export function load(url: string, requests: RequestSpec[], duration: number, connections: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, timeout: 10, requests }, (err, r) => (err ? reject(err) : resolve(r)));
  });
}

/** A request spec that cycles through `paths` in order, one per request. */
export function cycling(paths: readonly string[]): RequestSpec[] {
  let n = 0;
  return [{ method: 'GET', path: paths[0]!, setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length]! }) }];
}

/** the process's resident memory in MB (Linux /proc), null elsewhere */
export function rssMb(pid: number | undefined): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024, 1) : null;
  } catch {
    return null;
  }
}

export interface Row {
  path: string; p50Ms: number; p99Ms: number; avgMs: number; maxMs: number; reqPerSec: number; requests: number; non2xx: number; errors: number; timeouts: number;
}

export function toRow(path: string, res: Result): Row {
  return {
    path,
    p50Ms: res.latency.p50,
    p99Ms: res.latency.p99,
    avgMs: round(res.latency.average),
    maxMs: res.latency.max,
    reqPerSec: round(res.requests.average, 0),
    requests: res.requests.total,
    non2xx: res.non2xx,
    errors: res.errors,
    timeouts: res.timeouts,
  };
}

// CPU time of each import stage in one thread, stage by stage over the bench:import corpus: parse,
// targets, review and plan of every document (each repeated, best kept), then the SQLite write of all.
// CPU time (process.cpuUsage, user + system) per indicator, not the wall clock: on a machine busy with
// other work the wall clock says little about the code.
//
//   node dist/bench/import-cpu.js [INDICATORS] [REPEATS]     (default 20000, 1: one cold pass)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '../src/ingest/index.js';
import { review } from '../src/review/index.js';
import { migrate, openStore, storeRead, type Stage } from '../src/store/index.js';
import { planDocument } from '../src/store/plan.js';
import { readParsed } from '../src/store/read.js';
import { readTargets } from '../src/targets/index.js';
import { generate } from './import.js';

const cpuSeconds = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

export async function importCpuBench(indicators = 20_000, repeats = 1): Promise<Record<string, unknown>> {
  const corpus = generate(indicators);
  const stages: Partial<Record<Stage, { cpuSeconds: number; indicatorsPerCpuSecond: number }>> = {};
  const time = async <T>(stage: Stage, times: number, f: () => Promise<T> | T): Promise<T> => {
    let best = Infinity;
    let value!: T;
    for (let r = 0; r < times; r++) {
      const c = cpuSeconds();
      value = await f();
      best = Math.min(best, cpuSeconds() - c);
    }
    stages[stage] = { cpuSeconds: Math.round(best * 1000) / 1000, indicatorsPerCpuSecond: Math.round(corpus.indicators / best) };
    return value;
  };
  const parsed = await time('parse', repeats, async () => Promise.all(corpus.docs.map((b, k) => parseDocument(b, { file: `bench-${k}.txt` }))));
  const docs = await time('targets', repeats, () => parsed.map((p) => readTargets(p)));
  const results = await time('review', repeats, () => docs.map((d) => review(d)));
  await time('plan', repeats, () => docs.map((d, k) => planDocument(d, results[k]!, new TextDecoder().decode(corpus.docs[k]!), null)));
  const reads = parsed.map((p, k) => readParsed(p, corpus.docs[k]!)).map((r) => { if ('failed' in r) throw new Error(r.failed); return r.read; });
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-cpu-'));
  const store = openStore(join(dir, 'jixiao.sqlite'));
  try {
    await migrate(store);
    await time('write', 1, async () => {
      for (const r of reads) {
        const o = await storeRead(store, r, { file: r.file });
        if (o.status !== 'imported') throw new Error(`${r.file}: ${o.status}`);
      }
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const whole = Object.values(stages).reduce((s, x) => s + x.cpuSeconds, 0);
  return { indicators: corpus.indicators, repeats, stages, whole: { cpuSeconds: Math.round(whole * 1000) / 1000, indicatorsPerCpuSecond: Math.round(corpus.indicators / whole) } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await importCpuBench(Number(process.argv[2] ?? 20_000), Number(process.argv[3] ?? 1)))}\n`);
}

// A large export streams: 150,000 indicators in the one-row-per-indicator layout (tens of thousands of
// merged ranges) go to a file, and neither the buffers outside the heap grow
// with the rows — they did, by hundreds of MB, while the writer ignored the zip's backpressure. The real
// measurement (1,000,000 indicators, rows/s, peak RSS beside CSV) is `npm run bench` section xlsx.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { XlsxTableWriter } from '../../src/report/xlsx/index.js';
import { benchRows } from '../../bench/xlsx-rows.js';

// Samples are taken after a full collection: without it, buffers the zip has already let go of but the
// collector has not yet freed counted too, and a loaded machine (a CI run) collects late — the level then
// wandered by tens of MB with backpressure working. Collected, it stays within a few MB (without the
// backpressure it climbs by about 77 MB).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

it('150,000 indicators stream out with memory bounded, on one sheet, every indicator a row', { timeout: 300_000 }, async () => {
  // a file, as the CLI writes: its writes complete on the thread pool, like the zip's compression
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-stream-'));
  const file = join(dir, 'big.xlsx');
  const sink = createWriteStream(file);
  const finished = new Promise<void>((resolve) => sink.on('close', () => resolve()));
  const w = new XlsxTableWriter(sink, 'indicators');
  await w.sheet({ title: '测试', department: '测试部门', year: 2026, total: null, unplaced: true });
  const samples: number[] = [];
  let k = 0;
  for (const item of benchRows(150_000)) {
    if ('unit' in item) await w.unit(item.unit);
    else await w.project(item.project);
    if (++k % 1000 === 0) {
      gc();
      samples.push(process.memoryUsage().arrayBuffers);
    }
  }
  const r = await w.close();
  await finished;
  expect(r).toMatchObject({ sheets: 1, indicators: 150_000 });
  expect(r.rows).toBe(4 + 150_000 + Math.ceil(r.projects / 200)); // header rows, indicators, unit rows
  expect(statSync(file).size).toBeGreaterThan(5_000_000);
  rmSync(dir, { recursive: true, force: true });
  // the buffers outside the heap (where rows waiting for the zip sit) stay flat: at the end not far above
  // their level after warm-up (the heap itself is bounded by its own limit: nothing is kept per row)
  const early = Math.max(...samples.slice(2, 5));
  const late = Math.max(...samples.slice(-3));
  expect(late - early, `early ${Math.round(early / 1e6)} MB, late ${Math.round(late / 1e6)} MB`).toBeLessThan(30_000_000);
});

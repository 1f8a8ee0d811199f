// Reading many files in worker threads (readMany, used by `jixiao import` of several files and importAll):
// the same result as reading them here, in the order given, a file that cannot be read failing alone, and
// never more than `ahead` files read before the writer takes them. The worker threads run the build
// (dist/; `npm run build` first), as the server's worker pool does.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readDocument, readMany, type ReadResult } from '../../src/store/index.js';
import { SAMPLES, sampleFiles } from './harness.js';

const root = join(import.meta.dirname, '..', '..');

it('reads in worker threads what this thread reads, in order, a missing file failing alone, at most `ahead` ahead', async () => {
  expect(existsSync(join(root, 'dist', 'src', 'store', 'read-worker.js')), 'run `npm run build` first: the workers run dist/').toBe(true);
  const files = [...sampleFiles(), 'missing.txt', ...sampleFiles()];
  let loaded = 0;
  const inputs = files.map((f, i) => ({
    file: `${i}-${f}`,
    bytes: async () => {
      loaded++;
      if (f === 'missing.txt') throw new Error('文件不存在');
      return readFileSync(join(SAMPLES, f));
    },
  }));
  const got: ReadResult[] = [];
  for await (const r of readMany(inputs, { workers: 2, ahead: 3 })) {
    // the one taken and at most three read ahead of it
    expect(loaded).toBeLessThanOrEqual(got.length + 1 + 3);
    got.push(r);
  }
  expect(got.map((r) => (r.status === 'read' ? r.read.file : r.file))).toEqual(inputs.map((i) => i.file));
  expect(got[sampleFiles().length]).toEqual({ status: 'failed', file: `${sampleFiles().length}-missing.txt`, reason: '文件不存在' });
  for (const [i, f] of files.entries()) {
    if (f === 'missing.txt') continue;
    expect(got[i], f).toEqual(await readDocument(readFileSync(join(SAMPLES, f)), { file: `${i}-${f}` }));
  }
}, 120_000);

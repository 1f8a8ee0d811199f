// `jixiao score`: JSON Lines in, one indicator a line ({"target": "≤2宗", "actual": "3宗", "weight": 10}),
// one JSON line out per input line, in order — the same rules as the evaluation forms, for scripts.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { scoreLine } from '../score/index.js';
import { loadScoreConfig } from './score-config.js';
import { jsonProblem } from '../model/syntax-errors.js';

export async function scoreCommand(opts: { config?: string }, input: Readable, out: Writable, err: Writable): Promise<number> {
  let base: unknown;
  if (opts.config) {
    const c = await loadScoreConfig(opts.config);
    if ('error' in c) { err.write(`${c.error}\n`); return 2; }
    base = c.data;
  }
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (line.trim() === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      const error = `第 ${n} 行不是有效的 JSON（${jsonProblem(line, e, true)}）`;
      out.write(`${JSON.stringify({ score: null, error })}\n`);
      continue;
    }
    const r = scoreLine(data, base);
    out.write(`${JSON.stringify(r.error && r.rule === null && r.max === 0 ? { ...r, error: `第 ${n} 行${r.error}` } : r)}\n`);
  }
  return 0;
}

// `jixiao evaluate FILE` and `jixiao monitor FILE`: a whole self-evaluation (or monitoring report) in a
// JSON or YAML file → the scored form as JSON, printable HTML or XLSX in the same layout.
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { evaluate, evaluationInput, monitor, monitorInput, ScoreConfigError } from '../score/index.js';
import { renderEvaluationHtml } from '../report/evaluation-html.js';
import { renderMonitoringHtml } from '../report/monitoring-html.js';
import { evaluationXlsx, monitoringXlsx } from '../report/evaluation-xlsx.js';
import { loadScoreConfig, readDataFile, schemaError } from './score-config.js';
import { zhError } from '../model/zod-zh.js';

export type FormFormat = 'json' | 'html' | 'xlsx';
export interface FormOptions { readonly format: FormFormat; readonly output?: string; readonly config?: string }


async function run<I extends z.ZodType>(file: string, opts: FormOptions, schema: I, out: Writable & { isTTY?: boolean }, err: Writable,
  compute: (input: z.output<I>) => unknown, html: (r: never) => string, xlsx: (r: never) => Promise<Uint8Array>): Promise<number> {
  const r = await readDataFile(file);
  if ('error' in r) { err.write(`${r.error}\n`); return 2; }
  const p = schema.safeParse(r.data, { error: zhError });
  if (!p.success) { err.write(`${schemaError(file, p.error)}\n`); return 2; }
  let input = p.data as z.output<I> & { config?: unknown };
  if (opts.config) {
    const c = await loadScoreConfig(opts.config);
    if ('error' in c) { err.write(`${c.error}\n`); return 2; }
    input = { ...input, config: input.config ?? c.data };
  }
  let result: unknown;
  try {
    result = compute(input);
  } catch (e) {
    if (e instanceof ScoreConfigError) { err.write(`${file}：${e.message}\n`); return 2; }
    throw e;
  }
  const bytes = opts.format === 'json' ? Buffer.from(`${JSON.stringify(result, null, 2)}\n`)
    : opts.format === 'html' ? Buffer.from(html(result as never))
    : Buffer.from(await xlsx(result as never));
  if (opts.output) {
    await writeFile(opts.output, bytes);
    err.write(`已写入 ${opts.output}\n`);
  } else if (opts.format === 'xlsx' && out.isTTY) {
    err.write('XLSX 是二进制文件，请用 -o 文件名.xlsx 写入文件，或重定向到文件\n');
    return 2;
  } else out.write(bytes);
  return 0;
}

export function evaluateCommand(file: string, opts: FormOptions, out: Writable, err: Writable): Promise<number> {
  return run(file, opts, evaluationInput, out, err, evaluate, renderEvaluationHtml, evaluationXlsx);
}

export function monitorCommand(file: string, opts: FormOptions, out: Writable, err: Writable): Promise<number> {
  return run(file, opts, monitorInput, out, err, monitor, renderMonitoringHtml, monitoringXlsx);
}

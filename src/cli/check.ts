// `jixiao check`: the review rules over each file. Exit 1 when any error-level finding, so it can gate
// a pipeline; 2 when the config is unusable.
import type { Writable } from 'node:stream';
import { ConfigError, DEFAULT_CONFIG, loadConfig, orderFindings, review, RULES, type FindingOrder, type ReviewConfig, type ReviewResult } from '../review/index.js';
import { readDocuments } from './read.js';
import { renderFindings } from './render/findings.js';
import { once } from 'node:events';
import { reportParts } from '../report/review-html.js';

export type CheckFormat = 'text' | 'json' | 'html';

export async function checkCommand(files: readonly string[], opts: { format: CheckFormat; config?: string | undefined; colour: boolean; order?: FindingOrder | undefined }, out: Writable, err: Writable): Promise<number> {
  let config: ReviewConfig = DEFAULT_CONFIG;
  if (opts.config) {
    try {
      config = await loadConfig(opts.config, RULES.map((r) => r.id));
    } catch (e) {
      if (e instanceof ConfigError) { err.write(`jixiao: ${e.message}\n`); return 2; }
      throw e;
    }
  }
  const { docs, failed } = await readDocuments(files, err, { table: true });
  const results: ReviewResult[] = docs.map((d) => review(d, config));
  const order = opts.order ?? 'severity';
  if (opts.format === 'json') {
    const body = results.map((r) => ({ ...r, order, findings: orderFindings(r.findings, order), rules: RULES.map(({ id, severity, category, dimensions, title }) => ({ id, severity, category, dimensions, title })) }));
    out.write(results.length === 1 && files.length === 1 ? `${JSON.stringify(body[0], null, 2)}\n` : body.map((b) => JSON.stringify(b)).join('\n') + (body.length ? '\n' : ''));
  } else if (opts.format === 'html') {
    // written as it is rendered, waiting when the output is full: a large table's report is never one string
    for (const part of reportParts(docs, results, { order })) {
      if (!out.write(part)) await once(out, 'drain');
    }
  } else {
    out.write(results.map((r) => renderFindings(r, opts.colour, order)).join('\n'));
  }
  if (failed > 0) return 1;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

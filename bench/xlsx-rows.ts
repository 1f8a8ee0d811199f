// Rows for the XLSX export bench and the streaming test: the samples' projects recombined until they hold
// `indicators` indicators, in units of 200 projects, produced one at a time (nothing is held but the samples).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBytes } from '../src/ingest/index.js';
import { projectOf } from '../src/report/xlsx/document.js';
import type { XlsxProject, XlsxUnitRow } from '../src/report/xlsx/index.js';

const SAMPLES = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'samples');
const samplesDir = (): string => {
  for (const d of [SAMPLES, join(fileURLToPath(new URL('.', import.meta.url)), '..', 'samples')]) {
    try { if (readdirSync(d).some((f) => f.endsWith('.txt'))) return d; } catch { /* next */ }
  }
  throw new Error('samples/ not found');
};

export function sampleProjects(): XlsxProject[] {
  const dir = samplesDir();
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => parseBytes(readFileSync(join(dir, f)), { file: f }).units.flatMap((u) => u.projects.map(projectOf)))
    .filter((p) => p.indicators.length > 0);
}

export type BenchItem = { readonly unit: XlsxUnitRow } | { readonly project: XlsxProject };

/** Units and projects, in order, until `indicators` indicators have been produced. */
export function* benchRows(indicators: number, perUnit = 200): Generator<BenchItem> {
  const pool = sampleProjects();
  let made = 0;
  for (let k = 0; made < indicators; k++) {
    if (k % perUnit === 0) yield { unit: { name: `测试单位${k / perUnit + 1}`, funding: null } };
    const base = pool[k % pool.length]!;
    const room = indicators - made;
    const p = base.indicators.length > room ? { ...base, indicators: base.indicators.slice(0, room) } : base;
    made += p.indicators.length;
    yield { project: { ...p, name: `${p.name}（${k + 1}）` } };
  }
}

// `npm run bench`: jixiao's parse throughput over a ≥ 50 MB flowed-text corpus, side by side with a
// baseline of one regular-expression pass over the same bytes, and the process's peak RSS; then the PDF
// reader over ≥ 500 pages beside `pdftotext -layout` (bench/pdf.ts), in the report's `pdf` section.
// Progress goes to stderr; stdout gets exactly one JSON report.
//   node dist/bench/run.js --only text|pdf|xlsx   one section only (JIXIAO_BENCH_PDF=0 / JIXIAO_BENCH_XLSX=0 leave one out)
// Section `xlsx` (bench/xlsx.ts): 1,000,000 indicators to .xlsx in both layouts beside the same rows as CSV.
import { TextDecoder } from 'node:util';
import { parseBytes } from '../src/ingest/index.js';
import { generateCorpus } from './corpus.js';
import { pdfBench } from './pdf.js';
import { xlsxBench } from './xlsx.js';

const TARGETS = { mbPerSec: 20, maxRatio: 10 } as const;
const MB = 1024 * 1024;
/** the baseline: amount tokens and indicator starts (1、1-), in one global regex */
const BASELINE = /\d{1,3}(?:,\d{3})+\.\d{1,2}|\d+\.\d{1,2}|\d+、\d-/g;

let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function baselineCount(doc: Buffer, decoder: TextDecoder): number {
  const text = decoder.decode(doc);
  let n = 0;
  BASELINE.lastIndex = 0;
  while (BASELINE.exec(text) !== null) n++;
  return n;
}

interface Pass {
  readonly seconds: number;
  /** something derived from every result, so no work can be optimised away */
  readonly checksum: number;
}

/** Runs `work` over every document, timing the whole pass and logging each 10% of the bytes. */
function pass(label: string, docs: readonly Buffer[], work: (doc: Buffer, i: number) => number, progress: boolean): Pass {
  const total = docs.reduce((n, d) => n + d.length, 0);
  let done = 0;
  let nextTenth = 1;
  let checksum = 0;
  const t0 = process.hrtime.bigint();
  docs.forEach((doc, i) => {
    checksum += work(doc, i);
    done += doc.length;
    if ((i & 7) === 0) sampleRss();
    if (progress && done >= (total * nextTenth) / 10) {
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      log(`${label} ${String(nextTenth * 10).padStart(3)}%  ${(done / MB).toFixed(1)} MB  ${s.toFixed(1)} s  ${(done / MB / s).toFixed(2)} MB/s`);
      while (done >= (total * nextTenth) / 10) nextTenth++;
    }
  });
  sampleRss();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, checksum };
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

function textBench(): Record<string, unknown> {
  const t0 = Date.now();
  const corpus = generateCorpus();
  sampleRss();
  log(`corpus: ${corpus.docs.length} documents, ${corpus.projects} projects, ${(corpus.bytes / MB).toFixed(1)} MB (${Date.now() - t0} ms to build)`);

  const parse = (doc: Buffer, i: number): number => {
    const result = parseBytes(doc, { file: `corpus-${i}.txt` });
    return result.units.length + result.diagnostics.length;
  };
  const decoder = new TextDecoder('utf-8');
  const baseline = (doc: Buffer): number => baselineCount(doc, decoder);

  // warm-up: both passes over the first documents, untimed
  const warm = corpus.docs.slice(0, Math.min(20, corpus.docs.length));
  pass('warm-up', warm, parse, false);
  pass('warm-up', warm, baseline, false);
  log('warm-up done');

  const p = pass('parse   ', corpus.docs, parse, true);
  const b = pass('baseline', corpus.docs, baseline, true);

  const mb = corpus.bytes / MB;
  const parseMbPerSec = mb / p.seconds;
  const ratio = p.seconds / b.seconds;
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  const report = {
    corpus: { bytes: corpus.bytes, docs: corpus.docs.length, projects: corpus.projects },
    parse: { seconds: round(p.seconds), mbPerSec: round(parseMbPerSec, 2), docsPerSec: round(corpus.docs.length / p.seconds, 1) },
    baseline: { seconds: round(b.seconds), mbPerSec: round(mb / b.seconds, 2) },
    ratio: round(ratio, 2),
    peakRssMb: round(peakRss / MB, 1),
    targets: { ...TARGETS },
    meets: { throughput: parseMbPerSec >= TARGETS.mbPerSec, ratio: ratio <= TARGETS.maxRatio },
    node: process.version,
    date: new Date().toISOString(),
  };
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s (checksums ${p.checksum}, ${b.checksum})`);
  return report;
}

async function main(): Promise<void> {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const report: Record<string, unknown> = only === 'pdf' || only === 'xlsx' ? { node: process.version, date: new Date().toISOString() } : textBench();
  if ((only === undefined || only === 'pdf') && process.env['JIXIAO_BENCH_PDF'] !== '0') report['pdf'] = await pdfBench({ log });
  if ((only === undefined || only === 'xlsx') && process.env['JIXIAO_BENCH_XLSX'] !== '0') report['xlsx'] = await xlsxBench({ log });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});

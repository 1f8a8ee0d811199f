// The PDF section of `npm run bench`: the PDF reader's pages per second over at least 500 pages (the
// real PDFs in ../shared/real and the generated corpus, repeated as needed), side by side with poppler's
// `pdftotext -layout` on the same files (the floor for getting text out of a PDF at all), and the
// reader's peak RSS, measured in a child process that does nothing else.
// Optional: says why in the report when the reader, pdftotext or every PDF is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingTools, pdfCorpus } from '../test/helpers/pdf-corpus/index.js';
import { parseDocument } from '../test/helpers/readers.js';
import { realDir } from '../test/helpers/real-pdf.js';

export const PDF_TARGETS = { minPages: 500, maxRatio: 4, maxPeakRssMb: 500 } as const;

export interface PdfBenchOptions {
  readonly minPages?: number;
  readonly log?: (line: string) => void;
}

interface PdfFile {
  readonly path: string;
  readonly pages: number;
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
}

async function pages(path: string): Promise<number> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 });
  try {
    return (await task.promise).numPages;
  } finally {
    await task.destroy();
  }
}

async function sourceFiles(log: (line: string) => void): Promise<{ files: PdfFile[]; notes: string[] }> {
  const notes: string[] = [];
  const files: PdfFile[] = [];
  const real = realDir();
  if (real) {
    for (const f of readdirSync(real).filter((x) => x.endsWith('.pdf')).sort()) files.push({ path: join(real, f), pages: await pages(join(real, f)) });
  } else notes.push('../shared/real is absent: generated PDFs only');
  const missing = missingTools();
  if (missing.length === 0) {
    const corpus = await pdfCorpus();
    for (const p of corpus.pdfs) if (p.expect.kind === 'table') files.push({ path: p.path, pages: p.pages });
  } else notes.push(`generated corpus unavailable (missing ${missing.join(', ')})`);
  log(`pdf: ${files.length} distinct PDFs, ${files.reduce((n, f) => n + f.pages, 0)} pages`);
  return { files, notes };
}

/** Runs the PDF bench; returns the report's `pdf` section. */
export async function pdfBench(options: PdfBenchOptions = {}): Promise<Record<string, unknown>> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const minPages = options.minPages ?? PDF_TARGETS.minPages;
  if (!parseDocument) return { skipped: 'parseDocument is not exported by src/ingest/index.ts (no PDF reader yet)' };
  const { files, notes } = await sourceFiles(log);
  if (files.length === 0) return { skipped: `no PDFs to read: ${notes.join('; ')}` };
  // the distinct files, repeated in turn until the run has minPages pages
  const run: PdfFile[] = [];
  let total = 0;
  for (let i = 0; total < minPages; i++) {
    const f = files[i % files.length]!;
    run.push(f);
    total += f.pages;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-pdf-'));
  try {
    const list = join(dir, 'files.json');
    writeFileSync(list, JSON.stringify(run.map((f) => f.path)));
    const child = join(fileURLToPath(new URL('.', import.meta.url)), 'pdf-child.js');
    log(`pdf: reader on ${run.length} files, ${total} pages (child process)`);
    const out = execFileSync(process.execPath, [child, list], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    const reader = JSON.parse(out.trim().split('\n').pop()!) as { seconds: number; maxRssMb: number; checksum: number };
    log(`pdf: reader ${reader.seconds.toFixed(1)} s, ${(total / reader.seconds).toFixed(1)} pages/s, peak RSS ${reader.maxRssMb.toFixed(0)} MB`);

    let baseline: Record<string, unknown> = { skipped: 'pdftotext not installed (poppler-utils; scripts/install-test-deps.sh installs it)' };
    let ratio: number | null = null;
    if (hasPdftotext()) {
      const t0 = process.hrtime.bigint();
      for (const f of run) execFileSync('pdftotext', ['-layout', f.path, join(dir, 'out.txt')], { stdio: 'ignore' });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      ratio = reader.seconds / seconds;
      baseline = { tool: 'pdftotext -layout (spawned per file)', seconds: round(seconds), pagesPerSec: round(total / seconds, 1) };
      log(`pdf: pdftotext -layout ${seconds.toFixed(1)} s, ${(total / seconds).toFixed(1)} pages/s; ratio ${ratio.toFixed(2)}`);
    }
    return {
      files: { distinct: files.length, run: run.length, pages: total },
      reader: { seconds: round(reader.seconds), pagesPerSec: round(total / reader.seconds, 1), peakRssMb: round(reader.maxRssMb, 1), checksum: reader.checksum },
      baseline,
      ratio: ratio === null ? null : round(ratio, 2),
      targets: { ...PDF_TARGETS },
      meets: { ratio: ratio === null ? null : ratio <= PDF_TARGETS.maxRatio, peakRss: reader.maxRssMb < PDF_TARGETS.maxPeakRssMb, pages: total >= PDF_TARGETS.minPages },
      notes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

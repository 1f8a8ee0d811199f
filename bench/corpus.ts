// A deterministic flowed-text corpus for the bench, recombined from the flowed samples (000, 001,
// 003, 004): each document is one sample's page header, a 合计 row and a unit row, then 10–60 of that
// sample's projects drawn at random. The 合计 and unit rows are recomputed from the drawn projects so
// the table's sums hold, as in a published table; projects whose amounts are not a plain
// "total fiscal" pair (split amounts, several sources) are left out so the recomputed sums stay true.
//
// Run directly (node dist/bench/corpus.js [MB]) to write the corpus to bench/out/ for inspection.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../test/helpers/prng.js';
import { REPO_ROOT, loadSamples, pageHeaderBlock, splitFlowed } from '../test/helpers/samples.js';

export interface Corpus {
  readonly docs: readonly Buffer[];
  readonly bytes: number;
  readonly projects: number;
}

interface Source {
  readonly id: string;
  readonly pageHeader: readonly string[];
  readonly unitName: string;
  readonly projects: readonly { readonly lines: readonly string[]; readonly cents: number }[];
}

const AMOUNT = String.raw`\d{1,3}(?:,\d{3})*\.\d{2}`;
// a project's amounts row when it prints just a total and one equal source: "47.66 47.66"
const PAIR = new RegExp(String.raw`(?:^|\s)(${AMOUNT})\s+(${AMOUNT})\s*$`);
const ANY_AMOUNT = new RegExp(AMOUNT, 'g');

const toCents = (printed: string): number => Math.round(Number(printed.replace(/,/g, '')) * 100);

export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(cents % 100).toString().padStart(2, '0')}`;
}

function sources(): Source[] {
  return loadSamples().filter((s) => s.kind === 'flowed').map((s) => {
    const split = splitFlowed(s.lines);
    const projects = split.projects.flatMap((lines) => {
      const amountLines = lines.filter((l) => (l.match(ANY_AMOUNT) ?? []).length > 0 && PAIR.test(l));
      const pair = amountLines.length === 1 ? PAIR.exec(amountLines[0]!) : null;
      if (!pair || pair[1] !== pair[2]) return [];
      // exactly one amounts row in the block, and no other printed amount that could be a source
      const all = lines.join('\n').match(ANY_AMOUNT) ?? [];
      return all.length === 2 ? [{ lines, cents: toCents(pair[1]!) }] : [];
    });
    const unitRow = split.header.slice(pageHeaderBlock(s.lines).length).find((l) => PAIR.test(l) && !l.trim().startsWith('合计'));
    const unitName = unitRow?.replace(new RegExp(String.raw`(\s+${AMOUNT})+\s*$`), '').trim() ?? s.file;
    return { id: s.id, pageHeader: pageHeaderBlock(s.lines), unitName, projects };
  });
}

export interface CorpusOptions {
  /** at least this many bytes in all */
  readonly targetBytes?: number;
  readonly seed?: number;
}

export function generateCorpus(options: CorpusOptions = {}): Corpus {
  const target = options.targetBytes ?? 50 * 1024 * 1024;
  const rng = mulberry32(options.seed ?? 0x62656e63);
  const pool = sources().filter((s) => s.projects.length > 0);
  if (pool.length === 0) throw new Error('no flowed sample with usable projects');
  const docs: Buffer[] = [];
  let bytes = 0;
  let projects = 0;
  while (bytes < target) {
    const src = rng.pick(pool);
    const chosen = Array.from({ length: rng.int(10, 60) }, () => rng.pick(src.projects));
    const sum = formatCents(chosen.reduce((n, p) => n + p.cents, 0));
    const text = [
      '', ...src.pageHeader, '',
      `合计 ${sum} ${sum}`, '',
      `${src.unitName} ${sum} ${sum}`, '',
      ...chosen.flatMap((p) => p.lines), '',
    ].join('\n');
    const doc = Buffer.from(text);
    docs.push(doc);
    bytes += doc.length;
    projects += chosen.length;
  }
  return { docs, bytes, projects };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mb = Number(process.argv[2] ?? 50);
  const corpus = generateCorpus({ targetBytes: mb * 1024 * 1024 });
  const dir = join(REPO_ROOT, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  corpus.docs.forEach((d, i) => writeFileSync(join(dir, `corpus-${String(i).padStart(5, '0')}.txt`), d));
  console.log(`${corpus.docs.length} documents, ${corpus.projects} projects, ${corpus.bytes} bytes in ${dir}`);
}

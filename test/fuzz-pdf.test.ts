// Fuzz over PDF bytes: seeded mutants (truncation, byte flips, deleted ranges, a corrupted xref or
// trailer, junk inserted) of the generated corpus and of the real PDFs in ../shared/real. For each:
// parseDocument resolves (no exception, no hang: it runs in a worker that is killed after 30 s),
// the document validates (zod and JSON Schema) and describes its input, and it either reads projects
// or carries an error diagnostic — never an empty, silent success.
//
// Replay one case:   JIXIAO_PDF_FUZZ_REPLAY=<file>:<seed> npx vitest run test/fuzz-pdf.test.ts
//   (<file> as printed in the failure, e.g. 004-chromium-ruled-a4.pdf; writes the mutant to $TMPDIR)
// Other knobs:       JIXIAO_PDF_FUZZ_SEED (base seed), JIXIAO_PDF_FUZZ_CASES (mutants in all, default 2 per file of ≤ 3 pages,
//                    about 30: a parse is ~1 s on a loaded 2-core machine and the default run must stay well under a minute;
//                    JIXIAO_PDF_FUZZ_LONG=1 for 5000 over every file, the 96-page volume included)
// Needs the compiled parser (`npm run build`) and the PDF reader (branch `pdf`); skips with a message without it.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocument } from './helpers/invariants.js';
import { IsolatedParser } from './helpers/isolated-parser.js';
import { mutatePdf, type PdfMutant } from './helpers/mutate-pdf.js';
import { pdfCorpus } from './helpers/pdf-corpus/index.js';
import { deriveSeed, hex32, parseSeed } from './helpers/prng.js';
import { NO_PDF_READER, parseDocument } from './helpers/readers.js';
import { realDir } from './helpers/real-pdf.js';

const LONG = process.env['JIXIAO_PDF_FUZZ_LONG'] === '1';
const BASE_SEED = parseSeed(process.env['JIXIAO_PDF_FUZZ_SEED']) ?? 0x70646678;
const REPLAY = /^(.+\.pdf):(\S+)$/.exec(process.env['JIXIAO_PDF_FUZZ_REPLAY'] ?? '');
/** a parse still running after this is killed and reported as a hang */
const HANG_MS = LONG ? 120_000 : 30_000;
const SHOW = 8;

interface Seedling {
  readonly file: string;
  readonly bytes: Buffer;
}

const corpus = parseDocument ? await pdfCorpus() : undefined;
const real = realDir();
if (!real) console.warn('[fuzz-pdf] ../shared/real is absent: fuzzing the generated PDFs only');
/** the short run keeps to small files (≤ 3 pages: the real 003 and the small generated tables); the long run takes everything */
const SHORT_PAGES = 3;
const seedlings: Seedling[] = [
  ...(corpus?.pdfs ?? []).filter((p) => p.expect.kind === 'table' && (LONG || p.pages <= SHORT_PAGES)).map((p) => ({ file: `${p.name}.pdf`, bytes: readFileSync(p.path) })),
  ...(real ? readdirSync(real).filter((f) => f.endsWith('.pdf') && (LONG || f.startsWith('003_'))).map((f) => ({ file: f, bytes: readFileSync(join(real, f)) })) : []),
];

/** by default each small file is mutated twice, with different seeds (1–3 random steps each) */
const CASES = Number(process.env['JIXIAO_PDF_FUZZ_CASES'] ?? (LONG ? 5000 : 2 * seedlings.length));

let parser: IsolatedParser | undefined;
beforeAll(() => {
  if (parseDocument) parser = new IsolatedParser();
});
afterAll(async () => {
  await parser?.close();
});

async function problemsOf(m: PdfMutant, file: string): Promise<string[]> {
  const r = await parser!.parseDocument(m.bytes, file, HANG_MS);
  if (!r.ok) return [`${r.kind}: ${r.message.split('\n').slice(0, 2).join(' | ')}`];
  // amounts: false — the bytes are PDF, not text whose amount tokens could be looked for in the output
  const problems = checkDocument(r.doc, m.bytes, { file, amounts: false });
  const doc = r.doc as { units?: { projects: unknown[] }[]; diagnostics?: { severity: string }[] };
  const projects = (doc.units ?? []).reduce((n, u) => n + u.projects.length, 0);
  if (projects === 0 && !(doc.diagnostics ?? []).some((d) => d.severity === 'error')) problems.push('no project read and no error diagnostic');
  return problems;
}

describe.skipIf(!parseDocument || REPLAY !== null)(`fuzz PDF bytes: ${CASES} mutants, base seed ${hex32(BASE_SEED)}`, () => {
  if (!parseDocument) console.warn(`[fuzz-pdf] ${NO_PDF_READER}`);
  it(`${seedlings.length} PDFs, mutants resolve, validate and read or say why not`, async () => {
    expect(seedlings.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const s = seedlings[i % seedlings.length]!;
      const m = mutatePdf(s.bytes, deriveSeed(BASE_SEED, i));
      const problems = await problemsOf(m, s.file);
      if (problems.length > 0) failures.push(`${s.file}:${hex32(m.seed)} [${m.steps.join(', ')}] → ${problems.join('; ')}`);
    }
    expect(failures.length, [
      `${failures.length} of ${CASES} mutants fail; first ${Math.min(SHOW, failures.length)}:`,
      ...failures.slice(0, SHOW),
      `replay one: JIXIAO_PDF_FUZZ_REPLAY=${failures[0]?.split(' ')[0] ?? '<file>:<seed>'} npx vitest run test/fuzz-pdf.test.ts`,
    ].join('\n')).toBe(0);
  }, LONG ? 3_600_000 : Math.max(120_000, CASES * 4_000));
});

describe.runIf(parseDocument !== undefined && REPLAY !== null)('fuzz PDF replay', () => {
  it(`replays ${process.env['JIXIAO_PDF_FUZZ_REPLAY'] ?? ''}`, async () => {
    const file = REPLAY![1]!;
    const seedText = REPLAY![2]!;
    const s = seedlings.find((x) => x.file === file);
    const seed = parseSeed(seedText);
    if (!s || seed === undefined) throw new Error(`JIXIAO_PDF_FUZZ_REPLAY=${file}:${seedText}: no such file or bad seed`);
    const m = mutatePdf(s.bytes, seed);
    const out = join(tmpdir(), `jixiao-fuzz-${file.replace(/\.pdf$/, '')}-${hex32(seed)}.pdf`);
    writeFileSync(out, m.bytes);
    console.log(`${file}, seed ${hex32(seed)}\nsteps: ${m.steps.join(', ')}\nmutant (${m.bytes.length} bytes): ${out}`);
    expect(await problemsOf(m, file)).toEqual([]);
  }, 60_000);
});

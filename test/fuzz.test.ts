// Fuzz: thousands of seeded mutants of the sample tables (lines deleted, duplicated, shuffled, bytes
// replaced, truncation mid-character, wraps moved, blank lines and page headers inserted). For each:
// the parser does not throw or hang, the document validates (zod and JSON Schema), and every amount
// printed in the input is still somewhere in the output.
//
// Replay one case:   JIXIAO_FUZZ_REPLAY=003:0x1a2b3c4d npx vitest run test/fuzz.test.ts
//   (writes the mutant to $TMPDIR/jixiao-fuzz-003-0x1a2b3c4d.txt and prints what was done to it)
// Other knobs:       JIXIAO_FUZZ_SEED (base seed), JIXIAO_FUZZ_CASES (mutants per sample, default 2000)
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocument } from './helpers/invariants.js';
import { IsolatedParser, type ParseOutcome } from './helpers/isolated-parser.js';
import { EXCERPT_ABOVE_BYTES, type FuzzCase, makeCase } from './helpers/mutate.js';
import { deriveSeed, hex32, parseSeed } from './helpers/prng.js';
import { loadSamples } from './helpers/samples.js';

const BASE_SEED = parseSeed(process.env['JIXIAO_FUZZ_SEED']) ?? 0x6a697869;
const CASES_PER_SAMPLE = Number(process.env['JIXIAO_FUZZ_CASES'] ?? 2000);
const REPLAY = /^(\d{3}):(\S+)$/.exec(process.env['JIXIAO_FUZZ_REPLAY'] ?? '');
/** a parse slower than this is a failure: catastrophic backtracking, quadratic loops */
const SLOW_MS = 2_000;
/** a parse still running after this is killed and reported as a hang */
const HANG_MS = 15_000;
const SHOW = 5;

const samples = loadSamples();
let parser: IsolatedParser;
beforeAll(() => {
  parser = new IsolatedParser();
});
afterAll(async () => {
  await parser?.close();
});

interface Failure {
  readonly fuzz: FuzzCase;
  readonly index: number;
  readonly problems: readonly string[];
}

async function problemsOf(fuzz: FuzzCase, file: string, outcome: Promise<ParseOutcome>): Promise<string[]> {
  const r = await outcome;
  if (!r.ok) return [`${r.kind}: ${r.message.split('\n').slice(0, 2).join(' | ')}`];
  const problems = checkDocument(r.doc, fuzz.bytes, { file });
  if (r.ms > SLOW_MS) problems.push(`slow: ${Math.round(r.ms)} ms for ${fuzz.bytes.length} bytes`);
  return problems;
}

function report(sampleId: string, total: number, failures: readonly Failure[]): string {
  const lines = failures.slice(0, SHOW).map(({ fuzz, index, problems }) =>
    `  ${sampleId}#${index} seed=${hex32(fuzz.seed)} [${fuzz.steps.join(', ')}] → ${problems.join('; ')}`);
  return [
    `${failures.length} of ${total} mutants of sample ${sampleId} fail (base seed ${hex32(BASE_SEED)}); first ${lines.length}:`,
    ...lines,
    `replay one: JIXIAO_FUZZ_REPLAY=${sampleId}:${failures[0] ? hex32(failures[0].fuzz.seed) : '<seed>'} npx vitest run test/fuzz.test.ts`,
  ].join('\n');
}

describe.skipIf(REPLAY !== null)(`fuzz: ${CASES_PER_SAMPLE} mutants per sample, base seed ${hex32(BASE_SEED)}`, () => {
  samples.forEach((sample, sampleIndex) => {
    it(`${sample.file} (${sample.kind}${sample.bytes.length > EXCERPT_ABOVE_BYTES ? ', excerpts' : ''})`, async () => {
      const failures: Failure[] = [];
      // two cases in flight: this thread makes and checks mutants while the worker parses
      const inFlight: { fuzz: FuzzCase; index: number; outcome: Promise<ParseOutcome> }[] = [];
      const settle = async (): Promise<void> => {
        const { fuzz, index, outcome } = inFlight.shift()!;
        const problems = await problemsOf(fuzz, sample.file, outcome);
        if (problems.length > 0) failures.push({ fuzz, index, problems });
      };
      for (let i = 0; i < CASES_PER_SAMPLE; i++) {
        const fuzz = makeCase(sample, deriveSeed(BASE_SEED, sampleIndex, i));
        inFlight.push({ fuzz, index: i, outcome: parser.parse(fuzz.bytes, sample.file, HANG_MS) });
        if (inFlight.length >= 2) await settle();
      }
      while (inFlight.length > 0) await settle();
      expect(failures.length, report(sample.id, CASES_PER_SAMPLE, failures)).toBe(0);
    }, 300_000);
  });
});

describe.runIf(REPLAY !== null)('fuzz replay', () => {
  it(`replays ${process.env['JIXIAO_FUZZ_REPLAY'] ?? ''}`, async () => {
    const [, id, seedText] = REPLAY!;
    const sample = samples.find((s) => s.id === id);
    const seed = parseSeed(seedText);
    if (!sample || seed === undefined) throw new Error(`JIXIAO_FUZZ_REPLAY=${id}:${seedText}: no such sample or bad seed`);
    const fuzz = makeCase(sample, seed);
    const out = join(tmpdir(), `jixiao-fuzz-${id}-${hex32(seed)}.txt`);
    writeFileSync(out, fuzz.bytes);
    console.log(`sample ${sample.file}, seed ${hex32(seed)}\nsteps: ${fuzz.steps.join(', ')}\nmutant (${fuzz.bytes.length} bytes): ${out}`);
    const problems = await problemsOf(fuzz, sample.file, parser.parse(fuzz.bytes, sample.file, HANG_MS));
    expect(problems).toEqual([]);
  }, 60_000);
});

// Seeded mutations of a table's bytes, for the fuzz tests. Every mutation works on bytes (lines are
// the runs between 0x0A), so a mutant may hold any byte sequence, including broken UTF-8; each one
// returns a short description for the failure report.
import { type Rng, mulberry32 } from './prng.js';
import { type Sample, columnHeaderIndex, pageHeaderBlock } from './samples.js';

const NL = 0x0a;

function toLines(bytes: Uint8Array): Buffer[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = buf.indexOf(NL); i >= 0; i = buf.indexOf(NL, start)) {
    lines.push(buf.subarray(start, i));
    start = i + 1;
  }
  lines.push(buf.subarray(start));
  return lines;
}

function fromLines(lines: readonly Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [];
  lines.forEach((l, i) => {
    if (i > 0) parts.push(Buffer.of(NL));
    parts.push(l);
  });
  return Buffer.concat(parts);
}

/** Byte offsets inside `line` (never 0 or its end) that start a UTF-8 character. */
function charBoundaries(line: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < line.length; i++) if ((line[i]! & 0xc0) !== 0x80) out.push(i);
  return out;
}

export interface MutationContext {
  /** the sample's page header block (title, department, column header), as bytes */
  readonly pageHeader: Buffer;
}

export interface Mutation {
  readonly name: string;
  apply(bytes: Buffer, rng: Rng, ctx: MutationContext): { bytes: Buffer; note: string };
}

const lineOp = (name: string, op: (lines: Buffer[], rng: Rng, ctx: MutationContext) => string): Mutation => ({
  name,
  apply(bytes, rng, ctx) {
    const lines = toLines(bytes);
    const note = op(lines, rng, ctx);
    return { bytes: fromLines(lines), note: `${name}${note}` };
  },
});

export const MUTATIONS: readonly Mutation[] = [
  lineOp('delete', (lines, rng) => {
    const at = rng.int(0, lines.length - 1);
    const n = Math.min(rng.int(1, 5), lines.length - at);
    lines.splice(at, n);
    return `@L${at + 1}×${n}`;
  }),
  lineOp('duplicate', (lines, rng) => {
    const at = rng.int(0, lines.length - 1);
    const n = Math.min(rng.int(1, 5), lines.length - at);
    lines.splice(at + n, 0, ...lines.slice(at, at + n));
    return `@L${at + 1}×${n}`;
  }),
  lineOp('shuffle', (lines, rng) => {
    const n = Math.min(rng.int(2, 8), lines.length);
    const at = rng.int(0, lines.length - n);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(0, i);
      const a = lines[at + i]!;
      lines[at + i] = lines[at + j]!;
      lines[at + j] = a;
    }
    return `@L${at + 1}×${n}`;
  }),
  {
    name: 'truncate',
    apply(bytes, rng) {
      const at = rng.int(0, bytes.length);
      return { bytes: bytes.subarray(0, at), note: `truncate@${at}` };
    },
  },
  {
    name: 'bytes',
    apply(bytes, rng) {
      if (bytes.length === 0) return { bytes, note: 'bytes(empty)' };
      const out = Buffer.from(bytes);
      const n = rng.int(1, 8);
      const edits: string[] = [];
      for (let k = 0; k < n; k++) {
        const at = rng.int(0, out.length - 1);
        const v = rng.int(0, 255);
        out[at] = v;
        edits.push(`${at}=${v.toString(16).padStart(2, '0')}`);
      }
      return { bytes: out, note: `bytes[${edits.join(',')}]` };
    },
  },
  lineOp('wrap', (lines, rng) => {
    // move a line break inside a line: join two lines, split one, or both (the break moves)
    const mode = rng.pick(['join', 'split', 'move'] as const);
    if (mode !== 'split' && lines.length >= 2) {
      const at = rng.int(0, lines.length - 2);
      const joinedAt = lines[at]!.length;
      const joined = Buffer.concat([lines[at]!, lines[at + 1]!]);
      lines.splice(at, 2, joined);
      if (mode === 'join') return `-join@L${at + 1}`;
      const cuts = charBoundaries(joined).filter((c) => c !== joinedAt);
      if (cuts.length === 0) return `-join@L${at + 1}`;
      const cut = rng.pick(cuts);
      lines.splice(at, 1, joined.subarray(0, cut), joined.subarray(cut));
      return `-move@L${at + 1}:${joinedAt}→${cut}`;
    }
    const candidates = lines.map((l, i) => [i, charBoundaries(l)] as const).filter(([, c]) => c.length > 0);
    if (candidates.length === 0) return '-none';
    const [at, cuts] = rng.pick(candidates);
    const cut = rng.pick(cuts);
    const line = lines[at]!;
    lines.splice(at, 1, line.subarray(0, cut), line.subarray(cut));
    return `-split@L${at + 1}:${cut}`;
  }),
  lineOp('blank', (lines, rng) => {
    const at = rng.int(0, lines.length);
    const n = rng.int(1, 3);
    const blank = Buffer.from(rng.pick(['', '', ' ', '    ', '\t', '\u3000']));
    lines.splice(at, 0, ...Array.from({ length: n }, () => blank));
    return `@L${at + 1}×${n}`;
  }),
  lineOp('pagehead', (lines, rng, ctx) => {
    // a page break: the page's header block lands anywhere, even inside a wrapped cell
    const at = rng.int(0, lines.length);
    lines.splice(at, 0, Buffer.alloc(0), ...toLines(ctx.pageHeader));
    return `@L${at + 1}`;
  }),
];

export interface FuzzCase {
  readonly sample: string;
  readonly seed: number;
  readonly bytes: Buffer;
  /** what was done, in order: the excerpt (if any), then each mutation */
  readonly steps: readonly string[];
}

/** Samples larger than this are fuzzed as excerpts: header lines plus a window of 20–200 lines. */
export const EXCERPT_ABOVE_BYTES = 100_000;

/** The mutant for one (sample, seed): deterministic, so a seed from a failure report replays it. */
export function makeCase(sample: Sample, seed: number): FuzzCase {
  const rng = mulberry32(seed);
  const steps: string[] = [];
  let lines = sample.lines;
  if (sample.bytes.length > EXCERPT_ABOVE_BYTES) {
    const top = columnHeaderIndex(lines) + 1;
    const n = Math.min(rng.int(20, 200), lines.length - top);
    const at = rng.int(top, lines.length - n);
    lines = [...lines.slice(0, top), ...lines.slice(at, at + n)];
    steps.push(`excerpt L1-${top}+L${at + 1}-${at + n}`);
  }
  const ctx: MutationContext = { pageHeader: Buffer.from(pageHeaderBlock(sample.lines).join('\n')) };
  let bytes: Buffer = Buffer.from(lines.join('\n'));
  const count = rng.int(1, 4);
  for (let k = 0; k < count; k++) {
    const r = rng.pick(MUTATIONS).apply(bytes, rng, ctx);
    bytes = r.bytes;
    steps.push(r.note);
  }
  return { sample: sample.id, seed, bytes, steps };
}

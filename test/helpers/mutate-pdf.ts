// Seeded mutants of PDF bytes: truncation, byte flips, deleted ranges, a corrupted cross-reference
// (the startxref offset, the xref table's entries or the trailer's /Size and /Root), junk inserted.
// Each mutant records its steps, so a failure names what was done to which file with which seed.
import { type Rng, mulberry32 } from './prng.js';

export interface PdfMutant {
  readonly seed: number;
  readonly bytes: Uint8Array;
  readonly steps: readonly string[];
}

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

function lastIndexOf(bytes: Uint8Array, word: string): number {
  return latin1(bytes).lastIndexOf(word);
}

type Step = (b: Uint8Array, r: Rng) => [Uint8Array, string];

const STEPS: readonly Step[] = [
  (b, r) => {
    const at = r.int(0, Math.max(0, b.length - 1));
    return [b.subarray(0, at), `truncate@${at}`];
  },
  (b, r) => {
    const out = Uint8Array.from(b);
    const n = r.int(1, 8);
    const at: number[] = [];
    for (let i = 0; i < n && out.length > 0; i++) {
      const k = r.int(0, out.length - 1);
      out[k] = out[k]! ^ (1 << r.int(0, 7));
      at.push(k);
    }
    return [out, `flip@${at.join(',')}`];
  },
  (b, r) => {
    const from = r.int(0, Math.max(0, b.length - 1));
    const len = r.int(1, Math.min(8192, Math.max(1, b.length - from)));
    return [Buffer.concat([b.subarray(0, from), b.subarray(from + len)]), `delete@${from}+${len}`];
  },
  (b, r) => {
    // the startxref offset points elsewhere
    const at = lastIndexOf(b, 'startxref');
    if (at < 0) return [b, 'startxref-absent'];
    const text = latin1(b);
    const m = /startxref\s+(\d+)/.exec(text.slice(at));
    if (!m) return [b, 'startxref-unreadable'];
    const off = String(r.pick([0, r.int(0, b.length * 2), Number(m[1]) + r.int(-64, 64)]));
    return [Buffer.from(text.slice(0, at) + text.slice(at).replace(m[1]!, off), 'latin1'), `startxref→${off}`];
  },
  (b, r) => {
    // scramble the digits of the xref table's entries (or of an xref stream's neighbourhood)
    const at = lastIndexOf(b, 'xref');
    if (at < 0) return [b, 'xref-absent'];
    const out = Uint8Array.from(b);
    const end = Math.min(out.length, at + r.int(20, 2000));
    let n = 0;
    for (let i = at + 4; i < end; i++) {
      if (out[i]! >= 0x30 && out[i]! <= 0x39 && r.chance(0.3)) {
        out[i] = 0x30 + r.int(0, 9);
        n++;
      }
    }
    return [out, `xref-digits@${at}×${n}`];
  },
  (b, r) => {
    // the trailer names a wrong /Root or /Size
    const text = latin1(b);
    const key = r.pick(['/Root', '/Size', '/Info', '/Encrypt', '/Pages', '/Kids', '/Length']);
    const at = text.lastIndexOf(key);
    if (at < 0) return [b, `${key}-absent`];
    const m = /^(\/\w+)\s+(\d+)/.exec(text.slice(at));
    if (!m) return [Buffer.from(text.slice(0, at) + '/Xxxx' + text.slice(at + key.length), 'latin1'), `${key}→/Xxxx`];
    const n = String(r.int(0, 99999));
    return [Buffer.from(text.slice(0, at) + `${m[1]} ${n}` + text.slice(at + m[0].length), 'latin1'), `${key}@${at}→${n}`];
  },
  (b, r) => {
    const at = r.int(0, b.length);
    const junk = Uint8Array.from({ length: r.int(1, 512) }, () => r.int(0, 255));
    return [Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]), `insert@${at}+${junk.length}`];
  },
];

/** One mutant of `bytes`: one to three steps, chosen and applied by the seeded generator. */
export function mutatePdf(bytes: Uint8Array, seed: number): PdfMutant {
  const r = mulberry32(seed);
  let b = bytes;
  const steps: string[] = [];
  const n = r.chance(0.7) ? 1 : r.int(2, 3);
  for (let i = 0; i < n; i++) {
    const [next, step] = r.pick(STEPS)(b, r);
    b = next;
    steps.push(step);
  }
  return { seed, bytes: b, steps };
}

// Word-level text comparison: Chinese is segmented into words with Intl.Segmenter (ICU's dictionary,
// built into Node 20), the two word lists are compared with Myers' O(ND) shortest edit script, and each
// change is summarised with just enough neighbouring words to read it (`满意率 → 满意度`).
import { halfWidth } from '../targets/index.js';
import type { TextChange, TextHunk, TextSegment } from './types.js';

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });

/** The text's words, in order; joined they give the text back. */
export function words(text: string): string[] {
  return Array.from(SEGMENTER.segment(text), (s) => s.segment);
}

export function stripSpace(s: string): string {
  return s.replace(/\s+/g, '');
}

/** The form two texts are compared in: no whitespace, and (by default) target symbols half-width. */
export function comparable(s: string, foldWidth = true): string {
  const t = stripSpace(s);
  return foldWidth ? halfWidth(t) : t;
}

export type EditOp = 'equal' | 'insert' | 'delete';

/** Past this many differences a comparison is reported as one replacement rather than searched. */
const MAX_EDIT_DISTANCE = 4000;

/**
 * The shortest edit script turning `a` into `b` (Myers 1986), as one op per element: `equal` consumes one
 * of each, `delete` one of a, `insert` one of b. Deletions come before insertions within a change.
 */
export function editScript<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean = Object.is): EditOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && eq(a[pre]!, b[pre]!)) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && eq(a[a.length - 1 - suf]!, b[b.length - 1 - suf]!)) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const mid = myers(n, m, (i, j) => eq(a[pre + i]!, b[pre + j]!));
  return [...Array<EditOp>(pre).fill('equal'), ...mid, ...Array<EditOp>(suf).fill('equal')];
}

function myers(n: number, m: number, eq: (i: number, j: number) => boolean): EditOp[] {
  if (n === 0 || m === 0) return [...Array<EditOp>(n).fill('delete'), ...Array<EditOp>(m).fill('insert')];
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] = the furthest x on diagonals -d-1 … d+1 before step d (what step d reads)
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!);
      let x = down ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && eq(x, y)) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, n, m);
    }
  }
  return [...Array<EditOp>(n).fill('delete'), ...Array<EditOp>(m).fill('insert')];
}

function backtrack(trace: readonly Int32Array[], dEnd: number, n: number, m: number): EditOp[] {
  const ops: EditOp[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const snap = trace[d]!;
    const at = (k: number): number => snap[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('equal');
      x--;
      y--;
    }
    ops.push(down ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('equal');
    x--;
    y--;
  }
  ops.reverse();
  return normalizeOrder(ops);
}

/** Within each run of changes, deletions first, then insertions. */
function normalizeOrder(ops: EditOp[]): EditOp[] {
  const out: EditOp[] = [];
  let del = 0;
  let ins = 0;
  const flush = (): void => {
    for (; del > 0; del--) out.push('delete');
    for (; ins > 0; ins--) out.push('insert');
  };
  for (const op of ops) {
    if (op === 'delete') del++;
    else if (op === 'insert') ins++;
    else {
      flush();
      out.push(op);
    }
  }
  flush();
  return out;
}

type Region = { readonly kind: 'equal'; readonly words: string[] } | { readonly kind: 'change'; readonly del: string[]; readonly ins: string[] };

/**
 * Word-level change from `a` to `b`, or null when they are the same text (whitespace removed, target
 * symbols folded to half-width unless `foldWidth` is false).
 */
export function diffText(a: string, b: string, foldWidth = true): TextChange | null {
  if (comparable(a, foldWidth) === comparable(b, foldWidth)) return null;
  const wa = words(stripSpace(a));
  const wb = words(stripSpace(b));
  const key = (w: string): string => (foldWidth ? halfWidth(w) : w);
  const ka = wa.map(key);
  const kb = wb.map(key);
  const ops = editScript(ka, kb);
  const regions: Region[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    const last = regions[regions.length - 1];
    if (op === 'equal') {
      if (last?.kind === 'equal') last.words.push(wb[j]!);
      else regions.push({ kind: 'equal', words: [wb[j]!] });
      i++;
      j++;
    } else {
      const r = last?.kind === 'change' ? last : (regions.push({ kind: 'change', del: [], ins: [] }), regions[regions.length - 1] as Extract<Region, { kind: 'change' }>);
      if (op === 'delete') r.del.push(wa[i++]!);
      else r.ins.push(wb[j++]!);
    }
  }
  const merged = mergeSameText(regions, key);
  const segments: TextSegment[] = [];
  const push = (op: TextSegment['op'], text: string): void => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    if (last && last.op === op) segments[segments.length - 1] = { op, text: last.text + text };
    else segments.push({ op, text });
  };
  const hunks: TextHunk[] = [];
  merged.forEach((r, idx) => {
    if (r.kind === 'equal') {
      push('equal', r.words.join(''));
      return;
    }
    push('delete', r.del.join(''));
    push('insert', r.ins.join(''));
    hunks.push(hunkOf(merged, idx));
  });
  return { a, b, segments, hunks, summary: hunks.map((h) => `${h.a || '（空）'} → ${h.b || '（空）'}`).join('；') };
}

/** A change whose two sides are the same text once joined (the segmenter cut it differently) is no change. */
function mergeSameText(regions: readonly Region[], key: (w: string) => string): Region[] {
  const out: Region[] = [];
  for (const r of regions) {
    const same = r.kind === 'change' && key(r.del.join('')) === key(r.ins.join(''));
    const cur: Region = same && r.kind === 'change' ? { kind: 'equal', words: [...r.ins] } : r;
    const last = out[out.length - 1];
    if (cur.kind === 'equal' && last?.kind === 'equal') out[out.length - 1] = { kind: 'equal', words: [...last.words, ...cur.words] };
    else out.push(cur.kind === 'equal' ? { kind: 'equal', words: [...cur.words] } : cur);
  }
  return out;
}

const READABLE = /[\p{L}\p{N}]/u;

/**
 * The change with neighbouring words around it: a pure insertion or deletion gets one word on each side;
 * then context is added (left first) while either side is shorter than two characters, a side's context
 * growing to at least two characters at a time. Punctuation is never taken as context.
 */
function hunkOf(regions: readonly Region[], idx: number): TextHunk {
  const r = regions[idx] as Extract<Region, { kind: 'change' }>;
  const before = regions[idx - 1]?.kind === 'equal' ? (regions[idx - 1] as Extract<Region, { kind: 'equal' }>).words : [];
  const after = regions[idx + 1]?.kind === 'equal' ? (regions[idx + 1] as Extract<Region, { kind: 'equal' }>).words : [];
  let left = 0;
  let right = 0;
  const canLeft = (): boolean => left < before.length && READABLE.test(before[before.length - 1 - left]!);
  const canRight = (): boolean => right < after.length && READABLE.test(after[right]!);
  const chars = (ws: readonly string[]): number => ws.reduce((n, w) => n + [...w].length, 0);
  // a side's context grows a word at a time until it holds two characters: 工|位|数 → 工位数, not 位数
  const growLeft = (): boolean => {
    if (!canLeft()) return false;
    do left++;
    while (chars(before.slice(before.length - left)) < 2 && canLeft());
    return true;
  };
  const growRight = (): boolean => {
    if (!canRight()) return false;
    do right++;
    while (chars(after.slice(0, right)) < 2 && canRight());
    return true;
  };
  if (r.del.length === 0 || r.ins.length === 0) {
    if (canLeft()) left++;
    if (canRight()) right++;
  }
  const text = (side: readonly string[]): string => [...before.slice(before.length - left), ...side, ...after.slice(0, right)].join('');
  while ([...text(r.del)].length < 2 || [...text(r.ins)].length < 2) if (!growLeft() && !growRight()) break;
  return { a: text(r.del), b: text(r.ins) };
}

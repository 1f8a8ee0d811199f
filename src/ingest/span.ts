// A cell's text with its line breaks removed, remembering which source line each character came
// from, so that anything read out of it can still name its line.
export interface Span {
  readonly text: string;
  /** offsets in `text` where each contributing source line begins */
  readonly offsets: readonly number[];
  /** the source line number of each contributing piece */
  readonly lines: readonly number[];
}

export const EMPTY_SPAN: Span = { text: '', offsets: [], lines: [] };

export function spanOf(pieces: readonly { readonly no: number; readonly text: string }[]): Span {
  // one piece (a cell) is the common case: arrays of their own size, not grown by push
  if (pieces.length === 1) {
    const t = pieces[0]!.text.trim();
    return t === '' ? EMPTY_SPAN : { text: t, offsets: [0], lines: [pieces[0]!.no] };
  }
  let text = '';
  const offsets: number[] = [];
  const lines: number[] = [];
  for (const p of pieces) {
    const t = p.text.trim();
    if (t === '') continue;
    offsets.push(text.length);
    lines.push(p.no);
    text += t;
  }
  return { text, offsets, lines };
}

export function concatSpans(a: Span, b: Span): Span {
  if (a.text === '') return b;
  if (b.text === '') return a;
  return {
    text: a.text + b.text,
    offsets: [...a.offsets, ...b.offsets.map((o) => o + a.text.length)],
    lines: [...a.lines, ...b.lines],
  };
}

export function firstLine(span: Span): number | undefined {
  return span.lines[0];
}

export function lineAt(span: Span, offset: number): number | undefined {
  let lo = 0;
  let hi = span.offsets.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (span.offsets[mid]! <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? span.lines[0] : span.lines[found];
}

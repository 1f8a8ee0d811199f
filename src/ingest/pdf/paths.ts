// Ruling lines from a page's operator list. Table producers draw rules either as stroked paths or as thin
// filled rectangles (WPS, Excel), sometimes as mitred quadrilaterals; both become axis-aligned segments
// in page points, origin top-left. pdfjs 5 hands every path over as one constructPath op:
// [paintOp, [drawOps], minMax], drawOps being DrawOPS codes (moveTo 0, lineTo 1, curveTo 2,
// quadraticCurveTo 3, closePath 4) followed by their coordinates in user space.

export interface Segment {
  readonly dir: 'h' | 'v';
  /** h: the y; v: the x */
  readonly at: number;
  /** h: x from..to; v: y from..to */
  readonly from: number;
  readonly to: number;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A rule is at most this thick (points); a filled shape thicker than this is a background, not a rule. */
const MAX_RULE = 3;
const MIN_LENGTH = 4;
const SKEW = 0.8;

export function rulingSegments(fnArray: readonly number[], argsArray: readonly unknown[], OPS: Record<string, number>, viewport: readonly number[]): Segment[] {
  const out: Segment[] = [];
  let ctm = viewport.slice(0, 6) as Matrix;
  const stack: Matrix[] = [];
  const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = mul(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin && args) {
      stack.push(ctm);
      const m = args[0] as Matrix | null;
      if (m && m.length === 6) ctm = mul(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | null)?.[0];
      if (!data) continue;
      const stroked = strokes.has(paint);
      const filled = fills.has(paint);
      if (!stroked && !filled) continue;
      for (const sub of subpaths(data)) {
        const pts = sub.map(([x, y]) => apply(ctm, x, y));
        if (stroked) strokeSegments(pts, out);
        if (filled) fillSegment(pts, out);
      }
    }
  }
  return out;
}

function subpaths(data: ArrayLike<number>): [number, number][][] {
  const paths: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    if (op === 0) {
      if (cur.length) paths.push(cur);
      cur = [[data[i]!, data[i + 1]!]];
      i += 2;
    } else if (op === 1) {
      cur.push([data[i]!, data[i + 1]!]);
      i += 2;
    } else if (op === 2) {
      // a curve is never a rule; keep its end point so the path stays connected
      cur.push([NaN, NaN], [data[i + 4]!, data[i + 5]!]);
      i += 6;
    } else if (op === 3) {
      cur.push([NaN, NaN], [data[i + 2]!, data[i + 3]!]);
      i += 4;
    } else if (op === 4) {
      if (cur.length) cur.push(cur[0]!);
    } else break;
  }
  if (cur.length) paths.push(cur);
  return paths;
}

function strokeSegments(pts: [number, number][], out: Segment[]): void {
  for (let k = 1; k < pts.length; k++) {
    const [x0, y0] = pts[k - 1]!;
    const [x1, y1] = pts[k]!;
    if (![x0, y0, x1, y1].every(Number.isFinite)) continue;
    if (Math.abs(y1 - y0) <= SKEW && Math.abs(x1 - x0) >= MIN_LENGTH) out.push({ dir: 'h', at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else if (Math.abs(x1 - x0) <= SKEW && Math.abs(y1 - y0) >= MIN_LENGTH) out.push({ dir: 'v', at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  }
}

function fillSegment(pts: [number, number][], out: Segment[]): void {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of pts) {
    if (!Number.isFinite(x)) return;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= MAX_RULE && w >= MIN_LENGTH && w > h) out.push({ dir: 'h', at: (y0 + y1) / 2, from: x0, to: x1 });
  else if (w <= MAX_RULE && h >= MIN_LENGTH && h > w) out.push({ dir: 'v', at: (x0 + x1) / 2, from: y0, to: y1 });
}

// Amounts compared in cents. A source amount one layout leaves unplaced (flowed text drops empty cells,
// so `47.66 47.66` does not say the column) and the other places is not a change when some placement
// makes the two rows the same.
import { SOURCE_COLUMNS, type Funding, type SourceColumn } from '../model/index.js';
import type { AmountChange, FundingDiff } from './types.js';

const cents = (x: number | null): number | null => (x === null ? null : Math.round(x * 100));

type Row = readonly (number | null)[];

/** Every way to put a row's unplaced amounts into its empty columns (an empty column may stay empty). */
function completions(f: Funding): Row[] {
  const base: (number | null)[] = SOURCE_COLUMNS.map((c) => cents(f[c]));
  const rest = f.unplaced.map((x) => cents(x)!);
  const out: Row[] = [];
  const go = (k: number, row: (number | null)[]): void => {
    if (k === rest.length) {
      out.push([...row]);
      return;
    }
    for (let c = 0; c < row.length; c++) {
      if (row[c] !== null) continue;
      row[c] = rest[k]!;
      go(k + 1, row);
      row[c] = null;
    }
  };
  go(0, base);
  return out;
}

const rowKey = (r: Row): string => r.map((x) => (x === null ? '-' : String(x))).join('|');

function amountChange(field: AmountChange['field'], a: number | null, b: number | null): AmountChange {
  const ca = cents(a);
  const cb = cents(b);
  return { field, a, b, difference: ca === null || cb === null ? null : (cb - ca) / 100 };
}

export function diffFunding(a: Funding, b: Funding): FundingDiff {
  const amounts: AmountChange[] = [];
  if (cents(a.total) !== cents(b.total)) amounts.push(amountChange('total', a.total, b.total));
  const sameColumns = SOURCE_COLUMNS.every((c: SourceColumn) => cents(a[c]) === cents(b[c]));
  const sameUnplaced = rowKey([...a.unplaced.map(cents)].sort(byNumber)) === rowKey([...b.unplaced.map(cents)].sort(byNumber));
  let columnsReconciled = false;
  let unplaced: FundingDiff['unplaced'] = null;
  if (!(sameColumns && sameUnplaced)) {
    const fromA = new Set(completions(a).map(rowKey));
    columnsReconciled = (a.unplaced.length > 0 || b.unplaced.length > 0) && completions(b).some((r) => fromA.has(rowKey(r)));
    if (!columnsReconciled) {
      for (const c of SOURCE_COLUMNS) if (cents(a[c]) !== cents(b[c])) amounts.push(amountChange(c, a[c], b[c]));
      if (!sameUnplaced) unplaced = { a: a.unplaced, b: b.unplaced };
    }
  }
  return { changed: amounts.length > 0 || unplaced !== null, amounts, unplaced, columnsReconciled };
}

function byNumber(x: number | null, y: number | null): number {
  return (x ?? 0) - (y ?? 0);
}

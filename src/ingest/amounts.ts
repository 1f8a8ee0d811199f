// Amounts are handled as integer cents (分 of 万元 here): published figures have two decimals and
// reconciliation must not drift through floating point.
export type Cents = number;

/** A complete published amount: thousands commas optional, exactly two decimals. */
const COMPLETE = /^(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;
/** An amount cut short by a line break: `661.1` or `661.` waiting for its last digits. */
const PARTIAL = /^(?:\d{1,3}(?:,\d{3})+|\d+)\.\d?$/;

export function isAmountToken(s: string): boolean {
  return COMPLETE.test(s);
}
export function isPartialAmountToken(s: string): boolean {
  return PARTIAL.test(s);
}

export function toCents(s: string): Cents | null {
  const t = s.replace(/,/g, '').trim();
  if (!/^\d+(?:\.\d{0,2})?$/.test(t)) return null;
  const [int, frac = ''] = t.split('.');
  const cents = Number(int) * 100 + Number((frac + '00').slice(0, 2));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** A table cell (tabular layout): empty → null, unreadable → undefined. */
export function cellCents(cell: string): Cents | null | undefined {
  const t = cell.replace(/[\s\u3000]/g, '');
  if (t === '' || t === '-' || t === '—') return null;
  const c = toCents(t);
  return c === null ? undefined : c;
}

export function fromCents(c: Cents): number {
  return Math.round(c) / 100;
}

/** 12,721.29 — the way the tables print amounts, for messages. */
export function formatCents(c: Cents): string {
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(Math.round(c));
  const int = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${int}.${String(abs % 100).padStart(2, '0')}`;
}

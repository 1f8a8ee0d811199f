// 勾稽: every row's sources add up to its total; a unit equals the sum of its projects, column by
// column; 合计 equals the sum of the units. Published amounts are rounded to 0.01, so a difference of
// at most 0.01 per summed row is rounding (info); more is an error naming both figures.
import type { Diagnostic, Funding, TableDocument } from '../../model/index.js';
import { SOURCE_COLUMN_LABEL, SOURCE_COLUMNS } from '../../model/index.js';
import { formatCents, type Cents } from '../amounts.js';
import { diag } from '../diagnostics.js';

export interface Reconciled { readonly diagnostics: readonly Diagnostic[] }

const cents = (x: number | null): Cents => (x === null ? 0 : Math.round(x * 100));
const unit = (doc: TableDocument): string => doc.currencyUnit ?? '';

export function reconcile(doc: TableDocument): Reconciled {
  const out: Diagnostic[] = [];
  const cu = unit(doc);
  const checkRow = (f: Funding | null, label: string, path: string): void => {
    if (!f || f.printed.length === 0) return;
    const where = { line: f.line, path };
    const sources = cents(f.fiscal) + cents(f.specialAccount) + cents(f.other) + f.unplaced.reduce((s, x) => s + cents(x), 0);
    const hasSources = f.fiscal !== null || f.specialAccount !== null || f.other !== null || f.unplaced.length > 0;
    const total = cents(f.total);
    if (!hasSources) {
      if (total !== 0) out.push(diag('sources-mismatch', `${label}只印出总计 ${formatCents(total)}${cu}，没有资金来源金额。`, where));
      return;
    }
    const diff = total - sources;
    if (diff === 0) return;
    if (Math.abs(diff) <= 1) out.push(diag('sum-rounding', `${label}资金来源之和 ${formatCents(sources)} 与总计 ${formatCents(total)} 相差 0.01，视为四舍五入。`, where));
    else out.push(diag('sources-mismatch', `${label}资金来源之和 ${formatCents(sources)}${cu} 与总计 ${formatCents(total)}${cu} 不符，相差 ${formatCents(Math.abs(diff))}${cu}。`, where));
  };
  const checkSum = (parent: Funding, children: readonly Funding[], parentLabel: string, childLabel: string, path: string): void => {
    // a withheld (涉密) amount cannot be summed; its row's `classified` diagnostic says so
    if ([parent, ...children].some((f) => f.printed.some((p) => /涉密/.test(p)))) return;
    const where = { line: parent.line, path };
    const n = Math.max(1, children.length);
    const compare = (p: Cents, s: Cents, what: string): void => {
      const diff = p - s;
      if (diff === 0) return;
      if (Math.abs(diff) <= n) {
        out.push(diag('sum-rounding', `${parentLabel}${what} ${formatCents(p)} 与${childLabel}之和 ${formatCents(s)} 相差 ${formatCents(Math.abs(diff))}，在四舍五入范围内。`, where));
      } else {
        out.push(diag('sum-mismatch', `${parentLabel}${what} ${formatCents(p)}${cu}，${childLabel}之和 ${formatCents(s)}${cu}，相差 ${formatCents(Math.abs(diff))}${cu}（${diff > 0 ? `${parentLabel}多` : `${childLabel}之和多`} ${formatCents(Math.abs(diff))}）。`, where));
      }
    };
    compare(cents(parent.total), children.reduce((s, c) => s + cents(c.total), 0), '总计', );
    // a column can be checked only when no amount in the parent or the children is unplaced
    if (parent.unplaced.length > 0 || children.some((c) => c.unplaced.length > 0)) return;
    for (const col of SOURCE_COLUMNS) {
      compare(cents(parent[col]), children.reduce((s, c) => s + cents(c[col]), 0), SOURCE_COLUMN_LABEL[col]);
    }
  };

  if (doc.total) checkRow(doc.total, '合计行', 'total');
  doc.units.forEach((u, ui) => {
    const upath = `units[${ui}]`;
    checkRow(u.funding, `单位“${u.name}”`, upath);
    u.projects.forEach((p, pi) => checkRow(p.funding, `项目“${p.name}”`, `${upath}.projects[${pi}]`));
    if (u.funding && u.projects.length > 0) {
      checkSum(u.funding, u.projects.map((p) => p.funding), `单位“${u.name}”`, `其下 ${u.projects.length} 个项目`, upath);
    }
  });
  if (doc.total && doc.units.length > 0 && doc.units.every((u) => u.funding)) {
    checkSum(doc.total, doc.units.map((u) => u.funding!), '合计行', `${doc.units.length} 个单位`, 'total');
  }
  return { diagnostics: out };
}

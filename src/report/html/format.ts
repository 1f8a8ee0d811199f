// Labels and number formats shared by the parts of the HTML report.
import type { Category, Layout, Severity } from '../../model/index.js';
import type { Grade } from '../../review/index.js';

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };
/** one character, for the table's narrow 审核 column */
export const SEVERITY_SHORT: Readonly<Record<Severity, string>> = { error: '错', warning: '警', info: '提' };
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

export const LAYOUT_LABEL: Readonly<Record<Layout, string>> = {
  'tabular-text': '制表符分隔文本（tabular-text）',
  'flowed-text': 'PDF 提取文本（flowed-text）',
  pdf: 'PDF',
  xlsx: 'Excel 表格',
};

export const GRADE_CLASS: Readonly<Record<Grade, string>> = { 优: 'g-a', 良: 'g-b', 中: 'g-c', 差: 'g-d' };

/** 12,345.60 — the table's own notation */
export function money(x: number | null | undefined): string {
  if (x === null || x === undefined) return '';
  return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function score(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** 1-产出指标 as the table writes it; either half may be missing */
export function level(c: Category): string {
  if (c.code && c.name) return `${c.code}-${c.name}`;
  return c.code ?? c.name ?? '';
}

/** 12–14, 17 */
export function ranges(ns: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    out.push(j === i ? String(ns[i]) : j === i + 1 ? `${ns[i]}, ${ns[j]}` : `${ns[i]}–${ns[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** 2024-05-01 14:03（UTC+08:00）, in the local time of the machine that wrote the report */
export function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = `UTC${off >= 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}（${zone}）`;
}

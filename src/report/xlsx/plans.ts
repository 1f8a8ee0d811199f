// Plans (绩效目标申报) as the published table: fed through the same table writer and layouts as stored
// projects — one sheet per department and year, a 合计 row, a row per 资金使用单位 with its plans' sums,
// a project row (or indicator rows) per plan. Plain inputs: the plans are read by src/workflow/export.ts.
import type { Writable } from 'node:stream';
import type { PlanContent } from '../../workflow/content.js';
import { XlsxTableWriter, type TableWriteResult } from './table-writer.js';
import type { TableLayoutId, XlsxFunding, XlsxProject } from './types.js';

export interface XlsxPlan {
  readonly unit: string;
  readonly department: string | null;
  readonly year: number | null;
  readonly content: PlanContent;
}

export const planProject = (c: PlanContent): XlsxProject => ({
  name: c.name,
  funding: { total: c.funding.total, fiscal: c.funding.fiscal, specialAccount: c.funding.specialAccount, other: c.funding.other },
  goal: c.goal,
  indicators: c.indicators.map((i, k) => ({ seq: k + 1, level1: i.level1, level2: i.level2, name: i.name, period: i.period, annual: i.annual })),
  indicatorsText: c.indicatorsText ?? null,
});

/** Σ in cents, so the sums hold to the cent; a column no plan fills stays empty */
function sum(fs: readonly XlsxFunding[]): XlsxFunding {
  const add = (k: 'total' | 'fiscal' | 'specialAccount' | 'other'): number | null => {
    const xs = fs.map((f) => f[k]).filter((x): x is number => x !== null);
    return xs.length ? xs.reduce((a, x) => a + Math.round(x * 100), 0) / 100 : null;
  };
  return { total: add('total'), fiscal: add('fiscal'), specialAccount: add('specialAccount'), other: add('other') };
}

/**
 * Writes the plans as one workbook to `out` (ExcelJS ends it). `title` names a sheet of one plan (which
 * version it is); a set gets the table's usual title made from department and year, with `titleNote` after it.
 */
export async function writePlansXlsx(plans: readonly XlsxPlan[], layout: TableLayoutId, out: Writable, options: { title?: string; titleNote?: string } = {}): Promise<TableWriteResult> {
  const w = new XlsxTableWriter(out, layout);
  const key = (p: XlsxPlan) => `${p.year ?? ''}\u0000${p.department ?? ''}`;
  const sheets = new Map<string, XlsxPlan[]>();
  const sorted = [...plans].sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || (a.department ?? '').localeCompare(b.department ?? '') || a.unit.localeCompare(b.unit));
  for (const p of sorted) sheets.set(key(p), [...(sheets.get(key(p)) ?? []), p]);
  try {
    for (const list of sheets.values()) {
      const first = list[0]!;
      const byUnit = new Map<string, XlsxPlan[]>();
      for (const p of list) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
      const made = `${first.department ?? (byUnit.size === 1 ? first.unit : '')}${first.year !== null ? `${first.year}年` : ''}项目支出绩效目标申报表`;
      await w.sheet({
        title: options.title ?? `${made}${options.titleNote ?? ''}`, department: first.department, year: first.year,
        total: sum(list.map((p) => planProject(p.content).funding)),
        sheetName: `${byUnit.size === 1 ? first.unit : first.department ?? '申报'}${first.year ?? ''}`,
      });
      for (const [unit, own] of byUnit) {
        await w.unit({ name: unit, funding: sum(own.map((p) => planProject(p.content).funding)) });
        for (const p of own) await w.project(planProject(p.content));
      }
    }
  } catch (e) {
    out.destroy(e as Error);
    throw e;
  }
  return w.close();
}

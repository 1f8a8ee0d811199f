// A template's input from the store: a unit's published projects (its latest publication of the year) with
// their indicators and the ids a filled template is matched back by. Reports are stored later; for now a
// template is made from what was published.
import type { Store } from '../../store/index.js';
import { filteredProjects, parseFilters, QueryError, summaryColumns, type SummaryRow } from '../../store/queries.js';
import type { TemplateInput, XlsxIndicator } from './types.js';

/** a unit's projects are a few hundred at most; this bounds a request for one */
export const TEMPLATE_MAX_PROJECTS = 5000;

const cents = (c: number | null): number | null => (c === null ? null : Number(c) / 100);

/** `year`: a year, 'none' for the unit's tables that print none, or undefined for its latest year. */
export async function templateInput(store: Store, unit: string, year?: number | 'none'): Promise<TemplateInput> {
  const base = filteredProjects(store.db, parseFilters({ unit, ...(year !== undefined ? { year } : {}) }));
  // without a year, the unit's latest year
  const years = await base.select('u.year').distinct().execute();
  if (years.length === 0) throw new QueryError('not-found', `没有单位“${unit}”${year === 'none' ? '未注明年度' : year !== undefined ? `${year}年` : ''}的已公开项目`);
  const chosen = year === 'none' ? null : year ?? years.map((y) => y.year).reduce<number | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
  const q = chosen === null ? base.where('u.year', 'is', null) : base.where('u.year', '=', chosen);
  const rows = (await summaryColumns(q).select(['p.goal', 'p.indicators_text']).orderBy('p.id').limit(TEMPLATE_MAX_PROJECTS + 1).execute()) as (SummaryRow & { goal: string; indicators_text: string | null })[];
  if (rows.length > TEMPLATE_MAX_PROJECTS) throw new QueryError('invalid', `单位“${unit}”的项目超过 ${TEMPLATE_MAX_PROJECTS} 个，请按年度分别下载`);
  const byProject = new Map<number, XlsxIndicator[]>();
  const ids = rows.map((r) => Number(r.id));
  for (let k = 0; k < ids.length; k += 500) {
    const inds = await store.db.selectFrom('indicators')
      .select(['id', 'project_id', 'seq', 'level1_code', 'level1_name', 'level2_code', 'level2_name', 'name', 'period_raw', 'annual_raw'])
      .where('project_id', 'in', ids.slice(k, k + 500)).orderBy('project_id').orderBy('ordinal').execute();
    for (const i of inds) {
      const list = byProject.get(Number(i.project_id)) ?? [];
      list.push({ id: Number(i.id), seq: i.seq, level1: { code: i.level1_code, name: i.level1_name }, level2: { code: i.level2_code, name: i.level2_name }, name: i.name, period: i.period_raw, annual: i.annual_raw });
      byProject.set(Number(i.project_id), list);
    }
  }
  return {
    unit, department: rows[0]!.department, year: chosen,
    projects: rows.map((r) => ({
      id: Number(r.id), name: r.name, goal: r.goal, indicatorsText: r.indicators_text, indicators: byProject.get(Number(r.id)) ?? [],
      funding: { total: Number(r.total) / 100, fiscal: cents(r.fiscal), specialAccount: cents(r.special_account), other: cents(r.other) },
    })),
  };
}

export const templateFileName = (t: TemplateInput, kind: 'monitor' | 'evaluate'): string =>
  `${t.unit}${t.year !== null ? `${t.year}年` : ''}${kind === 'monitor' ? '绩效运行监控表' : '绩效自评表'}（填报模板）.xlsx`.replace(/[\\/:*?"<>|\r\n]/g, '_');

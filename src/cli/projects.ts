// `jixiao projects [filters]`: the project list query for terminal users — a table, or the page as JSON.
import type { Writable } from 'node:stream';
import { listProjects, type ProjectQuery } from '../store/index.js';
import { clipWidth, money, pad } from './render/text.js';
import { filtersFrom, withStore, type DbOption, type FilterOptions } from './store-options.js';

const SORT_LABEL: Readonly<Record<string, string>> = {
  document: '文档顺序', name: '项目名称', total: '总计', unit: '单位', year: '年度', score: '评分', indicators: '指标数', findings: '问题数',
};

export interface ProjectsOptions extends DbOption, FilterOptions {
  sort?: string; desc?: boolean; limit?: number; offset?: number; format: 'text' | 'json';
}

export async function projectsCommand(opts: ProjectsOptions, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    const query = {
      ...filtersFrom(opts),
      ...(opts.sort === undefined ? {} : { sort: opts.sort }),
      ...(opts.desc ? { order: 'desc' } : {}),
      ...(opts.limit === undefined ? {} : { limit: opts.limit }),
      ...(opts.offset === undefined ? {} : { offset: opts.offset }),
    } as ProjectQuery;
    const page = await listProjects(store, query);
    if (opts.format === 'json') {
      out.write(`${JSON.stringify(page, null, 2)}\n`);
      return 0;
    }
    const widths = [6, 40, 22, 4, 14, 5, 4, 4, 4];
    const right = new Set([0, 4, 5, 7, 8]);
    const row = (cells: string[]) => cells.map((c, i) => pad(i === 1 || i === 2 ? clipWidth(c, widths[i]!) : c, widths[i]!, right.has(i) ? 'right' : 'left')).join('  ').trimEnd();
    const lines = [row(['编号', '项目名称', '单位', '年度', '总计（万元）', '评分', '等级', '指标', '问题'])];
    for (const p of page.items) {
      const unit = p.unit.latest ? p.unit.name : `${p.unit.name}（第${p.unit.version}版）`;
      lines.push(row([String(p.id), p.name, unit, p.year === null ? '' : String(p.year), money(p.amounts.total), p.score === null ? '' : p.score.toFixed(1), p.grade ?? '', String(p.indicatorCount), String(p.findingCount)]));
    }
    const offset = opts.offset ?? 0;
    const sort = SORT_LABEL[opts.sort ?? 'document'] ?? opts.sort;
    lines.push(page.items.length
      ? `共 ${page.total} 个项目，显示第 ${offset + 1}–${offset + page.items.length} 个（按${sort}${opts.desc ? '降序' : '升序'}）。`
      : page.total ? `共 ${page.total} 个项目，第 ${offset + 1} 个之后没有了。` : '没有符合条件的项目。');
    out.write(`${lines.join('\n')}\n`);
    return 0;
  });
}

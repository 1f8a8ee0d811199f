// `jixiao summary --department NAME --year N [--format html|xlsx|forms] [-o FILE]`: one department's
// stored 绩效自评 of a year as the printable summary (HTML), its XLSX, or all its self-evaluation forms in
// one printable document — what GET /api/evaluations/summary/:id/{html,xlsx,forms} answer to finance.
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { listOrgs } from '../auth/index.js';
import { renderEvaluationHtml } from '../report/evaluation-html.js';
import { departmentForms, departmentSummary } from '../report/evaluation-summary.js';
import { renderEvaluationSummaryHtml } from '../report/evaluation-summary-html.js';
import { evaluationSummaryXlsx } from '../report/evaluation-summary-xlsx.js';
import { departmentEvaluations } from '../workflow/department-evaluations.js';
import { countIndicators, unscoredText } from '../score/index.js';
import { CLI_PRINCIPAL as CLI, withStore, type DbOption } from './store-options.js';

export type SummaryFormat = 'html' | 'xlsx' | 'forms';
export interface SummaryOptions extends DbOption {
  readonly department: string;
  readonly year: number;
  readonly format: SummaryFormat;
  readonly output?: string | undefined;
}


export async function summaryCommand(opts: SummaryOptions, out: Writable & { isTTY?: boolean }, err: Writable): Promise<number> {
  if (!Number.isInteger(opts.year) || opts.year < 1990 || opts.year > 2100) {
    err.write('jixiao: 年度（--year）应为 1990 到 2100 之间的整数\n');
    return 2;
  }
  if (opts.format === 'xlsx' && !opts.output && out.isTTY) {
    err.write('jixiao: XLSX 是二进制文件，请用 -o 文件名.xlsx 写入文件，或重定向到文件\n');
    return 2;
  }
  return withStore(opts, err, async (store) => {
    const name = opts.department.trim();
    const departments = (await listOrgs(store.db)).filter((o) => o.kind === 'department');
    const found = departments.filter((o) => o.name === name);
    if (found.length !== 1) {
      const near = departments.filter((o) => o.name.includes(name) || name.includes(o.name)).map((o) => o.name).slice(0, 5);
      err.write(`jixiao: ${found.length ? `有 ${found.length} 个名为“${name}”的部门` : `没有名为“${name}”的部门`}${near.length ? `（相近的：${near.join('、')}）` : ''}\n`);
      return 2;
    }
    const d = await departmentEvaluations(store, CLI, found[0]!.id, opts.year);
    const input = { department: d.department.name, year: d.year, demo: d.demo, projects: d.projects, notEvaluated: d.notEvaluated };
    const bytes = opts.format === 'xlsx' ? Buffer.from(await evaluationSummaryXlsx(departmentSummary(input)))
      : Buffer.from(opts.format === 'forms' ? renderEvaluationHtml(departmentForms(input)) : renderEvaluationSummaryHtml(departmentSummary(input)));
    if (opts.output) await writeFile(opts.output, bytes);
    else out.write(bytes);
    const missing = unscoredText(countIndicators(d.projects.map((p) => p.evaluation)));
    err.write(`jixiao: ${d.department.name} ${d.year} 年度：${d.projects.length} 份绩效自评${d.notEvaluated.length ? `，${d.notEvaluated.length} 个已批复的项目未自评` : ''}${missing ? `，指标 ${missing}` : ''}${opts.output ? `，已写入 ${opts.output}` : ''}\n`);
    return 0;
  });
}

// `jixiao plans [--year N] [--state S] [--source authored|publication] [--unit NAME] [--q TEXT]
// [--format text|json|xlsx]`: the plans (绩效目标申报) in the store, as 我的项目 lists them to finance —
// a table, the page as JSON, or the workbook GET /api/plans.xlsx answers (each plan in its working
// version, one sheet per department and year). Whoever runs the CLI holds the database, so every plan.
import type { Writable } from 'node:stream';
import { listOrgs } from '../auth/index.js';
import { writePlansXlsx } from '../report/xlsx/index.js';
import { EXPORT_MAX_PLANS, plansForExport } from '../workflow/export.js';
import { listPlans, type PlanListQuery } from '../workflow/read.js';
import { STATE_LABEL, STATES, type State } from '../workflow/states.js';
import { clipWidth, money, pad } from './render/text.js';
import { CLI_PRINCIPAL as CLI, withStore, type DbOption } from './store-options.js';
import { target, type Stdout } from './xlsx.js';


export interface PlansOptions extends DbOption {
  readonly year?: number | undefined;
  readonly state?: string | undefined;
  readonly source?: 'authored' | 'publication' | undefined;
  readonly unit?: string | undefined;
  readonly q?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  readonly format: 'text' | 'json' | 'xlsx';
  readonly layout?: 'table' | 'indicators' | undefined;
  readonly output?: string | undefined;
}

/** a state by its code (published) or its label (已公开) */
function stateOf(s: string): State | null {
  return STATES.find((x) => x === s || STATE_LABEL[x] === s) ?? null;
}

export async function plansCommand(opts: PlansOptions, out: Stdout, err: Writable): Promise<number> {
  if (opts.year !== undefined && (!Number.isInteger(opts.year) || opts.year < 1990 || opts.year > 2100)) {
    err.write('jixiao: 年度（--year）应为 1990 到 2100 之间的整数\n');
    return 2;
  }
  const state = opts.state === undefined ? undefined : stateOf(opts.state.trim());
  if (state === null) {
    err.write(`jixiao: 状态（--state）应为 ${STATES.map((s) => `${s}（${STATE_LABEL[s]}）`).join('、')} 之一\n`);
    return 2;
  }
  for (const [name, v, max] of [['--limit', opts.limit, EXPORT_MAX_PLANS], ['--offset', opts.offset, Number.MAX_SAFE_INTEGER]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < (name === '--limit' ? 1 : 0) || v > max)) {
      err.write(`jixiao: ${name} 应为${name === '--limit' ? ` 1 到 ${max} 之间的` : '不小于 0 的'}整数\n`);
      return 2;
    }
  }
  return withStore(opts, err, async (store) => {
    let unitOrgId: number | undefined;
    if (opts.unit !== undefined) {
      const name = opts.unit.trim();
      const units = (await listOrgs(store.db)).filter((o) => o.name === name);
      if (units.length === 0) {
        err.write(`jixiao: 没有名为“${name}”的单位\n`);
        return 2;
      }
      unitOrgId = units[0]!.id;
    }
    const query: PlanListQuery = { year: opts.year, state, source: opts.source, unitOrgId, q: opts.q?.trim() || undefined };
    if (opts.format === 'xlsx') {
      const plans = await plansForExport(store, CLI, query);
      const t = target(opts, out, err);
      if (!t) return 2;
      await writePlansXlsx(plans, opts.layout ?? 'table', t.stream, { titleNote: '（各申报的当前版本）' });
      await t.done;
      err.write(`jixiao: ${plans.length} 项申报${opts.output ? `，已写入 ${opts.output}` : ''}\n`);
      return 0;
    }
    const page = await listPlans(store, CLI, { ...query, limit: opts.limit ?? 50, offset: opts.offset ?? 0 });
    if (opts.format === 'json') {
      out.write(`${JSON.stringify(page, null, 2)}\n`);
      return 0;
    }
    const widths = [6, 36, 18, 4, 8, 14, 8, 6];
    const right = new Set([0, 5, 6, 7]);
    const row = (cells: string[]) => cells.map((c, i) => pad(i === 1 || i === 2 ? clipWidth(c, widths[i]!) : c, widths[i]!, right.has(i) ? 'right' : 'left')).join('  ').trimEnd();
    const lines = [row(['编号', '项目名称', '单位', '年度', '状态', '总计（万元）', '评分', '版本'])];
    for (const p of page.items) {
      const version = p.adjusting && p.approvedVersion !== null ? `${p.currentVersion}（${p.approvedVersion}生效）` : String(p.currentVersion);
      lines.push(row([String(p.id), p.name, p.unit, p.year === null ? '' : String(p.year), p.stateLabel, money(p.total),
        p.reviewScore === null ? '' : `${p.reviewScore.toFixed(1)}${p.reviewGrade ?? ''}`, version]));
    }
    const offset = opts.offset ?? 0;
    lines.push(page.items.length
      ? `共 ${page.total} 项申报，显示第 ${offset + 1}–${offset + page.items.length} 项。`
      : page.total ? `共 ${page.total} 项申报，第 ${offset + 1} 项之后没有了。` : '没有符合条件的申报。');
    const differ = page.items.filter((p) => p.publicDiffers === true);
    if (differ.length) lines.push(`其中 ${differ.length} 项的公开表与批复版本不一致（编号 ${differ.map((p) => p.id).join('、')}；差别见各计划页）。`);
    out.write(`${lines.join('\n')}\n`);
    return 0;
  });
}

// A department's 绩效自评 summary as a printable Chinese page (A4 landscape): 一、按单位汇总 — the
// department's total, then each unit with its projects, 自评等级 (优良中差), the latest 运行监控 light,
// the average score and the money — and 二、项目明细, every project with its score, grade, light and
// warnings. Standalone (inline style, no script); every value through the escaping `html` tag.
import { LIGHT_LABEL } from '../score/index.js';
import { GRADES, SUMMARY_LIGHTS, SUMMARY_LIGHT_LABEL, type DepartmentSummary, type SummaryRow } from './evaluation-summary.js';
import { lightBadge, money, num, page, rate } from './form-parts.js';
import { html, join, type Html } from './html/escape.js';
import { FORM_STYLE } from './score-style.js';

const STYLE = `${FORM_STYLE}
.summary th, .summary td { font-size: 9pt; padding: .8mm 1mm; }
.summary tr.total td { background: #fafafa; }
h2.part { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 11pt; margin: 3mm 0 1.5mm; }
.demo { color: #93370d; font-weight: 700; }
`;

function unitRow(r: SummaryRow, total: boolean): Html {
  return html`<tr${total ? html` class="total"` : ''}><td>${r.name}</td><td class="n">${r.projects}</td><td class="n">${r.scored}</td>${GRADES.map((g) => html`<td class="n">${r.byGrade[g]}</td>`)}<td class="n">${num(r.averageScore)}</td>${SUMMARY_LIGHTS.map((l) => html`<td class="n">${r.byLight[l]}</td>`)}<td class="n">${money(r.money.initial)}</td><td class="n">${money(r.money.annual)}</td><td class="n">${money(r.money.executed)}</td><td class="n">${rate(r.money.rate)}</td></tr>`;
}

export function renderEvaluationSummaryHtml(s: DepartmentSummary): string {
  const warnings = (w: DepartmentSummary['projects'][number]['evaluation']['warnings']) =>
    join(w.filter((x) => x.level !== 'info').map((x) => html`<span class="${x.level === 'red' ? 'warn-red' : 'warn-yellow'}">${x.level === 'red' ? '红色预警' : '黄色预警'}</span>`), '、');
  // 演示数据 beside real reports is marked on its row; a wholly generated summary says so once, above
  const mixed = s.demo && s.projects.some((p) => !p.demo);
  const body = html`<section class="page wide">
<h1>项目支出绩效自评汇总表</h1>
<p class="sub">（${s.year}年度）</p>
<div class="meta"><span>主管部门：${s.department}　项目 ${s.total.projects} 个，已得出总分 ${s.total.scored} 个${s.demo ? html`　<span class="demo">含演示数据</span>` : ''}</span><span>金额单位：${s.moneyUnit}</span></div>
<h2 class="part">一、按单位汇总</h2>
<table class="form summary">
<colgroup><col style="width:16%"><col style="width:4.5%"><col style="width:4.5%">${GRADES.map(() => html`<col style="width:3.6%">`)}<col style="width:5.5%">${SUMMARY_LIGHTS.map(() => html`<col style="width:3.8%">`)}<col style="width:10%"><col style="width:10%"><col style="width:10%"><col style="width:6.6%"></colgroup>
<thead>
<tr><th rowspan="2">单位</th><th rowspan="2">项目数</th><th rowspan="2">已评分</th><th colspan="4">自评等级</th><th rowspan="2">平均分</th><th colspan="5">运行监控亮灯（最近一期）</th><th rowspan="2">年初预算数</th><th rowspan="2">全年预算数</th><th rowspan="2">全年执行数</th><th rowspan="2">执行率</th></tr>
<tr>${GRADES.map((g) => html`<th>${g}</th>`)}${SUMMARY_LIGHTS.map((l) => html`<th>${l === 'none' ? '未亮' : LIGHT_LABEL[l].slice(0, 1)}</th>`)}</tr>
</thead>
${unitRow(s.total, true)}
${s.units.map((u) => unitRow(u, false))}
</table>
<h2 class="part">二、项目明细</h2>
<table class="form summary">
<colgroup><col style="width:4%"><col style="width:14%"><col style="width:24%"><col style="width:9.5%"><col style="width:9.5%"><col style="width:7%"><col style="width:5.5%"><col style="width:4.5%"><col style="width:10%"><col style="width:6%"><col style="width:6%"></colgroup>
<thead><tr><th>序号</th><th>单位</th><th>项目名称</th><th>全年预算数</th><th>全年执行数</th><th>执行率</th><th>总分</th><th>等级</th><th>运行监控</th><th>预警</th><th>状态</th></tr></thead>
${s.projects.length ? s.projects.map((p, i) => html`<tr><td class="c">${i + 1}</td><td>${p.unit}</td><td>${p.evaluation.project}${p.demo && mixed ? html` <span class="demo small">（演示）</span>` : ''}</td><td class="n">${money(p.evaluation.budget.annual)}</td><td class="n">${money(p.evaluation.budget.executed)}</td><td class="n">${rate(p.evaluation.budget.rate)}</td><td class="n">${num(p.evaluation.total)}</td><td class="c grade">${p.evaluation.grade ?? '待定'}</td><td class="small">${p.monitoring ? html`${lightBadge(p.monitoring.light)} ${p.monitoring.periodLabel.replace(/^\d+年/, '')}` : '未监控'}</td><td class="small">${warnings(p.evaluation.warnings)}</td><td class="c small">${p.stateLabel}</td></tr>`)
    : html`<tr><td colspan="11" class="c">本年度尚无绩效自评</td></tr>`}
</table>
<div class="notes"><h2>说明</h2><ul>
<li>自评等级按评分配置的分数线（默认 优 ≥ 90 分，良 ≥ 80 分，中 ≥ 60 分，其下为差）；平均分为已得出总分的项目的平均。</li>
<li>运行监控亮灯取各项目当年最近一期运行监控报告的项目亮灯（${join(SUMMARY_LIGHTS.filter((l) => l !== 'none').map((l) => SUMMARY_LIGHT_LABEL[l]), '、')}）；“未亮”为没有监控报告或无法判断。</li>
<li>执行率 = 全年执行数 ÷ 全年预算数。</li>
</ul></div>
<div class="sign"><span>主管部门（盖章）：</span><span>负责人：</span><span>填报人：</span><span>填报日期：</span></div>
</section>`;
  return page(`项目支出绩效自评汇总表 · ${s.department} · ${s.year}年度`, body, STYLE);
}

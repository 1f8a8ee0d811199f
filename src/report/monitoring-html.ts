// The 项目支出绩效运行监控表 as a printable Chinese page per project (A4 landscape): money per funding
// source (年初预算, 调整后预算, 累计支出, 执行率) with the budget light, each indicator with its current
// value, 完成可能性, 全年预计完成值, 偏差原因 and 纠偏措施, its light and the light's explanation, and the
// project's light. A department summary page first when there are several projects.
import type { Monitoring, ProjectMonitor } from '../score/index.js';
import { LIGHT_LABEL } from '../score/index.js';
import { categoryCell, categorySpans, lightBadge, money, num, page, rate } from './form-parts.js';
import { html, type Html } from './html/escape.js';
import { FORM_STYLE } from './score-style.js';

const reasons = (i: ProjectMonitor['indicators'][number]): string => [i.reasons.join('、'), i.reasonText].filter(Boolean).join('：');

function projectPage(p: ProjectMonitor, m: Monitoring): Html {
  const ind = p.indicators;
  const { level1: l1, level2: l2 } = categorySpans(ind);
  return html`<section class="page wide">
<h1>项目支出绩效运行监控表</h1>
<p class="sub">（${m.year}年1–${m.month}月）</p>
<div class="meta"><span>主管部门：${p.department ?? m.department ?? ''}　实施单位：${p.unit ?? ''}</span><span>项目绩效：${lightBadge(p.light)}　金额单位：${m.moneyUnit}</span></div>
<table class="form">
<colgroup><col style="width:12%"><col style="width:22%"><col style="width:12%"><col style="width:12%"><col style="width:12%"><col style="width:30%"></colgroup>
<tr><td class="label">项目名称</td><td colspan="5">${p.project}</td></tr>
<tr><th>资金来源</th><th>年初预算</th><th>调整后预算</th><th>累计支出</th><th>执行率</th><th>预算执行（序时进度 ${m.month}/12）</th></tr>
${p.funding.map((f) => html`<tr><td>${f.source}</td><td class="n">${money(f.initial)}</td><td class="n">${money(f.adjusted)}</td><td class="n">${money(f.spent)}</td><td class="n">${rate(f.rate)}</td><td></td></tr>`)}
<tr class="total"><td class="c">合计</td><td class="n">${money(p.money.initial)}</td><td class="n">${money(p.money.adjusted)}</td><td class="n">${money(p.money.spent)}</td><td class="n">${rate(p.money.rate)}</td><td class="small">${lightBadge(p.budgetLight.colour)} ${p.budgetLight.explanation}</td></tr>
</table>
<table class="form" style="margin-top:3mm">
<colgroup><col style="width:7%"><col style="width:10%"><col style="width:9.5%"><col style="width:8%"><col style="width:7.5%"><col style="width:7.5%"><col style="width:8%"><col style="width:10.5%"><col style="width:11%"><col style="width:21%"></colgroup>
<thead><tr><th colspan="10">绩效指标</th></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>当前完成值</th><th>完成可能性</th><th>全年预计<br>完成值</th><th>偏差原因</th><th>纠偏措施</th><th>监控结果</th></tr></thead>
<tbody>
${ind.map((i, k) => html`<tr>${l1[k] ? html`<td class="cat" rowspan="${l1[k]}">${categoryCell(i.level1)}</td>` : ''}${l2[k] ? html`<td class="cat" rowspan="${l2[k]}">${categoryCell(i.level2)}</td>` : ''}<td>${i.name}</td><td class="c">${i.target}</td><td class="c">${i.current}</td><td class="c">${i.likelihood}</td><td class="c">${i.forecast}</td><td class="small">${reasons(i)}</td><td class="small">${i.measures}</td><td class="small">${lightBadge(i.light.colour)}${i.light.percent === undefined ? '' : html` ${num(i.light.percent)}`}<br>${i.light.explanation}</td></tr>`)}
</tbody>
</table>
<div class="notes"><h2>项目监控结果：${p.light ? LIGHT_LABEL[p.light] : '无法判断'}</h2><p>${p.lightExplanation}</p></div>
<div class="sign"><span>填报人：</span><span>联系电话：</span><span>填报日期：</span></div>
</section>`;
}

function summaryPage(m: Monitoring): Html {
  const s = m.summary;
  return html`<section class="page wide">
<h1>项目支出绩效运行监控汇总表</h1>
<p class="sub">（${m.year}年1–${m.month}月${m.department ? html`　${m.department}` : ''}）</p>
<table class="form">
<tr><th>项目数</th><th>红灯</th><th>黄灯</th><th>蓝灯</th><th>绿灯</th><th>无法判断</th><th>年初预算</th><th>调整后预算</th><th>累计支出</th><th>执行率</th></tr>
<tr><td class="n">${s.projects}</td><td class="n">${s.byLight.red}</td><td class="n">${s.byLight.yellow}</td><td class="n">${s.byLight.blue}</td><td class="n">${s.byLight.green}</td><td class="n">${s.byLight.none}</td><td class="n">${money(s.money.initial)}</td><td class="n">${money(s.money.adjusted)}</td><td class="n">${money(s.money.spent)}</td><td class="n">${rate(s.money.rate)}</td></tr>
</table>
<table class="form" style="margin-top:4mm">
<colgroup><col style="width:5%"><col style="width:35%"><col style="width:12%"><col style="width:12%"><col style="width:9%"><col style="width:10%"><col style="width:17%"></colgroup>
<tr><th>序号</th><th>项目名称</th><th>调整后预算</th><th>累计支出</th><th>执行率</th><th>预算执行</th><th>项目监控结果</th></tr>
${m.projects.map((p, i) => html`<tr><td class="c">${i + 1}</td><td>${p.project}</td><td class="n">${money(p.money.adjusted)}</td><td class="n">${money(p.money.spent)}</td><td class="n">${rate(p.money.rate)}</td><td class="c">${lightBadge(p.budgetLight.colour)}</td><td class="c">${lightBadge(p.light)}</td></tr>`)}
</table>
</section>`;
}

export function renderMonitoringHtml(m: Monitoring): string {
  const body = html`${m.projects.length > 1 ? summaryPage(m) : ''}${m.projects.map((p) => projectPage(p, m))}`;
  return page(m.projects.length === 1 ? `项目支出绩效运行监控表 · ${m.projects[0]!.project}` : `项目支出绩效运行监控表 · ${m.year}年${m.month}月`, body, FORM_STYLE);
}

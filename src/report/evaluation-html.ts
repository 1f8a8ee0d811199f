// The 项目支出绩效自评表 as a printable Chinese page per project (A4), the layout the bureaus use: money
// (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分), goals (预期目标, 实际完成情况), indicators
// (一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施), the total and grade,
// then every score's explanation and the warnings. A department summary page comes first when there are
// several projects. Standalone: inline style, no script.
import { unscoredText, type Evaluation, type ProjectEvaluation } from '../score/index.js';
import { categoryCell, categorySpans, money, num, page, rate } from './form-parts.js';
import { html, join, raw, type Html } from './html/escape.js';
import { FORM_STYLE } from './score-style.js';

/** how many of a project's indicators have no score (its total is 待定 while any has none) */
const unscored = (p: ProjectEvaluation): number => p.indicators.filter((i) => i.result.score === null).length;

/**
 * The 自评表's nine columns on A4 portrait (188 mm inside the margins), sized so that no label breaks inside
 * itself: 年度总体目标 (the longest label, 10pt bold) 24 mm; 一级指标 19 mm for 满意度指标 and 二级指标 26.5 mm for
 * 服务对象满意度 (9pt, their code on the line above when needed); 年初预算数 / 全年预算数 / 全年执行数 and 年度指标值 /
 * 实际完成值 (5 characters at 9.5pt) at least 19.2 mm; 分值, 执行率 (100.00%, 17 mm) and 自评等级：良 in the last three.
 */
const PROJECT_COLUMNS = raw(`<colgroup>${[24, 19, 26.5, 22.5, 20.5, 20.5, 10.5, 17, 27.5].map((mm) => `<col style="width:${((mm / 188) * 100).toFixed(2)}%">`).join('')}</colgroup>`);

const WARNING_CLASS = { red: 'warn-red', yellow: 'warn-yellow', info: '' } as const;

function projectPage(p: ProjectEvaluation, e: Evaluation): Html {
  const ind = p.indicators;
  const { level1: l1, level2: l2 } = categorySpans(ind);
  const rowsN = ind.length + 1;
  const goals = p.goals.length ? p.goals : [{ expected: '', actual: '' }];
  return html`<section class="page">
<h1>项目支出绩效自评表</h1>
<p class="sub">（${e.year}年度）</p>
<div class="meta"><span>主管部门：${p.department ?? e.department ?? ''}</span><span>金额单位：${e.moneyUnit}</span></div>
<table class="form">
${PROJECT_COLUMNS}
<tr><td class="label">项目名称</td><td colspan="8">${p.project}</td></tr>
<tr><td class="label">主管部门</td><td colspan="3">${p.department ?? e.department ?? ''}</td><td class="label" colspan="2">实施单位</td><td colspan="3">${p.unit ?? ''}</td></tr>
<tr><td class="label" rowspan="2">项目资金</td><th colspan="2"></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th><th>执行率</th><th>得分</th></tr>
<tr><td colspan="2" class="c">年度资金总额</td><td class="n">${money(p.budget.initial)}</td><td class="n">${money(p.budget.annual)}</td><td class="n">${money(p.budget.executed)}</td><td class="n">${num(p.budget.points)}</td><td class="n">${rate(p.budget.rate)}</td><td class="n">${num(p.budget.score)}</td></tr>
<tr><td class="label" rowspan="${goals.length + 1}">年度总体目标</td><th colspan="4">预期目标</th><th colspan="4">实际完成情况</th></tr>
${goals.map((g) => html`<tr><td colspan="4">${g.expected}</td><td colspan="4">${g.actual}</td></tr>`)}
<tr><td class="label" rowspan="${rowsN + 1}">绩效指标</td><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>偏差原因分析<br>及改进措施</th></tr>
${ind.map((i, k) => html`<tr>${l1[k] ? html`<td class="cat" rowspan="${l1[k]}">${categoryCell(i.level1)}</td>` : ''}${l2[k] ? html`<td class="cat" rowspan="${l2[k]}">${categoryCell(i.level2)}</td>` : ''}<td>${i.name}</td><td class="c">${i.target}</td><td class="c">${i.actual}</td><td class="n">${num(i.weight)}</td><td class="n">${i.result.score === null ? html`<span class="err">待定</span>` : num(i.result.score)}</td><td class="small">${i.deviation}</td></tr>`)}
<tr class="total"><td colspan="5" class="c">总分</td><td class="n">100</td><td class="n">${p.total === null ? '待定' : num(p.total)}</td><td class="c nowrap">自评等级：<span class="grade">${p.grade ?? '待定'}</span></td></tr>
</table>
<div class="notes">
${p.errors.length ? html`<h2 class="err">无法计分</h2><ul>${p.errors.map((x) => html`<li class="err">${x}</li>`)}</ul>` : ''}
${p.warnings.length ? html`<h2>预警与提示</h2><ul>${p.warnings.map((w) => html`<li class="${WARNING_CLASS[w.level]}">${w.message}</li>`)}</ul>` : ''}
<h2>评分说明</h2>
<ol>
<li>${p.budget.explanation}</li>
${ind.map((i) => html`<li>${i.name}（分值 ${num(i.weight)}${i.weightSet === 'unit' ? '，单位设定' : ''}）：${i.result.explanation}${i.result.error && i.result.error !== i.result.explanation ? html` <span class="err">${i.result.error}</span>` : ''}</li>`)}
</ol>
<h2>分值设定</h2>
<ul>${p.categories.map((c) => html`<li>${c.name} ${num(c.points)} 分：${c.weighting}</li>`)}<li>预算执行率 ${num(p.budget.points)} 分。</li></ul>
</div>
<div class="sign"><span>填报人：</span><span>联系电话：</span><span>填报日期：</span></div>
</section>`;
}

function summaryPage(e: Evaluation): Html {
  const s = e.summary;
  return html`<section class="page">
<h1>项目支出绩效自评汇总表</h1>
<p class="sub">（${e.year}年度${e.department ? html`　${e.department}` : ''}）</p>
<div class="meta"><span>项目 ${s.projects} 个，已得出总分 ${s.scored} 个；指标 ${s.indicators.total} 项${s.indicators.scored < s.indicators.total ? html`，<span class="err">${unscoredText(s.indicators)}</span>，未得出总分的项目不计入等级与平均分` : '，均已评分'}</span><span>金额单位：${e.moneyUnit}</span></div>
<table class="form">
<colgroup><col style="width:8%"><col style="width:6%"><col style="width:6%"><col style="width:6%"><col style="width:6%"><col style="width:9%"><col style="width:15%"><col style="width:15%"><col style="width:15%"><col style="width:14%"></colgroup>
<tr><th>项目数</th><th>优</th><th>良</th><th>中</th><th>差</th><th>平均分</th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>执行率</th></tr>
<tr><td class="n">${s.projects}</td><td class="n">${s.byGrade['优']}</td><td class="n">${s.byGrade['良']}</td><td class="n">${s.byGrade['中']}</td><td class="n">${s.byGrade['差']}</td><td class="n">${num(s.averageScore)}</td><td class="n">${money(s.money.initial)}</td><td class="n">${money(s.money.annual)}</td><td class="n">${money(s.money.executed)}</td><td class="n">${rate(s.money.rate)}</td></tr>
</table>
<table class="form" style="margin-top:4mm">
<colgroup><col style="width:5%"><col style="width:29%"><col style="width:12%"><col style="width:12%"><col style="width:9%"><col style="width:7%"><col style="width:6%"><col style="width:7%"><col style="width:13%"></colgroup>
<tr><th>序号</th><th>项目名称</th><th>全年预算数</th><th>全年执行数</th><th>执行率</th><th>总分</th><th>等级</th><th>未评分<br>指标</th><th>预警</th></tr>
${e.projects.map((p, i) => html`<tr><td class="c">${i + 1}</td><td>${p.project}</td><td class="n">${money(p.budget.annual)}</td><td class="n">${money(p.budget.executed)}</td><td class="n">${rate(p.budget.rate)}</td><td class="n">${p.total === null ? html`<span class="err">待定</span>` : num(p.total)}</td><td class="c grade">${p.grade ?? '待定'}</td><td class="n${unscored(p) ? ' err' : ''}">${unscored(p)}</td><td class="small">${join(p.warnings.filter((w) => w.level !== 'info').map((w) => html`<span class="${WARNING_CLASS[w.level]}">${w.level === 'red' ? '红色预警' : '黄色预警'}</span>`), '、')}</td></tr>`)}
</table>
</section>`;
}

export function renderEvaluationHtml(e: Evaluation): string {
  const body = html`${e.projects.length > 1 ? summaryPage(e) : ''}${e.projects.map((p) => projectPage(p, e))}`;
  const title = e.projects.length === 1 ? `项目支出绩效自评表 · ${e.projects[0]!.project}` : `项目支出绩效自评表 · ${e.year}年度 · ${e.projects.length} 个项目`;
  return page(title, body, FORM_STYLE);
}

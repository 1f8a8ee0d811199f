// A department's 绩效自评 summary as a printable Chinese page (A4 landscape): 一、按单位汇总 — the
// department's total, then each unit with its projects, the indicators that could not be scored, 自评等级
// (优良中差), the latest 运行监控 light, the average score and the money — 二、项目明细, every project with
// its score, grade, unscored indicators, light and warnings — and, when any indicator could not be scored,
// a notice under the title and 三、未能评分的指标, each with its report and the rule's reason: a grade and an
// average are never shown as if they covered what they do not. Standalone (inline style, no script); every
// value through the escaping `html` tag.
import { LIGHT_LABEL, unscoredText } from '../score/index.js';
import { GRADES, SUMMARY_LIGHTS, SUMMARY_LIGHT_LABEL, type DepartmentSummary, type SummaryRow } from './evaluation-summary.js';
import { lightBadge, money, num, page, rate } from './form-parts.js';
import { html, join, type Html } from './html/escape.js';
import { FORM_STYLE } from './score-style.js';

const STYLE = `${FORM_STYLE}
.summary th, .summary td { font-size: 9pt; padding: .8mm 1mm; }
.summary tr.total td { background: #fafafa; }
h2.part { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 11pt; margin: 3mm 0 1.5mm; }
.demo { color: #93370d; font-weight: 700; }
.notice { border: .8pt solid #b42318; background: #fef3f2; color: #7a271a; padding: 1.5mm 2.5mm; margin: 0 0 2mm; font-size: 9.5pt; }
.notice b { color: #b42318; }
`;

const unscoredCount = (r: SummaryRow): number => r.indicators.total - r.indicators.scored;

function unitRow(r: SummaryRow, total: boolean): Html {
  const n = unscoredCount(r);
  return html`<tr${total ? html` class="total"` : ''}><td>${r.name}</td><td class="n">${r.projects}</td><td class="n">${r.scored}</td><td class="n${n ? ' err' : ''}">${n}</td>${GRADES.map((g) => html`<td class="n">${r.byGrade[g]}</td>`)}<td class="n">${num(r.averageScore)}</td>${SUMMARY_LIGHTS.map((l) => html`<td class="n">${r.byLight[l]}</td>`)}<td class="n">${money(r.money.initial)}</td><td class="n">${money(r.money.annual)}</td><td class="n">${money(r.money.executed)}</td><td class="n">${rate(r.money.rate)}</td></tr>`;
}

/** the unscored indicators of one report: how many, red when any */
function unscoredCell(e: DepartmentSummary['projects'][number]['evaluation']): Html {
  const n = e.indicators.filter((i) => i.result.score === null).length;
  return html`<td class="n${n ? ' err' : ''}">${n}</td>`;
}

/** said under the title when anything could not be scored: how many indicators, why, and what that leaves out */
function notice(s: DepartmentSummary): Html {
  const text = unscoredText(s.total.indicators);
  const open = s.total.projects - s.total.scored;
  if (!text && open === 0) return html``;
  return html`<p class="notice"><b>注意：</b>${text ? html`指标 ${s.total.indicators.total} 项中 <b>${text}</b>，` : ''}${open} 个项目${text ? '因此' : '因分值设定有误而'}未得出总分：这些项目不计入等级统计和平均分，平均分只反映已得出总分的 ${s.total.scored} 个项目。逐项原因见“三、未能评分的指标”。</p>`;
}

/** 三、未能评分的指标: every report without a total, each unscored indicator with the rule's reason */
function unscoredPart(s: DepartmentSummary): Html {
  if (s.unscored.length === 0) return html``;
  let n = 0;
  const rows = s.unscored.flatMap((r) => [
    ...r.indicators.map((i) => html`<tr><td class="c">${++n}</td><td>${r.unit}</td><td>${r.project}</td><td>${i.name}</td><td class="c">${i.target}</td><td class="c">${i.actual || '（未填）'}</td><td class="small">${i.message}</td></tr>`),
    ...r.errors.map((e) => html`<tr><td class="c">${++n}</td><td>${r.unit}</td><td>${r.project}</td><td class="c">（分值设定）</td><td></td><td></td><td class="small">${e}</td></tr>`),
  ]);
  return html`<h2 class="part">三、未能评分的指标（${s.unscored.length} 个项目）</h2>
<table class="form summary">
<colgroup><col style="width:4%"><col style="width:12%"><col style="width:18%"><col style="width:14%"><col style="width:10%"><col style="width:10%"><col style="width:32%"></colgroup>
<thead><tr><th>序号</th><th>单位</th><th>项目名称</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>未能评分的原因</th></tr></thead>
${rows}
</table>`;
}

/** the approved plans without a 自评: 绩效自评 is to cover every one */
function notEvaluatedPart(s: DepartmentSummary): Html {
  if (s.notEvaluated.length === 0) return html``;
  return html`<h2 class="part">${s.unscored.length ? '四' : '三'}、未开展自评的项目（${s.notEvaluated.length} 个）</h2>
<table class="form summary">
<colgroup><col style="width:6%"><col style="width:30%"><col style="width:64%"></colgroup>
<thead><tr><th>序号</th><th>单位</th><th>项目名称</th></tr></thead>
${s.notEvaluated.map((p, i) => html`<tr><td class="c">${i + 1}</td><td>${p.unit}</td><td>${p.project}</td></tr>`)}
</table>`;
}

export function renderEvaluationSummaryHtml(s: DepartmentSummary): string {
  const warnings = (w: DepartmentSummary['projects'][number]['evaluation']['warnings']) =>
    join(w.filter((x) => x.level !== 'info').map((x) => html`<span class="${x.level === 'red' ? 'warn-red' : 'warn-yellow'}">${x.level === 'red' ? '红色预警' : '黄色预警'}</span>`), '、');
  // 演示数据 beside real reports is marked on its row; a wholly generated summary says so once, above
  const mixed = s.demo && s.projects.some((p) => !p.demo);
  const body = html`<section class="page wide">
<h1>项目支出绩效自评汇总表</h1>
<p class="sub">（${s.year}年度）</p>
<div class="meta"><span>主管部门：${s.department}　${s.notEvaluated.length ? html`应评项目 ${s.total.projects + s.notEvaluated.length} 个，已自评 ${s.total.projects} 个（<b class="err">未自评 ${s.notEvaluated.length} 个</b>），` : html`项目 ${s.total.projects} 个，`}已得出总分 ${s.total.scored} 个；指标 ${s.total.indicators.total} 项，已评分 ${s.total.indicators.scored} 项${s.demo ? html`　<span class="demo">含演示数据</span>` : ''}</span><span>金额单位：${s.moneyUnit}</span></div>
${notice(s)}
<h2 class="part">一、按单位汇总</h2>
<table class="form summary">
<colgroup><col style="width:13%"><col style="width:4.5%"><col style="width:4.5%"><col style="width:5.5%">${GRADES.map(() => html`<col style="width:3.5%">`)}<col style="width:5.5%">${SUMMARY_LIGHTS.map(() => html`<col style="width:3.6%">`)}<col style="width:9.5%"><col style="width:9.5%"><col style="width:9.5%"><col style="width:6.5%"></colgroup>
<thead>
<tr><th rowspan="2">单位</th><th rowspan="2">项目数</th><th rowspan="2">已评分</th><th rowspan="2">未评分<br>指标</th><th colspan="4">自评等级</th><th rowspan="2">平均分</th><th colspan="5">运行监控亮灯（最近一期）</th><th rowspan="2">年初预算数</th><th rowspan="2">全年预算数</th><th rowspan="2">全年执行数</th><th rowspan="2">执行率</th></tr>
<tr>${GRADES.map((g) => html`<th>${g}</th>`)}${SUMMARY_LIGHTS.map((l) => html`<th>${l === 'none' ? '未亮' : LIGHT_LABEL[l].slice(0, 1)}</th>`)}</tr>
</thead>
${unitRow(s.total, true)}
${s.units.map((u) => unitRow(u, false))}
</table>
<h2 class="part">二、项目明细</h2>
<table class="form summary">
<colgroup><col style="width:4%"><col style="width:12.5%"><col style="width:21%"><col style="width:9%"><col style="width:9%"><col style="width:7%"><col style="width:5.5%"><col style="width:4.5%"><col style="width:5.5%"><col style="width:10%"><col style="width:6%"><col style="width:6%"></colgroup>
<thead><tr><th>序号</th><th>单位</th><th>项目名称</th><th>全年预算数</th><th>全年执行数</th><th>执行率</th><th>总分</th><th>等级</th><th>未评分<br>指标</th><th>运行监控</th><th>预警</th><th>状态</th></tr></thead>
${s.projects.length ? s.projects.map((p, i) => html`<tr><td class="c">${i + 1}</td><td>${p.unit}</td><td>${p.evaluation.project}${p.demo && mixed ? html` <span class="demo small">（演示）</span>` : ''}</td><td class="n">${money(p.evaluation.budget.annual)}</td><td class="n">${money(p.evaluation.budget.executed)}</td><td class="n">${rate(p.evaluation.budget.rate)}</td><td class="n">${p.evaluation.total === null ? html`<span class="err">待定</span>` : num(p.evaluation.total)}</td><td class="c grade">${p.evaluation.grade ?? '待定'}</td>${unscoredCell(p.evaluation)}<td class="small">${p.monitoring ? html`${lightBadge(p.monitoring.light)} ${p.monitoring.periodLabel.replace(/^\d+年/, '')}` : '未监控'}</td><td class="small">${warnings(p.evaluation.warnings)}</td><td class="c small">${p.stateLabel}</td></tr>`)
    : html`<tr><td colspan="12" class="c">本年度尚无绩效自评</td></tr>`}
</table>
${unscoredPart(s)}
${notEvaluatedPart(s)}
<div class="notes"><h2>说明</h2><ul>
<li>应评项目为本年度已批复（含已公开、调整中）的项目；绩效自评应覆盖全部应评项目${s.notEvaluated.length ? '，尚未开展自评的逐项列于“未开展自评的项目”' : ''}。</li>
<li>自评等级按评分配置的分数线（默认 优 ≥ 90 分，良 ≥ 80 分，中 ≥ 60 分，其下为差）；平均分为已得出总分的项目的平均。</li>
<li>项目的每项指标都得分后才有总分和等级；尚有指标未能评分的项目总分“待定”，不计入等级统计和平均分${s.unscored.length ? '，未能评分的指标及原因逐项列于“三、未能评分的指标”' : ''}。</li>
<li>运行监控亮灯取各项目当年最近一期运行监控报告的项目亮灯（${join(SUMMARY_LIGHTS.filter((l) => l !== 'none').map((l) => SUMMARY_LIGHT_LABEL[l]), '、')}）；“未亮”为没有监控报告或无法判断。</li>
<li>执行率 = 全年执行数 ÷ 全年预算数。</li>
</ul></div>
<div class="sign"><span>主管部门（盖章）：</span><span>负责人：</span><span>填报人：</span><span>填报日期：</span></div>
</section>`;
  return page(`项目支出绩效自评汇总表 · ${s.department} · ${s.year}年度`, body, STYLE);
}

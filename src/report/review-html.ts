// `check --format html`: one self-contained report (inline style, no script, no network) a reviewer can
// open from disk, act on and print. Per document: what the table is with its score and grade and the
// findings counted by severity and category; the rules that fired; the table as published, row by row
// with ids from the document paths; the findings grouped by project, each linking to its row and each
// row back to its findings. All text from the documents goes through `html`, which escapes it.
import type { TableDocument } from '../model/index.js';
import { DEFAULT_SCORING, DIMENSION_LABEL, DIMENSION_QUESTION, DIMENSIONS, GATE_CAP, type FindingOrder, type ReviewResult } from '../review/index.js';
import { html, join, raw, type Html } from './html/escape.js';
import { findingsParts } from './html/findings.js';
import { GRADE_CLASS, score, timestamp } from './html/format.js';
import { renderHeader } from './html/header.js';
import { renderRules } from './html/rules.js';
import { STYLE } from './html/style.js';
import { tableParts } from './html/table.js';
import { viewOf, type DocView } from './html/view.js';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface ReportOptions {
  /** the time printed as the generation time; now by default */
  readonly now?: Date;
  /** which list of findings comes first: errors first (default) or by project in document order; the report has both */
  readonly order?: FindingOrder;
}

/** How the score is made, with the weights the results were scored with. */
function scoringNote(sc: ReviewResult['scoring']): Html {
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return html`<p>得分按财预〔2015〕88号规定的四个审核方面计算，满分 100 分：${join(DIMENSIONS.map((d) => html`${DIMENSION_LABEL[d]} ${sc.weights[d]} 分（${DIMENSION_QUESTION[d]}）`), '；')}。每条审核规则注明它涉及的方面；一条意见在它涉及的每个方面扣去该方面分值的一定比例：错误 ${pct(sc.deductions.error)}，警告 ${pct(sc.deductions.warning)}，提示 ${pct(sc.deductions.info)}；同一规则在同一项目、同一方面最多计 ${sc.maxPerRule} 次，各方面最低 0 分。项目得分是四个方面之和。</p>
  <p>门槛：无法监控的项目——没有结构化指标（指标全部以文字书写或没有指标）、有指标既无实施周期指标值也无年度指标值、没有产出指标或没有效益指标——无论其他方面如何，得分不超过 ${GATE_CAP}（等级至多为“中”），报告中注明原因。</p>
  <p>单位得分是其下各项目得分按项目总计金额加权的平均值，再减去针对单位行本身的意见（如单位金额与项目之和不符）；全表得分是各单位得分按单位总计金额加权的平均值，再减去针对合计行的意见。各方面得分同样加权平均；因门槛只限制总分，单位和全表各方面之和可能高于总分。得分保留一位小数。</p>
`;
}

/** The whole report as one string (small documents, tests). */
export function renderReportHtml(docs: readonly TableDocument[], results: readonly ReviewResult[], options: ReportOptions = {}): string {
  return [...reportParts(docs, results, options)].join('');
}

/**
 * The report in pieces, in order, each at most a project's rows or a group of findings: written to a
 * stream as they come, a report of a 10 MB table never exists as one 50 MB string.
 */
export function* reportParts(docs: readonly TableDocument[], results: readonly ReviewResult[], options: ReportOptions = {}): Generator<string> {
  const n = Math.min(docs.length, results.length);
  const views: DocView[] = [];
  for (let i = 0; i < n; i++) views.push(viewOf(docs[i]!, results[i]!, i));
  const generated = timestamp(options.now ?? new Date());
  const title = views.length === 1 ? `审核报告 · ${views[0]!.doc.department ?? views[0]!.doc.source.file}` : `审核报告 · ${views.length} 份绩效目标表`;

  function* doc(v: DocView): Generator<string> {
    yield html`<article class="doc" id="${v.prefix}-doc">
<nav class="doc-nav" aria-label="本表导航">
  <span class="nav-file" title="${v.doc.source.file}">${v.doc.department ?? v.doc.source.file}</span>
  <span class="pill ${GRADE_CLASS[v.result.grade]}">${score(v.result.score)}<small>${v.result.grade}</small></span>
  <span class="nav-links"><a href="#${v.prefix}">概况</a><a href="#${v.prefix}-rules">规则汇总</a><a href="#${v.prefix}-table">绩效目标表</a><a href="#${v.prefix}-findings">审核意见（${v.result.findings.length}）</a>${v.result.findings.length ? html`<a href="#${v.prefix}-by-severity">按严重程度</a>` : ''}${views.length > 1 ? html`<a href="#contents">全部文件</a>` : ''}</span>
</nav>
${renderHeader(v, views.length)}
${renderRules(v)}
`.value;
    yield* tableParts(v);
    yield '\n';
    yield* findingsParts(v, options.order ?? 'severity');
    yield '\n</article>';
  }

  const contents = views.length > 1
    ? html`<section class="contents" id="contents"><h2>本报告包含 ${views.length} 份绩效目标表</h2><div class="scroll-x"><table class="grid"><thead><tr><th scope="col">#</th><th scope="col">部门</th><th scope="col">源文件</th><th scope="col" class="num">项目</th><th scope="col" class="num">错误</th><th scope="col" class="num">警告</th><th scope="col" class="num">提示</th><th scope="col">得分</th></tr></thead><tbody>${views.map((v) => {
        const c = (s: string) => v.result.findings.filter((f) => f.severity === s).length;
        return html`<tr><td>${v.index + 1}</td><td><a href="#${v.prefix}">${v.doc.department ?? v.doc.title ?? v.doc.source.file}</a></td><td class="mono">${v.doc.source.file}</td><td class="num">${v.doc.units.reduce((s, u) => s + u.projects.length, 0)}</td><td class="num">${c('error')}</td><td class="num">${c('warning')}</td><td class="num">${c('info')}</td><td><span class="pill ${GRADE_CLASS[v.result.grade]}">${score(v.result.score)}<small>${v.result.grade}</small></span></td></tr>`;
      })}</tbody></table></div></section>`
    : '';

  yield html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
${raw(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao check --format html">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header class="report-bar"><div class="in"><span class="brand">项目支出绩效目标审核报告</span><span class="meta-line">${views.length} 份表 · 生成于 ${generated}</span></div></header>
<main>
${contents}
`.value;
  if (!views.length) yield html`<p class="empty">没有可审核的文件。</p>`.value;
  for (const [k, v] of views.entries()) {
    if (k > 0) yield '\n';
    yield* doc(v);
  }
  yield html`
</main>
<footer class="report-foot">
  <h2>得分怎样计算</h2>
  ${scoringNote(results[0]?.scoring ?? DEFAULT_SCORING)}
  <p>等级与绩效自评一致：优 ≥ 90，良 ≥ 80，中 ≥ 60，差 &lt; 60。审核意见是对表中文字的机器检查，供审核人复核，不代替审核人的判断。</p>
  <p>生成时间：${generated}；由 jixiao check 生成，本文件不含脚本、不访问网络，可离线打开和打印。</p>
</footer>
</body>
</html>
`.value;
}

// A document's head: what the table is, its score and grade, and how many findings of each severity
// and category; the projects that scored lowest.
import { CATEGORY_LABEL, DIMENSION_QUESTION, GATE_CAP, type CategoryId } from '../../review/index.js';
import { pageRanges as pageList } from '../../ingest/index.js';
import { html, type Html } from './escape.js';
import { GRADE_CLASS, LAYOUT_LABEL, SEVERITIES, SEVERITY_LABEL, score } from './format.js';
import type { DocView } from './view.js';

export function renderHeader(v: DocView, of: number): Html {
  const { doc, result: r, prefix } = v;
  const projects = doc.units.reduce((s, u) => s + u.projects.length, 0);
  const indicators = doc.units.reduce((s, u) => s + u.projects.reduce((t, p) => t + p.indicators.length, 0), 0);
  const bySeverity = (s: string) => r.findings.filter((f) => f.severity === s).length;
  const byCategory = (c: CategoryId) => r.findings.filter((f) => f.category === c).length;
  const categories = Object.keys(CATEGORY_LABEL) as CategoryId[];
  const most = Math.max(1, ...categories.map(byCategory));

  const none = html`<span class="muted">表中未注明</span>`;
  const meta: [string, string | Html][] = [
    ['部门', doc.department ?? none],
    ['年度', doc.year === null ? none : `${doc.year} 年`],
    ['源文件', html`<span class="mono">${doc.source.file}</span>`],
    ['版式', LAYOUT_LABEL[doc.source.layout] ?? doc.source.layout],
    ['规模', `${doc.units.length} 个单位，${projects} 个项目，${indicators} 项指标${doc.orphans.length ? `；${doc.orphans.length} 处内容不属于任何项目` : ''}`],
    ['金额单位', doc.currencyUnit ?? none],
    ['原文', doc.source.layout === 'pdf' ? `PDF 共 ${doc.source.pages ?? 0} 页${doc.source.pagesRead?.length ? `，读取第 ${pageList(doc.source.pagesRead)} 页` : ''}` : `${doc.source.lines} 行，${doc.source.encoding.toUpperCase()} 编码`],
    ['SHA-256', html`<span class="mono" title="${doc.source.sha256}">${doc.source.sha256.slice(0, 16)}…</span>`],
  ];

  const lowest = r.units
    .flatMap((u, ui) => u.projects.map((p, pi) => ({ p, ui, pi, unit: u.name })))
    .filter((x) => x.p.score < 100)
    .sort((a, b) => a.p.score - b.p.score || a.ui - b.ui || a.pi - b.pi)
    .slice(0, 5);
  const groupId = (ui: number, pi: number) => v.groups.find((g) => g.unit === ui && g.project === pi)?.id ?? v.rowId(`units[${ui}].projects[${pi}]`);

  return html`<header class="doc-head" id="${prefix}">
  <div class="doc-id">
    <p class="eyebrow">审核对象${of > 1 ? ` · 第 ${v.index + 1} 份，共 ${of} 份` : ''}</p>
    <h1>${doc.title ?? '（表中无标题）'}</h1>
    <dl class="meta">${meta.map(([k, val]) => html`<div><dt>${k}</dt><dd>${val}</dd></div>`)}</dl>
  </div>
  <div class="scorecard ${GRADE_CLASS[r.grade]}" role="group" aria-label="审核得分">
    <div class="sc-label">审核得分</div>
    <div class="sc-main"><span class="sc-score">${score(r.score)}</span><span class="sc-max">/ 100</span></div>
    <div class="sc-grade">等级 <b>${r.grade}</b></div>
    <div class="sc-note">优≥90 · 良≥80 · 中≥60 · 差&lt;60</div>
    <table class="sc-dims" aria-label="各审核方面得分"><tbody>${r.dimensions.map((d) => html`<tr title="${DIMENSION_QUESTION[d.id]}"><th scope="row">${d.label}</th><td class="num">${score(d.score)}</td><td class="num">/ ${d.max}</td></tr>`)}</tbody></table>
    ${r.gated ? html`<div class="sc-gate">门槛：其中 ${r.gated} 个项目无法监控，这些项目各自的得分不超过 ${GATE_CAP}（中）</div>` : ''}
  </div>
</header>
<section class="overview" aria-label="审核意见统计">
  <div class="sev-counts">
    <div class="sev-total"><span class="n">${r.findings.length}</span><span class="l">条审核意见</span></div>
    ${SEVERITIES.map((s) => html`<div class="sev-box sev-${s}${bySeverity(s) ? '' : ' zero'}"><span class="n">${bySeverity(s)}</span><span class="l">${SEVERITY_LABEL[s]}</span></div>`)}
  </div>
  <div class="cat-counts">
    <h3>按类别</h3>
    <table class="bars"><tbody>${categories.map((c) => {
      const n = byCategory(c);
      return html`<tr class="${n ? '' : 'zero'}"><th scope="row">${CATEGORY_LABEL[c]}</th><td class="num">${n}</td><td class="bar"><span style="width:${Math.round((n / most) * 100)}%"></span></td></tr>`;
    })}</tbody></table>
  </div>
  <div class="lowest">
    <h3>得分最低的项目</h3>
    ${lowest.length
      ? html`<ol>${lowest.map((x) => html`<li><a href="#${groupId(x.ui, x.pi)}"><span class="pill ${GRADE_CLASS[x.p.grade]}">${score(x.p.score)} ${x.p.grade}</span><span class="pname">${x.p.name}</span>${x.p.gate.length ? html`<span class="gate">门槛</span>` : ''}</a></li>`)}</ol>`
      : html`<p class="muted">所有项目均为满分。</p>`}
  </div>
</section>`;
}

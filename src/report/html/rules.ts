// The rules that fired, in the order a reviewer reads a table, each linking to its first finding.
import type { Severity } from '../../model/index.js';
import { CATEGORY_LABEL, RULES, type CategoryId } from '../../review/index.js';
import { html, type Html } from './escape.js';
import { SEVERITIES, SEVERITY_LABEL } from './format.js';
import type { DocView } from './view.js';

export function renderRules(v: DocView): Html {
  const { result: r, prefix } = v;
  const known = new Map(RULES.map((rule) => [rule.id, rule]));
  const fired = [...new Set([...RULES.map((x) => x.id), ...r.findings.map((f) => f.rule)])].filter((id) => r.findings.some((f) => f.rule === id));
  const body = fired.map((id) => {
    const rule = known.get(id);
    const mine = r.findings.filter((f) => f.rule === id);
    const severities = SEVERITIES.filter((s) => mine.some((f) => f.severity === s));
    const first = v.firstOfRule.get(id);
    const category = (rule?.category ?? mine[0]?.category) as CategoryId | undefined;
    return html`<tr>
  <td class="mono rule-id">${id}</td>
  <td><div class="rule-title">${rule?.title ?? id}</div>${rule ? html`<div class="rule-why">${rule.why}</div>` : ''}</td>
  <td class="nowrap">${category ? CATEGORY_LABEL[category] : ''}</td>
  <td class="nowrap">${severities.map((s: Severity) => html`<span class="badge sev-${s}">${SEVERITY_LABEL[s]}</span>`)}</td>
  <td class="num">${mine.length}</td>
  <td class="nowrap">${first === undefined ? '' : html`<a href="#${v.findingId(first)}">第 ${v.number[first]} 条</a>`}</td>
</tr>`;
  });
  return html`<section class="sec" id="${prefix}-rules">
  <h2>触发的审核规则 <span class="h-sub">${fired.length} 条规则，${r.findings.length} 条意见</span></h2>
  ${fired.length
    ? html`<div class="scroll-x"><table class="grid rules">
    <colgroup><col class="c-rid"><col><col class="c-cat"><col class="c-sev"><col class="c-n"><col class="c-first"></colgroup>
    <thead><tr><th scope="col">规则</th><th scope="col">审核内容</th><th scope="col">类别</th><th scope="col">严重程度</th><th scope="col" class="num">条数</th><th scope="col">首条意见</th></tr></thead>
    <tbody>${body}</tbody>
  </table></div>`
    : html`<p class="empty">没有触发任何审核规则。</p>`}
</section>`;
}

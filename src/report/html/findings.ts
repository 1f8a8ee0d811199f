// The findings, grouped by project in document order, numbered, each linking to the row it concerns; and
// the same findings errors first (then warnings, info; within a severity in document order), each linking
// to its entry. Both lists are always there (the report has no script to switch); `order` puts one first.
import { CATEGORY_LABEL, orderFindings, RULES, type FindingOrder, type ProjectScore } from '../../review/index.js';
import { html, type Html } from './escape.js';
import { GRADE_CLASS, SEVERITY_LABEL, money, score } from './format.js';
import type { DocView, Group } from './view.js';

/** The findings sections in pieces (a group or a few hundred index rows at a time): never one string for a large table. */
export function* findingsParts(v: DocView, order: FindingOrder): Generator<string> {
  const { doc, result: r, prefix } = v;
  const title = new Map(RULES.map((x) => [x.id, x.title]));

  /** what the link to the table says, so it reads on paper too */
  const where = (target: string): string => {
    const rest = target.slice(prefix.length + 1);
    if (rest === 'table') return '全表';
    if (rest === 'total') return '合计行';
    let m = /^units-(\d+)-projects-(\d+)-indicators-(\d+)$/.exec(rest);
    const i = m ? doc.units[Number(m[1])]?.projects[Number(m[2])]?.indicators[Number(m[3])] : (m = /^orphans-(\d+)-indicators-(\d+)$/.exec(rest)) ? doc.orphans[Number(m[1])]?.indicators[Number(m[2])] : undefined;
    if (i) return `第 ${i.seq ?? '?'} 项指标“${i.name}”`;
    if (/^units-\d+-projects-\d+$/.test(rest)) return '项目行';
    if (/^orphans-\d+$/.test(rest)) return '游离内容';
    if (/^units-\d+$/.test(rest)) return '单位行';
    return '表中';
  };

  const heading = (g: Group): Html => {
    if (g.unit === null) {
      return html`<h3><span class="g-kind">全表</span>${doc.total ? html` <a class="to-row" href="#${v.rowId('total')}">合计行</a>` : ''}</h3>`;
    }
    const u = doc.units[g.unit]!;
    if (g.project === null) {
      const s = v.unitScore(g.unit);
      return html`<h3><span class="g-kind">资金使用单位</span><span class="g-name">${u.name}</span>${s ? html`<span class="pill ${GRADE_CLASS[s.grade]}">${score(s.score)}<small>${s.grade}</small></span>` : ''}<a class="to-row" href="#${v.rowId(`units[${g.unit}]`)}">表中的单位行</a></h3>`;
    }
    const p = u.projects[g.project]!;
    const s = v.projectScore(g.unit, g.project);
    return html`<h3>${doc.units.length > 1 ? html`<span class="g-unit">${u.name}</span>` : ''}<span class="g-name">${p.name}</span><span class="g-amt">总计 ${money(p.funding.total)}${doc.currencyUnit ?? ''}</span>${s ? html`<span class="pill ${GRADE_CLASS[s.grade]}">${score(s.score)}<small>${s.grade}</small></span>` : ''}<a class="to-row" href="#${v.rowId(`units[${g.unit}].projects[${g.project}]`)}">表中的项目行</a></h3>${s ? projectScoreLine(s) : ''}`;
  };

  const item = (i: number): Html => {
    const f = r.findings[i]!;
    const target = v.target[i]!;
    return html`<li class="finding sev-${f.severity}" id="${v.findingId(i)}">
  <div class="f-head">
    <span class="f-no">${v.number[i]}</span>
    <span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span>
    <span class="f-rule"><span class="mono">${f.rule}</span> ${title.get(f.rule) ?? ''}</span>
    <span class="f-cat">${CATEGORY_LABEL[f.category] ?? f.category}</span>
    <span class="f-loc"><a href="#${target}">→ ${where(target)}</a>${f.line !== undefined ? html`<span class="ln">原文第 ${f.line} 行</span>` : ''}</span>
  </div>
  <p class="f-msg">${f.message}</p>
  ${f.suggestion ? html`<p class="f-sug"><span class="kind">建议</span>${f.suggestion}</p>` : ''}
</li>`;
  };

  function* byProject(): Generator<string> {
    yield html`<section class="sec sec-findings" id="${prefix}-findings">
  <h2>审核意见 <span class="h-sub">${r.findings.length} 条，按项目排列${r.findings.length ? html` · <a href="#${prefix}-by-severity">按严重程度排列</a>` : ''}</span></h2>
  `.value;
    if (!v.groups.length) yield html`<p class="empty">本表没有审核意见。</p>`.value;
    for (const g of v.groups) yield html`<section class="group" id="${g.id}">${heading(g)}<ol class="findings">${g.findings.map(item)}</ol></section>`.value;
    yield '\n</section>';
  }
  if (!r.findings.length) {
    yield* byProject();
    return;
  }
  // indices in severity order: the stable sort keeps document order within a severity
  const indices = orderFindings(r.findings.map((f, i) => ({ severity: f.severity, i })), 'severity').map((x) => x.i);
  const place = (i: number): string => {
    const f = r.findings[i]!;
    return f.project ? `${doc.units.length > 1 ? `${f.unit ?? ''} · ` : ''}${f.project}` : f.unit ?? '全表';
  };
  function* bySeverity(): Generator<string> {
    yield html`<section class="sec sec-by-severity" id="${prefix}-by-severity">
  <h2>审核意见 <span class="h-sub">按严重程度：错误在前，其次警告、提示，同级按表中顺序 · <a href="#${prefix}-findings">按项目排列</a></span></h2>
  <div class="scroll-x"><table class="grid sev-index"><thead><tr><th scope="col">序号</th><th scope="col">级别</th><th scope="col">项目</th><th scope="col">问题</th></tr></thead><tbody>`.value;
    for (let k = 0; k < indices.length; k += 500) {
      yield indices.slice(k, k + 500).map((i) => {
        const f = r.findings[i]!;
        return html`<tr class="sev-${f.severity}"><td><a href="#${v.findingId(i)}">${v.number[i]}</a></td><td><span class="badge sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</span></td><td>${place(i)}</td><td><span class="f-rule">${title.get(f.rule) ?? f.rule}</span>：${f.message}</td></tr>`.value;
      }).join('');
    }
    yield '</tbody></table></div>\n</section>';
  }
  if (order === 'severity') {
    yield* bySeverity();
    yield '\n';
    yield* byProject();
  } else {
    yield* byProject();
    yield '\n';
    yield* bySeverity();
  }
}

/** a project's score by dimension, and the gate's reasons when it applied */
function projectScoreLine(s: ProjectScore): Html {
  return html`<p class="g-dims">${s.dimensions.map((d) => html`<span class="dim">${d.label} <b>${score(d.score)}</b>/${d.max}</span>`)}${s.gate.length ? html`<span class="gate">门槛：${s.gate.map((g) => g.message).join('；')}，得分不超过“中”</span>` : ''}</p>`;
}

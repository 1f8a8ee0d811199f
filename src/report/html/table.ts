// The table as the published table shows it: 合计, each 资金使用单位 and its projects with their amounts
// by column, each project's goal and its indicators in the three-level structure. Every row has an id
// from its document path, and a row that findings point at carries a marker linking to them.
import type { Funding, Indicator, Target } from '../../model/index.js';
import { SOURCE_COLUMN_LABEL, SOURCE_COLUMNS } from '../../model/index.js';
import type { ProjectScore } from '../../review/index.js';
import { html, type Html } from './escape.js';
import { GRADE_CLASS, SEVERITY_LABEL, SEVERITY_SHORT, level, money, ranges, score } from './format.js';
import { worst, type DocView } from './view.js';

/** The table section in pieces, a project's rows at a time, so that a large table is never one string. */
export function* tableParts(v: DocView): Generator<string> {
  const { doc, prefix } = v;
  const amountCols = 4 + (v.hasUnplaced ? 1 : 0);
  /** the columns left of the indicator columns: the name and the amounts */
  const left = 1 + amountCols;

  /** the empty name and amount cells under a project; the name cell apart, as it sticks on a narrow screen */
  const pad = html`<td class="pad pad-name"></td><td class="pad" colspan="${amountCols}"></td>`;

  const marker = (id: string): Html => {
    const list = v.byRow.get(id);
    if (!list?.length) return html`<td class="mk-cell"></td>`;
    const findings = list.map((i) => v.result.findings[i]!);
    const s = worst(findings);
    const numbers = list.map((i) => v.number[i]!).sort((a, b) => a - b);
    const counts = (['error', 'warning', 'info'] as const).map((x) => [x, findings.filter((f) => f.severity === x).length] as const).filter(([, n]) => n > 0);
    const title = `${list.length} 条审核意见（${counts.map(([x, n]) => `${SEVERITY_LABEL[x]} ${n}`).join('，')}），见第 ${ranges(numbers)} 条`;
    return html`<td class="mk-cell"><a class="mk sev-${s}" href="#${v.findingId(list[0]!)}" title="${title}"><span class="mk-s">${SEVERITY_SHORT[s]}</span>${ranges(numbers)}</a></td>`;
  };

  const amounts = (f: Funding | null, missing: string): Html => {
    if (!f) return html`<td class="num missing" colspan="${amountCols}">${missing}</td>`;
    return html`<td class="num total-col">${money(f.total)}</td>${SOURCE_COLUMNS.map((c) => html`<td class="num">${money(f[c])}</td>`)}${
      v.hasUnplaced ? html`<td class="num unplaced">${f.unplaced.map((x) => html`<span>${money(x)}</span>`)}</td>` : ''
    }`;
  };

  const scoreCell = (s: ProjectScore | { score: number; grade: ProjectScore['grade'] } | undefined): Html =>
    s ? html`<td class="score-cell"><span class="pill ${GRADE_CLASS[s.grade]}">${score(s.score)}<small>${s.grade}</small></span></td>` : html`<td class="score-cell"></td>`;

  const target = (t: Target): Html => (t.raw.trim() === '' ? html`<span class="muted">（空）</span>` : html`${t.raw}`);

  const indicatorRow = (i: Indicator, path: string): Html => {
    const id = v.rowId(path);
    return html`<tr id="${id}" class="r-ind">
  ${pad}
  <td class="seq">${i.seq ?? ''}</td>
  <td class="lvl">${level(i.level1)}</td>
  <td class="lvl">${level(i.level2)}</td>
  <td class="iname">${i.name || html`<span class="muted">（无名称）</span>`}</td>
  <td class="tv">${target(i.period)}</td>
  <td class="tv">${target(i.annual)}</td>
  <td class="score-cell"></td>
  ${marker(id)}
</tr>`;
  };

  // the amount columns as wide as the longest amount in this table, so the text columns get the rest
  const longest = Math.max(8, ...[doc.total, ...doc.units.map((u) => u.funding), ...doc.units.flatMap((u) => u.projects.map((p) => p.funding))].flatMap((f) => (f ? [f.total, f.fiscal, f.specialAccount, f.other, ...f.unplaced] : [])).map((x) => money(x).length));
  const amtCol = html`<col class="c-amt" style="width:${(longest * 0.56 + 1.05).toFixed(2)}em">`;

  const lineNo = (n: number | undefined): Html => (n === undefined ? html`` : html`<span class="ln">第 ${n} 行</span>`);

  const rows: Html[] = [];
  /** the rows gathered so far, as one piece */
  const flush = (): string => {
    const out = rows.map((r) => r.value).join('');
    rows.length = 0;
    return out;
  };
  const findingsElsewhere = v.byRow.get(`${prefix}-table`);
  yield html`<section class="sec sec-table" id="${prefix}-table">
  <h2>绩效目标表 <span class="h-sub">按原表顺序${doc.currencyUnit ? `；金额单位：${doc.currencyUnit}` : ''}</span></h2>
  ${findingsElsewhere?.length ? html`<p class="note">另有 ${findingsElsewhere.length} 条意见针对全表：<a href="#${v.findingId(findingsElsewhere[0]!)}">第 ${ranges(findingsElsewhere.map((i) => v.number[i]!))} 条</a>。</p>` : ''}
  <div class="tbl-wrap" tabindex="0" role="region" aria-label="绩效目标表">
  <table class="grid main${v.hasUnplaced ? ' with-unplaced' : ''}">
    <colgroup><col class="c-name">${amtCol}${amtCol}${amtCol}${amtCol}${v.hasUnplaced ? amtCol : ''}<col class="c-seq"><col class="c-l1"><col class="c-l2"><col class="c-iname"><col class="c-tv"><col class="c-tv"><col class="c-score"><col class="c-mk"></colgroup>
    <thead><tr>
      <th scope="col">资金使用单位 / 项目名称</th><th scope="col" class="num">总计</th>${SOURCE_COLUMNS.map((c) => html`<th scope="col" class="num">${c === 'specialAccount' ? html`财政专户<wbr>拨款` : SOURCE_COLUMN_LABEL[c]}</th>`)}${v.hasUnplaced ? html`<th scope="col" class="num">未归列</th>` : ''}
      <th scope="col">序号</th><th scope="col">一级指标</th><th scope="col">二级指标</th><th scope="col">三级指标</th><th scope="col">实施周期<wbr>指标值</th><th scope="col">年度<wbr>指标值</th><th scope="col">得分</th><th scope="col">审核</th>
    </tr></thead>
    <tbody>`.value;
  if (doc.total) {
    const id = v.rowId('total');
    rows.push(html`<tr id="${id}" class="r-total">
  <th scope="row" class="name">合计${lineNo(doc.total.line)}</th>
  ${amounts(doc.total, '')}
  <td class="span-ind" colspan="6"></td>
  ${scoreCell(v.result)}
  ${marker(id)}
</tr>`);
  }
  for (const [ui, u] of doc.units.entries()) {
    const upath = `units[${ui}]`;
    const uid = v.rowId(upath);
    const inferred = doc.diagnostics.some((d) => d.code === 'unit-inferred' && d.path === upath);
    const nInd = u.projects.reduce((s, p) => s + p.indicators.length, 0);
    rows.push(html`<tr id="${uid}" class="r-unit">
  <th scope="row" class="name"><span class="kind">资金使用单位</span>${u.name}${lineNo(u.line)}</th>
  ${amounts(u.funding, inferred ? '表中无单位行（单位名称取自表头）' : '表中无金额')}
  <td class="span-ind" colspan="6">${u.projects.length} 个项目，${nInd} 项指标</td>
  ${scoreCell(v.unitScore(ui))}
  ${marker(uid)}
</tr>`);
    for (const [pi, p] of u.projects.entries()) {
      const ppath = `${upath}.projects[${pi}]`;
      const pid = v.rowId(ppath);
      rows.push(html`<tr id="${pid}" class="r-proj">
  <th scope="row" class="name">${p.name || html`<span class="muted">（无项目名称）</span>`}${lineNo(p.line)}</th>
  ${amounts(p.funding, '')}
  <td class="goal" colspan="6"><span class="kind">绩效目标</span>${p.goal.trim() ? p.goal : html`<span class="muted">（未填写）</span>`}</td>
  ${scoreCell(v.projectScore(ui, pi))}
  ${marker(pid)}
</tr>`);
      p.indicators.forEach((i, k) => rows.push(indicatorRow(i, `${ppath}.indicators[${k}]`)));
      if (p.indicatorsText) {
        rows.push(html`<tr class="r-prose">${pad}<td colspan="6"><span class="kind">未按格式书写的指标（原文）</span>${p.indicatorsText}</td><td class="score-cell"></td><td class="mk-cell"></td></tr>`);
      }
      if (p.indicators.length === 0 && !p.indicatorsText) {
        rows.push(html`<tr class="r-prose">${pad}<td colspan="6" class="muted">（未填写绩效指标）</td><td class="score-cell"></td><td class="mk-cell"></td></tr>`);
      }
      yield flush();
    }
  }
  if (doc.orphans.length) {
    rows.push(html`<tr class="r-section"><th scope="rowgroup" colspan="${left + 8}">不属于任何项目的内容 <span class="h-sub">（原表中位于项目之外，未并入相邻项目）</span></th></tr>`);
    doc.orphans.forEach((o, oi) => {
      const opath = `orphans[${oi}]`;
      const oid = v.rowId(opath);
      rows.push(html`<tr id="${oid}" class="r-proj r-orphan">
  <th scope="row" class="name">游离内容 ${oi + 1}${lineNo(o.line)}</th>
  <td class="num missing" colspan="${amountCols}"></td>
  <td class="goal" colspan="6">${o.text.trim() ? o.text : html`<span class="muted">（无文字）</span>`}</td>
  <td class="score-cell"></td>
  ${marker(oid)}
</tr>`);
      o.indicators.forEach((i, k) => rows.push(indicatorRow(i, `${opath}.indicators[${k}]`)));
    });
  }

  yield flush();
  yield html`</tbody>
  </table>
  </div>
  <p class="legend">${v.hasUnplaced ? html`<b>未归列</b>：原表此行只印出来源金额、没有印出空白的列，按表内各行之和也无法确定该金额属于财政拨款、财政专户拨款还是其他资金，故单列显示，不作推测。` : ''}
  <b>审核</b>列：该行最严重的意见（错＝错误，警＝警告，提＝提示）及意见编号，点击可跳到意见。<b>得分</b>：项目、单位、全表的审核得分及等级。</p>
</section>`.value;
}

// `--format table`: what a clerk checks first — units, projects, amounts by column, indicator counts,
// and the diagnostics with their line numbers.
import type { Diagnostic, Funding, TableDocument } from '../../model/index.js';
import { clipWidth, money, pad } from './text.js';

const SEVERITY: Record<Diagnostic['severity'], string> = { error: '错误', warning: '警告', info: '提示' };
const SHOWN_PER_CODE = 5;

/** A text row's line, a PDF row's page, or a workbook row's cell. */
const at = (x: { line?: number; box?: { page: number }; cell?: string } | null): string => (x?.line !== undefined ? String(x.line) : x?.box ? `p${x.box.page}` : x?.cell ?? '');
const atLong = (d: Diagnostic): string => (d.line ? `第${d.line}行` : d.box ? `第${d.box.page}页` : d.cell ? `单元格 ${d.cell}` : '');

function amounts(f: Funding | null): string[] {
  if (!f) return ['', '', '', '', ''];
  return [money(f.total), money(f.fiscal), money(f.specialAccount), money(f.other), f.unplaced.map((x) => money(x)).join(' ')];
}

export function renderTable(doc: TableDocument): string {
  const out: string[] = [];
  const s = doc.source;
  out.push(`${s.file}  ${s.layout}  ${doc.title ?? '（无标题）'}`);
  out.push(`部门/单位：${doc.department ?? '—'}   年度：${doc.year ?? '—'}   金额单位：${doc.currencyUnit ?? '—'}`);
  const widths = [5, 44, 12, 12, 12, 12, 22, 4];
  const row = (cells: string[]): string => cells.map((c, i) => pad(i === 1 ? clipWidth(c, widths[i]!) : c, widths[i]!, i >= 2 && i <= 5 ? 'right' : 'left')).join(' ').trimEnd();
  out.push(row([doc.source.layout === 'pdf' ? '页' : doc.source.layout === 'xlsx' ? '单元格' : '行', '名称', '总计', '财政拨款', '财政专户拨款', '其他资金', '未归列', '指标']));
  if (doc.total) out.push(row([at(doc.total), '合计', ...amounts(doc.total), '']));
  let projects = 0;
  let indicators = 0;
  for (const u of doc.units) {
    out.push(row([at(u), `【${u.name}】`, ...amounts(u.funding), '']));
    for (const p of u.projects) {
      projects++;
      indicators += p.indicators.length;
      out.push(row([at(p), `  ${p.name}`, ...amounts(p.funding), p.indicatorsText ? `${p.indicators.length}+文` : String(p.indicators.length)]));
    }
  }
  for (const o of doc.orphans) out.push(row([at(o), `（无所属项目）${o.text}`, '', '', '', '', '', String(o.indicators.length)]));
  out.push(`共 ${doc.units.length} 个单位，${projects} 个项目，${indicators} 项指标${doc.orphans.length ? `，${doc.orphans.length} 段无所属内容` : ''}。`);

  const count = (sev: Diagnostic['severity']) => doc.diagnostics.filter((d) => d.severity === sev).length;
  out.push(`诊断：错误 ${count('error')}，警告 ${count('warning')}，提示 ${count('info')}`);
  const order: Diagnostic['severity'][] = ['error', 'warning', 'info'];
  const sorted = [...doc.diagnostics].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity) || (a.line ?? 0) - (b.line ?? 0) || (a.box?.page ?? 0) - (b.box?.page ?? 0));
  const seen = new Map<string, number>();
  for (const d of sorted) {
    const n = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, n);
    if (n <= SHOWN_PER_CODE) out.push(`  ${pad(atLong(d), 9)} ${SEVERITY[d.severity]} ${d.code}  ${d.message}`);
  }
  for (const [code, n] of seen) if (n > SHOWN_PER_CODE) out.push(`  …… ${code} 另有 ${n - SHOWN_PER_CODE} 条（--format json 可见全部）`);
  return `${out.join('\n')}\n`;
}

// `check --format text`: the score by dimension, the findings — errors first (then warnings, info; within
// a severity in document order) or grouped by project in document order — coloured by severity on a
// terminal; then the counts per rule and the scores, with the gate's reasons where it applied.
import type { Severity } from '../../model/index.js';
import { CATEGORY_LABEL, GATE_CAP, orderFindings, RULES, type FindingOrder, type ReviewResult, type Scored } from '../../review/index.js';
import { pad } from './text.js';

const LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const COLOUR: Record<Severity, string> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' };

/** 完整性 27.6/30 · 相关性 29.7/30 · … */
export const dimensionLine = (s: Scored): string => s.dimensions.map((d) => `${d.label} ${d.score}/${d.max}`).join(' · ');

export function renderFindings(r: ReviewResult, colour: boolean, order: FindingOrder = 'severity'): string {
  const paint = (s: Severity, text: string) => (colour ? `${COLOUR[s]}${text}\u001b[0m` : text);
  const o: string[] = [];
  o.push(`${r.file}  审核得分 ${r.score}（${r.grade}）  ${dimensionLine(r)}`);
  if (r.gated) o.push(`门槛：其中 ${r.gated} 个项目无法监控，这些项目各自的得分不超过 ${GATE_CAP}（中），原因见下方得分`);
  const where = (f: ReviewResult['findings'][number]) => (f.project ? `【${f.unit ?? ''}】${f.project}` : f.unit ? `【${f.unit}】` : '【全表】');
  const line = (f: ReviewResult['findings'][number]) => {
    o.push(`  ${pad(f.line ? `第${f.line}行` : '', 9)} ${paint(f.severity, LABEL[f.severity])} ${f.rule}  ${f.message}`);
    o.push(`  ${' '.repeat(9)}      → ${f.suggestion}`);
  };
  let group = '';
  for (const f of orderFindings(r.findings, order)) {
    // by severity: a heading per severity and the project on each finding; by document: a heading per project
    const g = order === 'severity' ? LABEL[f.severity] : where(f);
    if (g !== group) { o.push('', order === 'severity' ? paint(f.severity, `${g}（${r.findings.filter((x) => x.severity === f.severity).length} 条）`) : g); group = g; }
    if (order === 'severity') o.push(`  ${where(f)}`);
    line(f);
  }
  const bySeverity = (s: Severity) => r.findings.filter((f) => f.severity === s).length;
  o.push('', `共 ${r.findings.length} 条：错误 ${bySeverity('error')}，警告 ${bySeverity('warning')}，提示 ${bySeverity('info')}`);
  for (const rule of RULES) {
    const n = r.counts[rule.id] ?? 0;
    if (n) o.push(`  ${pad(CATEGORY_LABEL[rule.category], 8)} ${pad(rule.id, 22)} ${pad(String(n), 4, 'right')}  ${rule.title}`);
  }
  o.push('', '得分（0–100）');
  for (const u of r.units) {
    o.push(`  ${u.name}  ${u.score}（${u.grade}）  ${dimensionLine(u)}`);
    const worst = [...u.projects].sort((a, b) => a.score - b.score).slice(0, 5).filter((p) => p.score < 100);
    for (const p of worst) o.push(`    ${pad(String(p.score), 5, 'right')}（${p.grade}）${p.name}${p.gate.length ? `  门槛：${p.gate.map((g) => g.message).join('；')}` : ''}`);
    const gatedElsewhere = u.projects.filter((p) => p.gate.length && !worst.includes(p));
    for (const p of gatedElsewhere) o.push(`    ${pad(String(p.score), 5, 'right')}（${p.grade}）${p.name}  门槛：${p.gate.map((g) => g.message).join('；')}`);
  }
  return `${o.join('\n')}\n`;
}

// `check --format text`: findings grouped by project, in document order, coloured by severity on a
// terminal; then the counts per rule and the scores.
import type { Severity } from '../../model/index.js';
import { CATEGORY_LABEL, RULES, type ReviewResult } from '../../review/index.js';
import { pad } from './text.js';

const LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const COLOUR: Record<Severity, string> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' };

export function renderFindings(r: ReviewResult, colour: boolean): string {
  const paint = (s: Severity, text: string) => (colour ? `${COLOUR[s]}${text}\u001b[0m` : text);
  const o: string[] = [];
  o.push(`${r.file}  审核得分 ${r.score}（${r.grade}）`);
  let group = '';
  for (const f of r.findings) {
    const g = f.project ? `【${f.unit ?? ''}】${f.project}` : f.unit ? `【${f.unit}】` : '【全表】';
    if (g !== group) { o.push('', g); group = g; }
    o.push(`  ${pad(f.line ? `第${f.line}行` : '', 9)} ${paint(f.severity, LABEL[f.severity])} ${f.rule}  ${f.message}`);
    o.push(`  ${' '.repeat(9)}      → ${f.suggestion}`);
  }
  const bySeverity = (s: Severity) => r.findings.filter((f) => f.severity === s).length;
  o.push('', `共 ${r.findings.length} 条：错误 ${bySeverity('error')}，警告 ${bySeverity('warning')}，提示 ${bySeverity('info')}`);
  for (const rule of RULES) {
    const n = r.counts[rule.id] ?? 0;
    if (n) o.push(`  ${pad(CATEGORY_LABEL[rule.category], 8)} ${pad(rule.id, 22)} ${pad(String(n), 4, 'right')}  ${rule.title}`);
  }
  o.push('', '得分（0–100）');
  for (const u of r.units) {
    o.push(`  ${u.name}  ${u.score}（${u.grade}）`);
    const worst = [...u.projects].sort((a, b) => a.score - b.score).slice(0, 5).filter((p) => p.score < 100);
    for (const p of worst) o.push(`    ${pad(String(p.score), 5, 'right')}（${p.grade}）${p.name}`);
  }
  return `${o.join('\n')}\n`;
}

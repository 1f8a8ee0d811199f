// jixiao check as a pipeline gate.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = (...args: string[]) => spawnSync(join(root, 'bin', 'jixiao'), args, { encoding: 'utf8', cwd: root });
const s003 = join(root, 'samples', '003_7b33df3d06e95335.txt');
const s004 = join(root, 'samples', '004_08daa9245e557faf.txt');

describe('jixiao check', { timeout: 120_000 }, () => {
  it('exits 1 when an error-level finding exists and lists it by project and line', () => {
    const r = run('check', s003);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/第8行\s+错误 arithmetic-unit/);
    expect(r.stdout).toContain('【广州科技贸易职业学院】市教育局广州科技贸易职业学院番禺校区扩建项目结算款');
  });

  it('a text in which no project can be placed is not reviewed as an empty table scoring 100: exit 1, the reason on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const prose = join(dir, 'notes.txt');
    writeFileSync(prose, 'hello world\n这不是表格\n');
    const r = run('check', prose);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('审核得分');
    expect(r.stderr).toContain('无法识别为项目支出绩效目标表');
  });

  it('exits 0 when there are only warnings and prompts', () => {
    expect(run('check', s004).status).toBe(0);
  });

  it('a config can switch a rule off and lower a severity, turning the gate green', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const cfg = join(dir, 'rules.yaml');
    writeFileSync(cfg, 'rules:\n  arithmetic-unit: warning\n  dimension-coverage: "off"\n');
    const r = run('check', s003, '--config', cfg, '--format', 'json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings.find((f: { rule: string }) => f.rule === 'arithmetic-unit').severity).toBe('warning');
    expect(out.counts['dimension-coverage']).toBe(0);
  });

  it('an unusable config is exit 2 with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const cfg = join(dir, 'rules.json');
    writeFileSync(cfg, '{"rules": {"no-such-rule": "off"}}');
    const r = run('check', s004, '--config', cfg);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('不存在的规则：no-such-rule');
  });

  it('json carries findings, counts per rule, scores and the rule list', () => {
    const out = JSON.parse(run('check', s004, '--format', 'json').stdout);
    expect(out.file).toBe('004_08daa9245e557faf.txt');
    expect(out.rules.length).toBeGreaterThan(20);
    expect(out.units[0].projects).toHaveLength(10);
    expect(typeof out.score).toBe('number');
  });

  const s002 = join(root, 'samples', '002_02da4d888feccc7a.txt');
  const RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };

  it('lists errors first by default and in document order with --order document, the same findings either way', () => {
    const sev = JSON.parse(run('check', s002, '--format', 'json').stdout);
    const doc = JSON.parse(run('check', s002, '--format', 'json', '--order', 'document').stdout);
    expect([sev.order, doc.order]).toEqual(['severity', 'document']);
    const ranks = sev.findings.map((f: { severity: string }) => RANK[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(ranks[0]).toBe(3);
    // within a severity, document order: the severity list is the document list stably sorted
    const stable = [...doc.findings].sort((a: { severity: string }, b: { severity: string }) => RANK[b.severity]! - RANK[a.severity]!);
    expect(sev.findings).toEqual(stable);
    expect(doc.findings).not.toEqual(sev.findings);
    const text = run('check', s002).stdout;
    expect(text.indexOf('错误（')).toBeLessThan(text.indexOf('警告（'));
    expect(text.indexOf('警告（')).toBeLessThan(text.indexOf('提示（'));
  });

  it('a bad --order is refused in Chinese', () => {
    const r = run('check', s004, '--order', 'random');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('random');
  });

  it('shows the score by dimension and, for a project that cannot be monitored, the gate and why', () => {
    const out = JSON.parse(run('check', s002, '--format', 'json').stdout);
    expect(out.dimensions.map((d: { label: string; max: number }) => [d.label, d.max])).toEqual([['完整性', 30], ['相关性', 30], ['适当性', 20], ['可行性', 20]]);
    // the 仲裁院 project whose indicators are all prose (it scored 95 优 before the gate)
    const prose = out.units.flatMap((u: { projects: unknown[] }) => u.projects).find((p: { name: string }) => p.name === '广州市劳动人事争议仲裁院2024-2025年信息化运维项目');
    expect(prose.score).toBeLessThanOrEqual(79.9);
    expect(prose.grade).toBe('中');
    expect(prose.gate.map((g: { code: string }) => g.code)).toEqual(['no-structured-indicators']);
    expect(out.gated).toBeGreaterThan(0);
    const text = run('check', s002).stdout;
    expect(text).toMatch(/审核得分 [\d.]+（.）  完整性 [\d.]+\/30 · 相关性 [\d.]+\/30 · 适当性 [\d.]+\/20 · 可行性 [\d.]+\/20/);
    expect(text).toContain(`门槛：其中 ${out.gated} 个项目无法监控`);
    expect(text).toMatch(/广州市劳动人事争议仲裁院2024-2025年信息化运维项目 {2}门槛：绩效指标全部以自由文字书写/);
  });
});

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

describe('jixiao check', () => {
  it('exits 1 when an error-level finding exists and lists it by project and line', () => {
    const r = run('check', s003);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/第8行\s+错误 arithmetic-unit/);
    expect(r.stdout).toContain('【广州科技贸易职业学院】市教育局广州科技贸易职业学院番禺校区扩建项目结算款');
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
});

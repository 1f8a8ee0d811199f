// `jixiao stats` counts every indicator read, orphans included, and says how many belong to no project —
// the web app (and the store's lists) count projects' indicators only, so the two figures are explained.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const samples = readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.txt')).sort().map((f) => join(root, 'samples', f));
const run = (...args: string[]) => spawnSync(join(root, 'bin', 'jixiao'), args, { encoding: 'utf8', cwd: root });

describe('jixiao stats on the five samples', { timeout: 120_000 }, () => {
  it('says how many of its indicators belong to no project', () => {
    const json = JSON.parse(run('stats', ...samples, '--format', 'json').stdout);
    // sample 002 has a goal and four indicators after its last project (see the README)
    expect(json.orphanIndicators).toBe(4);
    // what the store and the web app count: indicators on projects
    expect(json.indicators - json.orphanIndicators).toBe(1790);
    const text = run('stats', ...samples).stdout;
    expect(text.split('\n')[0]).toBe(`5 个文件，339 个项目，指标 ${json.indicators.toLocaleString('en-US')} 项（其中 4 项无所属项目，网页中不计入）`);
  });

  it('names target kinds as the CSV does', () => {
    const text = run('stats', ...samples).stdout;
    for (const label of ['数值', '区间', '期限', '复合', '定性', '未识别']) expect(text).toMatch(new RegExp(`^  ${label}\\s+\\d+`, 'm'));
  });
});

describe('jixiao stats on nothing readable', { timeout: 120_000 }, () => {
  it('prints no statistics (not 已识别 100.00%（0/0）) and exits 1 with the reason', () => {
    const r = run('stats', join(root, 'no-such-file.txt'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('文件不存在');
  });
});

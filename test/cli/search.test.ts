// jixiao search as a user runs it: the built binary on a temporary SQLite store of the five samples.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const samples = ['000_df1d7dc7c09f411b.txt', '001_34b9b435912c22a9.txt', '002_02da4d888feccc7a.txt', '003_7b33df3d06e95335.txt', '004_08daa9245e557faf.txt'].map((f) => join(root, 'samples', f));
const db = join(mkdtempSync(join(tmpdir(), 'jixiao-cli-search-')), 'store.sqlite');
const env = { ...process.env } as NodeJS.ProcessEnv;
delete env['JIXIAO_DB'];
delete env['DATABASE_URL'];
const run = (args: string[]) => spawnSync(bin, args, { encoding: 'utf8', cwd: root, env, maxBuffer: 64 * 1024 * 1024 });

describe('jixiao search', { timeout: 120_000 }, () => {
  beforeAll(() => {
    // --year none: 000 stays a table of no year beside 002 rather than waiting for its year (the counts below include it)
    expect(run(['import', ...samples, '--year', 'none', '--db', db]).status).toBe(0);
  }, 60_000);

  it('prints one hit per line with the match in 【】, the unit and project, and the total', () => {
    const r = run(['search', '运维', '--db', db, '--limit', '3']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      '指标  【运维】处理率  —— 广州市公用事业技师学院｜广州市公用事业技师学院2022-2024年信息化运维服务项目',
      expect.stringMatching(/^指标  应用类系统【运维】数  —— 广州科技贸易职业学院｜/),
      expect.stringMatching(/^指标  【运维】服务对象满意度  —— /),
      '“运维”共 73 条结果，显示第 1–3 条',
      '',
    ]);
  });

  it('--in projects, --offset, goals shown around their match', () => {
    const r = run(['search', '运维', '--in', 'projects', '--offset', '34', '--limit', '2', '--db', db]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^项目  .*【运维】项目  —— /);
    expect(lines[1]).toMatch(/^目标  .*【运维】.*—— .*｜/);
    expect(lines[2]).toBe('“运维”共 66 条结果，显示第 35–36 条');
  });

  it('--format json is the SearchResult', () => {
    const r = run(['search', '满意', '--in', 'indicators', '--limit', '5', '--format', 'json', '--db', db]);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { total: number; totalExact: boolean; hits: { kind: string; text: string; highlight: { text: string; match: boolean }[] }[] };
    expect(result.total).toBe(233);
    expect(result.totalExact).toBe(true);
    expect(result.hits).toHaveLength(5);
    for (const h of result.hits) {
      expect(h.kind).toBe('indicator');
      expect(h.highlight.map((s) => s.text).join('')).toBe(h.text);
    }
  });

  it('no hits is not an error; a blank query and a bad --limit are (exit 2)', () => {
    const none = run(['search', '不存在的词', '--db', db]);
    expect(none).toMatchObject({ status: 0, stdout: '没有找到“不存在的词”\n' });
    const blank = run(['search', '   ', '--db', db]);
    expect(blank).toMatchObject({ status: 2, stdout: '', stderr: 'jixiao search: 检索词不能为空\n' });
    const limit = run(['search', '运维', '--limit', 'x', '--db', db]);
    expect(limit.status).toBe(2);
    expect(limit.stderr).toContain('每页条数');
    const hostile = run(['search', "'; drop table projects; --", '--db', db]);
    expect(hostile.status).toBe(0);
    expect(run(['search', '运维', '--db', db]).stdout).toContain('共 73 条结果');
  });
});

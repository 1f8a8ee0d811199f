// `jixiao diff` as a user runs it: the built binary on the real samples.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const sample = (id: string) => join(root, 'samples', { '000': '000_df1d7dc7c09f411b.txt', '001': '001_34b9b435912c22a9.txt', '002': '002_02da4d888feccc7a.txt' }[id]!);
const run = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8', cwd: root });

describe('jixiao diff', { timeout: 120_000 }, () => {
  it('prints the changes per project with the words marked, and a summary line; exits 0', () => {
    const r = run('diff', sample('000'), sample('002'));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('单位：广州市技师学院（甲第 9 行，乙第 362 行）');
    expect(r.stdout).toContain('~ 广州市技师学院B737CL维修实训平台项目');
    expect(r.stdout).toContain('绩效目标：…，保障新校区教学工作及学生[-活动-]{+生活+}的顺利运行。');
    expect(r.stdout).toContain('名称：培训惠及[-人次数-]{+人次+}');
    expect(r.stdout).toContain('空港{+区+}区域经济{+社会+}及社会发展');
    expect(r.stdout).not.toContain('\x1b['); // not a terminal: no colours
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('项目：相同 12，有改动 4，新增 0，删去 0');
  });

  it('prints the DocumentDiff as JSON', () => {
    const r = run('diff', sample('000'), sample('002'), '--format', 'json');
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.a.file).toBe('000_df1d7dc7c09f411b.txt');
    expect(d.units[0].name).toBe('广州市技师学院');
    expect(d.projects).toEqual({ same: 12, changed: 4, added: 0, removed: 0 });
    expect(d.units[0].projects.filter((p: { status: string }) => p.status === 'changed').map((p: { name: string }) => p.name)).toEqual([
      '广州市技师学院2023年科教城新校区信息化基础设施建设项目',
      '广州市技师学院入驻科教城校区购置项目',
      '广州市技师学院B737CL维修实训平台项目',
      '广州市技师学院2024年-2025年信息化运维项目',
    ]);
  });

  it('compares only the unit named with --unit, and exits 0 when nothing changed', () => {
    const r = run('diff', sample('002'), sample('002'), '--unit', '广州市技师学院');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('各项目内容相同。');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('项目：相同 16，有改动 0，新增 0，删去 0');
  });

  it('exits 1 when a file cannot be read', () => {
    const r = run('diff', sample('000'), join(root, 'samples', 'missing.txt'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing.txt：文件不存在');
    expect(r.stdout).toBe('');
  });

  it('exits 2 when no unit matches, naming each file’s units', () => {
    const r = run('diff', sample('000'), sample('001'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('两个文件中没有同名的单位');
    expect(r.stderr).toContain('000_df1d7dc7c09f411b.txt 的单位：广州市技师学院');
    expect(r.stderr).toContain('001_34b9b435912c22a9.txt 的单位：广州番禺职业技术学院');
    const u = run('diff', sample('000'), sample('002'), '--unit', '广州市交通技师学院');
    expect(u.status).toBe(2);
    expect(u.stderr).toContain('单位“广州市交通技师学院”不在');
  });
});

// The store commands as a user runs them: the built binary on a temporary SQLite database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAll, listProjects, migrate, openStore } from '../../src/store/index.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const samples = ['000_df1d7dc7c09f411b.txt', '001_34b9b435912c22a9.txt', '002_02da4d888feccc7a.txt', '003_7b33df3d06e95335.txt', '004_08daa9245e557faf.txt'].map((f) => join(root, 'samples', f));
const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-store-'));
const db = join(dir, 'store.sqlite');
// no inherited store settings: every run says where its database is
const env = { ...process.env, JIXIAO_DB: '', DATABASE_URL: '' } as NodeJS.ProcessEnv;
delete env['JIXIAO_DB'];
delete env['DATABASE_URL'];
const run = (args: string[], extra: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  spawnSync(bin, args, { encoding: 'utf8', cwd: extra.cwd ?? root, env: { ...env, ...extra.env }, maxBuffer: 64 * 1024 * 1024 });

// each test runs several CLI processes (1–2 s each alone, several times that on a loaded 2-core machine)
describe('jixiao import / db migrate / export / projects', { timeout: 120_000 }, () => {
  it('imports the samples, the tables printing a year first, with a line per file on a non-terminal stderr and a summary', () => {
    const r = run(['import', ...samples, '--db', db]);
    // 002 alone prints a year and goes first, as importAll orders them: so 000, which prints none, finds 002's
    // projects of its unit and is asked about the year; the others match nothing stored and are 未注明年度
    const name = (i: number) => samples[i]!.split('/').pop();
    expect(r.stderr).toBe([
      `[1/5] ${name(2)}：已导入\n`, `[2/5] ${name(0)}：未导入（须注明年度或部门）\n`, `[3/5] ${name(1)}：已导入\n`, `[4/5] ${name(3)}：已导入\n`, `[5/5] ${name(4)}：已导入\n`,
    ].join(''));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`导入 5 个文件：已导入 4，未变 0，待注明 1，失败 0。数据库：${db}`);
    expect(r.stdout).toContain('002_02da4d888feccc7a.txt：17 个单位，258 个项目，1246 项指标');
    expect(r.stdout).toContain('    广州市人事服务中心：第 1 版');
    expect(r.stdout).toContain('000_df1d7dc7c09f411b.txt：原表未注明年度；年度 2024 取自库中已有的');
  });

  it('--year none stores the table that waits as 未注明年度', () => {
    const r = run(['import', samples[0]!, '--year', 'none', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('导入 1 个文件：已导入 1，');
    expect(r.stdout).toContain('    广州市技师学院：第 1 版');
  });

  it('imports them again: all unchanged', () => {
    const r = run(['import', ...samples, '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('导入 5 个文件：已导入 0，未变 5，失败 0。');
    expect(r.stdout).toContain('未变（同样的内容已在库中）：\n  000_df1d7dc7c09f411b.txt');
  });

  it('reports failed files with their reasons and exits 1', () => {
    const png = join(dir, 'image.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const r = run(['import', join(dir, 'missing.txt'), png, samples[4]!, '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('已导入 0，未变 1，失败 2');
    expect(r.stdout).toContain('missing.txt：文件不存在');
    expect(r.stdout).toMatch(/image\.png：文件不是文本/);
  });

  it('db migrate says the schema is current and where the database is', () => {
    const r = run(['db', 'migrate', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`数据库：${db}\n数据库结构已是最新，无需迁移。\n`);
    const fresh = join(dir, 'fresh.sqlite');
    const f = run(['db', 'migrate', '--db', fresh]);
    expect(f.status).toBe(0);
    expect(f.stdout).toMatch(/已执行 \d+ 个迁移：\n {2}0001_core\n/);
    expect(existsSync(fresh)).toBe(true);
  });

  it('finds the database in JIXIAO_DB, then DATABASE_URL, then ./data/jixiao.sqlite', () => {
    expect(run(['db', 'migrate'], { env: { JIXIAO_DB: db, DATABASE_URL: join(dir, 'other.sqlite') } }).stdout).toContain(`数据库：${db}\n`);
    expect(run(['db', 'migrate'], { env: { DATABASE_URL: db } }).stdout).toContain(`数据库：${db}\n`);
    const cwd = mkdtempSync(join(tmpdir(), 'jixiao-cwd-'));
    expect(run(['db', 'migrate'], { cwd }).stdout).toContain('数据库：data/jixiao.sqlite\n');
    expect(existsSync(join(cwd, 'data', 'jixiao.sqlite'))).toBe(true);
    expect(run(['db', 'migrate', '--db', db], { env: { JIXIAO_DB: join(dir, 'not-this.sqlite') } }).stdout).toContain(`数据库：${db}\n`);
  });

  it('exports CSV: BOM, CRLF, one row per indicator', () => {
    const r = run(['export', '--format', 'csv', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('\uFEFF文件,单位,项目名称,项目行号,总计')).toBe(true);
    const rows = r.stdout.slice(1).split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows).toHaveLength(1 + 1790 + 1); // header, indicators, 002's prose indicator cell
    const some = run(['export', '--format', 'csv', '--unit', '广州市残疾人就业培训服务中心', '--db', db]);
    expect(some.stdout.slice(1).trimEnd().split('\r\n')).toHaveLength(1 + 52);
  });

  it('exports JSON Lines with filters', () => {
    const r = run(['export', '--format', 'json', '--unit', '广州科技贸易职业学院', '--missing', '3', '--db', db]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(14);
    expect(lines[0]).toHaveProperty('indicators');
    const over = run(['export', '--format', 'json', '--min', '1000', '--year', '2024', '--unit', '广州市技师学院', '--db', db]);
    expect(over.stdout.trimEnd().split('\n')).toHaveLength(4);
    const none = run(['export', '--format', 'json', '--rule', 'arithmetic-total', '--db', db]);
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('没有符合条件的项目');
  });

  it('export -o writes csv and json to the file, exactly what stdout gets without it, and nothing to stdout', () => {
    for (const format of ['csv', 'json']) {
      const file = join(dir, `export.${format}`);
      const args = ['export', '--format', format, '--unit', '广州市残疾人就业培训服务中心', '--db', db];
      const r = run([...args, '-o', file]);
      expect(r.status, format).toBe(0);
      expect(r.stdout, format).toBe('');
      expect(existsSync(file), format).toBe(true);
      expect(readFileSync(file, 'utf8'), format).toBe(run(args).stdout);
    }
  });

  it('lists projects as JSON and as a table', () => {
    const r = run(['projects', '--format', 'json', '--db', db]);
    expect(r.status).toBe(0);
    const page = JSON.parse(r.stdout);
    expect(page.total).toBe(339);
    expect(page.items).toHaveLength(50);
    const top = JSON.parse(run(['projects', '--format', 'json', '--sort', 'total', '--desc', '--limit', '3', '--db', db]).stdout);
    expect(top.items.map((p: { amounts: { total: number } }) => p.amounts.total)).toEqual([...top.items.map((p: { amounts: { total: number } }) => p.amounts.total)].sort((a, b) => b - a));
    const paged = JSON.parse(run(['projects', '--format', 'json', '--sort', 'total', '--desc', '--limit', '2', '--offset', '1', '--db', db]).stdout);
    expect(paged.items[0].id).toBe(top.items[1].id);
    const missing = JSON.parse(run(['projects', '--format', 'json', '--missing', '3', '--unit', '广州科技贸易职业学院', '--db', db]).stdout);
    expect(missing.total).toBe(14);
    const text = run(['projects', '--unit', '广州市残疾人就业培训服务中心', '--sort', 'name', '--db', db]);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^\s*编号\s+项目名称\s+单位\s+年度\s+总计（万元）/);
    expect(text.stdout).toContain('机构运行辅助经费');
    expect(text.stdout).toContain('418.58');
    expect(text.stdout).toContain('共 10 个项目，显示第 1–10 个（按项目名称升序）。');
  });

  it('--year none selects the tables that print no year (未注明年度), in projects and export, as the API\'s year=none', () => {
    // every sample but 002 prints no year: 339 projects listed, 258 of them 002's
    const page = JSON.parse(run(['projects', '--year', 'none', '--limit', '500', '--format', 'json', '--db', db]).stdout) as { total: number; items: { year: number | null; unit: { name: string } }[] };
    expect(page.total).toBe(339 - 258);
    expect(new Set(page.items.map((p) => p.year))).toEqual(new Set([null]));
    expect(new Set(page.items.map((p) => p.unit.name))).toEqual(new Set(['广州市技师学院', '广州番禺职业技术学院', '广州科技贸易职业学院', '广州市残疾人就业培训服务中心']));
    const r = run(['export', '--format', 'json', '--year', 'none', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(339 - 258);
    const dated = JSON.parse(run(['projects', '--year', '2024', '--unit', '广州市技师学院', '--format', 'json', '--db', db]).stdout) as { total: number };
    expect(dated.total).toBe(16);
  });

  it('rejects bad filters with a Chinese message and exit 2', () => {
    const r = run(['projects', '--limit', '900', '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('每页条数');
    // zod's issues in natural Chinese (src/model/zod-zh.ts), the same words as the API's
    expect(r.stderr).toContain('：应为不大于 500 的数');
    expect(run(['projects', '--limit', '1.5', '--db', db]).stderr).toContain('：应为整数');
    const y = run(['export', '--format', 'csv', '--year', 'abc', '--db', db]);
    expect(y.status).toBe(2);
    expect(y.stderr).toContain('年度');
    expect(y.stdout).toBe('');
    expect(run(['projects', '--missing', '9', '--db', db]).stderr).toContain('缺少指标类别');
    expect(run(['export', '--db', db]).status).not.toBe(0); // --format is required
  });
});

describe('jixiao import of a table that prints no year', { timeout: 120_000 }, () => {
  const fresh = join(mkdtempSync(join(tmpdir(), 'jixiao-cli-year-')), 'store.sqlite');
  it('says what it would propose, stores nothing until --accept-proposed or --year, and keeps the note', () => {
    expect(run(['import', samples[2]!, '--db', fresh]).status).toBe(0);
    const asked = run(['import', samples[0]!, '--db', fresh]);
    expect(asked.status).toBe(1);
    expect(asked.stdout).toContain('待注明 1');
    expect(asked.stdout).toContain('年度 2024 取自库中已有的');
    expect(asked.stdout).toContain('“广州市技师学院”的 16 个项目名称与金额完全一致');
    expect(asked.stdout).toContain('建议：--year 2024；');
    expect(run(['import', samples[0]!, '--year', '24', '--db', fresh]).status).toBe(2);
    const accepted = run(['import', samples[0]!, '--accept-proposed', '--db', fresh]);
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toContain('广州市技师学院：第 2 版');
    expect(accepted.stdout).toContain('注：原表未注明年度；年度 2024 取自');
    const listed = JSON.parse(run(['projects', '--unit', '广州市技师学院', '--format', 'json', '--db', fresh]).stdout) as { total: number };
    expect(listed.total).toBe(16);
  });

  it('several files in one call store the tables printing a year first, as importAll (npm start) does: the same projects', async () => {
    const cli = join(mkdtempSync(join(tmpdir(), 'jixiao-cli-order-')), 'store.sqlite');
    // 000 (no year) is given before 002 (2024, the same unit's projects): it takes 2024 from 002 all the same
    const r = run(['import', ...samples, '--accept-proposed', '--db', cli]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('导入 5 个文件：已导入 5，未变 0，失败 0。');
    expect(r.stdout).toMatch(/000_df1d7dc7c09f411b\.txt：1 个单位，16 个项目，\d+ 项指标\n {4}广州市技师学院：第 2 版（旧版本保留）\n {4}注：原表未注明年度；年度 2024 取自/);
    // the summary keeps the order given
    expect(r.stdout.indexOf('  000_df1d7dc7c09f411b.txt')).toBeLessThan(r.stdout.indexOf('  001_34b9b435912c22a9.txt'));
    const listed = JSON.parse(run(['projects', '--format', 'json', '--db', cli]).stdout) as { total: number };
    expect(listed.total).toBe(323);

    const server = openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-cli-order-')), 'store.sqlite'));
    try {
      await migrate(server);
      await importAll(server, samples.map((f) => ({ file: f.split('/').pop()!, bytes: readFileSync(f) })), { acceptProposed: true });
      expect((await listProjects(server, { limit: 1 })).total).toBe(listed.total);
    } finally {
      await server.close();
    }
  }, 120_000);
});

// The built binary's .xlsx outputs: parse --format xlsx -o, export --format xlsx to a pipe, template to a file,
// and the refusals (a workbook to a terminal, an unknown unit) with Chinese messages and exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../report/xlsx-helpers.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const sample = join(root, 'samples', '002_02da4d888feccc7a.txt');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-xlsx-'));
const db = join(dir, 'store.sqlite');
const env = { ...process.env } as NodeJS.ProcessEnv;
delete env['JIXIAO_DB'];
delete env['DATABASE_URL'];
const run = (args: string[]) => spawnSync(bin, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });

describe('jixiao parse / export / template as xlsx', { timeout: 180_000 }, () => {
  it('parse --format xlsx -o writes the table; --layout indicators the indicator rows', async () => {
    const out = join(dir, 'p.xlsx');
    expect(run(['parse', sample, '--format', 'xlsx', '-o', out]).status).toBe(0);
    const ws = (await readWorkbook(readFileSync(out))).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('广州市人力资源和社会保障局2024年项目支出绩效目标表（含转移支付项目）');
    expect(ws.getCell('G3').value).toBe('绩效指标');
    const ind = join(dir, 'i.xlsx');
    expect(run(['parse', sample, '--format', 'xlsx', '--layout', 'indicators', '-o', ind]).status).toBe(0);
    expect((await readWorkbook(readFileSync(ind))).worksheets[0]!.getCell('K4').value).toBe('年度指标值');
  });

  it('a workbook is never written to a terminal', () => {
    // `script` gives the command a terminal for stdout
    const r = spawnSync('script', ['-qc', `${bin} parse ${sample} --format xlsx`, '/dev/null'], { encoding: 'utf8', env });
    expect(r.stdout).toContain('.xlsx 是二进制文件，不能输出到终端');
    expect(r.stdout).not.toContain('PK');
  });

  it('export --format xlsx to a pipe, and template --kind monitor|evaluate to a file; an unknown unit is exit 2', async () => {
    expect(run(['import', sample, '--db', db]).status).toBe(0);
    const r = run(['export', '--format', 'xlsx', '--unit', '广州市技师学院', '--db', db]);
    expect(r.status).toBe(0);
    const ws = (await readWorkbook(r.stdout)).worksheets[0]!;
    expect(ws.getCell('A5').value).toBe('广州市技师学院');
    expect(ws.getCell('B5').value).toBe(12721.29);
    const t = join(dir, 't.xlsx');
    const tr = run(['template', '--kind', 'evaluate', '--unit', '广州市技师学院', '--db', db, '-o', t]);
    expect(tr.status, String(tr.stderr)).toBe(0);
    expect(String(tr.stderr)).toContain('广州市技师学院 2024 年：16 个项目');
    expect((await readWorkbook(readFileSync(t))).worksheets.map((w) => w.name)).toEqual(['填报说明', '资金', '总体目标', '指标']);
    const bad = run(['template', '--kind', 'monitor', '--unit', '没有这个单位', '--db', db, '-o', join(dir, 'x.xlsx')]);
    expect(bad.status).toBe(2);
    expect(String(bad.stderr)).toContain('没有单位“没有这个单位”的已公开项目');
  });

  it('template --year none makes the template of the unit\'s table that prints no year (未注明年度)', async () => {
    const own = join(root, 'samples', '000_df1d7dc7c09f411b.txt');
    expect(run(['import', own, '--year', 'none', '--db', db]).status).toBe(0);
    const t = join(dir, 'none.xlsx');
    const r = run(['template', '--kind', 'evaluate', '--unit', '广州市技师学院', '--year', 'none', '--db', db, '-o', t]);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toContain('广州市技师学院 未注明年度：16 个项目');
    expect((await readWorkbook(readFileSync(t))).worksheets.map((w) => w.name)).toEqual(['填报说明', '资金', '总体目标', '指标']);
    const bad = run(['template', '--kind', 'evaluate', '--unit', '广州市技师学院', '--year', 'soon', '--db', db, '-o', join(dir, 'y.xlsx')]);
    expect(bad.status).toBe(2);
    expect(String(bad.stderr)).toContain('年度（--year）应为整数，或 none');
  });
});

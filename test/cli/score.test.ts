// `jixiao score`, `evaluate` and `monitor` through the built binary: JSON Lines in and out in order,
// the forms as JSON, HTML and XLSX, and clear Chinese errors with exit code 2 for unusable input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = (args: string[], input?: string) => spawnSync(join(root, 'bin', 'jixiao'), args, { encoding: 'utf8', cwd: root, ...(input === undefined ? {} : { input }) });
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-score-cli-'));

describe('jixiao score', { timeout: 120_000 }, () => {
  it('writes one JSON line per input line, in order, errors included', () => {
    const input = [
      '{"target": "≤2宗", "actual": "3宗", "weight": 10}',
      '{"target": "良好", "actual": "部分达成", "weight": 10}',
      '{"target": "良好", "actual": "部分达成", "weight": 10, "score": 9}',
      '{"target": "≥1000人", "actual": "1000次", "weight": 10}',
      'not json',
      '',
      '{"target": "2024年11月前", "actual": "2024年12月5日", "weight": 10, "config": {"deadlineLate": 0.5}}',
      '{"target": "≥90%"}',
    ].join('\n');
    const r = run(['score'], input);
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { score: number | null; rule?: string; error?: string; allowed?: number[]; explanation?: string });
    expect(out.map((o) => o.score)).toEqual([5, null, null, null, null, 5, null]);
    expect(out[0]).toMatchObject({ max: 10, rule: 'reverse' });
    expect(out[1]!.allowed).toEqual([6, 8]);
    expect(out[1]!.error).toBeUndefined();
    expect(out[2]!.error).toContain('[6, 8)');
    expect(out[3]!.error).toContain('不是同一种计量');
    // in Chinese, with where in the line, not V8's `Unexpected token 'o', "not json" is not valid JSON`
    expect(out[4]!.error).toBe('第 5 行不是有效的 JSON（第 1 个字符：此处不应出现“n”，应为一个值：数字、字符串、对象、数组、true、false 或 null）');
    expect(out[6]!.error).toContain('第 8 行');
  });

  it('takes a config file for every line; a bad one is exit 2 naming it', () => {
    const cfg = join(tmp, 'ratio.yaml');
    writeFileSync(cfg, 'reverseFormula: ratio\n');
    expect(JSON.parse(run(['score', '--config', cfg], '{"target": "≤2宗", "actual": "3宗", "weight": 10}\n').stdout).score).toBe(6.67);
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'reverseFormula: sideways\n');
    const r = run(['score', '--config', bad], '{"target": "≤2宗", "actual": "3宗", "weight": 10}\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.yaml');
    expect(r.stderr).toContain('reverseFormula');
    // a file that is no YAML at all: the file, the line and the column in Chinese, not only the library's English
    writeFileSync(bad, 'reverseFormula: [ratio\nweights: 1\n');
    const broken = run(['score', '--config', bad], '');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/bad\.yaml 不是有效的 YAML：第 2 行第 1 列：缩进不正确，或 \[ \] \{ \} 没有闭合（Flow sequence/);
  });
});

describe('jixiao evaluate / monitor', { timeout: 120_000 }, () => {
  const example = join(root, 'samples', 'evaluation-example.json');
  it('writes the scored form as JSON, HTML and XLSX', async () => {
    const j = run(['evaluate', example]);
    expect(j.status).toBe(0);
    const e = JSON.parse(j.stdout) as { projects: { total: number; grade: string }[]; summary: { averageScore: number } };
    expect(e.projects.map((p) => [p.total, p.grade])).toEqual([[89.13, '良'], [81.6, '良']]);
    expect(e.summary.averageScore).toBe(85.37);
    // no binary noise: 111.6 ÷ 120 is written 0.93 (not 0.9299999999999999), rates to 4 decimals, scores to 2
    expect(j.stdout).toContain('"rate": 0.93,');
    expect(j.stdout.match(/\d\.\d{5,}/g)).toBeNull();
    const h = run(['evaluate', example, '--format', 'html']);
    expect(h.stdout).toMatch(/^<!doctype html>/);
    expect(h.stdout).toContain('项目支出绩效自评表');
    const x = join(tmp, 'e.xlsx');
    const r = run(['evaluate', example, '-f', 'xlsx', '-o', x]);
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(x) as never);
    expect(wb.worksheets).toHaveLength(3);
  });

  it('monitor lights the sample', () => {
    const m = JSON.parse(run(['monitor', join(root, 'samples', 'monitoring-example.json')]).stdout) as { projects: { light: string }[] };
    expect(m.projects.map((p) => p.light)).toEqual(['yellow', 'blue']);
  });

  it('a missing file, bad JSON or a bad form is exit 2 with a Chinese message saying where', () => {
    expect(run(['evaluate', join(tmp, 'none.json')])).toMatchObject({ status: 2, stderr: expect.stringContaining('文件不存在') });
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"year": 2025,');
    expect(run(['evaluate', bad])).toMatchObject({ status: 2, stderr: expect.stringContaining('bad.json 不是有效的 JSON：第 1 行第 15 列：内容在此中断') });
    writeFileSync(bad, 'not json');
    const notJson = run(['evaluate', bad]);
    expect(notJson.stderr).toContain('bad.json 不是有效的 JSON：第 1 行第 1 列：此处不应出现“n”');
    expect(notJson.stderr).not.toMatch(/Unexpected|is not valid JSON/);
    writeFileSync(bad, JSON.stringify({ year: 2025, projects: [{ project: 'x', budget: { annual: 1 }, indicators: [] }] }));
    const r = run(['evaluate', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('projects.0.budget.executed');
    expect(r.stderr).toContain('projects.0.indicators');
  });
});

// The CLI as a user runs it: the built binary on real files.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const sample = (id: string) => join(root, 'samples', { '000': '000_df1d7dc7c09f411b.txt', '002': '002_02da4d888feccc7a.txt', '004': '004_08daa9245e557faf.txt' }[id]!);
const run = (...args: string[]) => spawnSync(bin, args, { encoding: 'utf8', cwd: root });

describe('jixiao parse', { timeout: 120_000 }, () => {
  it('prints one JSON document for one file', () => {
    const r = run('parse', sample('004'));
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.source.file).toBe('004_08daa9245e557faf.txt');
    expect(doc.units[0].projects).toHaveLength(10);
  });

  it('prints JSON Lines for several files', () => {
    const out = execFileSync(bin, ['parse', sample('000'), sample('004'), '--format', 'json'], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).source.file)).toEqual(['000_df1d7dc7c09f411b.txt', '004_08daa9245e557faf.txt']);
  });

  it('prints a readable table with counts and diagnostics by line', () => {
    const r = run('parse', sample('004'), '--format', 'table');
    expect(r.stdout).toContain('共 1 个单位，10 个项目，52 项指标。');
    // every row prints one source: one diagnostic for the unit, at its line, not one per row
    expect(r.stdout).toMatch(/第10行\s+警告 columns-not-printed/);
    expect(r.stdout.match(/column-undecided/g)).toHaveLength(1); // the 合计 row, line 8
    expect(r.stdout).toMatch(/第8行\s+警告 column-undecided/);
  });

  it('prints CSV with a BOM, a header and one row per indicator', () => {
    const r = run('parse', sample('002'), '--format', 'csv');
    expect(r.stdout.startsWith('\uFEFF文件,单位,项目名称')).toBe(true);
    const rows = r.stdout.trim().split('\r\n');
    // 1246 indicators, plus the prose project's kept text, plus the header
    expect(rows).toHaveLength(1 + 1246 + 1);
    expect(rows.some((l) => l.includes('"1.产出数量：'))).toBe(true);
  });

  it('CSV names target kinds and comparisons in Chinese; csv-raw gives the codes, the rows otherwise identical', () => {
    const labels = run('parse', sample('004'), '--format', 'csv').stdout.trim().split('\r\n');
    const codes = run('parse', sample('004'), '--format', 'csv-raw').stdout.trim().split('\r\n');
    expect(codes).toHaveLength(labels.length);
    const header = labels[0]!.replace(/^\uFEFF/, '').split(',');
    const kindCols = ['实施周期类型', '年度类型'].map((h) => header.indexOf(h));
    const opCols = ['实施周期比较', '年度比较'].map((h) => header.indexOf(h));
    const column = (rows: string[], k: number) => new Set(rows.slice(1).map((l) => l.split(',')[k]).filter(Boolean));
    const CHINESE_KINDS = new Set(['数值', '区间', '期限', '定性', '复合', '空', '未识别']);
    const CHINESE_OPS = new Set(['≥', '≤', '＞', '＜', '＝', '约']);
    for (const k of kindCols) {
      expect([...column(labels, k)].every((v) => CHINESE_KINDS.has(v)), [...column(labels, k)].join()).toBe(true);
      expect(column(labels, k)).toContain('数值');
      expect(column(codes, k)).toContain('numeric');
    }
    for (const k of opCols) {
      expect([...column(labels, k)].every((v) => CHINESE_OPS.has(v)), [...column(labels, k)].join()).toBe(true);
      expect(column(labels, k)).toContain('≥');
      expect(column(codes, k)).toContain('>=');
    }
    // every other column is the same
    const others = (rows: string[]) => rows.map((l) => l.split(',').filter((_, k) => !kindCols.includes(k) && !opCols.includes(k)).join(','));
    expect(others(codes)).toEqual(others(labels));
  });

  it('reports an unreadable file, processes the others, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const bin2 = join(dir, 'image.png');
    writeFileSync(bin2, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const r = run('parse', join(dir, 'missing.txt'), bin2, sample('004'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing.txt：文件不存在');
    expect(r.stderr).toContain('image.png：文件不是文本');
    expect(JSON.parse(r.stdout.trim()).source.file).toBe('004_08daa9245e557faf.txt');
  });

  it('-o writes json, table, csv and csv-raw to the file, exactly what stdout gets without it, and nothing to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    for (const format of ['json', 'table', 'csv', 'csv-raw']) {
      const file = join(dir, `out.${format}`);
      const r = run('parse', sample('004'), '--format', format, '-o', file);
      expect(r.status, format).toBe(0);
      expect(r.stdout, format).toBe('');
      expect(existsSync(file), format).toBe(true);
      expect(readFileSync(file, 'utf8'), format).toBe(run('parse', sample('004'), '--format', format).stdout);
    }
  });

  it('-o into a folder that does not exist is exit 2 with a message', () => {
    const r = run('parse', sample('004'), '--format', 'csv', '-o', join(tmpdir(), 'jixiao-no-such-dir', 'out.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('无法写入');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown format with a message', () => {
    const r = run('parse', sample('004'), '--format', 'xml');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('xml');
  });
});

// The real 2026 table of 广州市政务服务和数据管理局, as two extractors print it (../shared/real, outside
// the repository; skipped with a message when absent). The pypdf text must read whole; pdftotext's
// default mode interleaves the columns line by line, and must be refused clearly rather than misread.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../src/ingest/index.js';
import type { TableDocument } from '../src/model/index.js';
import { review } from '../src/review/index.js';
import { realDir } from './helpers/real-pdf.js';
import { REPO_ROOT } from './helpers/samples.js';

const REAL = realDir() ?? join(REPO_ROOT, '..', 'shared', 'real');
const PYPDF = join(REAL, '001_gz_zsj_2026_xmzc.pypdf.txt');
const RAW = join(REAL, '001_gz_zsj_2026_xmzc.pdftotext-raw.txt');
const present = existsSync(PYPDF) && existsSync(RAW);
if (!present) console.log(`test/real.test.ts: ${REAL} is absent; the real-table tests are skipped`);

const cents = (x: number | null): number => Math.round((x ?? 0) * 100);
/** 年度指标值 as the table prints it, line breaks (which may fall inside the word) removed */
const annualCount = (text: string): number => text.replace(/\r?\n/g, '').match(/年度指标值/g)?.length ?? 0;

describe.runIf(present)('the real 2026 table, pypdf text', () => {
  const text = present ? readFileSync(PYPDF, 'utf8') : '';
  const doc: TableDocument = present ? parseBytes(readFileSync(PYPDF), { file: '001.pypdf.txt' }) : (null as never);
  const projects = doc?.units.flatMap((u) => u.projects) ?? [];

  it('reads the wrapped column header as header: 合计 86,246.64 and four units, none named after the header', () => {
    expect(doc.total?.total).toBe(86246.64);
    expect(doc.units.map((u) => u.name)).toEqual(['广州市政务服务和数据管理局', '广州市数字政府运营中心', '广州市政务服务中心', '广州市市长专线电话受理中心']);
    expect(doc.units.map((u) => u.funding?.total)).toEqual([16926.32, 67756.88, 834.36, 729.07]);
  });

  it('reads every project and every indicator, with nothing orphaned', () => {
    expect(projects).toHaveLength(70);
    expect(projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(annualCount(text));
    expect(annualCount(text)).toBe(404);
    expect(doc.orphans).toEqual([]);
    // the rows the old reader lost: a name, its amounts and the goal on one line
    expect(projects.find((p) => p.name === '办公类购置经费')?.funding.total).toBe(2.44);
    expect(projects.find((p) => p.name === 'GZIT2022-SM-W-C-051103')?.funding.total).toBe(3457.38);
  });

  it('holds the table\'s own sums: each within the one-cent rounding the published figures carry', () => {
    // checked against the PDF (pdftotext -layout): every amount read is printed there, and these
    // sums differ by 0.01 in the published table itself
    const units = doc.units.map((u) => [cents(u.funding!.total), u.projects.reduce((s, p) => s + cents(p.funding.total), 0)]);
    expect(units).toEqual([[1692632, 1692633], [6775688, 6775689], [83436, 83436], [72907, 72908]]);
    expect(doc.units.reduce((s, u) => s + cents(u.funding!.total), 0)).toBe(8624663);
    expect(doc.diagnostics.filter((d) => d.code === 'sum-rounding').map((d) => d.path)).toEqual(['units[0]', 'units[1]', 'units[3]', 'total']);
  });

  it('has no error-level diagnostic; columns unprinted are said once per unit; 涉密 rows are projects', () => {
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.diagnostics.filter((d) => d.code === 'columns-not-printed').map((d) => d.path)).toEqual(['units[0]', 'units[1]', 'units[2]', 'units[3]']);
    expect(doc.diagnostics.filter((d) => d.code === 'column-undecided').map((d) => d.path)).toEqual(['total']);
    const classified = doc.diagnostics.filter((d) => d.code === 'classified');
    expect(classified).toHaveLength(2);
    expect(classified.every((d) => d.severity === 'info')).toBe(true);
  });

  it('reads the 2026 indicator system: 4-成本指标 with 41/42/43, no unknown codes', () => {
    const inds = projects.flatMap((p) => p.indicators);
    expect(doc.diagnostics.filter((d) => d.code === 'level-code-unknown')).toEqual([]);
    expect(doc.diagnostics.filter((d) => d.code === 'indicator-system-inferred')).toHaveLength(1);
    const cost = inds.filter((i) => i.level1.code === '4');
    expect(cost.length).toBeGreaterThan(30);
    expect(cost.every((i) => ['41', '42', '43'].includes(i.level2.code ?? ''))).toBe(true);
    expect(new Set(cost.map((i) => `${i.level2.code}-${i.level2.name}`))).toEqual(new Set(['41-经济成本指标', '42-社会成本指标', '43-生态环境成本指标']));
    expect(doc.diagnostics.some((d) => d.code === 'level-code-inconsistent' || d.code === 'level-name-mismatch')).toBe(false);
  });

  it('is reviewed against the same 2026 system: a 4- indicator is a code the rules know, not a wrong one', () => {
    const { findings } = review(doc);
    expect(findings.filter((f) => f.rule === 'level-codes')).toEqual([]);
    // read against the 2025 system instead, the same codes are unknown: the choice is what decides
    const as2025 = review({ ...doc, year: 2025 });
    expect(as2025.findings.filter((f) => f.rule === 'level-codes').length).toBeGreaterThan(30);
  });
});

describe.runIf(present)('the real 2026 table, pdftotext default (raw) text', () => {
  const doc: TableDocument = present ? parseBytes(readFileSync(RAW), { file: '001.raw.txt' }) : (null as never);

  it('says the reading order is scrambled, once, and reads no project rather than wrong ones', () => {
    const scrambled = doc.diagnostics.filter((d) => d.code === 'reading-order-scrambled');
    expect(scrambled).toHaveLength(1);
    expect(scrambled[0]!.severity).toBe('error');
    expect(scrambled[0]!.message).toContain('未能归属');
    expect(doc.units).toEqual([]);
    expect(doc.total).toBeNull();
    expect(doc.diagnostics.some((d) => d.code === 'layout-unknown')).toBe(false);
  });

  it('is refused by check and import, not reviewed or stored as an empty table scoring 100', () => {
    const jixiao = (...args: string[]) => spawnSync(join(REPO_ROOT, 'bin', 'jixiao'), args, { encoding: 'utf8', cwd: REPO_ROOT });
    const check = jixiao('check', RAW);
    expect(check.status).toBe(1);
    expect(check.stdout).not.toContain('审核得分');
    expect(check.stderr).toContain('阅读顺序错乱');
    const db = join(mkdtempSync(join(tmpdir(), 'jixiao-real-')), 'x.sqlite');
    const imported = jixiao('import', '--db', db, RAW);
    expect(imported.status).toBe(1);
    expect(imported.stdout).toMatch(/已导入 0.*失败 1/);
    expect(imported.stdout).toContain('阅读顺序错乱');
  });

  it('keeps all the text, as content no project owns', () => {
    expect(doc.orphans).toHaveLength(1);
    expect(doc.orphans[0]!.text).toContain('广州12345政务服务便民热线平台运营项目'.slice(0, 6));
    expect(doc.orphans[0]!.text).toContain('86,246.64');
  });
});

// 审核 over the five real tables: what a reviewer must be shown in each.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/ingest/index.js';
import { review, RULES, type ReviewResult } from '../../src/review/index.js';

const dir = join(import.meta.dirname, '..', '..', 'samples');
const results = new Map<string, ReviewResult>(
  readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => [f.slice(0, 3), review(parseBytes(readFileSync(join(dir, f)), { file: f }))]),
);
const of = (id: string, rule: string) => results.get(id)!.findings.filter((f) => f.rule === rule);

describe('审核 on the seeds', () => {
  it('003: the unit total 50.10 more than its projects is an error', () => {
    const gap = of('003', 'arithmetic-unit');
    expect(gap).toHaveLength(1);
    expect(gap[0]).toMatchObject({ severity: 'error', path: 'units[0]', line: 8 });
    expect(gap[0]!.message).toContain('相差 50.10');
  });

  it('002: the numbering gap in 局本级配套人社部留学人员引智项目经费', () => {
    const gap = of('002', 'indicator-numbering');
    expect(gap).toHaveLength(1);
    expect(gap[0]).toMatchObject({ project: '局本级配套人社部留学人员引智项目经费', line: 143 });
    expect(gap[0]!.message).toContain('1、2、5');
  });

  it('projects without a 满意度 indicator are listed', () => {
    const missing = of('003', 'dimension-coverage').filter((f) => f.message.includes('满意度指标'));
    expect(missing.map((f) => f.project)).toContain('市教育局广州科技贸易职业学院番禺校区扩建项目结算款');
    expect(of('001', 'dimension-coverage').map((f) => f.project)).toEqual(['市教育局番职院科研项目经费']);
  });

  it('003: the level-2 codes written without names (14-；, 24-；)', () => {
    const empty = of('003', 'level-name-missing');
    expect(empty.length).toBe(6);
    expect(empty.every((f) => /二级指标“(14|24)-”只写了代码/.test(f.message))).toBe(true);
  });

  it('001: 日均接入量 measured in milliseconds', () => {
    expect(of('001', 'unit-name-mismatch').map((f) => f.message)).toEqual(['指标“日均接入量”是数量，但目标值“≤10ms”以时间单位“ms”计。']);
  });

  it('003: a goal that only names an activity', () => {
    expect(of('003', 'goal-measurable').map((f) => f.project)).toContain('市教育局广州科技贸易职业学院番禺校区扩建项目结算款');
  });

  it('every finding names a rule in the registry, a path and a source line', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const r of results.values()) {
      for (const f of r.findings) {
        expect(ids.has(f.rule)).toBe(true);
        expect(f.path).toMatch(/^(total|units\[\d+\](\.projects\[\d+\](\.indicators\[\d+\])?)?)$/);
        expect(f.line).toBeGreaterThan(0);
        expect(f.suggestion.length).toBeGreaterThan(4);
      }
    }
  });

  it('scores follow the findings: 003 with its error scores below 004', () => {
    expect(results.get('003')!.score).toBeLessThan(results.get('004')!.score);
    for (const r of results.values()) expect(r.score).toBeGreaterThanOrEqual(0);
  });
});

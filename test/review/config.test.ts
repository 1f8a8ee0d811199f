// Which rules run and at what severity: the config object review() takes, and loadConfig reading it from
// a JSON or YAML file, with a Chinese message naming the file when the file is wrong.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig, review, RULES, type ReviewConfig } from '../../src/review/index.js';
import { property, table, training, TRAINING_NO_SATISFACTION } from './tables.js';

const UNIT = '广州市某中心';
const ids = RULES.map((r) => r.id);

// one missing goal (goal-missing, error) and one project without 满意度 (dimension-coverage, lowered to warning)
const doc = table([{
  name: UNIT,
  projects: [training(100, { goal: '' }), property(200), training(100, { name: '创业培训经费', indicators: TRAINING_NO_SATISFACTION })],
}]);
const of = (config: ReviewConfig | undefined, rule: string) => review(doc, config).findings.filter((f) => f.rule === rule);

describe('review(doc, config)', () => {
  it('runs every rule at its own severity by default', () => {
    expect(of(undefined, 'goal-missing').map((f) => f.severity)).toEqual(['error']);
    expect(of(undefined, 'dimension-coverage').map((f) => f.severity)).toEqual(['warning']);
    expect(review(doc).score).toBeLessThan(100);
  });

  it('"off" turns a rule off', () => {
    const r = review(doc, { rules: { 'goal-missing': 'off' } });
    expect(r.findings.filter((f) => f.rule === 'goal-missing')).toEqual([]);
    expect(r.counts['goal-missing']).toBe(0);
    expect(r.units[0]!.projects[0]!.score).toBe(100);
    // the others still run
    expect(r.findings.filter((f) => f.rule === 'dimension-coverage')).toHaveLength(1);
  });

  it('{ enabled: false } turns a rule off; { enabled: true } keeps it', () => {
    expect(of({ rules: { 'goal-missing': { enabled: false } } }, 'goal-missing')).toEqual([]);
    expect(of({ rules: { 'goal-missing': { enabled: true } } }, 'goal-missing').map((f) => f.severity)).toEqual(['error']);
  });

  it('a severity, as a string or { severity }, replaces the rule’s own', () => {
    expect(of({ rules: { 'goal-missing': 'warning' } }, 'goal-missing').map((f) => f.severity)).toEqual(['warning']);
    expect(of({ rules: { 'goal-missing': { severity: 'info' } } }, 'goal-missing').map((f) => f.severity)).toEqual(['info']);
    // and the score follows: a warning costs a fifth of 完整性's 30 points (6), not half (15)
    expect(review(doc, { rules: { 'goal-missing': 'warning' } }).units[0]!.projects[0]!.score).toBe(94);
  });

  it('a rule can be raised as well as lowered', () => {
    // goal-measurable (base warning) on an activity-only goal, raised to error
    const activity = table([{ name: UNIT, projects: [training(100, { goal: '向粤新公司支付结算款。' }), property(200)] }]);
    const raised = (config?: ReviewConfig) => review(activity, config).findings.filter((f) => f.rule === 'goal-measurable').map((f) => f.severity);
    expect(raised()).toEqual(['warning']);
    expect(raised({ rules: { 'goal-measurable': 'error' } })).toEqual(['error']);
    expect(raised({ rules: { 'goal-measurable': { severity: 'error' } } })).toEqual(['error']);
  });

  it('a finding the rule reports below its base stays below a configured severity, never above', () => {
    // dimension-coverage: missing only 满意度 is a warning even when the rule is configured as error
    expect(of({ rules: { 'dimension-coverage': 'error' } }, 'dimension-coverage').map((f) => f.severity)).toEqual(['warning']);
    // and follows it down
    expect(of({ rules: { 'dimension-coverage': 'info' } }, 'dimension-coverage').map((f) => f.severity)).toEqual(['info']);
  });
});

describe('loadConfig(file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text, 'utf8');
    return file;
  };
  /** the ConfigError loadConfig rejects with */
  const failure = async (file: string): Promise<ConfigError> => {
    const e: unknown = await loadConfig(file, ids).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    const err = e as ConfigError;
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    return err;
  };

  it('reads JSON', async () => {
    const file = write('review.json', JSON.stringify({ rules: { 'goal-reused': 'off', 'satisfaction-percent': 'error', 'rate-percent': { severity: 'info' }, 'targets-spread': { enabled: false } } }));
    const config = await loadConfig(file, ids);
    expect(config.rules).toEqual({ 'goal-reused': 'off', 'satisfaction-percent': 'error', 'rate-percent': { severity: 'info' }, 'targets-spread': { enabled: false } });
    expect(of(config, 'goal-missing').map((f) => f.severity)).toEqual(['error']);
  });

  it('reads YAML (.yaml and .yml), and a config read from a file switches rules off', async () => {
    const yaml = 'rules:\n  goal-missing: off\n  dimension-coverage:\n    severity: info\n';
    for (const name of ['review.yaml', 'review.yml']) {
      const config = await loadConfig(write(name, yaml), ids);
      expect(config.rules).toEqual({ 'goal-missing': 'off', 'dimension-coverage': { severity: 'info' } });
      expect(of(config, 'goal-missing')).toEqual([]);
      expect(of(config, 'dimension-coverage').map((f) => f.severity)).toEqual(['info']);
    }
  });

  it('an empty file is the default config', async () => {
    expect(await loadConfig(write('empty.yaml', ''), ids)).toEqual(DEFAULT_CONFIG);
  });

  it('reads scoring weights, and rejects weights that do not add up to 100, naming the file', async () => {
    const ok = await loadConfig(write('weights.yaml', 'scoring:\n  weights: { completeness: 40, relevance: 20 }\n'), ids);
    expect(ok.scoring?.weights).toEqual({ completeness: 40, relevance: 20, appropriateness: 20, feasibility: 20 });
    const err = await failure(write('bad-weights.yaml', 'scoring:\n  weights: { completeness: 50 }\n'));
    expect(err.message).toContain('bad-weights.yaml');
    expect(err.message).toContain('之和应为 100');
  });

  it('rejects an unknown rule id, naming it', async () => {
    const err = await failure(write('unknown.json', JSON.stringify({ rules: { 'goal-missing': 'off', 'goal-mising': 'off' } })));
    expect(err.message).toContain('不存在的规则');
    expect(err.message).toContain('goal-mising');
  });

  it('rejects invalid JSON', async () => {
    const err = await failure(write('broken.json', '{ "rules": { "goal-missing": "off", } '));
    expect(err.message).toMatch(/不是有效的 JSON：第 1 行第 \d+ 列：最后一项后面多了逗号$/);
  });

  it('rejects invalid YAML', async () => {
    const err = await failure(write('broken.yaml', 'rules:\n  goal-missing: off\n   rate-percent: [error\n'));
    expect(err.message).toMatch(/不是有效的 YAML：第 \d+ 行第 \d+ 列：[\u4e00-\u9fff]/);
  });

  it('rejects a severity that is not error, warning or info, naming the rule', async () => {
    const err = await failure(write('severity.yaml', 'rules:\n  goal-missing: fatal\n'));
    expect(err.message).toContain('rules.goal-missing');
    expect(err.message).toContain('有误');
  });

  it('rejects a key other than rules', async () => {
    const err = await failure(write('extra.json', JSON.stringify({ rule: { 'goal-missing': 'off' } })));
    expect(err.message).toContain('有误');
  });

  it('says when the file does not exist', async () => {
    const err = await failure(join(dir, 'missing.json'));
    expect(err.message).toContain('文件不存在');
  });
});

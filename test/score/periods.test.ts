// 运行监控 periods as configuration: monthly by default; a bureau lists the periods it monitors (end
// months or 1—N月 texts), per region and year through the overrides; anything unreadable or out of
// order is refused with a Chinese message naming it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_CONFIG, resolveConfig, ScoreConfigError } from '../../src/score/index.js';

describe('monitoring periods in the scoring configuration', () => {
  it('are monthly by default', () => {
    expect(resolveConfig(undefined).monitoring.periods).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(DEFAULT_SCORE_CONFIG.monitoring.periods).toHaveLength(12);
  });

  it('read end months and 1—N月 written in the usual ways', () => {
    expect(resolveConfig({ monitoring: { periods: ['1-6月', '1—8月', '1–9月', '1～10月', '11月', 12] } }).monitoring.periods).toEqual([6, 8, 9, 10, 11, 12]);
  });

  it('apply per region and year, the more specific override last', () => {
    const input = {
      monitoring: { periods: [6, 12] },
      overrides: [
        { region: '某市', monitoring: { periods: ['1-6月', '1-8月', '1-12月'] } },
        { region: '某市', years: [2026, null] as [number, null], monitoring: { periods: 'monthly' as const } },
      ],
    };
    expect(resolveConfig(input, { region: '别市', year: 2025 }).monitoring.periods).toEqual([6, 12]);
    expect(resolveConfig(input, { region: '某市', year: 2025 }).monitoring.periods).toEqual([6, 8, 12]);
    expect(resolveConfig(input, { region: '某市', year: 2027 }).monitoring.periods).toHaveLength(12);
  });

  it('refuse what cannot be a period, and periods out of order', () => {
    expect(() => resolveConfig({ monitoring: { periods: ['上半年'] } })).toThrow('评分配置中 monitoring.periods.0 有误：监控期间“上半年”应写作 1—6月、1-8月 或月份数字');
    expect(() => resolveConfig({ monitoring: { periods: ['1-13月'] } })).toThrow(/截止月份应在 1 到 12 之间/);
    expect(() => resolveConfig({ monitoring: { periods: [] } })).toThrow(ScoreConfigError);
    expect(() => resolveConfig({ monitoring: { periods: [8, 6] } })).toThrow('评分配置有误：监控期间应按月份从小到大排列且不重复（现为 1—8月、1—6月）');
  });
});

// 运行监控 of a set of projects at a month: money per funding source with its 执行率, the budget light,
// each indicator's light, and the project's light — the worst of them. Pure.
import type { z } from 'zod';
import { LEVEL2 } from '../model/index.js';
import { readCategory, systemOf } from './categories.js';
import { resolveConfig, type ScoreConfig } from './config.js';
import { judgeIndicator } from './lights/index.js';
import { LIGHTS } from './lights/index.js';
import type { Monitoring, ProjectMonitor, monitorInput, monitorProjectInput } from './schema.js';
import { roundRateOrNull } from './precision.js';
import { LIGHT_LABEL, round2, worstLight } from './types.js';

type Input = z.output<typeof monitorInput>;
type ProjectInput = z.output<typeof monitorProjectInput>;

const text = (a: string | number | readonly (string | number)[] | null | undefined): string =>
  a === undefined || a === null ? '' : Array.isArray(a) ? a.join('；') : String(a);

export function monitorProject(p: ProjectInput, at: { year: number; month: number; day?: number | undefined }, config: ScoreConfig): ProjectMonitor {
  const system = systemOf(at.year);
  const funding = p.funding.map((f) => ({ ...f, rate: f.adjusted > 0 ? f.spent / f.adjusted : null }));
  const sum = (k: 'initial' | 'adjusted' | 'spent') => round2(funding.reduce((a, f) => a + f[k], 0));
  const money = { initial: sum('initial'), adjusted: sum('adjusted'), spent: sum('spent'), rate: null as number | null };
  money.rate = money.adjusted > 0 ? money.spent / money.adjusted : null;
  const budgetLight = LIGHTS.budget.judge({ budget: money.adjusted, spent: money.spent }, at.month, config);
  const indicators = p.indicators.map((i) => ({
    level1: readCategory(i.level1, system.level1), level2: readCategory(i.level2, LEVEL2), name: i.name, target: i.target,
    current: text(i.current), likelihood: i.likelihood, forecast: text(i.forecast), reasons: [...(i.reasons ?? [])], reasonText: i.reasonText ?? '', measures: i.measures ?? '',
    light: judgeIndicator({ target: i.target, current: i.current ?? null, year: at.year, month: at.month, day: at.day ?? null, name: i.name }, config),
  }));
  const light = worstLight([budgetLight.colour, ...indicators.map((i) => i.light.colour)]);
  const unlit = indicators.filter((i) => i.light.colour === null).length + (budgetLight.colour === null ? 1 : 0);
  const counts = (['red', 'yellow', 'blue', 'green'] as const).map((c) => [c, indicators.filter((i) => i.light.colour === c).length + (budgetLight.colour === c ? 1 : 0)] as const).filter(([, n]) => n > 0);
  const lightExplanation = light === null
    ? '没有可判断的指标或预算，无法亮灯'
    : `项目取各指标与预算执行中最差的灯（红 > 黄 > 蓝 > 绿）：${counts.map(([c, n]) => `${LIGHT_LABEL[c]} ${n} 个`).join('、')}${unlit ? `，另有 ${unlit} 项无法判断` : ''}，项目为${LIGHT_LABEL[light]}。`;
  // the lights are decided: rates as answered (precision.ts)
  return {
    project: p.project, unit: p.unit ?? null, department: p.department ?? null,
    funding: funding.map((f) => ({ ...f, rate: roundRateOrNull(f.rate) })), money: { ...money, rate: roundRateOrNull(money.rate) },
    budgetLight, indicators, light, lightExplanation,
  };
}

export function monitor(input: Input): Monitoring {
  const config = resolveConfig(input.config, { region: input.region ?? null, year: input.year });
  const projects = input.projects.map((p) => monitorProject({ ...p, department: p.department ?? input.department }, { year: input.year, month: input.month, day: input.day }, config));
  const byLight = { red: 0, yellow: 0, green: 0, blue: 0, none: 0 };
  for (const p of projects) byLight[p.light ?? 'none']++;
  const sum = (k: 'initial' | 'adjusted' | 'spent') => round2(projects.reduce((a, p) => a + p.money[k], 0));
  const adjusted = sum('adjusted');
  const spent = sum('spent');
  return {
    year: input.year, month: input.month, region: input.region ?? null, department: input.department ?? null, moneyUnit: input.moneyUnit ?? '万元',
    projects, summary: { projects: projects.length, byLight, money: { initial: sum('initial'), adjusted, spent, rate: adjusted > 0 ? roundRateOrNull(spent / adjusted) : null } },
  };
}

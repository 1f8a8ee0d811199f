// Which light rule a target takes, and its light from the current value.
import type { ParsedTarget } from '../../model/index.js';
import { parseTarget } from '../../targets/index.js';
import { readActual, unitBase, type Actual } from '../actual.js';
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from '../config.js';
import type { Light, LightKind } from '../types.js';
import { LIGHTS } from './index.js';
import { unlit, type LightContext } from './light.js';

/** units of a rate, score or level: compared as they are, not pro-rated by time */
const RATE_UNITS: ReadonlySet<string> = new Set(['%', '分', '级', '倍', '星', '星级']);
/** names of rates and levels (满意度, 合格率, 覆盖比例, 平均响应时间) */
const RATE_NAME = /率|度|比例|比重|占比|指数|得分|评分|分数|平均|均值|人均|等级/;

/**
 * The light rule for a target: positive quantities that accumulate (counts of 人, 次, 项 …) are pro-rated
 * by time; rates, percentages, scores and levels are compared as they are; reverse ones hold or break;
 * deadlines are on track until they pass.
 */
export function lightKindOf(t: ParsedTarget, name = ''): Exclude<LightKind, 'budget'> | null {
  switch (t.kind) {
    case 'numeric':
      if (t.op === '<=' || t.op === '<' || (t.value === 0 && t.op === '=')) return 'reverse';
      return rateLike(t, name) ? 'rate' : 'cumulative';
    case 'range': return rateLike(t, name) ? 'rate' : 'cumulative';
    case 'deadline': return 'deadline';
    case 'compound': return 'compound';
    case 'qualitative':
    case 'unparsed': return 'qualitative';
    case 'empty': return null;
  }
}

function rateLike(t: ParsedTarget, name: string): boolean {
  const unit = t.unit ?? '';
  // 每月不少于2次, 2次/周: a rate per period shorter than the year, already pro-rated by the way it is
  // written (每年2次, 2次/年 is the year's total and accumulates)
  const per = t.per ?? (unit.includes('/') ? unit.slice(unit.indexOf('/') + 1) : undefined);
  if (per !== undefined && per !== '年' && per !== '学年') return true;
  return RATE_UNITS.has(unitBase(unit).base) || RATE_NAME.test(`${name}${t.subject ?? ''}`);
}

export function judgeParsed(target: ParsedTarget, current: Actual, ctx: LightContext): Light {
  const kind = lightKindOf(target, ctx.name);
  if (kind === null) return unlit(null, '指标值为空，无法判断');
  return LIGHTS[kind].judge(target, current, ctx);
}

export interface LightInput {
  readonly target: string | ParsedTarget;
  /** 当前完成值 as written; a list for a compound target */
  readonly current?: string | number | readonly (string | number)[] | null;
  readonly year: number;
  readonly month: number;
  readonly day?: number | null;
  readonly name?: string;
}

/** One indicator's light. Never throws: what cannot be judged comes back with `colour: null` and why. */
export function judgeIndicator(input: LightInput, config: ScoreConfig = DEFAULT_SCORE_CONFIG): Light {
  const target = typeof input.target === 'string' ? parseTarget(input.target) : input.target;
  const current = input.current === undefined || input.current === null ? readActual('') : readActual(input.current);
  return judgeParsed(target, current, { config, year: input.year, month: input.month, day: input.day ?? null, name: input.name ?? '' });
}

// What a monitoring light rule is given: the target, the current value (当前完成值) and how far into the
// year the monitoring is (序时进度 = month ÷ 12).
import type { ParsedTarget } from '../../model/index.js';
import type { Actual } from '../actual.js';
import type { ScoreConfig } from '../config.js';
import { roundPercent } from '../precision.js';
import type { Light, LightColour, LightKind } from '../types.js';

export interface LightContext {
  readonly config: ScoreConfig;
  /** the monitoring year and month (1–12): 序时进度 is month ÷ 12; deadlines pass at the month's end unless `day` */
  readonly year: number;
  readonly month: number;
  readonly day?: number | null;
  /** the indicator's name: 满意度, 合格率 … are rates, not counts */
  readonly name?: string;
}

export interface LightRule {
  readonly kind: LightKind;
  judge(target: ParsedTarget, current: Actual, ctx: LightContext): Light;
}

export const lit = (kind: LightKind, colour: LightColour, explanation: string, percent?: number): Light =>
  ({ colour, kind, explanation, ...(percent === undefined || !Number.isFinite(percent) ? {} : { percent: roundPercent(percent) }) });

export const unlit = (kind: LightKind | null, error: string): Light => ({ colour: null, kind, explanation: error, error });

// A compound target: each part judged against its own current value; the light is the worst of them
// (and) or the best (or).
import type { ParsedTarget } from '../../model/index.js';
import type { Actual } from '../actual.js';
import { LIGHT_LABEL, LIGHT_ORDER, worstLight, type Light } from '../types.js';
import { lit, unlit, type LightContext, type LightRule } from './light.js';
import { judgeParsed } from './judge.js';

export const compound: LightRule = {
  kind: 'compound',
  judge(target: ParsedTarget, current: Actual, ctx: LightContext) {
    const parts = (target.parts ?? []) as readonly ParsedTarget[];
    if (current.kind !== 'parts' || current.parts.length !== parts.length) {
      return unlit('compound', `复合指标（${target.raw}）有 ${parts.length} 项，当前完成值应逐项填写 ${parts.length} 个（用“；”分隔）`);
    }
    const lights: Light[] = parts.map((p, i) => judgeParsed(p, current.parts[i]!, ctx));
    const missing = lights.findIndex((l) => l.colour === null);
    if (missing >= 0) return unlit('compound', `复合指标的第 ${missing + 1} 项无法判断：${lights[missing]!.explanation}`);
    const or = target.joiner === 'or';
    const colours = lights.map((l) => l.colour);
    const colour = or ? LIGHT_ORDER[Math.max(...colours.map((c) => LIGHT_ORDER.indexOf(c!)))]! : worstLight(colours)!;
    return lit('compound', colour,
      `复合指标（${target.raw}，${or ? '满足其一即可，取最好' : '各项均须满足，取最差'}）：${lights.map((l, i) => `（${i + 1}）${l.explanation}`).join('')}结果为${LIGHT_LABEL[colour]}。`);
  },
};

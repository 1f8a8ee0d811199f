// A reverse indicator (投诉 ≤ 2宗, 零故障): green while it holds, red once broken.
import type { ParsedTarget } from '../../model/index.js';
import type { Actual } from '../actual.js';
import { fmt } from '../types.js';
import { lit, type LightRule } from './light.js';
import { currentIn } from './quantity.js';

export const reverse: LightRule = {
  kind: 'reverse',
  judge(target: ParsedTarget, current: Actual) {
    const unit = target.unit ?? '';
    const c = currentIn(current, unit, 'reverse');
    if ('light' in c) return c.light;
    const goal = target.kind === 'range' ? target.max ?? 0 : target.value ?? 0;
    const holds = target.op === '<' ? c.value < goal : c.value <= goal;
    const sign = target.op === '<' ? '<' : '≤';
    return holds
      ? lit('reverse', 'green', `反向指标：当前 ${fmt(c.value, 4)}${unit} ${sign} ${fmt(goal, 4)}${unit}，仍在指标值（${target.raw}）以内，绿灯${c.note}。`)
      : lit('reverse', 'red', `反向指标：当前 ${fmt(c.value, 4)}${unit} 已超出指标值（${target.raw}），红灯${c.note}。`);
  },
};

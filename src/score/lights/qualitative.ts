// A qualitative indicator: 达成 green, 部分达成 yellow, 未达成 red, as the person reports it.
import type { ParsedTarget } from '../../model/index.js';
import type { Actual } from '../actual.js';
import { ACHIEVEMENT_LABEL, type LightColour, type Achievement } from '../types.js';
import { lit, unlit, type LightRule } from './light.js';

const COLOUR: Readonly<Record<Achievement, LightColour>> = { achieved: 'green', partial: 'yellow', missed: 'red' };
const WORD: Readonly<Record<LightColour, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯', blue: '蓝灯' };

export const qualitative: LightRule = {
  kind: 'qualitative',
  judge(target: ParsedTarget, current: Actual) {
    if (current.kind !== 'level') return unlit('qualitative', `定性指标（${target.raw}）的当前完成情况应为 达成、部分达成 或 未达成${current.raw ? `，而不是“${current.raw}”` : ''}`);
    const colour = COLOUR[current.level];
    return lit('qualitative', colour, `定性指标（${target.raw}）：当前为“${ACHIEVEMENT_LABEL[current.level]}”，${WORD[colour]}（达成绿灯、部分达成黄灯、未达成红灯）。`);
  },
};

// A deadline: on track (green) until it passes; done on time green; done late or passed undone red.
import type { ParsedTarget } from '../../model/index.js';
import type { Actual } from '../actual.js';
import { daysIn } from '../actual.js';
import { actualDay, dateText, dayNumber, dueDate } from '../due.js';
import { lit, unlit, type LightContext, type LightRule } from './light.js';

export const deadline: LightRule = {
  kind: 'deadline',
  judge(target: ParsedTarget, current: Actual, ctx: LightContext) {
    const due = dueDate(target, ctx.config, ctx.year);
    if ('error' in due) return unlit('deadline', due.error);
    const asOf = { year: ctx.year, month: ctx.month, day: ctx.day ?? daysIn(ctx.year, ctx.month) };
    const head = `时限指标（${target.raw}，期限 ${due.text}）：`;
    if (current.kind === 'date') {
      const done = actualDay(current.date);
      return dayNumber(done) <= dayNumber(due)
        ? lit('deadline', 'green', `${head}已于${dateText(current.date)}完成，按期，绿灯。`)
        : lit('deadline', 'red', `${head}${dateText(current.date)}才完成，晚于期限，红灯。`);
    }
    const undone = current.kind === 'undone' || (current.kind === 'error' && current.error === '没有填写实际完成值');
    if (!undone) return unlit('deadline', `时限指标的当前完成情况应填写完成日期（如 2024年10月15日）、“未完成”或不填，而不是“${current.raw}”`);
    return dayNumber(asOf) <= dayNumber(due)
      ? lit('deadline', 'green', `${head}尚未完成，截至 ${dateText(asOf)} 期限未到，绿灯。`)
      : lit('deadline', 'red', `${head}截至 ${dateText(asOf)} 已过期限仍未完成，红灯。`);
  },
};

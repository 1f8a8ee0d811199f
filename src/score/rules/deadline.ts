// 时限指标 (2024年11月前): done on or before the deadline → w; late or not done → 0, or the configured
// share of w.
import { ACHIEVEMENT_LABEL, fmt, pct } from '../types.js';
import { actualDay, dateText, dayNumber, dueDate } from '../due.js';
import { failure, result, type IndicatorRule } from './rule.js';

export const deadline: IndicatorRule = {
  kind: 'deadline',
  score(target, actual, ctx) {
    const w = ctx.weight;
    const due = dueDate(target, ctx.config, ctx.year);
    if ('error' in due) return failure('deadline', w, due.error);
    const head = `时限指标（指标值 ${target.raw}，期限 ${due.text}）：`;
    const late = ctx.config.deadlineLate;
    const lateText = late > 0 ? `按配置得 ${pct(late, 0)} × ${fmt(w)} = ${fmt(late * w)} 分` : '得 0 分';
    switch (actual.kind) {
      case 'date': {
        const done = actualDay(actual.date);
        const note = actual.date.day === null ? '（只写到月，按该月最后一天计）' : '';
        if (dayNumber(done) <= dayNumber(due)) return result('deadline', w, w, `${head}${dateText(actual.date)}完成${note}，未超过期限，得满分 ${fmt(w)} 分。`);
        return result('deadline', w, late * w, `${head}${dateText(actual.date)}完成${note}，晚于期限，${lateText}。`);
      }
      case 'undone':
        return result('deadline', w, late * w, `${head}未完成，${lateText}。`);
      case 'error':
        return failure('deadline', w, actual.error);
      case 'level':
        return failure('deadline', w, `时限指标的实际完成值应填写完成日期（如 2024年10月15日）或“未完成”，不能只填“${ACHIEVEMENT_LABEL[actual.level]}”`);
      case 'quantity':
      case 'parts':
        return failure('deadline', w, `时限指标的实际完成值应填写完成日期（如 2024年10月15日）或“未完成”，“${actual.raw}”不是日期`);
    }
  },
};

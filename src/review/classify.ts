// What kind of measure an indicator is, from its taxonomy and its name: shared by several rules.
import type { Indicator, Target } from '../model/index.js';
import { nameKey } from '../targets/index.js';

export const isSatisfaction = (i: Indicator): boolean => i.level1.code === '3' || i.level2.code === '31';

/** …率 (a rate): 完成率, 覆盖率, 满意率, also with a (%) annotation */
export const isRateName = (name: string): boolean => {
  const key = nameKey(name).replace(/\([^)]*\)$/, '');
  // 频率, 效率, 速率, 功率 are not shares of a whole
  return /率$/.test(key) && !/(频率|效率|速率|功率)$/.test(key);
};

/** a ratio or index, which has no unit: 生师比, 能源效率（PUE）, 系数, 指数, 倍数 */
export const isRatioName = (name: string): boolean => /(比|效率|系数|指数|倍数|PUE)$/i.test(nameKey(name).replace(/[()]/g, ''));

/** …数 / …数量 / …量 / …人次: a count */
export const isCountName = (name: string): boolean => /(数|数量|量|人次|次数|人数|个数|件数)$/.test(nameKey(name).replace(/\([^)]*\)$/, ''));

/** a unit given in the name itself, e.g. 改善排污面积（亩）, 巡检完成率（%） */
export const unitInName = (name: string): string | null => /\(([^()]{1,8})\)$/.exec(nameKey(name) === name ? name : name.replace(/（/g, '(').replace(/）/g, ')'))?.[1] ?? null;

/** Where a reviewer expects a number: every 产出 and 满意度 indicator, and 效益 ones named as a rate or count. */
export const expectsNumber = (i: Indicator): boolean =>
  i.level1.code === '1' || i.level1.code === '3' || isRateName(i.name) || isCountName(i.name);

export const TIME_UNITS = new Set(['ms', 'h', '秒', '分钟', '小时', '天', '日', '周', '月', '年', '工作日', '个工作日', '个月', '个小时']);

export const isQuantified = (t: Target): boolean => t.kind === 'numeric' || t.kind === 'range' || t.kind === 'compound' || t.kind === 'deadline';

/** The amount a project or unit is about, for messages: 12,721.29万元 */
export const money = (x: number, unit: string | null): string => `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${unit ?? ''}`;

export const quote = (s: string, n = 24): string => `“${s.length > n ? `${s.slice(0, n)}…` : s}”`;

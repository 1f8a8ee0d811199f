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

/** units a name can end in; the single-character ones only after 的, where they cannot be part of a word (平台, 专家) */
const NAME_UNITS = /(?:人次|户次|场次|车次|班次|批次|人天|人日|万元|平方米|公里|千米|小时|工作日|个工作日|的(?:人|次|个|家|所|项|台|套|份|篇|件|场|册|户|间|宗|批|期|张|条|座|辆|吨|亩|天|元))$/;

/**
 * A unit given in the name itself: in a closing bracket (改善排污面积（亩）, 巡检完成率（%）) or as the name's last
 * word once bracketed notes are set aside (…提供无偿服务（考试、培训、训练等）的人次 → 人次).
 */
export const unitInName = (name: string): string | null => {
  const half = name.replace(/（/g, '(').replace(/）/g, ')').trim();
  const bracketed = /\(([^()]{1,8})\)$/.exec(half)?.[1];
  if (bracketed) return bracketed;
  const bare = half.replace(/\([^()]*\)/g, '').replace(/[\s。.，,；;：:]+$/, '');
  const word = NAME_UNITS.exec(bare)?.[0];
  return word ? word.replace(/^的/, '') : null;
};

/** Where a reviewer expects a number: every 产出 and 满意度 indicator, and 效益 ones named as a rate or count. */
export const expectsNumber = (i: Indicator): boolean =>
  i.level1.code === '1' || i.level1.code === '3' || isRateName(i.name) || isCountName(i.name);

export const TIME_UNITS = new Set(['ms', 'h', '秒', '分钟', '小时', '天', '日', '周', '月', '年', '工作日', '个工作日', '个月', '个小时']);

export const isQuantified = (t: Target): boolean => t.kind === 'numeric' || t.kind === 'range' || t.kind === 'compound' || t.kind === 'deadline';

/** The amount a project or unit is about, for messages: 12,721.29万元 */
export const money = (x: number, unit: string | null): string => `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${unit ?? ''}`;

export const quote = (s: string, n = 24): string => `“${s.length > n ? `${s.slice(0, n)}…` : s}”`;

/** An indicator as a message names it: 指标“培训人次”; without a name 第 4 项指标（未填名称）, not 指标“” */
export const indicatorRef = (i: Indicator, index: number): string =>
  (i.name.trim() ? `指标“${i.name}”` : `第 ${i.seq ?? index + 1} 项指标（未填名称）`);

// The fixed three-level indicator taxonomy (财政部 项目支出绩效指标体系): level 1 and level 2 codes and
// their standard names, in one place. Level-3 indicators are free text.
export const LEVEL1: Readonly<Record<string, string>> = {
  '1': '产出指标',
  '2': '效益指标',
  '3': '满意度指标',
};

export const LEVEL2: Readonly<Record<string, string>> = {
  '11': '数量指标',
  '12': '质量指标',
  '13': '时效指标',
  '14': '成本指标',
  '21': '经济效益',
  '22': '社会效益',
  '23': '生态效益',
  '24': '可持续影响',
  '31': '服务对象满意度',
};

/** The level-1 code a level-2 code belongs to: '22' → '2'. */
export const parentOf = (level2: string): string => level2.charAt(0);

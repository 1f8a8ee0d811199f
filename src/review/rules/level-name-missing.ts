import type { Rule } from '../types.js';

// `14-；`: the published table gives the code and leaves the name empty. The reader fills the name from
// the code table, but the table itself is incomplete, so the reviewer is told.
const EMPTY_NAME = /^\s*\d+\s*、\s*(\d)\s*[-－—]\s*([^；;,，]*)[；;,，]\s*(\d{2})\s*[-－—]\s*([^；;,，]*)[；;,，]/;

export const rule: Rule = {
  id: 'level-name-missing',
  severity: 'warning',
  category: 'form',
  dimensions: ['completeness'], // 完整性 completeness: a category given by its code alone is incomplete
  title: '一级、二级指标名称已填写',
  why: '只写代码、不写名称的指标（如“14-；”）不合填报规范，阅读者也难以判断指标类别。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorPath: path } of indicators) {
      const m = EMPTY_NAME.exec(i.text);
      if (!m) continue;
      const missing = [m[2]!.trim() === '' ? `一级指标“${m[1]}-”` : null, m[4]!.trim() === '' ? `二级指标“${m[3]}-”` : null].filter(Boolean);
      if (missing.length) yield { message: `第 ${i.seq ?? '?'} 项指标${i.name.trim() ? `“${i.name}”` : '（未填名称）'}的${missing.join('、')}只写了代码，没有名称（按代码应为“${[m[2]!.trim() === '' ? i.level1.name : null, m[4]!.trim() === '' ? i.level2.name : null].filter(Boolean).join('、')}”）。`, suggestion: '补填指标名称，与代码对应。', path, line: i.line };
    }
  },
};

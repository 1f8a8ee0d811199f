import type { Rule } from '../types.js';
import { quote } from '../classify.js';

// A goal that only names an activity (向粤新公司支付结算款。) says nothing about results.
const RESULT_WORDS = /(提高|提升|达到|保障|确保|完成|改善|增强|满足|降低|减少|促进|实现|覆盖|不低于|不少于|以上|以内)/;

export const rule: Rule = {
  id: 'goal-measurable',
  severity: 'warning',
  category: 'completeness',
  dimensions: ['completeness'], // 完整性 completeness: 88号 asks for a goal that is 明确、清晰
  title: '绩效目标可衡量',
  why: '绩效目标应说明预期的产出和效果，最好有数量；只写做什么事的目标无法据以考核。',
  *check({ projects }) {
    for (const { project: p, path } of projects) {
      const g = p.goal.trim();
      // a year or a date is not a quantity: 支付2024年度物业管理费 says nothing measurable
      if (/^[\s\-—/。.]*$/.test(g) || /\d/.test(g.replace(/\d{4}\s*年度?|\d{4}\s*[-—至~]\s*\d{4}\s*年?|\d{1,2}\s*月\s*(\d{1,2}\s*日)?/g, ''))) continue;
      if (g.length < 30 && !RESULT_WORDS.test(g)) {
        yield { message: `绩效目标${quote(g, 40)}只说明了要做的事，没有说明预期的产出和效果。`, suggestion: '写明通过项目要完成什么（数量、质量、时限）以及带来什么效果，如“按合同完成结算，保障校区扩建工程竣工交付”。', path, line: p.line };
      } else if (g.length < 30) {
        yield { message: `绩效目标${quote(g, 40)}过于简略，且没有任何量化内容。`, suggestion: '补充可衡量的内容：完成的数量、达到的标准或时限。', path, line: p.line, severity: 'info' };
      }
    }
  },
};

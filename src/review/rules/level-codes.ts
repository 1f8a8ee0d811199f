import type { Rule } from '../types.js';

// Indicators are filed in a fixed taxonomy; a wrong code files them in the wrong place. The code table
// is the one of the document's indicator system (2026 has 4-成本指标 where earlier years have 14).
export const rule: Rule = {
  id: 'level-codes',
  severity: 'error',
  category: 'form',
  dimensions: ['relevance'], // 相关性 relevance: a misfiled indicator no longer bears on the output or effect it is filed under
  title: '一级、二级指标代码与名称规范',
  why: '指标须按统一的三级指标体系归类，代码错误或与名称不符会使指标被错误汇总。',
  *check({ indicators, system }) {
    const { level1: LEVEL1, level2: LEVEL2 } = system;
    const level1List = Object.entries(LEVEL1).map(([c, n]) => `${c}-${n}`);
    for (const { indicator: i, indicatorPath: path } of indicators) {
      const c1 = i.level1.code ?? '';
      const c2 = i.level2.code ?? '';
      const line = i.line;
      if (!(c1 in LEVEL1)) {
        yield { message: `第 ${i.seq ?? '?'} 项指标的一级指标代码“${c1}”不在标准代码表中（${system.label}）。`, suggestion: `一级指标应为 ${level1List.slice(0, -1).join('、')} 或 ${level1List.at(-1)}。`, path, line };
      } else if (!(c2 in LEVEL2)) {
        yield { message: `第 ${i.seq ?? '?'} 项指标的二级指标代码“${c2}”不在标准代码表中（${system.label}）。`, suggestion: '按标准代码表选用二级指标（如 11-数量指标、22-社会效益、31-服务对象满意度）。', path, line };
      } else if (c2.charAt(0) !== c1) {
        yield { message: `第 ${i.seq ?? '?'} 项指标的二级指标“${c2}-${LEVEL2[c2]}”不属于一级指标“${c1}-${LEVEL1[c1]}”。`, suggestion: `把该指标归入“${c2.charAt(0)}-${LEVEL1[c2.charAt(0)] ?? ''}”，或改选属于“${LEVEL1[c1]}”的二级指标。`, path, line };
      } else if ((i.level1.name && i.level1.name !== LEVEL1[c1]) || (i.level2.name && i.level2.name !== LEVEL2[c2])) {
        yield { message: `第 ${i.seq ?? '?'} 项指标的代码与名称不符：写作“${c1}-${i.level1.name ?? ''}；${c2}-${i.level2.name ?? ''}”，标准为“${c1}-${LEVEL1[c1]}；${c2}-${LEVEL2[c2]}”。`, suggestion: '按标准代码表更正指标名称或代码。', path, line, severity: 'warning' };
      }
    }
  },
};

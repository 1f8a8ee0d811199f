import type { Rule } from '../types.js';

const EXAMPLE: Readonly<Record<string, string>> = { '11': '“完成数量”', '12': '“验收合格率”', '13': '“按时完成率”' };

// 产出 has three faces: how much (数量), how well (质量), how timely (时效).
export const rule: Rule = {
  id: 'output-coverage',
  severity: 'warning',
  category: 'completeness',
  dimensions: ['completeness'], // 完整性 completeness: 产出 does not cover 数量, 质量, 时效
  title: '产出指标涵盖数量、质量、时效',
  why: '产出指标应从数量、质量、时效等方面反映项目产出，缺一面则产出难以全面考核。',
  *check({ projects, system }) {
    for (const { project: p, path } of projects) {
      const outputs = p.indicators.filter((i) => i.level1.code === system.roles.output);
      if (outputs.length === 0) continue; // dimension-coverage reports it
      const has = new Set(outputs.map((i) => i.level2.code));
      const missing = system.outputFaces.filter(([c]) => !has.has(c));
      if (missing.length) yield { message: `产出指标缺少${missing.map(([, n]) => n).join('、')}方面。`, suggestion: `补充${missing.map(([, n]) => `${n}指标`).join('、')}，如${missing.map(([c]) => (EXAMPLE[c] ?? '')).join('、')}。`, path, line: p.line };
    }
  },
};

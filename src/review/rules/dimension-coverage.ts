import type { Rule } from '../types.js';

// A project's indicators must cover what it produces (产出), what that achieves (效益) and whether
// those it serves are satisfied (满意度).
export const rule: Rule = {
  id: 'dimension-coverage',
  severity: 'error',
  category: 'completeness',
  dimensions: ['completeness'], // 完整性 completeness: 产出, 效益 and 满意度 not all present
  title: '产出、效益、满意度指标齐全',
  why: '每个项目都应同时设置产出、效益和满意度指标，才能完整反映项目绩效。',
  *check({ projects, system }) {
    // the dimensions the table's indicator system asks every project to cover, as [code, name]
    const required = system.required.flatMap((role) => { const c = system.roles[role]; return c ? [[c, system.level1[c]!] as const] : []; });
    for (const { project: p, path } of projects) {
      if (p.indicatorsText && p.indicators.length === 0) continue; // prose: reported by indicators-prose
      const has = new Set(p.indicators.map((i) => i.level1.code));
      const missing = required.filter(([c]) => !has.has(c));
      if (missing.length === 0) continue;
      const onlySatisfaction = missing.length === 1 && missing[0]![0] === system.roles.satisfaction;
      yield {
        message: `项目缺少${missing.map(([, n]) => n).join('、')}。`,
        suggestion: onlySatisfaction ? '增设服务对象满意度指标（如“服务对象满意度≥90%”）；确无服务对象的，应在说明中写明理由。' : `增设${missing.map(([, n]) => n).join('、')}，使指标能反映项目的产出和效果。`,
        path,
        line: p.line,
        // a missing 满意度 is often a conscious choice (no direct service object): a warning, not an error
        ...(onlySatisfaction ? { severity: 'warning' as const } : {}),
      };
    }
  },
};

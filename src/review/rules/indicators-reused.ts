import { nameKey } from '../../targets/index.js';
import type { Rule } from '../types.js';
import { money } from '../classify.js';

// Identical indicators for projects ten times apart in money: the targets cannot fit both.
export const rule: Rule = {
  id: 'indicators-reused',
  severity: 'info',
  category: 'appropriateness',
  dimensions: ['appropriateness'], // 适当性 appropriateness: 88号's test of 资金规模 against targets
  title: '指标与预算规模相称',
  why: '预算相差一个数量级的项目使用完全相同的指标和目标值，说明目标未按资金规模测算。',
  *check({ doc, projects }) {
    const signature = (k: number): string => projects[k]!.project.indicators.map((i) => `${nameKey(i.name)}=${i.annual.raw.replace(/\s/g, '')}`).sort().join('|');
    const groups = new Map<string, number[]>();
    projects.forEach(({ project: p }, k) => {
      if (p.indicators.length < 2) return;
      const s = signature(k);
      const same = groups.get(s);
      if (same) same.push(k); else groups.set(s, [k]);
    });
    for (const ks of groups.values()) {
      if (ks.length < 2) continue;
      const totals = ks.map((k) => projects[k]!.project.funding.total);
      const min = Math.min(...totals);
      const max = Math.max(...totals);
      if (min <= 0 || max / min < 10) continue;
      // shares (%) need not grow with the budget; only counts and amounts should
      const scales = projects[ks[0]!]!.project.indicators.some((i) => i.annual.kind === 'numeric' && i.annual.unit !== '%' && i.annual.unit !== '‰' && (i.annual.value ?? 0) > 0);
      if (!scales) continue;
      for (const k of ks) {
        const { project: p, path } = projects[k]!;
        yield { message: `项目（总计 ${money(p.funding.total, doc.currencyUnit)}）与其他 ${ks.length - 1} 个项目的指标和目标值完全相同，而这些项目的预算从 ${money(min, doc.currencyUnit)} 到 ${money(max, doc.currencyUnit)}，相差 ${Math.round(max / min)} 倍。`, suggestion: '请审核人确认：目标值应按各项目的资金规模分别测算。', path, line: p.line };
      }
    }
  },
};

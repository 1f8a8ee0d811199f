import type { Target } from '../../model/index.js';
import { nameKey } from '../../targets/index.js';
import type { ProjectRef, Rule } from '../types.js';

// Projects of one kind (every 信息化运维 project) should set comparable targets for the same indicator.
/** A project's kind: its name without years, year ranges and the unit's name. */
export function projectKind(ref: ProjectRef): string {
  return ref.project.name.replace(ref.unit.name, '').replace(/\d{4}\s*年?\s*[-—至~]?\s*(\d{4}\s*年?)?/g, '').replace(/^(市教育局|市教育)/, '').replace(/[（(][^）)]*[）)]$/, '').replace(/\s/g, '');
}

const comparable = (t: Target): { value: number; unit: string } | null =>
  t.kind === 'numeric' && t.value !== undefined ? (t.normalized ?? { value: t.value, unit: t.unit ?? '' }) : null;

export const rule: Rule = {
  id: 'targets-spread',
  severity: 'info',
  category: 'appropriateness',
  dimensions: ['appropriateness'], // 适当性 appropriateness: a target too high or too low beside like projects
  title: '同类项目目标值相近',
  why: '同一张表中同类项目的同一指标，目标值相差悬殊，可能是个别项目目标定得过低或过高。',
  *check({ projects }) {
    const kinds = new Map<string, ProjectRef[]>();
    for (const ref of projects) {
      const k = projectKind(ref);
      if (k.length < 4) continue;
      const same = kinds.get(k);
      if (same) same.push(ref); else kinds.set(k, [ref]);
    }
    for (const [kind, refs] of kinds) {
      if (refs.length < 2) continue;
      const byIndicator = new Map<string, { ref: ProjectRef; index: number; value: number; unit: string; raw: string }[]>();
      for (const ref of refs) {
        ref.project.indicators.forEach((i, index) => {
          const c = comparable(i.annual);
          if (!c) return;
          const key = `${nameKey(i.name)}|${c.unit}`;
          const entry = { ref, index, ...c, raw: i.annual.raw };
          const same = byIndicator.get(key);
          if (same) same.push(entry); else byIndicator.set(key, [entry]);
        });
      }
      for (const [key, list] of byIndicator) {
        if (new Set(list.map((x) => x.ref.path)).size < 2) continue;
        const values = list.map((x) => x.value);
        const lo = Math.min(...values);
        const hi = Math.max(...values);
        const unit = key.split('|')[1];
        let far = unit === '%' ? hi - lo >= 20 : lo > 0 && hi / lo >= 3;
        if (far && unit !== '%') {
          // counts that follow the money are not far apart: compare them per 万元 as well
          const perMoney = list.map((x) => x.value / Math.max(1e-9, x.ref.project.funding.total));
          far = Math.min(...perMoney) > 0 && Math.max(...perMoney) / Math.min(...perMoney) >= 3;
        }
        if (!far) continue;
        for (const x of list) {
          if (x.value !== lo && x.value !== hi) continue;
          const i = x.ref.project.indicators[x.index]!;
          yield { message: `同类项目“${kind}”共 ${refs.length} 个，指标“${i.name}”的年度目标从 ${list.find((y) => y.value === lo)!.raw} 到 ${list.find((y) => y.value === hi)!.raw} 不等；本项目为“${x.raw}”。`, suggestion: '请审核人比较同类项目的目标值，确认差异有合理依据。', path: `${x.ref.path}.indicators[${x.index}]`, line: i.line };
        }
      }
    }
  },
};

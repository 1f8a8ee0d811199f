import type { Rule } from '../types.js';
import { quote } from '../classify.js';

// The same goal text on several projects: either the projects are one project, or the goals were copied.
export const rule: Rule = {
  id: 'goal-reused',
  severity: 'info',
  category: 'appropriateness',
  dimensions: ['relevance'], // 相关性 relevance: a template goal is not tied to the project's own content
  title: '绩效目标未照搬',
  why: '多个项目使用完全相同的绩效目标，可能是照搬模板，目标未结合各项目的实际内容。',
  *check({ projects }) {
    const byGoal = new Map<string, number[]>();
    projects.forEach(({ project: p }, k) => {
      const g = p.goal.replace(/\s/g, '');
      if (g.length < 10) return;
      const same = byGoal.get(g);
      if (same) same.push(k); else byGoal.set(g, [k]);
    });
    for (const ks of byGoal.values()) {
      if (ks.length < 2) continue;
      for (const k of ks) {
        const { project: p, path } = projects[k]!;
        const others = ks.filter((x) => x !== k).map((x) => projects[x]!.project.name);
        yield { message: `绩效目标${quote(p.goal, 30)}与另外 ${others.length} 个项目完全相同（如“${others[0]}”）。`, suggestion: '请审核人确认：若各项目内容不同，应分别写明各自的产出和效果。', path, line: p.line };
      }
    }
  },
};

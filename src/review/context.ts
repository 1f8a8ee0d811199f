// The walk every rule needs, done once: projects and indicators with their document paths, targets read.
import { chooseSystem, type TableDocument } from '../model/index.js';
import { readTargets } from '../targets/index.js';
import type { IndicatorRef, ProjectRef, RuleContext } from './types.js';

export function contextOf(input: TableDocument): RuleContext {
  const needsTargets = input.units.some((u) => u.projects.some((p) => p.indicators.some((i) => i.period.kind === undefined || i.annual.kind === undefined)));
  const doc = needsTargets ? readTargets(input) : input;
  const projects: ProjectRef[] = [];
  const indicators: IndicatorRef[] = [];
  doc.units.forEach((unit, unitIndex) => {
    unit.projects.forEach((project, projectIndex) => {
      const ref: ProjectRef = { unit, unitIndex, project, projectIndex, path: `units[${unitIndex}].projects[${projectIndex}]` };
      projects.push(ref);
      project.indicators.forEach((indicator, indicatorIndex) => {
        // fields named, not spread from ref: copying an object per indicator was the walk's main cost
        indicators.push({ unit, unitIndex, project, projectIndex, path: ref.path, indicator, indicatorIndex, indicatorPath: `${ref.path}.indicators[${indicatorIndex}]` });
      });
    });
  });
  // the same choice the reader made: the year's system, or the one the table's codes fit
  const { system } = chooseSystem(doc.year, indicators.map(({ indicator: i }) => [i.level1.code, i.level2.code] as const));
  return { doc, projects, indicators, system };
}

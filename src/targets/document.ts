// The targets stage over a whole document: every period and annual value read by the grammar, and a
// diagnostic for each value that has numbers in no known shape.
import type { Diagnostic, Indicator, TableDocument } from '../model/index.js';
import { parseTarget } from './parse.js';

export function readTargets(doc: TableDocument): TableDocument {
  const diagnostics: Diagnostic[] = [];
  const read = (i: Indicator, path: string): Indicator => {
    const period = parseTarget(i.period.raw);
    const annual = parseTarget(i.annual.raw);
    for (const [label, t] of [['实施周期指标值', period], ['年度指标值', annual]] as const) {
      if (t.kind === 'unparsed') {
        diagnostics.push({ severity: 'info', code: 'target-unparsed', message: `${label}“${t.raw}”含有数字，但不是可识别的目标值写法，未能结构化（原文保留）。`, ...(i.line !== undefined ? { line: i.line } : {}), path });
      }
    }
    return { ...i, period, annual };
  };
  return {
    ...doc,
    units: doc.units.map((u, ui) => ({
      ...u,
      projects: u.projects.map((p, pi) => ({ ...p, indicators: p.indicators.map((i, ii) => read(i, `units[${ui}].projects[${pi}].indicators[${ii}]`)) })),
    })),
    orphans: doc.orphans.map((o, oi) => ({ ...o, indicators: o.indicators.map((i, ii) => read(i, `orphans[${oi}].indicators[${ii}]`)) })),
    diagnostics: [...doc.diagnostics, ...diagnostics],
  };
}

// The monitoring gate: a project whose targets cannot be followed through 运行监控 and 自评 cannot grade
// above 中, whatever else it does well. It cannot be followed when it has no structured indicator, when
// an indicator has neither target value, or when it has no 产出 or no 效益 indicator to follow.
import type { Category, Project } from '../model/index.js';
import type { GateReason } from './types.js';

const isLevel1 = (c: Category, code: string, name: string): boolean => c.code === code || (c.code === null && (c.name ?? '').startsWith(name));
const blank = (t: { kind?: string; raw: string }): boolean => t.kind === 'empty' || t.raw.trim() === '';

/** Why the project cannot be monitored; empty when it can. */
export function gateOf(p: Project): GateReason[] {
  if (p.indicators.length === 0) {
    return [{
      code: 'no-structured-indicators',
      message: p.indicatorsText ? '绩效指标全部以自由文字书写，没有可逐项监控的结构化指标' : '没有绩效指标',
    }];
  }
  const out: GateReason[] = [];
  const untargeted = p.indicators.filter((i) => blank(i.period) && blank(i.annual));
  if (untargeted.length) out.push({ code: 'targets-missing', message: `${untargeted.length} 项指标既无实施周期指标值也无年度指标值，无法对照监控` });
  if (!p.indicators.some((i) => isLevel1(i.level1, '1', '产出'))) out.push({ code: 'no-output', message: '没有产出指标' });
  if (!p.indicators.some((i) => isLevel1(i.level1, '2', '效益'))) out.push({ code: 'no-effect', message: '没有效益指标' });
  return out;
}

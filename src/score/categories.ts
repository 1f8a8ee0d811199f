// A level-1 or level-2 category as a form writes it (产出指标, 1-产出指标, 1, 产出) → its code, name and the
// dimension it stands for in the year's indicator system (src/model/taxonomy.ts).
import { DEFAULT_SYSTEM, systemForYear, type DimensionRole, type IndicatorSystem } from '../model/index.js';
import { halfWidth } from '../targets/index.js';

export interface ReadCategory { readonly code: string | null; readonly name: string | null }

export function readCategory(s: string | undefined, names: Readonly<Record<string, string>>): ReadCategory {
  const t = halfWidth(s ?? '').replace(/\s+/g, '');
  if (t === '') return { code: null, name: null };
  const m = /^(\d{1,2})(?:[-—.、:：]+(.*))?$/.exec(t);
  if (m) return { code: m[1]!, name: m[2] || names[m[1]!] || null };
  const code = Object.entries(names).find(([, n]) => n === t || n.replace(/指标$/, '') === t.replace(/指标$/, ''))?.[0] ?? null;
  return { code, name: t };
}

const BY_NAME: readonly (readonly [RegExp, DimensionRole])[] = [[/成本/, 'cost'], [/产出/, 'output'], [/效益/, 'benefit'], [/满意/, 'satisfaction']];

export const ROLE_NAME: Readonly<Record<DimensionRole, string>> = { output: '产出指标', benefit: '效益指标', satisfaction: '满意度指标', cost: '成本指标' };

export function systemOf(year: number): IndicatorSystem {
  return systemForYear(year) ?? DEFAULT_SYSTEM;
}

/** the dimension of a level-1 category: by its code in the year's system, else by its name */
export function roleOf(c: ReadCategory, system: IndicatorSystem): DimensionRole | null {
  if (c.code !== null) {
    const r = (Object.entries(system.roles) as [DimensionRole, string][]).find(([, code]) => code === c.code)?.[0];
    if (r) return r;
  }
  return BY_NAME.find(([re]) => re.test(c.name ?? ''))?.[1] ?? null;
}

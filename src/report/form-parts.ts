// Pieces the printed forms share: numbers as the forms print them, merged cells for runs of the same
// level-1/level-2 category, lights and grades with their word.
import type { LightColour } from '../score/index.js';
import { LIGHT_LABEL, roundPercent, roundScore } from '../score/index.js';
import { html, type Html } from './html/escape.js';

export const money = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : roundScore(x).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
/** a score as the engine answers it (src/score/precision.ts): to the cent */
export const num = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : String(roundScore(x)));
/** a rate as a percentage with 2 decimals, the engine's 4 decimals of the fraction */
export const rate = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${roundPercent(x * 100).toFixed(2)}%`);

export interface Category { readonly code: string | null; readonly name: string | null }
export const categoryText = (c: Category): string => (c.code && c.name ? `${c.code}-${c.name}` : c.name ?? c.code ?? '');
/**
 * A 一级/二级指标 cell's content (class `cat` in score-style.ts): the name is kept whole and the line may break
 * only after its code — 31-|服务对象满意度, never 31-服务对象满意|度.
 */
export const categoryCell = (c: Category): Html => (c.code && c.name ? html`${c.code}-<wbr>${c.name}` : html`${c.name ?? c.code ?? ''}`);

/**
 * For rows in order, how many rows each cell of a column spans: a run of equal keys is one merged cell
 * (0: covered by the cell above). Level 2 runs break where level 1 changes.
 */
export function runs(keys: readonly string[]): number[] {
  const out = keys.map(() => 0);
  for (let i = 0; i < keys.length;) {
    let j = i + 1;
    while (j < keys.length && keys[j] === keys[i]) j++;
    out[i] = j - i;
    i = j;
  }
  return out;
}

export function lightBadge(c: LightColour | null): Html {
  return c === null ? html`<span class="light">无法判断</span>` : html`<span class="light ${c}">${LIGHT_LABEL[c]}</span>`;
}

export const page = (title: string, body: Html, style: string): string =>
  `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${html`${title}`.value}</title><style>${style}</style></head><body>${body.value}</body></html>\n`;

/** the merged cells of the 一级指标 and 二级指标 columns for indicator rows in order */
export function categorySpans(rows: readonly { readonly level1: Category; readonly level2: Category }[]): { level1: number[]; level2: number[] } {
  return {
    level1: runs(rows.map((i) => categoryText(i.level1))),
    level2: runs(rows.map((i) => `${categoryText(i.level1)}|${categoryText(i.level2)}`)),
  };
}

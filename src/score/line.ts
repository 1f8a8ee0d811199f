// One indicator as scripts send it (a JSON Lines line, a POST /api/score body): validated, scored with its
// own config if it brings one. Never throws: a bad line comes back as `{ score: null, error }`.
import { parseTarget } from '../targets/index.js';
import { resolveConfig, ScoreConfigError, type ScoreConfig } from './config.js';
import { scoreIndicator } from './indicator.js';
import { presentScore } from './precision.js';
import { scoreLineInput } from './schema.js';
import type { IndicatorScore } from './types.js';
import { zhError } from '../model/zod-zh.js';


export type ScoredLine = IndicatorScore & { readonly kind?: string | null };

export function scoreLine(data: unknown, base?: unknown): ScoredLine {
  const parsed = scoreLineInput.safeParse(data, { error: zhError });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '（整行）'}：${i.code === 'unrecognized_keys' ? `未知的字段 ${i.keys.join('、')}` : i.message}`);
    return { score: null, max: 0, rule: null, kind: null, explanation: `输入有误：${issues.join('；')}`, error: `输入有误：${issues.join('；')}` };
  }
  const x = parsed.data;
  let config: ScoreConfig;
  try {
    config = resolveConfig(x.config ?? base, { region: x.region ?? null, year: x.year ?? null });
  } catch (e) {
    if (!(e instanceof ScoreConfigError)) throw e;
    return { score: null, max: x.weight, rule: null, kind: null, explanation: e.message, error: e.message };
  }
  const target = parseTarget(x.target);
  return { ...presentScore(scoreIndicator({ target, actual: x.actual ?? null, weight: x.weight, score: x.score ?? null, year: x.year ?? null }, config)), kind: target.kind };
}

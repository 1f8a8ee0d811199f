// Which rules run and at what severity, and how the score is weighted, from a JSON or YAML file:
//   { "rules": { "goal-reused": "off", "satisfaction-percent": "error", "rate-percent": { "severity": "info" } },
//     "scoring": { "weights": { "completeness": 40, "relevance": 20, "appropriateness": 20, "feasibility": 20 } } }
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Severity } from '../model/index.js';
import { DEFAULT_SCORING, scoringSchema, type Scoring } from './scoring.js';
import { zhError } from '../model/zod-zh.js';
import { jsonProblem, yamlProblem } from '../model/syntax-errors.js';

const severity = z.enum(['error', 'warning', 'info']);
const ruleSetting = z.union([z.literal('off'), severity, z.object({ enabled: z.boolean().optional(), severity: severity.optional() }).strict()]);
export const reviewConfigSchema = z.object({ rules: z.record(z.string(), ruleSetting).default({}), scoring: scoringSchema.default(DEFAULT_SCORING) }).strict();

export interface ReviewConfig {
  readonly rules: Readonly<Record<string, 'off' | Severity | { readonly enabled?: boolean | undefined; readonly severity?: Severity | undefined }>>;
  /** DEFAULT_SCORING when absent */
  readonly scoring?: Scoring;
}

export const DEFAULT_CONFIG: ReviewConfig = { rules: {}, scoring: DEFAULT_SCORING };

export class ConfigError extends Error {}

/** Reads and validates a config file; the error names the file and what is wrong in it. */
export async function loadConfig(file: string, knownRules: readonly string[]): Promise<ReviewConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`无法读取配置文件 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    const yaml = /\.ya?ml$/i.test(file);
    throw new ConfigError(`配置文件 ${file} 不是有效的 ${yaml ? 'YAML' : 'JSON'}：${yaml ? yamlProblem(e) : jsonProblem(text, e)}`);
  }
  const parsed = reviewConfigSchema.safeParse(data ?? {}, { error: zhError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`配置文件 ${file} 中 ${issue.path.join('.') || '（顶层）'} 有误：${issue.message}`);
  }
  const unknown = Object.keys(parsed.data.rules).filter((id) => !knownRules.includes(id));
  if (unknown.length) throw new ConfigError(`配置文件 ${file} 提到了不存在的规则：${unknown.join('、')}。可用的规则：${knownRules.join('、')}`);
  return parsed.data as ReviewConfig;
}

/** The severity a rule runs at, or null when it is switched off. */
export function effectiveSeverity(config: ReviewConfig, id: string, base: Severity): Severity | null {
  const s = config.rules[id];
  if (s === undefined) return base;
  if (s === 'off') return null;
  if (typeof s === 'string') return s;
  if (s.enabled === false) return null;
  return s.severity ?? base;
}

// Reading a scoring config file (JSON or YAML) and an evaluation or monitoring input file for the CLI,
// each error naming the file and what is wrong in it.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { scoreConfigInputSchema } from '../score/index.js';
import { zhError } from '../model/zod-zh.js';
import { jsonProblem, yamlProblem } from '../model/syntax-errors.js';


export async function readDataFile(file: string): Promise<{ data: unknown } | { error: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { error: `无法读取 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}` };
  }
  const yaml = /\.ya?ml$/i.test(file);
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { data: yaml ? parseYaml(body) : JSON.parse(body) };
  } catch (e) {
    return { error: `${file} 不是有效的 ${yaml ? 'YAML' : 'JSON'}：${yaml ? yamlProblem(e) : jsonProblem(body, e)}` };
  }
}

export function schemaError(file: string, error: z.ZodError): string {
  const issues = error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '（顶层）'}：${i.code === 'unrecognized_keys' ? `未知的字段 ${i.keys.join('、')}` : i.message}`);
  return `${file} 的内容有误：${issues.join('；')}${error.issues.length > 10 ? `；等 ${error.issues.length} 处` : ''}`;
}

export async function loadScoreConfig(file: string): Promise<{ data: unknown } | { error: string }> {
  const r = await readDataFile(file);
  if ('error' in r) return r;
  const p = scoreConfigInputSchema.safeParse(r.data ?? {}, { error: zhError });
  return p.success ? { data: p.data } : { error: schemaError(file, p.error) };
}

// Server tests: the app built in-process (`buildServer`) over a store from the store harness, driven
// with `app.inject`. Every JSON answer is checked against its zod schema.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import type { z } from 'zod';
import { buildServer, type ServerOptions } from '../../src/server/index.js';
import { errorResponse } from '../../src/server/schemas.js';
import type { Store } from '../../src/store/index.js';
import { forEachDialect, SAMPLES } from '../store/harness.js';

/** a folder that holds no built front end */
export const NO_WEB = join(tmpdir(), 'jixiao-no-web-here');

/** Runs `body` on SQLite and PostgreSQL with a server over a migrated (optionally seeded) store. */
export function serverSuite(
  name: string,
  body: (app: () => FastifyInstance, store: () => Store) => void,
  options: { seed?: boolean; server?: Omit<ServerOptions, 'store' | 'logger'> } = {},
): void {
  forEachDialect(name, (store) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildServer({ store: store(), logger: false, webDir: NO_WEB, ...options.server });
      await app.ready();
    });
    afterAll(async () => { await app?.close(); });
    body(() => app, store);
  }, options.seed === undefined ? {} : { seed: options.seed });
}

/** the response parsed as JSON and validated against `schema` */
export function json<T extends z.ZodType>(r: LightMyRequestResponse, schema: T, status = 200): z.output<T> {
  expect(r.headers['content-type'], r.body.slice(0, 300)).toMatch(/^application\/json/);
  expect(r.statusCode, r.body.slice(0, 500)).toBe(status);
  const parsed = schema.safeParse(r.json());
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  return parsed.data as z.output<T>;
}

/** an error answer: the one error shape, with the status and code expected */
export function error(r: LightMyRequestResponse, status: number, code?: string): z.output<typeof errorResponse> {
  const e = json(r, errorResponse, status);
  expect(e.statusCode).toBe(status);
  if (code !== undefined) expect(e.code).toBe(code);
  // Chinese, and nothing of the server's insides
  expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message).not.toMatch(/at .*\.(ts|js):\d+|node_modules|SQLITE_|syntax error/i);
  return e;
}

export interface UploadFile {
  readonly name: string;
  readonly content: string | Uint8Array;
  readonly field?: string;
}

/** multipart/form-data with the files (field `files` unless said otherwise) */
export function form(files: readonly UploadFile[], fields: Record<string, string> = {}): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append(f.field ?? 'files', new Blob([typeof f.content === 'string' ? f.content : Buffer.from(f.content)], { type: 'text/plain' }), f.name);
  return fd;
}

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

/** a small tabular table whose unit and project names are HTML and SQL */
export const INJECTION_UNIT = '测试单位<b>甲</b>';
export const SCRIPT_NAME = '<script>alert(1)</script>';
export const SQL_NAME = "'; drop table projects; --";
export function injectionTable(department = '测试局'): string {
  return [
    '广州市测试局2024年项目支出绩效目标表', '', `部门名称：${department}`, '', '单位：万元', '',
    ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'].join('\t'),
    ['合计', '30.00', '30.00', '', '', '', ''].join('\t'),
    [INJECTION_UNIT, '30.00', '30.00', '', '', '', ''].join('\t'),
    [SCRIPT_NAME, '10.00', '10.00', '', '', '目标一：培训100人。', '1、1-产出指标；11-数量指标；培训人数；实施周期指标值:100人；年度指标值:100人。'].join('\t'),
    [SQL_NAME, '20.00', '20.00', '', '', '目标二：满意度90%。', '1、3-满意度指标；31-服务对象满意度；满意度；实施周期指标值:≥90%；年度指标值:≥90%。'].join('\t'),
    '',
  ].join('\n');
}

/** sample 004's header, then its project blocks repeated to about `bytes`, the 合计 and unit rows scaled to match */
export function largeTable(bytes: number, unit?: string): Buffer {
  const lines = readFileSync(join(SAMPLES, '004_08daa9245e557faf.txt'), 'utf8').split('\n');
  const unitRow = lines.findIndex((l) => l.startsWith('广州市残疾人就业培训服务中心 830.47'));
  const body = lines.slice(unitRow + 1).join('\n');
  const copies = Math.floor(bytes / Buffer.byteLength(body));
  const total = ((83047 * copies) / 100).toFixed(2);
  const head = lines.slice(0, unitRow + 1).map((l) => l.replace('830.47 830.47', `${total} ${total}`));
  const text = [...head, ...Array.from({ length: copies }, () => body)].join('\n');
  return Buffer.from(unit ? text.replaceAll('广州市残疾人就业培训服务中心', unit) : text);
}

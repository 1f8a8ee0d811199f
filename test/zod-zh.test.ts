// The one zod error map (src/model/zod-zh.ts) the API, the CLI, the store and the workflow parse with: the
// common issues read as natural Chinese, with no English type names or operators left in them.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhError } from '../src/model/zod-zh.js';

const message = (schema: z.ZodType, input: unknown): string => {
  const r = schema.safeParse(input, { error: zhError });
  expect(r.success, JSON.stringify(input)).toBe(false);
  return r.error!.issues[0]!.message;
};

describe('zod messages in Chinese', () => {
  it('says the common issues the way a form would', () => {
    const cases: [z.ZodType, unknown, string][] = [
      [z.number().max(500), 501, '应为不大于 500 的数'],
      [z.number().lt(500), 501, '应为小于 500 的数'],
      [z.number().min(1), 0, '应为不小于 1 的数'],
      [z.number().positive(), 0, '应为正数'],
      [z.int(), 1.5, '应为整数'],
      [z.number().int(), 1.5, '应为整数'],
      [z.number(), Number.NaN, '应为数字'],
      [z.number(), '12', '应为数字，收到的是文本'],
      [z.object({}), [], '应为对象，收到的是数组'],
      [z.array(z.string()), {}, '应为数组，收到的是对象'],
      [z.string(), 3, '应为文本，收到的是整数'],
      [z.string(), undefined, '必须填写（应为文本）'],
      [z.string().min(1), '', '不能为空'],
      [z.string().max(5), '长长长长长长', '至多 5 个字符'],
      [z.array(z.number()).max(2), [1, 2, 3], '至多 2 项'],
      [z.array(z.number()).min(1), [], '至少要有一项'],
      [z.email(), 'x', '应为有效的电子邮件地址'],
      [z.iso.date(), '2026-13-01', '应为有效的日期（如 2026-12-01）'],
      [z.string().regex(/^\d+$/), 'x', '格式不正确'],
      [z.enum(['asc', 'desc']), 'up', '应为以下之一：“asc”、“desc”'],
      [z.union([z.literal('none'), z.number().int().max(2200)]), 3000, '应为不大于 2200 的数'],
      [z.union([z.literal('none'), z.number().int()]), 2024.5, '应为“none”或整数'],
      [z.union([z.object({ a: z.number() }), z.array(z.number())]), 3, '应为对象或数组，收到的是整数'],
      [z.union([z.object({ a: z.number() }), z.array(z.number())]), { a: 'x' }, 'a：应为数字，收到的是文本'],
    ];
    for (const [schema, input, expected] of cases) expect(message(schema, input), JSON.stringify(input)).toBe(expected);
  });

  it('leaves no English type name, operator or NaN in a message', () => {
    const schemas: [z.ZodType, unknown][] = [
      [z.number().max(500), 501], [z.int(), 1.5], [z.number(), Number.NaN], [z.object({}), []], [z.boolean(), 'yes'],
      [z.number().int().min(1), -3], [z.string().max(2), 'abc'], [z.array(z.string()).length(2), ['a']], [z.number().multipleOf(5), 3],
      [z.strictObject({}), { x: 1 }], [z.record(z.string(), z.number()), { a: 'x' }], [z.date(), 'x'], [z.iso.datetime(), 'x'], [z.uuid(), 'x'],
    ];
    for (const [schema, input] of schemas) {
      const m = message(schema, input);
      expect(m, JSON.stringify(input)).toMatch(/[\u4e00-\u9fff]/);
      expect(m, JSON.stringify(input)).not.toMatch(/\b(number|int|object|array|string|boolean|date|NaN|expected|received|Invalid)\b|[<>]=?/);
    }
  });
});

// Where a broken JSON or YAML text is broken, in Chinese (src/model/syntax-errors.ts): JSON.parse gives
// English and often no position, the yaml library English with one.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { jsonProblem, jsonSyntaxProblem, yamlProblem } from '../src/model/syntax-errors.js';
import { mulberry32 } from './helpers/prng.js';

const yamlError = (text: string): unknown => {
  try {
    parseYaml(text);
  } catch (e) {
    return e;
  }
  throw new Error(`valid YAML: ${text}`);
};

describe('JSON syntax problems', () => {
  it('names the line, the column and why, in Chinese', () => {
    expect(jsonSyntaxProblem('not json')).toEqual({ line: 1, column: 1, reason: '此处不应出现“n”，应为一个值：数字、字符串、对象、数组、true、false 或 null' });
    expect(jsonSyntaxProblem('{\n  "a": 1,\n  "b": [1, 2,]\n}')).toEqual({ line: 3, column: 14, reason: '最后一项后面多了逗号' });
    expect(jsonSyntaxProblem('{"a": 1,}')?.reason).toBe('最后一项后面多了逗号');
    expect(jsonSyntaxProblem("{'a': 1}")?.reason).toContain('双引号');
    expect(jsonSyntaxProblem('{"year": 2025,')).toEqual({ line: 1, column: 15, reason: '内容在此中断，属性名应是用双引号括起的文本' });
    expect(jsonSyntaxProblem('{"a": "b')?.reason).toBe('字符串缺少结尾的双引号');
    expect(jsonSyntaxProblem('{"a" 1}')?.reason).toContain('冒号');
    expect(jsonSyntaxProblem('{"a": 1} x')?.reason).toContain('多出了“x”');
    expect(jsonSyntaxProblem('[01]')?.column).toBe(3);
    expect(jsonProblem('not json', new SyntaxError('x'), true)).toBe('第 1 个字符：此处不应出现“n”，应为一个值：数字、字符串、对象、数组、true、false 或 null');
  });

  it('finds a problem exactly when JSON.parse refuses the text (mutated JSON, seeded)', () => {
    const rng = mulberry32(20_240_611);
    const base = JSON.stringify({ year: 2025, name: '项目"甲"\\n', list: [1, -2.5e3, true, false, null, { x: [] }], nested: { a: 'é\u00e9', b: {} } }, null, rng.chance(0.5) ? 2 : 0);
    const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', 'a', '0', '-', '.', 'e', "'", 'n', 't', '\t'];
    for (let n = 0; n < 3000; n++) {
      let text = base;
      for (let k = rng.int(1, 3); k > 0; k--) {
        const at = rng.int(0, text.length);
        text = rng.chance(0.5) ? text.slice(0, at) + rng.pick(alphabet) + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      }
      let valid = true;
      try { JSON.parse(text); } catch { valid = false; }
      const p = jsonSyntaxProblem(text);
      expect(p === null, text).toBe(valid);
      if (p) expect(p.reason, text).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('YAML syntax problems', () => {
  it('name the line and column in Chinese, the library\'s sentence kept in parentheses', () => {
    const m = yamlProblem(yamlError('a: [1, 2\nb: 3\n'));
    expect(m).toBe('第 2 行第 1 列：缩进不正确，或 [ ] { } 没有闭合（Flow sequence in block collection must be sufficiently indented and end with a ]）');
    expect(yamlProblem(yamlError('key: value\n\tbad: 1\n'))).toMatch(/^第 2 行第 1 列：不能用 Tab 缩进/);
    expect(yamlProblem(yamlError('a: "x\n'))).toContain('缺少结尾的引号或括号');
    expect(yamlProblem(yamlError('a: 1\na: 2\n'))).toContain('同一个键写了两次');
  });
});

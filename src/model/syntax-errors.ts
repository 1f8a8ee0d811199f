// Where a JSON or YAML text a user wrote is broken, and why, in Chinese. JSON.parse says
// `Unexpected token 'o', "not json" is not valid JSON` — English, and often without a position; the yaml
// library says `Flow sequence in block collection must be…`. The CLI's inputs and configs (score lines,
// evaluation files, score and review configs) report through here.
import { YAMLParseError } from 'yaml';

export interface SyntaxProblem {
  /** 1-based */
  readonly line: number;
  /** 1-based, in characters of that line */
  readonly column: number;
  readonly reason: string;
}

class Stop {
  constructor(readonly at: number, readonly reason: string) {}
}

const show = (c: string): string => (c === ' ' ? '空格' : c === '\t' ? 'Tab' : `“${c}”`);

/**
 * Why JSON.parse refuses `text`: the first place a JSON parser must stop, with a reason. Null when the text
 * is valid JSON, or nested too deep to look through here.
 */
export function jsonSyntaxProblem(text: string): SyntaxProblem | null {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++; };
  const unexpected = (what: string): Stop => {
    if (i >= text.length) return new Stop(i, `内容在此中断，${what}`);
    const c = text[i]!;
    if (c === "'") return new Stop(i, '字符串和属性名应使用双引号 "，不能用单引号');
    return new Stop(i, `此处不应出现${show(c)}，${what}`);
  };
  const string = (): void => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) throw new Stop(i, '字符串缺少结尾的双引号');
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return; }
      if (c < 0x20) throw new Stop(i, '字符串中不能直接包含换行、Tab 等控制字符，请写作 \\n、\\t');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop(i, '无效的转义：反斜杠后只能是 " \\ / b f n r t 或 u 加四位十六进制数');
      } else i++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const number = (): void => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) throw unexpected('应为一个值：数字、字符串、对象、数组、true、false 或 null');
    i += m[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 500) throw new RangeError('too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') throw text[i] === '}' ? new Stop(i, '最后一项后面多了逗号') : unexpected('属性名应是用双引号括起的文本');
        string(); ws();
        if (text[i] !== ':') throw unexpected('属性名后应是冒号（:）');
        i++;
        value(depth + 1); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        throw unexpected('此处应是逗号或 }');
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        ws();
        if (text[i] === ']') throw new Stop(i, '最后一项后面多了逗号');
        value(depth + 1); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        throw unexpected('此处应是逗号或 ]');
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) { i += word.length; return; }
    }
    number();
  };
  try {
    value(0);
    ws();
    if (i < text.length) throw new Stop(i, `JSON 在此之前已经结束，后面多出了${show(text[i]!)}`);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) return null;
    const before = text.slice(0, e.at);
    const line = before.split('\n').length;
    return { line, column: e.at - before.lastIndexOf('\n'), reason: e.reason };
  }
}

/** `第 2 行第 5 列：…`, or only the column for text of one line */
export function where(p: SyntaxProblem, oneLine = false): string {
  return oneLine ? `第 ${p.column} 个字符：${p.reason}` : `第 ${p.line} 行第 ${p.column} 列：${p.reason}`;
}

/** JSON.parse's error for `text` in Chinese with its place; V8's own words only when no place is found */
export function jsonProblem(text: string, error: unknown, oneLine = false): string {
  const p = jsonSyntaxProblem(text);
  return p ? where(p, oneLine) : `无法解读（${(error as Error)?.message ?? String(error)}）`;
}

const YAML_REASON: Readonly<Record<string, string>> = {
  BAD_INDENT: '缩进不正确，或 [ ] { } 没有闭合',
  BAD_DQ_ESCAPE: '双引号字符串中有无效的转义',
  BAD_SCALAR_START: '值不能以这个字符开头，请给这个值加上引号',
  BLOCK_AS_IMPLICIT_KEY: '同一行中“键: 值”后不能再写“键: 值”，请换行并缩进',
  BLOCK_IN_FLOW: '[ ] 或 { } 中不能使用换行缩进的写法',
  DUPLICATE_KEY: '同一个键写了两次',
  MISSING_CHAR: '缺少结尾的引号或括号',
  MULTILINE_IMPLICIT_KEY: '键不能跨行，可能缺少冒号后的空格或多了换行',
  MULTIPLE_DOCS: '文件中有多个文档（以 --- 分隔），只能有一个',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  UNEXPECTED_TOKEN: '此处不应出现这个内容，可能缩进不对或缺少冒号',
  KEY_OVER_1024_CHARS: '键过长，超过了 1024 个字符',
  RESOURCE_EXHAUSTION: '别名展开过多',
  BAD_ALIAS: '别名 *名称 无效',
};

/** The yaml library's error in Chinese with its line and column, the library's first sentence kept for support */
export function yamlProblem(error: unknown): string {
  if (!(error instanceof YAMLParseError)) return `无法解读（${(error as Error)?.message ?? String(error)}）`;
  const at = error.linePos?.[0];
  const original = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const reason = YAML_REASON[error.code] ?? '格式有误';
  return `${at ? `第 ${at.line} 行第 ${at.col} 列：` : ''}${reason}（${original}）`;
}

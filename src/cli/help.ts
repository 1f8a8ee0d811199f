// Commander's help and error boilerplate in Chinese: headings, usage words, the help and version options,
// the help command, "(default: …)", and the common parse errors. Set on the root command before any
// subcommand is added, so every subcommand inherits it (commander copies help settings to subcommands).
import { Help, type Command, type Option } from 'commander';

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

const words = (s: string): string => s.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');

const EXTRA: Readonly<Record<string, string>> = { default: '默认', choices: '可选', preset: '预设', env: '环境变量' };
/** "… (choices: "a", "b", default: "a")" → "…（可选："a", "b"；默认："a"）" */
const extras = (s: string): string =>
  s.replace(/ ?\(((?:default|choices|preset|env): .*)\)$/, (_, inner: string) =>
    `（${inner.replace(/(?:, )?\b(default|choices|preset|env): /g, (m: string, k: string) => `${m.startsWith(',') ? '；' : ''}${EXTRA[k]}：`)}）`);

/** columns as a terminal shows them: CJK and full-width characters take two */
const displayWidth = (s: string): number => {
  let n = 0;
  // eslint-disable-next-line no-control-regex -- ANSI colour codes take no width
  for (const ch of s.replace(/\u001b\[\d*(?:;\d+)*m/g, '')) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
};

// The common parse errors, as commander words them (lib/command.js), in Chinese.
const ERRORS: readonly [RegExp, (...m: string[]) => string][] = [
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/, (o, v, c) => `错误：选项 ${o} 的值“${v}”无效，可选：${c}`],
  [/^error: option '([^']+)' argument missing$/, (o) => `错误：选项 ${o} 缺少值`],
  [/^error: required option '([^']+)' not specified$/, (o) => `错误：必须给出选项 ${o}`],
  [/^error: missing required argument '([^']+)'$/, (a) => `错误：缺少参数 ${a}`],
  [/^error: unknown option '([^']+)'(.*)$/, (o, rest) => `错误：未知选项 ${o}${rest.replace(/\(Did you mean (.*)\?\)/, '（是否想用 $1？）')}`],
  [/^error: unknown command '([^']+)'(.*)$/, (c, rest) => `错误：未知命令 ${c}${rest.replace(/\(Did you mean (.*)\?\)/, '（是否想用 $1？）')}`],
  [/^error: too many arguments.*Expected (\d+) arguments? but got (\d+)\.$/, (e, g) => `错误：参数过多：应为 ${e} 个，实际 ${g} 个`],
];

export function translateError(text: string): string {
  return text.split('\n').map((line) => {
    for (const [re, f] of ERRORS) {
      const m = re.exec(line);
      if (m) return f(...m.slice(1));
    }
    return line;
  }).join('\n');
}

/** Chinese help for `root` and, by inheritance, for every command added to it afterwards. */
export function chineseHelp(root: Command, version: string): Command {
  return root
    .configureHelp({
      // wide enough that no description is wrapped mid-phrase; long detail lives in each command's own help
      helpWidth: 400,
      styleTitle: (s: string) => TITLES[s] ?? s,
      displayWidth,
      commandUsage: (cmd: Command) => words(Help.prototype.commandUsage.call(new Help(), cmd)),
      subcommandTerm: (cmd: Command) => words(Help.prototype.subcommandTerm.call(new Help(), cmd)),
      optionDescription: (o: Option) => extras(Help.prototype.optionDescription.call(new Help(), o)),
      argumentDescription: (a) => extras(Help.prototype.argumentDescription.call(new Help(), a)),
    })
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .version(version, '-V, --version', '显示版本号')
    .configureOutput({ outputError: (s, write) => write(translateError(s)) });
}

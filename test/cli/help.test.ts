// `jixiao --help` and every subcommand's help are Chinese: none of commander's English boilerplate, and no
// description wrapped onto a second line (a line that starts with spaces and a non-option word).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = (...args: string[]) => spawnSync(join(root, 'bin', 'jixiao'), args, { encoding: 'utf8', cwd: root, env: { ...process.env, COLUMNS: '80' } });

const BOILERPLATE = [/Usage:/, /Options:/, /Commands:/, /Arguments:/, /display help/, /output the version/, /\[options\]/, /\[command\]/, /\(default:/, /\(choices:/, /\bdefault:/];

/** every command path: the root, each subcommand, db's migrate and the account commands */
function commands(): string[][] {
  const out = run('--help').stdout;
  const listed = out.slice(out.indexOf('命令：')).split('\n').map((l) => /^ {2}([a-z]+)\b/.exec(l)?.[1]).filter((c): c is string => c !== undefined && c !== 'help');
  const accounts = [['user', 'add'], ['user', 'list'], ['user', 'passwd'], ['user', 'disable'], ['user', 'enable'], ['token', 'create'], ['token', 'list'], ['token', 'revoke']];
  return [[], ...listed.map((c) => [c]), ['db', 'migrate'], ...accounts];
}

describe('CLI help', () => {
  const all = commands();

  it('lists the subcommands it has', () => {
    expect(all.map((c) => c.join(' '))).toEqual(expect.arrayContaining(['parse', 'check', 'stats', 'diff', 'import', 'db', 'export', 'projects', 'serve', 'search', 'db migrate', 'user', 'token', 'user add', 'token create']));
  });

  it.each(all.map((c) => [c.join(' ') || '（根命令）', c] as const))('%s --help has no English commander boilerplate and no wrapped line', (_, path) => {
    const r = run(...path, '--help');
    expect(r.status).toBe(0);
    for (const re of BOILERPLATE) expect(r.stdout, `${path.join(' ')}: ${re}`).not.toMatch(re);
    expect(r.stdout).toContain('用法：');
    expect(r.stdout).toContain('显示帮助');
    // a wrapped description continues on a line indented past the term column
    const continued = r.stdout.split('\n').filter((l) => /^ {6,}\S/.test(l));
    expect(continued, path.join(' ')).toEqual([]);
  });

  it('help <command>, the version and a bad choice are Chinese too', () => {
    expect(run('help', 'check').stdout).toContain('用法： jixiao check [选项]');
    expect(run('--help').stdout).toContain('显示版本号');
    const bad = run('check', '--order', 'random', join(root, 'samples', '004_08daa9245e557faf.txt'));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('错误：选项 --order <order> 的值“random”无效');
    expect(bad.stderr).not.toMatch(/error:|Allowed choices/);
  });
});

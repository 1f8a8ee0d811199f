// `jixiao user` and `jixiao token` as an operator runs them: the built binary on a temporary SQLite
// database; passwords piped on stdin or generated and printed once; everything audited; the accounts
// made here log in to the server built over the same database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { NO_WEB } from '../server/helpers.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const db = join(mkdtempSync(join(tmpdir(), 'jixiao-cli-user-')), 'users.sqlite');
const env = { ...process.env } as NodeJS.ProcessEnv;
delete env['JIXIAO_DB'];
delete env['DATABASE_URL'];
const run = (args: string[], input = '') => spawnSync(bin, [...args, '--db', db], { encoding: 'utf8', cwd: root, env, input });

describe('jixiao user / token', { timeout: 120_000 }, () => {
  it('adds accounts (piped or generated password), lists, resets, disables; creates and revokes a token; all audited', async () => {
    const admin = run(['user', 'add', 'ops-admin', '--role', 'admin'], 'Piped-Password-2026\n');
    expect(admin.status, admin.stderr).toBe(0);
    expect(admin.stdout).toContain('已创建账户 ops-admin：系统管理员');
    expect(admin.stdout).not.toContain('Piped-Password-2026');

    const noOrg = run(['user', 'add', 'clerk', '--role', 'unit']);
    expect(noOrg.status).toBe(2);
    expect(noOrg.stderr).toContain('须用 --org 指定所属组织');
    const badOrg = run(['user', 'add', 'clerk', '--role', 'unit', '--org', '不存在的单位']);
    expect(badOrg.status).toBe(2);
    expect(badOrg.stderr).toContain('没有名为（或编号为）“不存在的单位”的组织');
    const weak = run(['user', 'add', 'weakling', '--role', 'admin'], 'short\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('至少需要 10 个字符');

    const gen = run(['user', 'add', 'bureau', '--role', 'finance', '--org', '财政局']);
    expect(gen.status, gen.stderr).toBe(0);
    const initial = /初始密码（只显示这一次，首次登录须修改）：(\S+)/.exec(gen.stdout)?.[1];
    expect(initial).toMatch(/^\S{16}$/);

    const list = run(['user', 'list']);
    expect(list.stdout).toMatch(/ops-admin\t系统管理员\t—/);
    expect(list.stdout).toMatch(/bureau\t财政审核\t财政局\t须改密码/);
    expect(JSON.stringify(JSON.parse(run(['user', 'list', '--format', 'json']).stdout))).not.toMatch(/scrypt|password_hash/);

    const token = run(['token', 'create', 'bureau', '--label', '夜间导入']);
    expect(token.status, token.stderr).toBe(0);
    const secret = /^(jx_\S+)$/m.exec(token.stdout)?.[1];
    expect(secret).toBeTruthy();

    // the server over the same database knows both
    const store = openStore(db);
    const app = await buildServer({ store, logger: false, webDir: NO_WEB });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ops-admin', password: 'Piped-Password-2026' } });
      expect(login.json()).toMatchObject({ user: { role: 'admin' }, mustChangePassword: false });
      const first = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bureau', password: initial } });
      expect(first.json()).toMatchObject({ mustChangePassword: true });
      expect((await app.inject({ url: '/api/admin/audit', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(200);

      expect(run(['token', 'list']).stdout).toMatch(/^1\tbureau\t夜间导入\t财政审核\t最近使用/m);
      expect(run(['token', 'revoke', '1']).stdout).toContain('已撤销令牌 1');
      expect(run(['token', 'revoke', '1']).status).toBe(2);
      expect((await app.inject({ url: '/api/admin/audit', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);

      const reset = run(['user', 'passwd', 'bureau'], 'Reset-By-Operator-77\n');
      expect(reset.status, reset.stderr).toBe(0);
      expect(reset.stdout).not.toContain('Reset-By-Operator-77');
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bureau', password: 'Reset-By-Operator-77' } })).statusCode).toBe(200);

      expect(run(['user', 'disable', 'bureau']).stdout).toContain('已停用账户 bureau');
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bureau', password: 'Reset-By-Operator-77' } })).statusCode).toBe(403);
      expect(run(['user', 'disable', 'nobody']).stderr).toContain('没有名为“nobody”的账户');

      const audit = await store.db.selectFrom('audit_log').select(['action', 'actor_name']).where('actor_name', 'like', '命令行%').orderBy('id').execute();
      expect(audit.map((e) => e.action)).toEqual(['user.create', 'user.create', 'token.create', 'token.revoke', 'user.reset-password', 'user.disable']);
    } finally {
      await app.close();
      await store.close();
    }
  }, 120_000);
});

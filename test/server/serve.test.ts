// `jixiao serve` as a user runs it: the built binary on a temporary SQLite database and a free port. It
// imports the samples into the empty database, prints the URL, answers, and stops cleanly on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const env = { ...process.env } as NodeJS.ProcessEnv;
delete env['JIXIAO_DB'];
delete env['DATABASE_URL'];
delete env['PORT'];
delete env['JIXIAO_UPLOAD_LIMIT'];

describe('jixiao serve', () => {
  it('imports the samples into an empty database, prints the URL, serves, and stops on SIGTERM', async () => {
    const db = join(tempDir('jixiao-serve-'), 'serve.sqlite');
    const child = spawn(bin, ['serve', '--port', '0', '--host', '127.0.0.1', '--db', db], { cwd: root, env: { ...env, LOG_LEVEL: 'warn' } });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${out}; stderr: ${err}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /jixiao 已启动：(http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await (await fetch(`${url}/api/health`)).json();
      expect(health).toEqual({ ok: true, dialect: 'sqlite', documents: 5 });
      const r = await fetch(`${url}/api/projects?limit=abc`);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
      // a fresh database: admin (password printed once, to be changed) and a demo account per role on the samples
      await new Promise((done) => setTimeout(done, 200));
      const admin = /系统管理员 {2}admin {2}密码：(\S+)/.exec(out)?.[1];
      const demo = /演示账户（密码均为 (\S+)；/.exec(out)?.[1];
      expect(admin, out).toBeTruthy();
      expect(demo, out).toBeTruthy();
      for (const name of ['demo-finance', 'demo-department', 'demo-unit', 'demo-viewer']) expect(out).toContain(name);
      const login = async (username: string, password: string) => (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).json() as Promise<{ user: { role: string; demo: boolean; org: { kind: string } | null }; mustChangePassword: boolean }>;
      expect(await login('admin', admin!)).toMatchObject({ user: { role: 'admin' }, mustChangePassword: true });
      expect(await login('demo-unit', demo!)).toMatchObject({ user: { role: 'unit', demo: true, org: { kind: 'unit' } }, mustChangePassword: false });
      expect(await login('demo-department', demo!)).toMatchObject({ user: { role: 'department', org: { kind: 'department' } } });
      // the demo unit finds 演示数据 reports of its own organization (src/workflow/demo-reports.ts takes its plans first)
      const session = (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-unit', password: demo }) })).headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const own = await (await fetch(`${url}/api/evaluations`, { headers: { cookie: session } })).json() as { unit: string; demo: boolean; grade: string | null }[];
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((r) => r.demo && r.grade !== null)).toBe(true);
      expect(new Set(own.map((r) => r.unit)).size).toBe(1);
      expect(err).not.toContain(admin!);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 60_000);

  it('--no-demo: a fresh database gets admin only; a second start prints no password', async () => {
    const db = join(tempDir('jixiao-serve-'), 'serve.sqlite');
    const start = async (args: string[]) => {
      const child = spawn(bin, ['serve', '--port', '0', '--host', '127.0.0.1', '--db', db, ...args], { cwd: root, env: { ...env, LOG_LEVEL: 'warn' } });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (/已启动/.test(out)) { clearTimeout(timer); setTimeout(resolve, 200); } });
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      return out;
    };
    const first = await start(['--no-demo']);
    expect(first).toMatch(/系统管理员 {2}admin {2}密码：\S+/);
    expect(first).not.toContain('演示账户');
    const second = await start([]);
    expect(second).not.toContain('密码');
  }, 90_000);

  it('a port in use stops the start before the database is created, so no first password is made and lost', async () => {
    const dir = tempDir('jixiao-serve-busy-');
    const db = join(dir, 'serve.sqlite');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen({ port: 0, host: '127.0.0.1' }, resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(bin, ['serve', '--port', String(port), '--host', '127.0.0.1', '--db', db], { cwd: root, env: { ...env, LOG_LEVEL: 'warn' } });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
        child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
        child.on('close', (code) => resolve({ code, out, err }));
      });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`端口 ${port} 已被占用`);
      expect(r.out).not.toContain('密码');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);

  it('refuses a bad port or upload limit with exit 2', () => {
    const port = spawnSync(bin, ['serve', '--port', 'abc'], { cwd: root, env, encoding: 'utf8' });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('端口“abc”无效');
    const limit = spawnSync(bin, ['serve', '--port', '0', '--upload-limit', 'lots'], { cwd: root, env, encoding: 'utf8' });
    expect(limit.status).toBe(2);
    expect(limit.stderr).toContain('上传上限“lots”无效');
  });
});

describe('parseSize', () => {
  it('reads sizes with or without a unit (a bare number is MB)', async () => {
    const { parseSize } = await import('../../src/cli/serve.js');
    expect(parseSize('10')).toBe(10 * 1024 * 1024);
    expect(parseSize('512KB')).toBe(512 * 1024);
    expect(parseSize('1.5 GB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('2000b')).toBe(2000);
    for (const bad of ['', 'lots', '-1', '0', '10 TB']) expect(parseSize(bad), bad).toBeNull();
  });
});

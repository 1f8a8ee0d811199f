// Accounts in a real Chromium against the real server: a protected page sends an anonymous visitor to
// 登录; a wrong password is refused in Chinese; a new administrator must change its password before
// anything else; then the header shows who is logged in (name, role, organization) with the admin
// menus, 审计日志 lists the logins (the failed one too) and filters them, 账户 marks a 演示账户, and
// 退出登录 returns to the anonymous header. Screenshots at 1440 and 400 px into test/browser/screenshots/.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { importAll, migrate, openStore, type Store } from '../../src/store/index.js';
import { createAccount } from '../server/auth-helpers.js';
import { CHROMIUM, ROOT } from './setup.js';

const SAMPLES = join(ROOT, 'samples');
const SHOTS = join(ROOT, 'test', 'browser', 'screenshots');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const FIRST = 'first-password-9';
const NEW = 'a-new-password-2026';

let store: Store;
let app: FastifyInstance;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function page(width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', deviceScaleFactor: 1 });
  contexts.push(context);
  const p = await context.newPage();
  const errors: string[] = [];
  // a wrong password is a 401 by design; the browser logs it as a failed resource
  p.on('console', (m) => { if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(`console: ${m.text()}`); });
  p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  p.on('response', (r) => { if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  return { page: p, errors };
}

const shot = async (p: Page, name: string) => { await p.waitForTimeout(300); await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }); };

async function logIn(p: Page, username: string, password: string): Promise<void> {
  await p.getByLabel('用户名').fill(username);
  await p.getByLabel('密码', { exact: true }).fill(password);
  await p.getByRole('button', { name: '登录' }).last().click();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  store = openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-browser-auth-')), 'test.sqlite'));
  await migrate(store);
  const files = ['002_02da4d888feccc7a.txt', '004_08daa9245e557faf.txt'];
  await importAll(store, files.map((f) => ({ file: f, bytes: readFileSync(join(SAMPLES, f)) })));
  await createAccount(store, { role: 'admin', username: 'chief', password: FIRST, mustChangePassword: true });
  const { createUser } = await import('../../src/auth/index.js');
  await createUser(store.db, { username: 'demo-viewer', password: 'demo-password-1', role: 'viewer', orgId: 1, demo: true });
  app = await buildServer({ store, logger: false, webDir: join(ROOT, 'web', 'dist') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await browser?.close();
  app?.server.closeAllConnections();
  await app?.close();
  await store?.close();
}, 60_000);

describe('accounts in Chromium', { timeout: 120_000 }, () => {
  test('log in as admin (forced password change first), see the header and 审计日志 at 1440 and 400 px, log out', async () => {
    const { page: p, errors } = await page(1440);
    // anonymous: the public pages work and show 登录; a protected page goes to the log-in page
    await p.goto(`${base}/`, { waitUntil: 'networkidle' });
    await p.getByTestId('login-link').waitFor();
    await p.goto(`${base}/admin/audit`, { waitUntil: 'networkidle' });
    await p.waitForURL(/\/login\?next=%2Fadmin%2Faudit/, { waitUntil: 'commit' });
    await p.getByTestId('login-card').waitFor();
    await shot(p, 'login-1440');

    await logIn(p, 'chief', 'not-the-password');
    await expect(p.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');

    await logIn(p, 'chief', FIRST);
    await p.waitForURL(/\/password/, { waitUntil: 'commit' });
    await p.getByTestId('password-card').waitFor();
    await expect(p.getByText('首次登录或密码被重置').count()).resolves.toBe(1);
    await shot(p, 'password-forced-1440');
    await p.getByLabel('当前密码').fill(FIRST);
    await p.getByLabel('新密码', { exact: true }).fill(NEW);
    await p.getByLabel('再次输入新密码').fill(NEW);
    await p.getByRole('button', { name: '修改密码' }).click();

    // back where it was going: the audit log, with the header naming the account and its role
    await p.waitForURL(/\/admin\/audit$/, { waitUntil: 'commit' });
    await p.getByTestId('audit-table').locator('.ant-table-row').first().waitFor();
    await expect(p.getByTestId('user-who').textContent()).resolves.toMatch(/chief.*系统管理员/);
    const menu = await p.locator('.shell-menu').textContent();
    for (const m of ['导入', '账户', '组织', '审计日志']) expect(menu).toContain(m);
    // actions and objects in Chinese, the code kept for the tooltip
    const rows = await p.getByTestId('audit-table').locator('.ant-table-row').allTextContents();
    expect(rows.some((r) => r.includes('登录失败') && r.includes('chief'))).toBe(true);
    expect(rows.some((r) => r.includes('登录成功') && r.includes('账户 '))).toBe(true);
    expect(rows.some((r) => r.includes('修改密码'))).toBe(true);
    expect(rows.some((r) => /auth\.login|user \d/.test(r))).toBe(false);
    await expect(p.getByTestId('audit-table').locator('[data-code="auth.login-failed"]').count()).resolves.toBeGreaterThan(0);
    await shot(p, 'audit-1440');
    await p.getByTestId('audit-table').locator('[data-code="auth.login-failed"]').first().hover();
    await p.locator('.ant-tooltip').filter({ hasText: 'auth.login-failed' }).waitFor();

    // filter: only the failed logins
    await p.getByRole('combobox', { name: '操作', exact: true }).click();
    await p.locator('.ant-select-item-option').filter({ hasText: '登录失败' }).click();
    await p.waitForURL(/action=auth.login-failed/, { waitUntil: 'commit' });
    await p.waitForFunction(() => {
      const r = [...document.querySelectorAll('[data-testid=audit-table] .ant-table-row')];
      return r.length > 0 && r.every((x) => x.querySelector('[data-code="auth.login-failed"]'));
    }, undefined, { timeout: 10_000 });

    // 账户: the demo account is marked
    await p.getByRole('link', { name: '账户' }).click();
    await p.getByTestId('users-table').locator('.ant-table-row').first().waitFor();
    await expect(p.getByTestId('users-table').getByText('演示账户').count()).resolves.toBe(1);
    await shot(p, 'users-1440');

    // 400 px: the same account in a narrow window; nothing spills sideways; the drawer names the account
    const narrow = await page(400);
    await narrow.page.goto(`${base}/login?next=%2Fadmin%2Faudit`, { waitUntil: 'networkidle' });
    await logIn(narrow.page, 'chief', NEW);
    await narrow.page.waitForURL(/\/admin\/audit$/, { waitUntil: 'commit' });
    await narrow.page.getByTestId('audit-table').locator('.ant-table-row').first().waitFor();
    const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(narrow.page, 'audit-400');
    await narrow.page.getByRole('button', { name: '打开菜单' }).click();
    await expect(narrow.page.getByTestId('user-menu').textContent()).resolves.toMatch(/chief.*系统管理员/);
    await shot(narrow.page, 'menu-user-400');
    expect(narrow.errors).toEqual([]);

    // log out: the anonymous header again, and the protected page asks for a login
    await p.getByTestId('user-menu').click();
    await p.getByTestId('logout').click();
    await p.getByTestId('login-link').waitFor();
    await p.goto(`${base}/admin/users`, { waitUntil: 'networkidle' });
    await p.waitForURL(/\/login\?next=/, { waitUntil: 'commit' });
    expect(errors).toEqual([]);
  });

  test('a session that ends while a public page is open: the menu\'s 待办 poll turns the header anonymous and the page stays', async () => {
    const { page: q, errors } = await page(1440);
    await q.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await logIn(q, 'demo-viewer', 'demo-password-1');
    await q.getByTestId('user-who').waitFor();
    await q.goto(`${base}/projects`, { waitUntil: 'networkidle' });
    await q.getByTestId('user-who').waitFor();
    // ended elsewhere (an administrator disabled the account, or it timed out)
    const { endUserSessions } = await import('../../src/auth/index.js');
    const user = await store.db.selectFrom('users').select('id').where('username', '=', 'demo-viewer').executeTakeFirstOrThrow();
    await endUserSessions(store.db, Number(user.id));
    // back to the tab: the badges are asked for again
    await q.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await q.getByTestId('login-link').waitFor({ timeout: 20_000 });
    expect(new URL(q.url()).pathname).toBe('/projects');
    expect(errors).toEqual([]);
  });
});

// What the workflow tests in a real Chromium share: the real server on a store (SQLite) on a free port,
// one browser context per logged-in account (its session cookie lives there) that records console
// errors, page errors and 5xx answers, full-page screenshots, and the checks a phone layout must pass.
// When a test fails, every page it opened says where it was and what it showed (stderr, and a screenshot
// failed-*.png): a failure that happens only under a loaded CI run then explains itself in its log.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { migrate, openStore, type Store } from '../../src/store/index.js';
import type { PlanContent } from '../../src/workflow/content.js';
import { createAccount, loginWith, orgPath, TEST_PASSWORD, type AuthHeaders } from '../server/auth-helpers.js';
import { CHROMIUM, ROOT } from './setup.js';

export const SHOTS = join(ROOT, 'test', 'browser', 'screenshots');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface Session { page: Page; errors: string[] }

export class Rig {
  base = '';
  private app: FastifyInstance | null = null;
  private browser: Browser | null = null;
  private readonly contexts: BrowserContext[] = [];
  private readonly sessions: { user: string; width: number; session: Session }[] = [];

  constructor() {
    afterEach(async ({ task }) => {
      if (task.result?.state === 'fail') await this.describePages(task.name);
    });
  }

  /** each open page's account, address, errors and visible text, and a screenshot */
  private async describePages(test: string): Promise<void> {
    for (const [k, { user, width, session }] of this.sessions.entries()) {
      const { page, errors } = session;
      if (page.isClosed()) continue;
      const text = (await page.locator('body').innerText({ timeout: 2_000 }).catch(() => '(unreadable)')).replace(/\s+/g, ' ').slice(0, 2_000);
      const file = join(SHOTS, `failed-${test.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)}-${k}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      process.stderr.write(`[page ${k}: ${user} at ${width} px] ${page.url()}\n  errors: ${errors.join(' | ') || 'none'}\n  shows: ${text}\n  screenshot: ${file}\n`);
    }
  }

  async start(store: Store): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    this.app = await buildServer({ store, logger: false, webDir: join(ROOT, 'web', 'dist') });
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    const address = this.app.server.address();
    this.base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }

  /** a browser of its own for one account, logged in */
  async as(username: string, width = 1440): Promise<Session> {
    return this.session(username, width);
  }

  /** a browser of its own with no account: a journalist or researcher reading what was published */
  async anonymous(width = 1440): Promise<Session> {
    return this.session(null, width);
  }

  private async session(username: string | null, width: number): Promise<Session> {
    const context = await this.browser!.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', deviceScaleFactor: 1 });
    this.contexts.push(context);
    if (username !== null) {
      const login = await context.request.post(`${this.base}/api/auth/login`, { data: { username, password: TEST_PASSWORD } });
      expect(login.status()).toBe(200);
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && !/409 \(Conflict\)/.test(m.text())) errors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('response', (r) => { if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`); });
    const session = { page, errors };
    this.sessions.push({ user: username ?? '（未登录）', width, session });
    return session;
  }

  async stop(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => undefined)));
    await this.browser?.close();
    this.app?.server.closeAllConnections();
    await this.app?.close();
  }
}

/** the whole page, from the top, into test/browser/screenshots/<name>.png */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** no horizontal spill on a narrow screen */
export async function fits(page: Page): Promise<void> {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over).toBeLessThanOrEqual(1);
}

/**
 * Picks an option of an antd Select and waits until the Select shows it. In loaded CI runs a click on an
 * option was lost (the dropdown closed without taking it: a plan line's 二级指标 stayed empty, a report's
 * 截至月份 stayed 12): as a person would, pick again when it did not change (at most 3 times).
 * `pick` types part of the label into a searchable Select; `choose` clicks the option whose label is exactly `text`.
 */
async function selectOption(page: Page, label: string, text: string, typed: boolean): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  const select = page.locator('.ant-select', { has: box });
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: typed ? text : new RegExp(`^${text}$`) }).first();
  for (let attempt = 1; ; attempt++) {
    await box.click();
    if (typed) await box.fill(text);
    // a click that cannot land (the list still moving, or its row half hidden under the list's edge, where
    // the modal behind takes the click) is done as a keyboard user would: arrows to the option, Enter
    await option.click({ timeout: 5_000 }).catch(() => byKeyboard(page, text, typed));
    try {
      await expect.poll(() => select.innerText(), { timeout: 3_000 })[typed ? 'toContain' : 'toBe'](text);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
async function byKeyboard(page: Page, text: string, typed: boolean): Promise<void> {
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  for (let i = 0; i < 100; i++) {
    const label = (await active.innerText({ timeout: 1_000 }).catch(() => '')).trim();
    if (typed ? label.includes(text) : label === text) return page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
  }
}
export const pick = (page: Page, label: string, text: string): Promise<void> => selectOption(page, label, text, true);
export const choose = (page: Page, label: string, text: string): Promise<void> => selectOption(page, label, text, false);

/** the save status card says 已保存 */
export async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-status').getByText('已保存').waitFor({ timeout: 20_000 });
}

/** POSTs JSON as an account; an answer other than 2xx fails with its body */
export async function post(base: string, h: AuthHeaders, path: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await r.json() as Record<string, unknown>;
  if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * An approved (批复) plan of `content` for `year` (2024) for the report tests, through the API: the unit writes
 * and submits it, its department and finance approve. Returns the plan and each account's headers.
 */
export async function approvedPlan(base: string, store: Store, users: { readonly unit: string; readonly department: string; readonly finance: string }, content: PlanContent, year = 2024):
  Promise<{ planId: number; unit: AuthHeaders; department: AuthHeaders; finance: AuthHeaders }> {
  const target = { url: base, store };
  const [unit, department, finance] = await Promise.all([users.unit, users.department, users.finance].map((n) => loginWith(target, n, TEST_PASSWORD))) as [AuthHeaders, AuthHeaders, AuthHeaders];
  const created = await post(base, unit, '/api/plans', { year, from: { kind: 'blank' } });
  const planId = Number(created['id']);
  const v = await post(base, unit, `/api/plans/${planId}/save`, { baseVersionId: created['versionId'], content });
  for (const [h, a] of [[unit, 'submit'], [department, 'approve'], [finance, 'approve']] as const) await post(base, h, `/api/plans/${planId}/${a}`, { versionId: v['versionId'] });
  return { planId, unit, department, finance };
}

/** A fresh SQLite store with 测试局/测试学院 and a unit, a department and a finance account for the report tests. */
export async function reportStore(users: { readonly unit: string; readonly department: string; readonly finance: string }): Promise<Store> {
  const store = openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-reports-browser-')), 'test.sqlite'));
  await migrate(store);
  await orgPath(store, '测试局/测试学院');
  await createAccount(store, { role: 'unit', org: '测试局/测试学院', username: users.unit });
  await createAccount(store, { role: 'department', org: '测试局', username: users.department });
  await createAccount(store, { role: 'finance', username: users.finance });
  return store;
}

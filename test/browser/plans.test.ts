// The plan workflow in a real Chromium against the real server (SQLite): a unit user writes a plan by
// keyboard (sees a live finding, fixes it), submits; the department returns it with a comment on one
// indicator; the unit fixes it and resubmits; department and finance approve; finance publishes; the
// audit log holds each step. Screenshots at 1440 and 400 px go to test/browser/screenshots/plan-*.png.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PassThrough } from 'node:stream';
import { listAudit } from '../../src/auth/index.js';
import { writePlansXlsx } from '../../src/report/xlsx/index.js';
import { importBytes, migrate, openStore, type Store } from '../../src/store/index.js';
import type { PlanContent } from '../../src/workflow/content.js';
import { createAccount, orgPath } from '../server/auth-helpers.js';
import { choose, fits, pick, Rig, shot as shotAs, waitSaved, type Session } from './rig.js';
import { ROOT } from './setup.js';

const SAMPLE = '002_02da4d888feccc7a.txt';

let store: Store;
let base: string;
const rig = new Rig();
const users: Record<'unit' | 'department' | 'finance', string> = { unit: '', department: '', finance: '' };

/** a browser of its own for one account, logged in */
const as = (role: keyof typeof users, width = 1440): Promise<Session> => rig.as(users[role], width);
const shot = (page: Page, name: string): Promise<void> => shotAs(page, `plan-${name}`);
const row = (page: Page, i: number) => page.getByTestId('indicator-row').nth(i);

async function planState(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="plan-page"][data-state="${state}"]`).waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-plans-browser-')), 'test.sqlite'));
  await migrate(store);
  await importBytes(store, readFileSync(join(ROOT, 'samples', SAMPLE)), { file: SAMPLE });
  await orgPath(store, '测试局/测试学院');
  users.unit = (await createAccount(store, { role: 'unit', org: '测试局/测试学院', username: 'xueyuan' })).user.username;
  users.department = (await createAccount(store, { role: 'department', org: '测试局', username: 'ceshiju' })).user.username;
  users.finance = (await createAccount(store, { role: 'finance', username: 'caizheng' })).user.username;
  await rig.start(store);
  base = rig.base;
}, 180_000);

afterAll(async () => {
  await rig.stop();
  await store?.close();
}, 60_000);

describe('plans in Chromium', { timeout: 240_000 }, () => {
  test('write, return with an indicator comment, fix, approve twice, publish; every step in the audit log', async () => {
    // — the unit writes its plan —
    const unit = await as('unit');
    let page = unit.page;
    await page.goto(`${base}/plans`, { waitUntil: 'networkidle' });
    await page.getByTestId('new-plan').click();
    await page.getByLabel('项目名称', { exact: true }).fill('职业技能培训补贴项目');
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.waitForURL(/\/plans\/\d+$/, { waitUntil: 'commit' });
    const planId = Number(/\/plans\/(\d+)$/.exec(page.url())![1]);
    await planState(page, 'draft');

    await page.getByLabel('总计', { exact: true }).fill('120.5');
    await page.getByLabel('财政拨款', { exact: true }).fill('100');
    await page.getByLabel('其他资金', { exact: true }).fill('10');
    await page.getByTestId('funding-check').getByText(/相差 10\.50 万元/).waitFor();
    await page.getByLabel('其他资金', { exact: true }).fill('20.5');
    await page.getByTestId('funding-check').getByText('与总计一致').waitFor();
    await page.getByLabel('绩效目标', { exact: true }).fill('2025年完成职业技能培训1200人次，培训合格率达到90%以上，就业率达到80%以上。');

    const lines: [string, string, string, string][] = [
      ['产出', '数量', '培训人次', '≥1200人次'],
      ['产出', '质量', '培训合格率', '≥90%'],
      ['产出', '时效', '培训完成时间', '2025年11月前'],
      ['效益', '社会', '就业率', '≥80%'],
      ['满意度', '服务对象', '学员满意度', '较满意'],
    ];
    await page.getByTestId('add-indicator').click();
    for (const [i, [l1, l2, name, target]] of lines.entries()) {
      if (i > 0 && lines[i - 1]![0] !== l1) await pick(page, `第 ${i + 1} 项一级指标`, l1);
      if (i === 0) await pick(page, `第 ${i + 1} 项一级指标`, l1);
      await pick(page, `第 ${i + 1} 项二级指标`, l2);
      await page.getByLabel(`第 ${i + 1} 项指标名称`).fill(name);
      await page.getByLabel(`第 ${i + 1} 项实施周期指标值`).fill(target);
      await page.getByLabel(`第 ${i + 1} 项年度指标值`).fill(target);
      // Enter in the last target adds the next line (keyboard entry), under the same level-1/level-2
      if (i < lines.length - 1) await page.getByLabel(`第 ${i + 1} 项年度指标值`).press('Enter');
    }
    await expect(page.getByTestId('indicator-row').count()).resolves.toBe(5);
    // the live reading of targets as jixiao reads them
    await expect(row(page, 1).getByTestId('target-reading').first().textContent()).resolves.toContain('≥ 90 %');
    await expect(row(page, 2).getByTestId('target-reading').first().textContent()).resolves.toContain('2025年11月前');
    // the live finding on the satisfaction line, from the real review engine
    // (the review follows typing 400 ms behind: until it catches up it may show the line as it was when added, empty)
    await row(page, 4).getByTestId('line-findings').filter({ hasText: '满意' }).waitFor({ timeout: 20_000 });
    await expect(row(page, 4).getByTestId('line-findings').textContent()).resolves.toMatch(/满意/);
    await waitSaved(page);
    await shot(page, 'editor-finding-1440');
    // fix it: the finding goes
    await page.getByLabel('第 5 项实施周期指标值').fill('≥90%');
    await page.getByLabel('第 5 项年度指标值').fill('≥90%');
    await row(page, 4).getByTestId('line-findings').waitFor({ state: 'detached', timeout: 20_000 });
    await waitSaved(page);
    await expect(page.getByTestId('plan-grade').textContent()).resolves.toBe('优');
    // the whole sitting — many autosaves — is one version after the blank one (src/workflow/edit-session.ts)
    const saved = await store.db.selectFrom('plan_versions' as never).select(['number' as never, 'kind' as never]).where('plan_id' as never, '=', planId as never).execute() as unknown as { number: number; kind: string }[];
    expect(saved.filter((v) => v.kind !== 'superseded').map((v) => v.number).sort()).toEqual([1, 2]);
    expect(saved.filter((v) => v.kind === 'superseded').length).toBeGreaterThan(0); // it did save several times
    await shot(page, 'editor-fixed-1440');
    await page.getByTestId('submit-plan').click();
    await planState(page, 'submitted');
    await expect(page.getByLabel('总计', { exact: true }).count()).resolves.toBe(0); // no longer editable
    // read-only now: a card says who has it and what comes next, and no editing hints remain
    await expect(page.getByTestId('plan-state-notice').textContent()).resolves.toContain('已提交，等待部门审核');
    await expect(page.getByText(/回车添加下一行/).count()).resolves.toBe(0);
    expect(unit.errors).toEqual([]);

    // — the department returns it with a comment on one indicator —
    const dept = await as('department');
    page = dept.page;
    await page.goto(`${base}/plans/queue`, { waitUntil: 'networkidle' });
    // the menu's 申报 and the queue button count what waits for the department
    await expect.poll(() => page.getByTestId('todo-plans').innerText(), { timeout: 20_000 }).toBe('1');
    await expect(page.getByTestId('open-queue').count()).resolves.toBe(0); // on the queue itself: no button to it
    await page.getByRole('link', { name: '职业技能培训补贴项目' }).click();
    await page.getByTestId('review-panel').waitFor();
    await expect(page.getByTestId('plan-state-notice').textContent()).resolves.toContain('待您审核');
    await expect(page.getByText(/回车添加下一行/).count()).resolves.toBe(0);
    await shot(page, 'review-1440');
    await row(page, 3).getByTestId('comment-indicator').click();
    await page.getByLabel('对第 4 项指标的意见').fill('就业率目标偏低，请按上年实际值（85%）测算');
    await page.getByTestId('return-plan').click();
    await planState(page, 'draft');
    // decided: nothing waits for the department any more
    await expect.poll(() => page.getByTestId('todo-plans').count(), { timeout: 20_000 }).toBe(0);
    expect(dept.errors).toEqual([]);

    // — the unit sees the comment beside the line, fixes it, resubmits —
    page = unit.page;
    // its 申报 counts the returned plan, and 我的项目 marks it 已退回
    await page.goto(`${base}/plans`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByTestId('todo-plans').innerText(), { timeout: 20_000 }).toBe('1');
    await page.getByTestId('plan-returned').first().waitFor();
    await page.goto(`${base}/plans/${planId}`, { waitUntil: 'networkidle' });
    await page.getByTestId('returned').waitFor();
    await expect(row(page, 3).getByTestId('line-comments').textContent()).resolves.toContain('就业率目标偏低');
    await shot(page, 'returned-1440');
    // on a phone the reason comes first, above the save and score cards
    const phone = await as('unit', 400);
    await phone.page.goto(`${base}/plans/${planId}`, { waitUntil: 'networkidle' });
    await phone.page.getByTestId('returned').waitFor();
    const returnedY = (await phone.page.getByTestId('returned').boundingBox())!.y;
    expect(returnedY).toBeLessThan((await phone.page.getByTestId('save-status').boundingBox())!.y);
    expect(returnedY).toBeLessThan(400);
    await shot(phone.page, 'returned-400');
    await page.getByLabel('第 4 项实施周期指标值').fill('≥85%');
    await page.getByLabel('第 4 项年度指标值').fill('≥85%');
    await waitSaved(page);
    await page.getByTestId('submit-plan').click();
    await planState(page, 'submitted');

    // — department and finance approve, finance publishes —
    page = dept.page;
    await page.goto(`${base}/plans/${planId}`, { waitUntil: 'networkidle' });
    await page.getByTestId('approve-plan').click();
    await planState(page, 'department-approved');
    const fin = await as('finance');
    page = fin.page;
    await page.goto(`${base}/plans/queue`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: '职业技能培训补贴项目' }).click();
    await page.getByTestId('approve-plan').click();
    await planState(page, 'approved');
    await page.getByTestId('publish-plan').click();
    await planState(page, 'published');
    await expect(page.getByTestId('plan-state-notice').textContent()).resolves.toContain('已公开');
    await page.getByRole('tab', { name: /历史/ }).click();
    await page.getByTestId('plan-history').waitFor();
    await page.getByTestId('plan-diff').waitFor({ timeout: 20_000 });
    await shot(page, 'history-1440');
    expect(fin.errors).toEqual([]);

    // it appears as published in 我的项目
    page = unit.page;
    await page.goto(`${base}/plans?state=published`, { waitUntil: 'networkidle' });
    await page.locator('[data-state="published"]').first().waitFor();
    await shot(page, 'list-1440');

    // 公开 made it public: a reader with no account finds it in 项目 and opens its page from the plan's link
    await page.goto(`${base}/plans/${planId}`, { waitUntil: 'networkidle' });
    await expect(page.getByTestId('plan-public').textContent()).resolves.toMatch(/公开内容与批复的第 \d+ 版一致/);
    await page.getByTestId('plan-public').getByRole('link', { name: '查看公开的项目' }).click();
    await page.waitForURL(/\/projects\/\d+$/, { waitUntil: 'commit' }); // a client-side route: no load event follows
    await page.getByText('职业技能培训补贴项目').first().waitFor();
    await page.getByTestId('project-score').waitFor();
    await shot(page, 'public-project-1440');
    const reader = await rig.anonymous();
    await reader.page.goto(`${base}/projects?q=${encodeURIComponent('职业技能培训补贴')}`, { waitUntil: 'networkidle' });
    await reader.page.getByRole('link', { name: '职业技能培训补贴项目' }).first().waitFor({ timeout: 20_000 });
    await shot(reader.page, 'public-list-1440');
    expect(reader.errors).toEqual([]);

    // the government's own table arrives and prints another amount: the plan page says so beside the link
    const approved = (await (await fin.page.request.get(`${base}/api/plans/${planId}`)).json()) as { content: PlanContent; plan: { year: number } };
    const printed = { ...approved.content, funding: { ...approved.content.funding, total: approved.content.funding.total + 10, fiscal: (approved.content.funding.fiscal ?? 0) + 10 } };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writePlansXlsx([{ unit: '测试学院', department: '测试局', year: approved.plan.year, content: printed }], 'table', out);
    expect((await importBytes(store, new Uint8Array(Buffer.concat(chunks)), { file: '测试局公开表.xlsx', year: approved.plan.year, department: '测试局' })).status).toBe('imported');
    for (const width of [1440, 400]) {
      const s = width === 1440 ? unit : await as('unit', 400);
      await s.page.goto(`${base}/plans/${planId}`, { waitUntil: 'networkidle' });
      const diff = s.page.getByTestId('plan-public-diff');
      await diff.waitFor({ timeout: 20_000 });
      expect(await diff.textContent()).toMatch(/公开的绩效目标表.*与批复的第 \d+ 版不一致/);
      await diff.getByTestId('plan-diff').waitFor();
      await shot(s.page, `public-diff-${width}`);
      if (width === 400) await fits(s.page);
      expect(s.errors).toEqual([]);
    }
    // and 我的项目 marks it
    await unit.page.goto(`${base}/plans`, { waitUntil: 'networkidle' });
    await unit.page.getByTestId('public-differs').first().waitFor({ timeout: 20_000 });

    const log = await listAudit(store.db, { targetType: 'plan', targetId: String(planId), limit: 200 });
    const steps = log.items.map((x) => x.action).reverse().filter((a) => a !== 'plan.save');
    expect(steps).toEqual(['plan.create', 'plan.submit', 'plan.return', 'plan.submit', 'plan.approve', 'plan.approve', 'plan.publish']);
    expect(log.items.filter((x) => x.action === 'plan.save').length).toBeGreaterThan(0);
    expect(log.items.find((x) => x.action === 'plan.return')?.actorName).toBe(users.department);
    expect(log.items.every((x) => x.ip !== null)).toBe(true);

    // the audit page offers plans among its object types and names their actions in Chinese
    page = fin.page;
    await page.goto(`${base}/admin/audit`, { waitUntil: 'networkidle' });
    // through the rig: an option click lost under load is retried (by keyboard), and the address changes
    // without a load event (a client-side route)
    await choose(page, '对象类型', '绩效目标申报');
    await page.waitForURL(/targetType=plan/, { waitUntil: 'commit' });
    await choose(page, '操作', '提交申报');
    await page.waitForURL(/action=plan\.submit/, { waitUntil: 'commit' });
    await page.waitForFunction(() => {
      const r = [...document.querySelectorAll('[data-testid=audit-table] .ant-table-row')];
      return r.length > 0 && r.every((x) => x.textContent?.includes('提交申报') && x.textContent.includes('绩效目标申报'));
    }, undefined, { timeout: 10_000 });
    await shot(page, 'audit-plans-1440');
    expect(fin.errors).toEqual([]);
  });

  test('two people editing one draft: the later save is refused, the dialog shows what the other changed, and keeping mine loses neither', async () => {
    const a = await as('unit');
    const b = await as('unit');
    await a.page.goto(`${base}/plans`, { waitUntil: 'networkidle' });
    await a.page.getByTestId('new-plan').click();
    await a.page.getByLabel('项目名称', { exact: true }).fill('并发编辑测试项目');
    await a.page.getByRole('button', { name: '新建', exact: true }).click();
    await a.page.waitForURL(/\/plans\/\d+$/, { waitUntil: 'commit' });
    const url = a.page.url();
    await b.page.goto(url, { waitUntil: 'networkidle' });
    await b.page.getByTestId('plan-editor').waitFor();
    // A saves first
    await a.page.getByLabel('绩效目标', { exact: true }).fill('甲写的绩效目标：完成培训1000人次。');
    await waitSaved(a.page);
    // B, still on version 1, edits: its save is refused and nothing of either is lost
    await b.page.getByLabel('说明', { exact: true }).fill('乙写的说明');
    await b.page.getByRole('dialog').getByText('保存冲突').waitFor({ timeout: 20_000 });
    await expect(b.page.getByTestId('plan-diff').textContent()).resolves.toContain('甲写的绩效目标');
    await shot(b.page, 'conflict-1440');
    await b.page.getByTestId('conflict-mine').click();
    await waitSaved(b.page);
    const id = Number(/\/plans\/(\d+)$/.exec(url)![1]);
    // one account in two tabs: each tab is its own editing session, so keeping mine is a version of its own
    // and 甲's stays in the history (src/workflow/edit-session.ts)
    const versions = await store.db.selectFrom('plan_versions' as never).select(['number' as never, 'kind' as never, 'content' as never]).where('plan_id' as never, '=', id as never).orderBy('id' as never).execute() as unknown as { number: number; kind: string; content: string }[];
    expect(versions.map((v) => [v.number, v.kind])).toEqual([[1, 'create'], [2, 'save'], [3, 'save']]);
    expect(JSON.parse(versions[1]!.content).goal).toContain('甲写的绩效目标');
    expect(JSON.parse(versions[2]!.content).notes).toBe('乙写的说明');
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  test('on a 400 px phone a new plan, its editor and the list fit without spilling sideways', async () => {
    const unit = await as('unit', 400);
    const { page } = unit;
    // a new draft: the editable editor, its indicator lines as cards
    await page.goto(`${base}/plans`, { waitUntil: 'networkidle' });
    await page.getByTestId('new-plan').click();
    await page.getByLabel('项目名称', { exact: true }).fill('手机上新建的项目');
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.waitForURL(/\/plans\/\d+$/, { waitUntil: 'commit' });
    // saves are held back until the leave-page question has been asked: the page is then surely unsaved
    let release = (): void => undefined;
    const held = new Promise<void>((r) => { release = r; });
    await page.route('**/api/plans/*/save', async (route) => { await held; await route.continue(); });
    await page.getByTestId('add-indicator').click();
    await page.getByLabel('第 1 项年度指标值').fill('≤2宗');
    // leaving with unsaved changes asks first; staying keeps the typing
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.dismiss(); });
    await page.getByTestId('breadcrumb').getByRole('link', { name: '我的项目' }).click();
    expect(asked).toContain('尚未保存');
    expect(page.url()).toMatch(/\/plans\/\d+$/);
    release();
    await expect(row(page, 0).getByTestId('target-reading').nth(1).textContent()).resolves.toContain('≤ 2 宗');
    await waitSaved(page);
    await fits(page);
    await shot(page, 'editor-400');
    await page.goto(`${base}/plans`, { waitUntil: 'networkidle' });
    await page.getByTestId('plan-cards').getByText('手机上新建的项目').waitFor();
    await fits(page);
    await shot(page, 'list-400');
    expect(unit.errors).toEqual([]);
  });
});

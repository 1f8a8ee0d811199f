// The 监控 page in a real Chromium, on reports made through the API as a walkthrough found them: 2024年1—6月
// submitted and approved for three projects, then one unit's lone draft for 1—8月, a 2027 plan with a draft
// for 1—3月 and a 2028 plan still being written. A finance reviewer lands on 2024年1—6月 (not the newest,
// almost empty period) and is told why; the years offered are the data's (2028, 2027, 2024 — none
// hard-coded); a year without reports says so; on a 400 px phone nothing spills sideways and each project
// and red/yellow alert is a card whose name, unit, light and 执行率 are on screen; an account with nothing
// gets a clear empty page. Screenshots: test/browser/screenshots/monitoring-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { createAccount, type AuthHeaders } from '../server/auth-helpers.js';
import { GOOD, monitoringInput } from '../workflow/fixtures.js';
import { approvedPlan, choose, fits, post, reportStore, Rig, shot } from './rig.js';

let store: Store;
let base: string;
const rig = new Rig();
const users = { unit: 'xueyuan5', department: 'ceshiju5', finance: 'caizheng5' } as const;
const NOTHING = 'kongdanwei5';
const NAMES = ['职业技能培训补贴项目（城乡劳动者技能提升行动第二批次）', '创业培训补贴项目', '公共实训基地运行维护项目'] as const;


beforeAll(async () => {
  store = await reportStore(users);
  await createAccount(store, { role: 'unit', org: '其他局/其他学院', username: NOTHING });
  await rig.start(store);
  base = rig.base;
  let unit!: AuthHeaders; let department!: AuthHeaders;
  const plans: number[] = [];
  for (const [i, name] of NAMES.entries()) {
    const p = await approvedPlan(base, store, users, { ...GOOD, name });
    ({ unit, department } = p);
    plans.push(p.planId);
    // 1—6月 submitted by the unit; the first two approved by the department; the second one spent little (red)
    const { id } = await post(base, unit, '/api/monitoring', { planId: p.planId, year: 2024, month: 6 }) as { id: number };
    const { revision } = await post(base, unit, `/api/monitoring/${id}/save`, { revision: 1, input: monitoringInput((i === 1 ? 6 : 60) * 0.8, (i === 1 ? 6 : 60) * 0.2) }) as { revision: number };
    await post(base, unit, `/api/monitoring/${id}/submit`, { revision });
    if (i < 2) await post(base, department, `/api/monitoring/${id}/approve`, { revision });
  }
  // then one unit's first draft of 1—8月: the newest period of 2024, almost empty
  await post(base, unit, '/api/monitoring', { planId: plans[0], year: 2024, month: 8 });
  await post(base, unit, '/api/evaluations', { planId: plans[0], year: 2024 });
  // a 2027 plan with a draft for 1—3月, and a 2028 plan being written
  const later = await approvedPlan(base, store, users, { ...GOOD, name: '技能大师工作室建设项目', startYear: 2027, endYear: 2027 }, 2027);
  await post(base, unit, '/api/monitoring', { planId: later.planId, year: 2027, month: 3 });
  await post(base, unit, '/api/plans', { year: 2028, from: { kind: 'blank' } });
}, 240_000);

afterAll(async () => {
  await rig.stop();
  await store?.close();
}, 60_000);

const shown = (page: Page) => page.getByTestId('period-shown').innerText();

/** the options of the Select labelled `label`, as listed */
async function options(page: Page, label: string): Promise<string[]> {
  await page.getByLabel(label, { exact: true }).click();
  const list = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await list.first().waitFor();
  const texts = (await list.allInnerTexts()).map((t) => t.trim());
  await page.keyboard.press('Escape');
  // the list closes with an animation: gone before the next Select's list is read
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
  return texts;
}

/** `el` lies wholly inside the 400 px viewport */
async function onScreen(page: Page, el: ReturnType<Page['locator']>): Promise<void> {
  const box = await el.boundingBox();
  expect(box, await el.innerText()).not.toBeNull();
  const width = page.viewportSize()!.width;
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

describe('监控 page in Chromium', { timeout: 240_000 }, () => {
  test('a reviewer lands on the newest period with submitted reports, told why; the years are the data\'s', async () => {
    const { page, errors } = await rig.as(users.finance);
    await page.goto(`${base}/monitoring`, { waitUntil: 'networkidle' });
    await expect.poll(() => shown(page)).toBe('2024年1—6月');
    const note = await page.getByTestId('period-note').innerText();
    expect(note).toContain('共 3 份报告，已提交或已审核 3 份');
    expect(note).toContain('默认显示最近一个有已提交或已审核报告的期间');
    expect(note).toContain('更近的期间只有草稿：2024年1—8月（1 份）、2027年（1 份）');
    const projects = page.getByTestId('monitoring-projects').locator('tbody tr.ant-table-row');
    expect(await projects.count()).toBe(3);
    expect(await page.getByTestId('monitoring-alerts').locator('[data-light="red"]').count()).toBeGreaterThan(0);
    await page.getByTestId('evaluation-summary').getByText('测试局').waitFor();
    // one 自评 of the three approved 2024 plans
    expect((await page.getByTestId('evaluation-coverage').first().innerText()).replace(/\s+/g, ' ')).toBe('1 / 3');
    // 报送情况: all three 2024 plans reported and submitted for 1—6月
    expect(await page.getByTestId('coverage-summary').innerText()).toMatch(/应报 3 个项目：已填报 3（其中已报送 3），未填报 0/);
    // the years offered: those with plans or reports, newest first — 2027 and 2028 included, nothing made up
    expect(await options(page, '年度')).toEqual(['2028年', '2027年', '2024年']);
    expect(await options(page, '期间')).toEqual(['1—6月', '1—8月']);
    await shot(page, 'monitoring-1440');

    // a year of drafts only: its period with the most reports, said so
    await choose(page, '年度', '2027年');
    await expect.poll(() => shown(page)).toBe('2027年1—3月');
    await expect(page.getByTestId('period-note').innerText()).resolves.toContain('还没有已提交的报告，默认显示报告最多的期间');
    // a year with a plan and no report: said so, with the years that have reports
    await choose(page, '年度', '2028年');
    const empty = page.getByTestId('monitoring-empty');
    await empty.getByText('2028年还没有运行监控报告').waitFor();
    await shot(page, 'monitoring-year-empty-1440');
    await empty.getByRole('link', { name: '2024年（4 份）' }).click();
    await expect.poll(() => shown(page)).toBe('2024年1—6月');
    // a period asked for is shown as asked
    await choose(page, '期间', '1—8月');
    await expect.poll(() => shown(page)).toBe('2024年1—8月');
    expect(page.url()).toMatch(/year=2024&month=8|month=8&year=2024/);
    // 1—8月: one draft; the two plans with nothing are named, each opening its plan
    await expect.poll(() => page.getByTestId('coverage-summary').innerText()).toMatch(/应报 3 个项目：已填报 1（其中已报送 0），未填报 2/);
    await page.getByText('未填报的项目（2）').click();
    const missing = page.getByTestId('coverage-missing');
    await missing.waitFor();
    expect((await missing.getByRole('link').allInnerTexts()).sort()).toEqual([NAMES[1], NAMES[2]].sort());
    await shot(page, 'monitoring-coverage-1440');
    await missing.getByRole('link', { name: NAMES[2] }).click();
    await page.waitForURL(/\/plans\/\d+$/, { waitUntil: 'commit' });
    await page.getByText(NAMES[2]).first().waitFor();
    expect(errors).toEqual([]);
  });

  test('on a 400 px phone the tables become cards whose name, unit, light and 执行率 stay on screen; nothing spills', async () => {
    const { page, errors } = await rig.as(users.finance, 400);
    await page.goto(`${base}/monitoring`, { waitUntil: 'networkidle' });
    await expect.poll(() => shown(page)).toBe('2024年1—6月');
    const cards = page.getByTestId('project-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(3);
    await fits(page);
    expect(await page.locator('.ant-table').count()).toBe(0);
    for (let i = 0; i < 3; i++) {
      const c = cards.nth(i);
      await onScreen(page, c.locator('a.nl-title'));
      await onScreen(page, c.locator('[data-light]').first());
      await onScreen(page, c.getByText('测试学院').first());
      await onScreen(page, c.getByText(/^执行率/).first());
    }
    expect(await cards.locator('a.nl-title').allInnerTexts()).toEqual(expect.arrayContaining([...NAMES]));
    const alert = page.getByTestId('alert-card').first();
    await onScreen(page, alert.locator('a.nl-title'));
    await onScreen(page, alert.getByText('预算执行', { exact: true }).first());
    await onScreen(page, page.getByTestId('summary-card').first().getByText('汇总表', { exact: true }));
    const unitCard = page.getByTestId('coverage-card').first();
    await onScreen(page, unitCard.locator('.nl-title'));
    await onScreen(page, unitCard.getByText(/^未填报/));
    await shot(page, 'monitoring-400');
    // the year without reports, on the phone too
    await page.goto(`${base}/monitoring?year=2028`, { waitUntil: 'networkidle' });
    await page.getByTestId('monitoring-empty').getByText('2028年还没有运行监控报告').waitFor();
    await fits(page);
    expect(errors).toEqual([]);
  });

  test('an account with no plan and no report gets a clear empty page, wide and narrow', async () => {
    for (const width of [1440, 400]) {
      const { page, errors } = await rig.as(NOTHING, width);
      await page.goto(`${base}/monitoring`, { waitUntil: 'networkidle' });
      await page.getByTestId('monitoring-empty').getByText('还没有绩效目标申报或运行监控报告').waitFor();
      expect(await page.getByLabel('年度', { exact: true }).count()).toBe(0);
      await fits(page);
      await shot(page, `monitoring-empty-${width}`);
      expect(errors).toEqual([]);
    }
  });
});

// 运行监控 and 绩效自评 in a real Chromium against the real server (SQLite), on a plan approved through
// the API: the unit opens the monitoring report from the plan's page (whose report list, when it cannot
// be loaded, says so with a retry rather than 尚无报告), a low value turns its light red
// as it is typed, 有可能 demands 偏差原因 and 纠偏措施 before submitting; the department approves it from
// 待我审核. The unit then fills the 自评: a qualitative score out of its band is refused with the range,
// one inside is taken, total and grade follow; it submits and the department approves. Screenshots at
// 1440 and 400 px go to test/browser/screenshots/report-*.png. Two people saving one draft: the later
// save is refused and keeping mine merges both.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { PlanContent } from '../../src/workflow/content.js';
import { loginWith, TEST_PASSWORD, type AuthHeaders } from '../server/auth-helpers.js';
import { GOOD } from '../workflow/fixtures.js';
import { approvedPlan, choose, reportStore, fits, post, Rig, shot, waitSaved } from './rig.js';

const CONTENT: PlanContent = {
  ...GOOD,
  indicators: [...GOOD.indicators, { level1: { code: '2', name: '效益指标' }, level2: { code: '22', name: '社会效益' }, name: '群众就业意识', period: '明显提升', annual: '明显提升' }],
};

let store: Store;
let base: string;
let planId = 0;
const rig = new Rig();
const users = { unit: 'xueyuan2', department: 'ceshiju2', finance: 'caizheng2' } as const;

const call = (h: AuthHeaders, path: string, body: unknown) => post(base, h, path, body);

async function reportState(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="report-page"][data-state="${state}"]`).waitFor({ timeout: 20_000 });
}
const card = (page: Page, i: number) => page.getByTestId('report-indicator').nth(i);

beforeAll(async () => {
  store = await reportStore(users);
  await rig.start(store);
  base = rig.base;
  // an approved (批复) plan of 测试学院, through the API
  ({ planId } = await approvedPlan(base, store, users, CONTENT));
}, 180_000);

afterAll(async () => {
  await rig.stop();
  await store?.close();
}, 60_000);

describe('monitoring reports and self-evaluations in Chromium', { timeout: 300_000 }, () => {
  test('monitor: red light while typing, reasons demanded, submit, department approves; 自评: out-of-band score refused, grade, submit, approve', async () => {
    // — the unit opens the 2024年1—6月 monitoring report from the plan's page —
    const unit = await rig.as(users.unit);
    let page = unit.page;
    // a report list that cannot be loaded says so, with a retry — it is not shown as 尚无报告
    const busy = { status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, code: 'busy', error: 'Service Unavailable', message: '服务繁忙，请稍后重试' }) };
    await page.route('**/api/monitoring?*', (r) => r.fulfill(busy));
    await page.goto(`${base}/plans/${planId}`, { waitUntil: 'networkidle' });
    const reportsCard = page.getByTestId('plan-reports');
    await reportsCard.getByText('报告列表加载失败').waitFor({ timeout: 20_000 });
    await expect(reportsCard.textContent()).resolves.not.toContain('尚无报告');
    await page.unroute('**/api/monitoring?*');
    await reportsCard.getByRole('button', { name: '重试' }).click();
    await reportsCard.getByText('尚无报告').waitFor();
    unit.errors.length = 0; // the 503s above were the test's own
    await page.getByTestId('new-monitoring').click();
    await choose(page, '截至月份', '6');
    await page.getByTestId('open-report').click();
    await page.waitForURL(/\/reports\/monitoring\/\d+$/, { waitUntil: 'commit' });
    const monitoringUrl = page.url();
    await reportState(page, 'draft');
    await expect(page.getByTestId('funding').textContent()).resolves.toMatch(/财政拨款.*其他资金/);

    // money: 执行率 computed as typed
    await page.getByLabel('财政拨款累计支出', { exact: true }).fill('50');
    await page.getByLabel('其他资金累计支出', { exact: true }).fill('10');
    await expect(page.getByTestId('rate-0').textContent()).resolves.toBe('50.0%');

    // a low value: 100 of 1200 人次 at mid-year is a red light, with its reason
    await page.getByLabel('第 1 项当前完成值', { exact: true }).fill('100人次');
    const light = card(page, 0).getByTestId('indicator-light');
    await light.locator('[data-light="red"]').waitFor({ timeout: 10_000 });
    await expect(light.textContent()).resolves.toMatch(/100|1200/);
    // 有可能: the reason and the measures are demanded, beside the fields and before submitting
    await card(page, 0).locator('label.ant-radio-button-wrapper').filter({ hasText: '有可能' }).click();
    await card(page, 0).getByTestId('deviation').waitFor();
    await expect(card(page, 0).locator('.field-issue').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/偏差原因/), expect.stringMatching(/纠偏措施/)]));
    const values = ['92%', '2024年10月', '85%', '95%', '有所提升'];
    for (const [k, v] of values.entries()) {
      const n = k + 2;
      if (n === 6) await choose(page, `第 ${n} 项当前完成值`, '部分达成');
      else await page.getByLabel(`第 ${n} 项当前完成值`, { exact: true }).fill(v);
      await card(page, n - 1).locator('label.ant-radio-button-wrapper').filter({ hasText: '确定能' }).click();
    }
    await waitSaved(page);
    await expect(page.getByTestId('report-issues').textContent()).resolves.toMatch(/偏差原因/);
    await shot(page, 'report-monitoring-reasons-1440');
    // submitting now is refused with what is missing
    await page.getByTestId('submit-report').click();
    await page.locator('.ant-message').getByText(/还有 \d+ 处须填写/).waitFor();
    await reportState(page, 'draft');
    await card(page, 0).getByRole('checkbox', { name: '经费' }).check();
    await page.getByLabel('第 1 项原因说明', { exact: true }).fill('培训场地改造推迟');
    await page.getByLabel('第 1 项纠偏措施', { exact: true }).fill('下半年增开周末班');
    await expect(card(page, 0).locator('.field-issue').count()).resolves.toBe(0);
    await waitSaved(page);
    await page.getByTestId('report-issues').waitFor({ state: 'detached' });
    await shot(page, 'report-monitoring-1440');
    await page.getByTestId('submit-report').click();
    await reportState(page, 'submitted');
    expect(unit.errors).toEqual([]);

    // — the department approves it from 待我审核 —
    const dept = await rig.as(users.department);
    page = dept.page;
    await page.goto(`${base}/reports/queue`, { waitUntil: 'networkidle' });
    await page.getByTestId('report-queue').getByRole('link', { name: '职业技能培训补贴项目' }).first().waitFor();
    // the menu's 报告 counts what waits for the department
    await expect.poll(() => page.getByTestId('todo-reports').innerText(), { timeout: 20_000 }).toMatch(/^[1-9]\d*$/);
    await shot(page, 'report-queue-1440');
    await page.getByTestId('report-queue').getByRole('link', { name: '职业技能培训补贴项目' }).first().click();
    await page.getByTestId('review-panel').waitFor();
    await page.getByLabel('审核意见').fill('进度偏慢，请按措施推进');
    await page.getByTestId('approve-report').click();
    await reportState(page, 'department-approved');
    await expect(page.getByTestId('report-history').textContent()).resolves.toContain('进度偏慢');
    // the printable form and the XLSX are there
    const html = await page.context().request.get(`${base}${await page.getByTestId('report-html').getAttribute('href')}`);
    expect(html.status()).toBe(200);
    expect(await html.text()).toContain('职业技能培训补贴项目');
    const xlsx = await page.context().request.get(`${base}${await page.getByTestId('report-xlsx').getAttribute('href')}`);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    expect(dept.errors).toEqual([]);

    // — the unit fills its 2024 自评 —
    page = unit.page;
    await page.goto(`${base}/plans/${planId}`, { waitUntil: 'networkidle' });
    await page.getByTestId('plan-reports').getByText('2024年1—6月运行监控').waitFor();
    await page.getByTestId('new-evaluation').click();
    await page.getByTestId('open-report').click();
    await page.waitForURL(/\/reports\/evaluation\/\d+$/, { waitUntil: 'commit' });
    const evaluationUrl = page.url();
    await reportState(page, 'draft');
    await page.getByLabel('全年执行数', { exact: true }).fill('118');
    await page.getByLabel('实际完成情况', { exact: true }).fill('全年完成职业技能培训1250人次，合格率95%。');
    for (const [k, v] of ['1250人次', '95%', '2024年10月', '85%', '95%'].entries()) await page.getByLabel(`第 ${k + 1} 项实际完成值`, { exact: true }).fill(v);
    await choose(page, '第 6 项实际完成值', '达成');
    // 效益 30 分 over two indicators: 15 each; 达成 allows 12–15
    const scoreField = page.getByTestId('score-field-6');
    await expect(scoreField.textContent()).resolves.toContain('可打 12–15 分');
    await page.getByLabel('第 6 项得分', { exact: true }).fill('5');
    await scoreField.locator('.field-issue').getByText(/不在此范围内/).waitFor();
    await expect(scoreField.locator('.field-issue').textContent()).resolves.toMatch(/\[12, 15\]/);
    await expect(page.getByTestId('eval-total').textContent()).resolves.toBe('—');
    await waitSaved(page);
    await shot(page, 'report-evaluation-refused-1440');
    await page.getByLabel('第 6 项得分', { exact: true }).fill('14');
    await expect(scoreField.locator('.field-issue').count()).resolves.toBe(0);
    await page.getByTestId('eval-grade').getByText('优').waitFor();
    const total = Number(await page.getByTestId('eval-total').textContent());
    expect(total).toBeGreaterThanOrEqual(90);
    expect(total).toBeLessThan(100);
    await page.getByTestId('weighting').getByText(/效益指标 30 分/).waitFor();
    await waitSaved(page);
    await shot(page, 'report-evaluation-1440');
    await page.getByTestId('submit-report').click();
    await reportState(page, 'submitted');
    expect(unit.errors).toEqual([]);

    // — the department approves the 自评: on a phone, 待我审核 lists it as a card —
    const phoneDept = await rig.as(users.department, 400);
    await phoneDept.page.goto(`${base}/reports/queue`, { waitUntil: 'networkidle' });
    await phoneDept.page.getByTestId('report-cards').getByText('2024年度绩效自评').waitFor();
    await fits(phoneDept.page);
    await shot(phoneDept.page, 'report-queue-400');
    expect(phoneDept.errors).toEqual([]);
    page = dept.page;
    await page.goto(`${base}/reports/queue`, { waitUntil: 'networkidle' });
    await page.getByTestId('report-queue').getByText('2024年度').waitFor();
    await page.goto(evaluationUrl, { waitUntil: 'networkidle' });
    await page.getByTestId('approve-report').click();
    await reportState(page, 'department-approved');
    await expect(page.getByTestId('eval-total').textContent()).resolves.toBe(String(total));

    // 我的报告 lists both with state, light and grade
    page = unit.page;
    await page.goto(`${base}/reports`, { waitUntil: 'networkidle' });
    await page.getByTestId('report-list').locator('[data-light="red"]').waitFor();
    await expect(page.getByTestId('report-list').textContent()).resolves.toMatch(/部门已审.*部门已审/);
    await shot(page, 'report-list-1440');
    expect(dept.errors).toEqual([]);

    // — on a 400 px phone every page fits without spilling sideways —
    const phone = await rig.as(users.unit, 400);
    for (const [url, name] of [[monitoringUrl, 'monitoring'], [evaluationUrl, 'evaluation'], [`${base}/reports`, 'list']] as const) {
      await phone.page.goto(url, { waitUntil: 'networkidle' });
      await phone.page.locator('[data-testid="report-page"], [data-testid="report-list"]').first().waitFor();
      if (name === 'list') await phone.page.getByTestId('report-cards').waitFor();
      await fits(phone.page);
      await shot(phone.page, `report-${name}-400`);
    }
    expect(phone.errors).toEqual([]);
  });

  test('two people on one draft report: the later save is refused (409), keeping mine merges both and loses neither', async () => {
    const u = await loginWith({ url: base, store }, users.unit, TEST_PASSWORD);
    const { id } = await call(u, '/api/monitoring', { planId, year: 2024, month: 9 });
    const url = `${base}/reports/monitoring/${String(id)}`;
    const a = await rig.as(users.unit);
    const b = await rig.as(users.unit);
    for (const s of [a, b]) { await s.page.goto(url, { waitUntil: 'networkidle' }); await reportState(s.page, 'draft'); }
    // A saves first
    await a.page.getByLabel('第 1 项当前完成值', { exact: true }).fill('300人次');
    await waitSaved(a.page);
    // B, still on revision 1, changes another indicator: refused, nothing of either lost
    await b.page.getByLabel('第 2 项当前完成值', { exact: true }).fill('91%');
    await b.page.getByRole('dialog').getByText('保存冲突').waitFor({ timeout: 20_000 });
    await shot(b.page, 'report-conflict-1440');
    await b.page.getByTestId('conflict-mine').click();
    await waitSaved(b.page);
    await expect(b.page.getByLabel('第 1 项当前完成值', { exact: true }).inputValue()).resolves.toBe('300人次');
    const stored = await (await fetch(`${base}/api/monitoring/${String(id)}`, { headers: { cookie: u.cookie } })).json() as { revision: number; input: { indicators: { current: unknown }[] } };
    expect(stored.revision).toBe(3);
    expect(stored.input.indicators.slice(0, 2).map((x) => x.current)).toEqual(['300人次', '91%']);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});


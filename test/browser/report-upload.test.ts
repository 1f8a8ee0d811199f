// A report filled offline, in a real Chromium against the real server (SQLite): the unit downloads the
// report's own template through the page's link, fills it with ExcelJS as a clerk would in Excel, and
// uploads it through the page. A 自评 with a required 偏差原因分析 missing and a count in the wrong unit is
// refused: the page lists each problem by its cell (指标!L5, 指标!H4) and nothing changes; filled right, the page shows the stored values and says
// how many indicators were filled; the same file from a page loaded before is a save conflict (the frame's
// dialog). A 运行监控 template likewise: a value not in the list is named by its cell, a valid one is shown.
// Screenshots of the problem list at 1440 and 400 px: test/browser/screenshots/report-upload-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { AuthHeaders } from '../server/auth-helpers.js';
import { EVALUATION_FILL as FILL, fillEvaluationTemplate, QUALITATIVE_PLAN as PLAN } from '../workflow/fixtures.js';
import { approvedPlan, reportStore, fits, post, Rig, shot, SHOTS } from './rig.js';


let store: Store;
let base: string;
let unitHeaders: AuthHeaders;
let planId = 0;
const rig = new Rig();
const users = { unit: 'xueyuan3', department: 'ceshiju3', finance: 'caizheng3' } as const;

const call = (h: AuthHeaders, path: string, body: unknown) => post(base, h, path, body);
async function stored(path: string): Promise<{ revision: number; input: { indicators: Record<string, unknown>[] } }> {
  const r = await fetch(`${base}${path}`, { headers: { ...unitHeaders } });
  expect(r.status).toBe(200);
  return await r.json() as never;
}

/** the template as the page's link downloads it */
async function download(page: Page): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-download').click()]);
  expect(d.suggestedFilename()).toMatch(/填报模板.*\.xlsx$/);
  return readFileSync((await d.path())!);
}
async function fill(template: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as never);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
async function uploadThrough(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByTestId('template-actions').locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
}
const evaluationFill = (skipL5: boolean) => (wb: ExcelJS.Workbook) => {
  fillEvaluationTemplate(wb, skipL5 ? { withoutDeviationOf: 1 } : {});
  // and, in the refused file, a count in another unit than the target's
  if (skipL5) wb.getWorksheet('指标')!.getCell('H4').value = '1250次';
};

beforeAll(async () => {
  store = await reportStore(users);
  await rig.start(store);
  base = rig.base;
  ({ planId, unit: unitHeaders } = await approvedPlan(base, store, users, PLAN));
}, 180_000);

afterAll(async () => {
  await rig.stop();
  await store?.close();
}, 60_000);

describe('a report filled offline from its template, in Chromium', { timeout: 300_000 }, () => {
  test('自评: a missing reason is listed by its cell and changes nothing; a valid fill is shown with its count; a stale page gets the conflict dialog', async () => {
    const { id } = await call(unitHeaders, '/api/evaluations', { planId, year: 2024 });
    const url = `${base}/reports/evaluation/${id}`;
    const wide = await rig.as(users.unit);
    const narrow = await rig.as(users.unit, 400);
    await Promise.all([wide.page.goto(url, { waitUntil: 'networkidle' }), narrow.page.goto(url, { waitUntil: 'networkidle' })]);
    const template = await download(wide.page);
    const bad = await fill(template, evaluationFill(true));
    const good = await fill(template, evaluationFill(false));

    // the reason missing where 培训合格率 falls short: listed by cell, nothing stored
    for (const [s, width] of [[wide, 1440], [narrow, 400]] as const) {
      await uploadThrough(s.page, '绩效自评表.xlsx', bad);
      const problems = s.page.getByTestId('upload-problems');
      await problems.waitFor({ timeout: 20_000 });
      await expect(problems.locator('li').count()).resolves.toBe(2);
      await expect(problems.locator('li[data-cell="指标!H4"]').textContent()).resolves.toMatch(/^指标!H4.*1250次.*人次/);
      await expect(problems.locator('li[data-cell="指标!L5"]').textContent()).resolves.toMatch(/^指标!L5.*培训合格率.*须填写偏差原因分析及改进措施/);
      await expect(problems.textContent()).resolves.toMatch(/2 处问题，报告未改变/);
      await expect(s.page.getByLabel('第 1 项实际完成值', { exact: true }).inputValue()).resolves.toBe('');
      if (width === 400) await fits(s.page);
      await shot(s.page, `report-upload-problems-${width}`);
      await problems.screenshot({ path: join(SHOTS, `report-upload-problem-list-${width}.png`) });
    }
    expect((await stored(`/api/evaluations/${id}`)).revision).toBe(1);

    // filled right: stored, and the page shows it
    await uploadThrough(wide.page, '绩效自评表.xlsx', good);
    await wide.page.locator('.ant-message').getByText('已导入填报模板：6 项指标已填写').waitFor({ timeout: 20_000 });
    await wide.page.getByTestId('upload-problems').waitFor({ state: 'detached' });
    await expect(wide.page.getByLabel('第 1 项实际完成值', { exact: true }).inputValue()).resolves.toBe('1250人次');
    await expect(wide.page.getByLabel('第 2 项偏差原因分析及改进措施', { exact: true }).inputValue()).resolves.toBe(FILL[1]![4]);
    await expect(wide.page.getByTestId('eval-total').textContent()).resolves.toBe(String(Math.round((88.17 + 9.38) * 100) / 100));
    const after = await stored(`/api/evaluations/${id}`);
    expect(after.revision).toBe(2);
    expect(after.input.indicators.map((i) => i.actual)).toEqual(FILL.map((f) => f[0]));
    await shot(wide.page, 'report-upload-done-1440');

    // the narrow page still holds revision 1: its upload is refused as stale, with the frame's dialog
    const refused = narrow.page.waitForResponse((r) => r.url().includes(`/api/evaluations/${id}/upload`));
    await uploadThrough(narrow.page, '绩效自评表.xlsx', good);
    const conflict = await (await refused).json() as { code: string; detail: { current: { revision: number; input: { indicators: { actual: unknown }[] } } } };
    expect(conflict.code).toBe('report-conflict');
    expect(conflict.detail.current.revision).toBe(2);
    expect(conflict.detail.current.input.indicators.map((i) => i.actual)).toEqual(FILL.map((f) => f[0]));
    await narrow.page.getByTestId('conflict-theirs').waitFor({ timeout: 20_000 });
    await narrow.page.getByTestId('conflict-theirs').click();
    // the dialog closes and the form shows theirs (polled: the page renders after the click's event)
    await narrow.page.getByTestId('conflict-theirs').waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => narrow.page.getByLabel('第 1 项实际完成值', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('1250人次');
    expect((await stored(`/api/evaluations/${id}`)).revision).toBe(2);
    expect(wide.errors.filter((e) => !/422 \(Unprocessable/.test(e))).toEqual([]);
    expect(narrow.errors.filter((e) => !/422 \(Unprocessable/.test(e))).toEqual([]);
  });

  test('运行监控: a value not in the list is named by its cell; a valid fill is shown', async () => {
    const { id } = await call(unitHeaders, '/api/monitoring', { planId, year: 2024, month: 6 });
    const s = await rig.as(users.unit);
    await s.page.goto(`${base}/reports/monitoring/${id}`, { waitUntil: 'networkidle' });
    const template = await download(s.page);
    const values = ['700人次', '92%', '2024年10月', '85%', '有效提升', '95%'];
    const monitorFill = (likelihood4: string) => (wb: ExcelJS.Workbook) => {
      const ind = wb.getWorksheet('指标完成')!;
      values.forEach((v, k) => {
        const r = ind.getRow(4 + k);
        r.getCell('H').value = v; r.getCell('I').value = k === 0 ? likelihood4 : '确定能'; r.getCell('J').value = v;
      });
    };
    await uploadThrough(s.page, '运行监控表.xlsx', await fill(template, monitorFill('也许')));
    const problems = s.page.getByTestId('upload-problems');
    await problems.waitFor({ timeout: 20_000 });
    await expect(problems.locator('li').first().getAttribute('data-cell')).resolves.toBe('指标完成!I4');
    await expect(s.page.getByLabel('第 1 项当前完成值', { exact: true }).inputValue()).resolves.toBe('');
    expect((await stored(`/api/monitoring/${id}`)).revision).toBe(1);

    await uploadThrough(s.page, '运行监控表.xlsx', await fill(template, monitorFill('确定能')));
    await s.page.locator('.ant-message').getByText('已导入填报模板：6 项指标已填写').waitFor({ timeout: 20_000 });
    await expect(s.page.getByLabel('第 1 项当前完成值', { exact: true }).inputValue()).resolves.toBe('700人次');
    expect((await stored(`/api/monitoring/${id}`)).input.indicators.map((i) => i.current)).toEqual(values);
    expect(s.errors.filter((e) => !/422 \(Unprocessable/.test(e))).toEqual([]);
  });
});

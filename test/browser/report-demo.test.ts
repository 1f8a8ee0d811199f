// 演示数据 in a real Chromium: the reports generated for the sample plans (src/workflow/demo-reports.ts)
// are marked as such in 我的报告 and on each report's page; the 监控 dashboard, all drafts, opens on the
// period with the most reports and opens a project's report page. Screenshots of real sample reports at 1440 and 400 px: test/browser/screenshots/report-demo-*.png.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importBytes, migrate, openStore, type Store } from '../../src/store/index.js';
import { fillDemoReports } from '../../src/workflow/demo-reports.js';
import { createAccount } from '../server/auth-helpers.js';
import { fits, Rig, shot } from './rig.js';
import { ROOT } from './setup.js';

const SAMPLE = '002_02da4d888feccc7a.txt';
let store: Store;
let made = 0;
const rig = new Rig();

beforeAll(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-report-demo-')), 'test.sqlite'));
  await migrate(store);
  await importBytes(store, readFileSync(join(ROOT, 'samples', SAMPLE)), { file: SAMPLE });
  made = await fillDemoReports(store, { limit: 3 });
  await createAccount(store, { role: 'finance', username: 'caizheng3' });
  await rig.start(store);
}, 180_000);

afterAll(async () => {
  await rig.stop();
  await store?.close();
}, 60_000);

describe('演示数据 in Chromium', { timeout: 240_000 }, () => {
  test('every generated report says 演示数据, in the list and on its page; the dashboard opens the report page', async () => {
    expect(made).toBeGreaterThan(0);
    const { page, errors } = await rig.as('caizheng3');
    await page.goto(`${rig.base}/reports`, { waitUntil: 'networkidle' });
    const rows = page.getByTestId('report-list').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(made);
    expect(await page.getByTestId('report-list').getByTestId('demo-tag').count()).toBe(made);
    await shot(page, 'report-demo-list-1440');

    // the dashboard, opened without a period: the demo reports are all drafts (1—3/6/8月, as many each), so it
    // shows the newest of the periods with the most reports and says so
    await page.goto(`${rig.base}/monitoring`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByTestId('period-shown').innerText()).toBe('2024年1—8月');
    await expect(page.getByTestId('period-note').innerText()).resolves.toContain('还没有已提交的报告，默认显示报告最多的期间');
    await shot(page, 'report-demo-dashboard-1440');
    // the dashboard's project opens the report page, which says 演示数据
    await page.locator('a[href^="/reports/monitoring/"]').first().click();
    await page.waitForURL(/\/reports\/monitoring\/\d+$/, { waitUntil: 'commit' });
    await page.getByTestId('report-page').getByTestId('demo-tag').waitFor();
    await expect(page.getByText('演示数据：本报告按固定种子生成，并非真实填报。').count()).resolves.toBe(1);
    await shot(page, 'report-demo-monitoring-1440');
    const evaluation = await page.evaluate(async () => ((await (await fetch('/api/evaluations')).json()) as { id: number }[])[0]!.id);
    await page.goto(`${rig.base}/reports/evaluation/${evaluation}`, { waitUntil: 'networkidle' });
    await page.getByTestId('report-page').getByTestId('demo-tag').waitFor();
    await shot(page, 'report-demo-evaluation-1440');
    expect(errors).toEqual([]);

    const phone = await rig.as('caizheng3', 400);
    for (const [path, name] of [[page.url().replace(rig.base, ''), 'evaluation'], ['/reports', 'list'], ['/monitoring', 'dashboard']] as const) {
      await phone.page.goto(`${rig.base}${path}`, { waitUntil: 'networkidle' });
      await phone.page.getByTestId('demo-tag').first().waitFor();
      await fits(phone.page);
      await shot(phone.page, `report-demo-${name}-400`);
    }
    expect(phone.errors).toEqual([]);
  });
});

// 下载 Excel in a real Chromium against the real server: the 项目 list's button downloads the projects its
// filters select (with the unit's fill-in templates when a unit is chosen), the project page the whole
// table, and each download is a workbook ExcelJS reads back with the rows the page lists.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { importBytes, migrate, openStore, type Store } from '../../src/store/index.js';
import { readWorkbook } from '../report/xlsx-helpers.js';
import { CHROMIUM, ROOT } from './setup.js';

const FILE = '002_02da4d888feccc7a.txt';
const UNIT = '广州市技师学院';
let store: Store;
let app: FastifyInstance;
let base: string;
let browser: Browser;

beforeAll(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-xlsx-browser-')), 'test.sqlite'));
  await migrate(store);
  expect((await importBytes(store, readFileSync(join(ROOT, 'samples', FILE)), { file: FILE })).status).toBe('imported');
  app = await buildServer({ store, logger: false, webDir: join(ROOT, 'web', 'dist') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  app?.server.closeAllConnections();
  await app?.close();
  await store?.close();
}, 60_000);

/** opens the 下载 Excel menu and downloads the item with `testId`; the workbook read back, and its file name */
async function download(page: Page, testId: string) {
  await page.getByTestId('xlsx-download').first().click();
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), wb: await readWorkbook(readFileSync(path)) };
}

test('项目 list: 下载 Excel gives the filtered projects in either layout and the unit\'s templates', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/projects?unit=${encodeURIComponent(UNIT)}&min=500`, { waitUntil: 'networkidle' });
  await page.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
  const rows = await page.locator('.ant-table-row').count();
  expect(rows).toBeGreaterThan(0);

  const table = await download(page, 'xlsx-table');
  expect(table.name).toBe(`${UNIT}项目支出绩效目标表.xlsx`);
  const ws = table.wb.worksheets[0]!;
  expect(ws.getCell('A5').value).toBe(UNIT);
  expect(ws.rowCount).toBe(5 + rows); // title, department line, header, 合计, unit, then the listed projects

  const ind = await download(page, 'xlsx-indicators');
  expect(ind.name).toBe(`${UNIT}项目支出绩效目标表（指标明细）.xlsx`);
  expect(ind.wb.worksheets[0]!.getCell('G4').value).toBe('一级指标');

  const monitor = await download(page, 'xlsx-monitor');
  expect(monitor.name).toBe(`${UNIT}2024年绩效运行监控表（填报模板）.xlsx`);
  expect(monitor.wb.worksheets.map((w) => w.name)).toEqual(['填报说明', '预算执行', '指标完成']);
  expect(errors).toEqual([]);
  await context.close();
});

test('project page: 下载 Excel（整张表） gives the table the project was published in', { timeout: 120_000 }, async () => {
  const list = await (await fetch(`${base}/api/projects?unit=${encodeURIComponent(UNIT)}&limit=1`)).json() as { items: { id: number }[] };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/projects/${list.items[0]!.id}`, { waitUntil: 'networkidle' });
  const { name, wb } = await download(page, 'xlsx-table');
  expect(name).toBe('广州市人力资源和社会保障局2024年项目支出绩效目标表（含转移支付项目）.xlsx');
  expect(wb.worksheets[0]!.getCell('A4').value).toBe('合计');
  expect(wb.worksheets[0]!.getCell('B4').value).toBe(746104.1);
  const ev = await download(page, 'xlsx-evaluate');
  expect(ev.wb.worksheets.map((w) => w.name)).toEqual(['填报说明', '资金', '总体目标', '指标']);
  await context.close();
});

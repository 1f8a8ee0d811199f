// The web app in a real Chromium against the real server: the server (buildServer) runs in-process on a
// temporary SQLite database holding samples 000–003, imported as npm start does (importAll: 000, which
// prints no year, takes 002's); sample 004 is imported through the 导入 page.
// Every page is also checked for console errors and for spilling sideways on a 400 px screen, and
// screenshotted (1280×800 and 400×800) into test/browser/screenshots/.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { importAll, importBytes, migrate, openStore, type Store } from '../../src/store/index.js';
import { realDir } from '../helpers/real-pdf.js';
import { largeTable } from '../server/helpers.js';
import { CHROMIUM, ROOT } from './setup.js';
import { loginAs } from '../server/auth-helpers.js';
import { pick } from './rig.js';

const SAMPLES = join(ROOT, 'samples');
const SHOTS = join(ROOT, 'test', 'browser', 'screenshots');
const PRELOADED = ['000_df1d7dc7c09f411b.txt', '001_34b9b435912c22a9.txt', '002_02da4d888feccc7a.txt', '003_7b33df3d06e95335.txt'];
const UPLOADED = '004_08daa9245e557faf.txt';
// a published PDF (outside the repository), imported after the samples when present
const REAL = realDir();
const REAL_PDF = '001_gz_zsj_2026_xmzc.pdf';
if (!REAL) console.log('browser: ../shared/real not found, the PDF cut-out test is skipped');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

let store: Store;
let app: FastifyInstance;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** the session cookie of a finance account: importing is the bureau's job (the 导入 page needs a login) */
let financeSession = '';

interface Opened { page: Page; errors: string[] }

/** a page with its console errors, failed requests and uncaught exceptions collected */
async function open(path: string, width = 1280, o: { loggedIn?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN', deviceScaleFactor: 1 });
  contexts.push(context);
  if (o.loggedIn) await context.addCookies([{ name: 'jixiao_session', value: financeSession, url: base }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  return { page, errors };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let chart animations settle
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${base}/api${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** the number of painted pixels of each chart canvas */
const paintedPixels = (page: Page) => page.$$eval('[data-chart] canvas', (cs) => (cs as HTMLCanvasElement[]).map((c) => {
  const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
  return n;
}));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  store = openStore(join(mkdtempSync(join(tmpdir(), 'jixiao-browser-')), 'test.sqlite'));
  await migrate(store);
  const outcomes = await importAll(store, PRELOADED.map((f) => ({ file: f, bytes: readFileSync(join(SAMPLES, f)) })), { acceptProposed: true });
  expect(outcomes.map((r) => r.status)).toEqual(PRELOADED.map(() => 'imported'));
  if (REAL) expect((await importBytes(store, readFileSync(join(REAL, REAL_PDF)), { file: REAL_PDF })).status).toBe('imported');
  app = await buildServer({ store, logger: false, webDir: join(ROOT, 'web', 'dist') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  financeSession = (await loginAs({ url: base, store }, { role: 'finance' })).cookie.replace(/^jixiao_session=/, '');
}, 120_000);

afterAll(async () => {
  const t = (what: string, since: number) => process.env['JIXIAO_DEBUG_CLOSE'] && process.stderr.write(`${what} ${Math.round(performance.now() - since)}ms\n`);
  let s = performance.now();
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  t('contexts', s); s = performance.now();
  await browser?.close();
  t('browser', s); s = performance.now();
  // keep-alive sockets (the test's own fetches) would otherwise hold close() until they time out
  app?.server.closeAllConnections();
  await app?.close();
  t('app', s); s = performance.now();
  await store?.close();
  t('store', s);
}, 60_000);

describe('web app in Chromium', { timeout: 90_000 }, () => {
  test('总览 draws its six charts with ink on every canvas, notes 未归列, and a chart click opens the filtered list', async () => {
    const { page, errors } = await open('/');
    await page.waitForFunction(() => document.querySelectorAll('[data-chart] canvas').length >= 6, undefined, { timeout: 20_000 });
    await page.waitForTimeout(1200);
    const painted = await paintedPixels(page);
    expect(painted.length).toBe(6);
    for (const n of painted) expect(n).toBeGreaterThan(500);
    await expect(page.getByText('的资金来源未归列').count()).resolves.toBe(1);
    const o = await api<{ totals: { projects: number; funding: number } }>('/overview');
    await expect(page.locator('.ant-statistic').filter({ hasText: '项目' }).first().textContent()).resolves.toContain(String(o.totals.projects));
    await expect(page.getByTestId('funding-total').textContent()).resolves.toContain(o.totals.funding.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    await expect(page.title()).resolves.toBe('总览 · jixiao 绩效');
    await shot(page, 'dashboard-1280');

    // the 资金来源 ring: almost all of it (≈94 %) is 财政拨款; its bottom is in that slice
    const pie = page.locator('[data-chart="资金来源"]');
    const box = (await pie.boundingBox())!;
    const r = Math.min(box.width, box.height) / 2 * 0.56;
    await pie.click({ position: { x: box.width / 2, y: box.height * 0.45 + r } });
    await page.waitForURL(/\/projects\?.*source=fiscal/, { timeout: 10_000, waitUntil: 'commit' });
    await page.locator('.ant-table-row').first().waitFor();
    expect(errors).toEqual([]);
  });

  test('指标: searching 满意度 lists satisfaction indicators, with facets and the distribution of targets', async () => {
    const { page, errors } = await open('/indicators');
    await page.getByLabel('检索指标').fill('满意度');
    await page.getByLabel('检索指标').press('Enter');
    await page.waitForURL(/q=%E6%BB%A1%E6%84%8F%E5%BA%A6/, { waitUntil: 'commit' });
    // the previous page stays on screen until the new one arrives: wait for the answer to the search
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('.ant-table-row .ant-table-cell:first-child')];
      return cells.length > 0 && cells.every((c) => c.textContent?.includes('满意度'));
    }, undefined, { timeout: 15_000 });
    const names = await page.locator('.ant-table-row .ant-table-cell:first-child').allTextContents();
    expect(names.length).toBeGreaterThan(5);
    for (const n of names) expect(n).toContain('满意度');
    const total = await page.getByText(/共 [\d,]+ 个指标/).textContent();
    expect(Number(total!.replace(/\D/g, ''))).toBeGreaterThan(100);
    await expect(page.getByText('31 服务对象满意度').count()).resolves.toBeGreaterThan(0);
    await page.waitForFunction(() => document.querySelectorAll('[data-chart] canvas').length === 1);
    const painted = await paintedPixels(page);
    expect(painted[0]).toBeGreaterThan(500);
    await shot(page, 'indicators-1280');
    expect(errors).toEqual([]);
  });

  test('导入: a file that is not a table gets a clear error and stores nothing; sample 004 previews, imports 10 projects, and they are listed', async () => {
    const before = await api<{ documents: number }>('/health');
    const { page, errors } = await open('/import', 1280, { loggedIn: true });
    const input = page.locator('input[type=file]');

    await input.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('这不是绩效目标表，只是一段说明文字。\n第二行。\n') });
    await page.getByTestId('preview-error').waitFor();
    await expect(page.getByTestId('preview-error').textContent()).resolves.toContain('无法读取，不会导入');
    await expect(page.getByRole('button', { name: /确认导入/ }).isDisabled()).resolves.toBe(true);
    expect((await api<{ documents: number }>('/health')).documents).toBe(before.documents);
    await page.getByRole('button', { name: '清空' }).click();

    await input.setInputFiles(join(SAMPLES, UPLOADED));
    await page.getByTestId('preview-file').waitFor();
    await expect(page.getByTestId('preview-counts').textContent()).resolves.toMatch(/1 个单位，10 个项目/);
    await expect(page.getByText('广州市残疾人就业培训服务中心').count()).resolves.toBeGreaterThan(0);
    expect((await api<{ documents: number }>('/health')).documents).toBe(before.documents); // a preview stores nothing
    // diagnostics read in Chinese (004 has column-undecided); the code is only in the tooltip
    const diagnostics = page.getByTestId('preview-diagnostics');
    await expect(diagnostics.locator('th').allTextContents()).resolves.not.toContain('代码');
    await expect(diagnostics.textContent()).resolves.not.toMatch(/[a-z]+-[a-z]+/);
    await expect(diagnostics.getByText('资金来源列未能判定').first().getAttribute('title')).resolves.toBe('代码：column-undecided');
    await shot(page, 'import-preview-1280');

    await page.getByRole('button', { name: /确认导入 1 个文件/ }).click();
    await page.getByText('导入完成').waitFor();
    await expect(page.getByTestId('import-results').textContent()).resolves.toMatch(/已导入.*10 个项目/);
    expect((await api<{ documents: number }>('/health')).documents).toBe(before.documents + 1);
    await shot(page, 'import-done-1280');
    expect(errors).toEqual([]);

    const list = await open(`/projects?unit=${encodeURIComponent('广州市残疾人就业培训服务中心')}`);
    await list.page.locator('.ant-table-row').first().waitFor();
    await expect(list.page.getByText('共 10 个项目').count()).resolves.toBe(1);
    await expect(list.page.locator('.ant-table-row').count()).resolves.toBe(10);
    await expect(list.page.getByText('机构运行辅助经费').count()).resolves.toBe(1);
    expect(list.errors).toEqual([]);
  });

  test('项目: filters, sort and page live in the URL', async () => {
    const { page, errors } = await open('/projects?sort=total&order=desc&size=100');
    await page.locator('.ant-table-row').first().waitFor();
    const first = await page.locator('.ant-table-row').first().locator('.ant-table-cell').nth(3).textContent();
    const top = await api<{ items: { amounts: { total: number } }[] }>('/projects?sort=total&order=desc&limit=1');
    expect(Number(first!.replace(/,/g, ''))).toBeCloseTo(top.items[0]!.amounts.total, 2);
    await expect(page.getByText('100 条/页').count()).resolves.toBe(1);
    await shot(page, 'projects-1280');

    await page.getByRole('listitem', { name: '2' }).click();
    await page.waitForURL(/page=2/, { waitUntil: 'commit' });
    expect(page.url()).toContain('sort=total');
    expect(page.url()).toContain('order=desc');

    await page.getByLabel('检索项目').fill('运维');
    await page.getByLabel('检索项目').press('Enter');
    await page.waitForURL(/q=%E8%BF%90%E7%BB%B4/, { waitUntil: 'commit' });
    await page.locator('mark.hl').first().waitFor();
    await expect(page.locator('mark.hl').first().textContent()).resolves.toBe('运维');
    expect(errors).toEqual([]);
  });

  test('项目详情: the official row, indicators with both targets read, findings beside them, the source excerpt', async () => {
    const top = await api<{ items: { id: number; name: string; findingCount: number; indicatorCount: number }[] }>('/projects?sort=findings&order=desc&limit=1');
    const p = top.items[0]!;
    expect(p.findingCount).toBeGreaterThan(0);
    const { page, errors } = await open(`/projects/${p.id}`);
    await page.getByRole('heading', { name: p.name }).waitFor();
    await expect(page.locator('.official-row td').first().textContent()).resolves.toBe(p.name);
    const indicatorRows = page.locator('.ant-table-row');
    await expect(indicatorRows.count()).resolves.toBe(p.indicatorCount);
    await expect(page.locator('.target-read .kind-tag').count()).resolves.toBe(p.indicatorCount * 2);
    // every finding in the list card, errors first; the indicator ones also beside their rows
    const list = page.getByTestId('project-findings').locator('.finding-line');
    await expect(list.count()).resolves.toBe(p.findingCount);
    const RANK: Record<string, number> = { 错误: 3, 警告: 2, 提示: 1 };
    const severities = async () => list.evaluateAll((els) => els.map((e) => e.querySelector('.ant-tag')?.textContent ?? ''));
    const ranks = (await severities()).map((x) => RANK[x]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // each finding names its rule in Chinese; the rule id is only in the tooltip
    const notes = await list.locator('.note').allTextContents();
    for (const n of notes) expect(n).not.toMatch(/[a-z]+-[a-z]+/);
    const firstRule = await list.first().getAttribute('data-rule');
    await expect(list.first().locator('.rule-title').getAttribute('title')).resolves.toBe(`规则代码：${firstRule}`);
    await expect(page.locator('.dimension-bars [role=listitem]').count()).resolves.toBe(4);
    // the switch to the table's order, kept in the URL
    const rules = async () => list.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    const byDocument = await api<{ findings: { rule: string }[] }>(`/projects/${p.id}?order=document`);
    await page.getByText('按原表顺序').click();
    await page.waitForURL(/order=document/, { waitUntil: 'commit' });
    await expect.poll(rules).toEqual(byDocument.findings.map((f) => f.rule));
    await expect(page.locator('pre.source .source-line').count()).resolves.toBeGreaterThan(3);
    await expect(page.locator('pre.source .source-line.current').count()).resolves.toBe(1);
    await shot(page, 'project-1280');
    expect(errors).toEqual([]);
  });

  test.skipIf(!REAL)('项目详情 of a PDF project: the cut-out of its page, drawn with the row tinted, at 1440 and 400 px', async () => {
    const list = await api<{ items: { id: number; name: string; document: { file: string } }[] }>('/projects?limit=500&latestOnly=false');
    const mine = list.items.filter((x) => x.document.file === REAL_PDF);
    expect(mine.length).toBeGreaterThan(10);
    // one from the middle of the table, not on its first page
    const p = mine[Math.floor(mine.length / 2)]!;
    const d = await api<{ box: { page: number; x: number; y: number; w: number; h: number } | null; document: { id: number } }>(`/projects/${p.id}`);
    expect(d.box).not.toBeNull();
    for (const width of [1440, 400]) {
      const { page, errors } = await open(`/projects/${p.id}`, width);
      const card = page.getByTestId('pdf-card');
      await expect(card.locator('.ant-card-head-title').textContent()).resolves.toBe(`原表（PDF 第 ${d.box!.page} 页）`);
      await expect(card.getByRole('link', { name: '打开原 PDF' }).getAttribute('href')).resolves.toBe(`/api/documents/${d.document.id}/source#page=${d.box!.page}`);
      // the cut-out is the row's source: no empty 原文摘录 card beside it
      expect(await page.getByText('原文摘录', { exact: true }).count()).toBe(0);
      await page.locator('[data-testid="pdf-cutout"][data-state="done"]').waitFor({ timeout: 30_000 });
      await card.screenshot({ path: join(SHOTS, `project-pdf-${width}.png`) });
      // ink (text and rules) and the tint of the row; the canvas fills its card, and on a phone it keeps
      // a legible scale and scrolls inside the card instead
      const painted = await page.$eval('[data-testid="pdf-cutout"] canvas', (el) => {
        const c = el as HTMLCanvasElement;
        const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let dark = 0; let tint = 0;
        for (let i = 0; i < px.length; i += 4) {
          const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
          if (r + g + b < 450) dark++;
          else if (b > 200 && r < 235 && b - r > 15) tint++;
        }
        const parent = c.parentElement!;
        return { dark, tint, width: c.getBoundingClientRect().width, parent: parent.clientWidth, scrolls: getComputedStyle(parent).overflowX };
      });
      expect(painted.dark, JSON.stringify(painted)).toBeGreaterThan(200);
      expect(painted.tint).toBeGreaterThan(1000);
      if (width === 1440) expect(Math.abs(painted.width - painted.parent)).toBeLessThanOrEqual(1);
      else expect(painted).toMatchObject({ scrolls: 'auto' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `project-pdf-page-${width}`);
      expect(errors).toEqual([]);
    }
  });

  test('项目详情 of the all-prose project: its score by dimension and the gate that keeps it at 中', async () => {
    const list = await api<{ items: { id: number; name: string }[] }>(`/projects?limit=50&unit=${encodeURIComponent('广州市劳动人事争议仲裁院')}`);
    const p = list.items.find((x) => x.name === '广州市劳动人事争议仲裁院2024-2025年信息化运维项目')!;
    for (const width of [1440, 400]) {
      const { page, errors } = await open(`/projects/${p.id}`, width);
      await page.getByTestId('gate').waitFor();
      await expect(page.getByTestId('gate').textContent()).resolves.toContain('绩效指标全部以自由文字书写');
      await expect(page.getByTestId('project-score').textContent()).resolves.toMatch(/^79\.9（中）$/);
      await expect(page.locator('.dimension-bars [role=listitem]').allTextContents()).resolves.toEqual([expect.stringMatching(/^完整性/), expect.stringMatching(/^相关性/), expect.stringMatching(/^适当性/), expect.stringMatching(/^可行性/)]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `project-gate-${width}`);
      expect(errors).toEqual([]);
    }
  });

  test('对比: 广州市技师学院 in 000 against 002 shows word-level changes', async () => {
    const units = await api<{ id: number; name: string; file: string }[]>(`/units?name=${encodeURIComponent('广州市技师学院')}`);
    const a = units.find((u) => u.file.startsWith('000_'))!;
    const b = units.find((u) => u.file.startsWith('002_'))!;
    const { page, errors } = await open(`/compare?a=${a.id}&b=${b.id}`);
    await page.locator('.diff-project').first().waitFor();
    await expect(page.locator('.diff-project[data-status="changed"]').count()).resolves.toBe(4);
    await expect(page.locator('ins.diff-ins').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('del.diff-del').count()).resolves.toBeGreaterThan(0);
    const del = page.locator('del.diff-del').first();
    expect(await del.evaluate((e) => getComputedStyle(e).textDecorationLine)).toContain('line-through');
    await shot(page, 'compare-1280');
    expect(errors).toEqual([]);
    // picking the unit puts the older table in 甲 and the newer in 乙: 000 (no year printed, imported
    // second for its year) is not the newer one for having the higher import number
    const picked = await open('/compare');
    await pick(picked.page, '单位', '广州市技师学院');
    await picked.page.waitForURL(/[?&]b=\d+/, { waitUntil: 'commit' });
    const q = new URL(picked.page.url()).searchParams;
    expect([Number(q.get('a')), Number(q.get('b'))]).toEqual([a.id, b.id]);
    const sides = picked.page.locator('.diff-sides > div');
    await sides.first().waitFor();
    await expect(sides.nth(0).textContent()).resolves.toMatch(/未印年度.*000_/);
    await expect(sides.nth(0).textContent()).resolves.not.toContain('（最新）');
    await expect(sides.nth(1).textContent()).resolves.toMatch(/（最新）.*002_/);
    expect(picked.errors).toEqual([]);
  });

  test('审核: findings filtered by rule, with links to each table\'s HTML report', async () => {
    const { page, errors } = await open('/review?rule=output-coverage');
    const rows = page.getByTestId('findings').locator('.ant-table-row');
    await rows.first().waitFor();
    const rules = await rows.evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    // the rule by its Chinese title, its id only in the tooltip
    for (const r of rules) expect(r).toContain('产出指标涵盖数量、质量、时效');
    for (const r of rules) expect(r).not.toContain('output-coverage');
    await expect(rows.first().getByText('产出指标涵盖数量、质量、时效').getAttribute('title')).resolves.toBe('规则代码：output-coverage');
    await expect(page.getByText(/完整性 [\d.]+\/30 · 相关性/).first().textContent()).resolves.toMatch(/可行性 [\d.]+\/20/);
    // errors first by default; the switch gives the table's order
    const all = await open('/review', 1440);
    const sevRows = all.page.getByTestId('findings').locator('.ant-table-row');
    await sevRows.first().waitFor();
    await expect(sevRows.first().textContent()).resolves.toContain('错误');
    await all.page.getByText('按原表顺序').click();
    await all.page.waitForURL(/order=document/, { waitUntil: 'commit' });
    await shot(all.page, 'review-document-order-1440');
    expect(all.errors).toEqual([]);
    const href = await page.getByRole('link', { name: '打开审核报告' }).first().getAttribute('href');
    expect(href).toMatch(/^\/api\/documents\/\d+\/report$/);
    const report = await fetch(`${base}${href}`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/html');
    await shot(page, 'review-1280');
    expect(errors).toEqual([]);
  });

  test('every page at 400×800: collapses to a menu button, nothing spills sideways, no console errors', { timeout: 240_000 }, async () => {
    const units = await api<{ id: number; file: string }[]>(`/units?name=${encodeURIComponent('广州市技师学院')}`);
    const pages: [string, string][] = [
      ['/', 'dashboard'], ['/projects', 'projects'], ['/projects/1', 'project'], ['/indicators?q=%E6%BB%A1%E6%84%8F%E5%BA%A6', 'indicators'],
      ['/review', 'review'], ['/import', 'import'], [`/compare?a=${units[0]!.id}&b=${units[1]!.id}`, 'compare'], ['/projects?q=%E8%BF%90%E7%BB%B4', 'search'],
    ];
    for (const [path, name] of pages) {
      const { page, errors } = await open(path, 400, { loggedIn: path === '/import' });
      await page.getByRole('button', { name: '打开菜单' }).waitFor();
      await page.waitForTimeout(800);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} spills ${overflow}px`).toBeLessThanOrEqual(0);
      await shot(page, `${name}-400`);
      expect(errors, path).toEqual([]);
    }
  });

  test('广州市技师学院 (published in 000 without a year and in 002) is listed once: 16 rows, 16 names', async () => {
    const { page, errors } = await open(`/projects?unit=${encodeURIComponent('广州市技师学院')}&size=100`, 1440);
    await page.locator('.ant-table-row').first().waitFor();
    // the table is virtual (it renders the rows in view): the total counts them all, the rows shown are distinct
    await expect(page.getByText('共 16 个项目').count()).resolves.toBe(1);
    const names = await page.locator('.ant-table-row .ant-table-cell:first-child').allTextContents();
    expect(names.length).toBeGreaterThan(5);
    expect(new Set(names).size).toBe(names.length);
    expect(errors).toEqual([]);
  });

  test('at 1440 px the project list is not cut: every column header ends inside the viewport, no sideways scroll', async () => {
    const { page, errors } = await open('/projects', 1440);
    await page.locator('.ant-table-row').first().waitFor();
    const rights = await page.locator('.ant-table-thead th').evaluateAll((ths) => ths.map((t) => [t.textContent ?? '', t.getBoundingClientRect().right] as const));
    expect(rights.map(([t]) => t)).toEqual(expect.arrayContaining(['指标', '问题']));
    for (const [title, right] of rights) expect(right, title).toBeLessThanOrEqual(1440);
    const body = await page.locator('.ant-table-body, .ant-table-tbody-virtual-holder').first().evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(body).toBeLessThanOrEqual(0);
    await shot(page, 'projects-1440');
    expect(errors).toEqual([]);
  });

  test('search lists projects, not hits: 运维 counts each project once with every match marked, and filters stay usable', async () => {
    const hits = await api<{ hits: { projectId: number }[] }>(`/search?q=${encodeURIComponent('运维')}&in=all&limit=1000`);
    const projects = new Set(hits.hits.map((h) => h.projectId)).size;
    expect(projects).toBeLessThan(hits.hits.length);
    const { page, errors } = await open(`/projects?q=${encodeURIComponent('运维')}&size=100`, 1440);
    await page.getByTestId('search-summary').waitFor();
    await expect(page.getByTestId('search-summary').textContent()).resolves.toContain(`${projects} 个项目`);
    await expect(page.getByText(`共 ${projects} 个项目`).count()).resolves.toBe(1);
    // every row (the virtual table renders those in view) says where the word is, and a name hit shows the name (not —)
    const rows = await page.locator('.ant-table-row').count();
    expect(rows).toBeGreaterThan(3);
    await expect(page.getByTestId('matches').count()).resolves.toBe(rows);
    const first = await page.getByTestId('matches').first().textContent();
    expect(first).toContain('运维');
    await expect(page.getByRole('combobox', { name: '年度' }).isDisabled()).resolves.toBe(false);
    await shot(page, 'search-1440');
    expect(errors).toEqual([]);
  });

  test('at 400 px the lists keep amounts, targets and findings beside the name', { timeout: 180_000 }, async () => {
    const top = await api<{ items: { name: string; amounts: { total: number }; findingCount: number }[] }>('/projects?limit=1');
    const projects = await open('/projects', 400);
    await projects.page.getByTestId('project-cards').waitFor();
    const card = projects.page.locator('.narrow-row').first();
    await expect(card.textContent()).resolves.toContain(top.items[0]!.name);
    const amounts = card.getByTestId('card-amounts');
    expect(await amounts.isVisible()).toBe(true);
    await expect(amounts.textContent()).resolves.toContain(top.items[0]!.amounts.total.toLocaleString('en-US', { minimumFractionDigits: 2 }));
    await expect(amounts.textContent()).resolves.toContain(`问题 ${top.items[0]!.findingCount}`);
    await shot(projects.page, 'projects-cards-400');

    const indicators = await open('/indicators', 400);
    await indicators.page.getByTestId('indicator-cards').waitFor();
    await expect(indicators.page.locator('.narrow-row').first().locator('.target-read').count()).resolves.toBe(2);
    const review = await open('/review', 400);
    await review.page.getByTestId('finding-cards').waitFor();
    await expect(review.page.locator('.narrow-row').first().locator('.ant-tag').first().isVisible()).resolves.toBe(true);
    const project = await open('/projects/1', 400);
    await project.page.getByTestId('indicator-cards').waitFor();
    const values = project.page.getByTestId('indicator-cards').locator('.target-read').first();
    expect(await values.isVisible()).toBe(true);
    const box = (await values.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(400);
    await expect(project.page.getByTestId('breadcrumb').textContent()).resolves.toMatch(/^项目/);
    for (const o of [projects, indicators, review, project]) expect(o.errors).toEqual([]);
  });

  test('导入: a table already stored says so in the preview and the result is not a green 导入完成; a table without a year asks, and another import needs no reload', async () => {
    const before = await api<{ documents: number }>('/health');
    const { page, errors } = await open('/import', 1440, { loggedIn: true });
    const input = page.locator('input[type=file]');
    // 000 re-encoded with CRLF: the same table
    const text = readFileSync(join(SAMPLES, PRELOADED[0]!), 'utf8');
    await input.setInputFiles({ name: '000-crlf.txt', mimeType: 'text/plain', buffer: Buffer.from(text.replace(/\n/g, '\r\n')) });
    await page.getByTestId('preview-stored').waitFor();
    await expect(page.getByTestId('preview-review').textContent()).resolves.toMatch(/评分 [\d.]+.*问题 \d+ 个/);
    await page.getByRole('button', { name: /确认导入 1 个文件/ }).click();
    await page.getByTestId('import-outcome').waitFor();
    await expect(page.getByTestId('import-outcome').getAttribute('data-outcome')).resolves.toBe('nothing');
    await expect(page.getByText('导入完成').count()).resolves.toBe(0);
    await expect(page.locator('.ant-result-success').count()).resolves.toBe(0);
    await expect(page.getByTestId('import-steps').locator('.ant-steps-item-process').count()).resolves.toBe(0);
    expect((await api<{ documents: number }>('/health')).documents).toBe(before.documents);
    await shot(page, 'import-nothing-1440');

    // another import without reloading: 000 with one goal reworded — no year, and 002's publication matches
    await page.getByTestId('import-again').click();
    const edited = text.replace('提高', '提升');
    expect(edited).not.toBe(text);
    await page.locator('input[type=file]').setInputFiles({ name: '000-edited.txt', mimeType: 'text/plain', buffer: Buffer.from(edited) });
    await page.getByTestId('preview-missing').waitFor();
    await expect(page.getByTestId('preview-missing').textContent()).resolves.toContain('16 个项目名称与金额完全一致');
    const confirm = page.getByRole('button', { name: /确认导入 1 个文件/ });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await shot(page, 'import-missing-1440');
    await page.getByTestId('accept-proposal').click();
    await confirm.click();
    await page.getByTestId('import-outcome').waitFor();
    await expect(page.getByTestId('import-outcome').getAttribute('data-outcome')).resolves.toBe('success');
    await expect(page.getByTestId('import-results').textContent()).resolves.toMatch(/2024 年.*注：原表未注明年度/);
    await expect(page.getByTestId('import-steps').locator('.ant-steps-item-finish').count()).resolves.toBe(3);
    expect((await api<{ documents: number }>('/health')).documents).toBe(before.documents + 1);
    // still listed once: the publication that prints its year stays the latest
    expect((await api<{ total: number }>(`/projects?unit=${encodeURIComponent('广州市技师学院')}`)).total).toBe(16);
    expect(errors).toEqual([]);
  });

  test('an unknown project and an unknown path say so', async () => {
    const missing = await open('/projects/999999');
    await missing.page.getByText('没有找到').waitFor();
    const lost = await open('/no-such-page');
    await lost.page.getByText('没有这个页面').waitFor();
    // a 404 from the API is logged by Chromium as a failed resource; that is the expected answer here
    expect(missing.errors.filter((e) => !e.includes('404'))).toEqual([]);
    expect(lost.errors).toEqual([]);
  });

  test('导入 of a large table shows a real progress bar (stage and n/total) while the server imports it as a job, then the results', { timeout: 240_000 }, async () => {
    const before = await api<{ documents: number }>('/health');
    const { page, errors } = await open('/import', 1280, { loggedIn: true });
    await page.locator('input[type=file]').setInputFiles({ name: '大表.txt', mimeType: 'text/plain', buffer: largeTable(2 * 1024 * 1024, '进度测试单位') });
    await page.getByTestId('preview-file').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: /确认导入 1 个文件/ }).click();
    await page.getByTestId('import-progress').waitFor();
    // the stage the job is at, named in Chinese, with how far it is once it counts pages or rows
    await page.getByTestId('import-stage').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('import-stage').textContent()).resolves.toMatch(/^(排队|检查|读取|核对|审核|写入|索引)$/);
    await page.getByTestId('import-count').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('import-count').textContent()).resolves.toMatch(/^（[\d,]+\/[\d,]+）$/);
    await shot(page, 'import-progress-1280');
    await page.getByText('导入完成').waitFor({ timeout: 180_000 });
    await expect(page.getByTestId('import-progress').count()).resolves.toBe(0);
    await expect(page.getByTestId('import-results').textContent()).resolves.toMatch(/已导入/);
    expect((await api<{ documents: number }>('/health')).documents).toBe(before.documents + 1);
    expect(errors).toEqual([]);
  });
});

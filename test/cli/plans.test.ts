// jixiao plans as finance staff run it: the built binary on a temporary SQLite store of the five samples,
// whose rows became published plans on import — listed as a table or JSON, filtered, and exported as the
// published-table workbook; bad filters are refused with a Chinese message and exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/auth/roles.js';
import { writePlansXlsx } from '../../src/report/xlsx/index.js';
import { importBytes, openStore } from '../../src/store/index.js';
import type { PlanContent } from '../../src/workflow/content.js';
import { createPlan, savePlan, transition } from '../../src/workflow/plans.js';
import { createAccount } from '../server/auth-helpers.js';
import { GOOD } from '../workflow/fixtures.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const samples = ['001_34b9b435912c22a9.txt', '002_02da4d888feccc7a.txt'].map((f) => join(root, 'samples', f));
const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-plans-'));
const db = join(dir, 'store.sqlite');
const env = { ...process.env } as NodeJS.ProcessEnv;
delete env['JIXIAO_DB'];
delete env['DATABASE_URL'];
const run = (args: string[]) => spawnSync(bin, [...args, '--db', db], { encoding: 'utf8', cwd: root, env, maxBuffer: 64 * 1024 * 1024 });

interface Page { total: number; items: { name: string; unit: string; year: number | null; state: string; source: string; total: number }[] }

describe('jixiao plans', { timeout: 120_000 }, () => {
  let all: Page;
  beforeAll(() => {
    expect(run(['import', ...samples]).status).toBe(0);
    all = JSON.parse(run(['plans', '--format', 'json', '--limit', '5000']).stdout) as Page;
  }, 90_000);

  it('lists the published tables\' rows as published plans, the same in JSON and as a table', () => {
    expect(all.total).toBeGreaterThan(50);
    expect(all.items).toHaveLength(all.total);
    expect(new Set(all.items.map((p) => [p.state, p.source].join()))).toEqual(new Set(['published,publication']));
    const text = run(['plans', '--limit', '3']);
    expect(text.status).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s*编号\s+项目名称\s+单位\s+年度\s+状态\s+总计（万元）\s+评分\s+版本$/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain('已公开');
    expect(lines[4]).toBe(`共 ${all.total} 项申报，显示第 1–3 项。`);
  });

  it('filters by unit, year, state (code or 中文) and name', () => {
    const unit = all.items[0]!.unit;
    const own = JSON.parse(run(['plans', '--unit', unit, '--format', 'json', '--limit', '5000']).stdout) as Page;
    expect(own.total).toBe(all.items.filter((p) => p.unit === unit).length);
    expect(own.total).toBeGreaterThan(0);
    const byLabel = JSON.parse(run(['plans', '--state', '已公开', '--format', 'json']).stdout) as Page;
    const byCode = JSON.parse(run(['plans', '--state', 'published', '--format', 'json']).stdout) as Page;
    expect(byLabel.total).toBe(byCode.total);
    expect((JSON.parse(run(['plans', '--state', 'draft', '--format', 'json']).stdout) as Page).total).toBe(0);
    const name = all.items[0]!.name.slice(0, 6);
    const q = JSON.parse(run(['plans', '--q', name, '--format', 'json', '--limit', '5000']).stdout) as Page;
    expect(q.items.every((p) => p.name.includes(name))).toBe(true);
    expect(q.total).toBeGreaterThan(0);
  });

  it('exports the workbook of the plans it selects, and -o writes the table to a file', async () => {
    const unit = all.items[0]!.unit;
    const file = join(dir, 'plans.xlsx');
    const r = run(['plans', '--unit', unit, '--format', 'xlsx', '-o', file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^jixiao: \d+ 项申报，已写入 /);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toMatch(/项目支出绩效目标申报表（各申报的当前版本）$/);
    const names = new Set<string>();
    ws.eachRow((row) => { names.add(String(row.getCell(1).value ?? '')); });
    for (const p of all.items.filter((x) => x.unit === unit)) expect(names.has(p.name)).toBe(true);
    const out = join(dir, 'plans.txt');
    expect(run(['plans', '--limit', '3', '-o', out]).stdout).toBe('');
    expect(existsSync(out) && readFileSync(out, 'utf8')).toContain('项申报');
  });

  it('refuses a bad state, year, limit or unknown unit with a Chinese message and exit 2', () => {
    const state = run(['plans', '--state', 'done']);
    expect([state.status, state.stderr]).toEqual([2, expect.stringMatching(/状态（--state）应为 draft（草稿）.*published（已公开） 之一/)]);
    expect(run(['plans', '--year', '24']).stderr).toMatch(/年度（--year）应为 1990 到 2100/);
    expect(run(['plans', '--limit', '0']).status).toBe(2);
    const unit = run(['plans', '--unit', '不存在的单位']);
    expect([unit.status, unit.stderr]).toEqual([2, 'jixiao: 没有名为“不存在的单位”的单位\n']);
  });

  it('names the plans whose public table differs from the version approved', async () => {
    const store = openStore(db);
    try {
      const as = async (role: 'unit' | 'department' | 'finance', org: string | null): Promise<Caller> => {
        const { user } = await createAccount(store, { role, org });
        return { userId: user.id, username: user.username, role, orgId: user.org?.id ?? null, via: 'session' };
      };
      const unit = await as('unit', '命令行测试局/命令行测试学院');
      const dept = await as('department', '命令行测试局');
      const finance = await as('finance', null);
      const content: PlanContent = { ...GOOD, name: '命令行测试公开项目', startYear: 2026, endYear: 2026 };
      const { id, versionId } = await createPlan(store, unit, { year: 2026, from: { kind: 'blank', name: content.name } });
      const saved = await savePlan(store, unit, id, versionId, content);
      for (const [who, action] of [[unit, 'submit'], [dept, 'approve'], [finance, 'approve']] as const) await transition(store, who, id, action, { versionId: saved.versionId });
      // the department's own table prints another total
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      await writePlansXlsx([{ unit: '命令行测试学院', department: '命令行测试局', year: 2026, content: { ...content, funding: { ...content.funding, total: 130.5, fiscal: 110 } } }], 'table', out);
      expect((await importBytes(store, new Uint8Array(Buffer.concat(chunks)), { file: '命令行测试局公开表.xlsx', year: 2026, department: '命令行测试局' })).status).toBe('imported');
    } finally {
      await store.close();
    }
    const r = run(['plans', '--source', 'authored']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/其中 1 项的公开表与批复版本不一致（编号 \d+；差别见各计划页）。\n$/);
    const json = JSON.parse(run(['plans', '--source', 'authored', '--format', 'json']).stdout) as { items: { name: string; publicDiffers: boolean | null }[] };
    expect(json.items.map((p) => [p.name, p.publicDiffers])).toEqual([['命令行测试公开项目', true]]);
  });
});

// The five real published tables: every one validates against both schemas and holds what a
// careful reader finds in it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../src/ingest/index.js';
import { tableDocumentSchema, type TableDocument } from '../src/model/index.js';

const dir = join(import.meta.dirname, '..', 'samples');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const docs = new Map<string, TableDocument>(files.map((f) => [f.slice(0, 3), parseBytes(readFileSync(join(dir, f)), { file: f })]));
const doc = (id: string) => docs.get(id)!;
const projects = (d: TableDocument) => d.units.flatMap((u) => u.projects);
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'spec', 'table.schema.json'), 'utf8')));
const codes = (d: TableDocument, code: string) => d.diagnostics.filter((x) => x.code === code);

describe('every sample', () => {
  it.each(files)('%s validates against the zod model and the published JSON Schema', (f) => {
    const d = doc(f.slice(0, 3));
    expect(tableDocumentSchema.safeParse(d).error).toBeUndefined();
    const ok = validate(JSON.parse(JSON.stringify(d)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(files)('%s: every diagnostic has a line, and every one about a row has a path', (f) => {
    const d = doc(f.slice(0, 3));
    for (const x of d.diagnostics) expect(x.line, x.message).toBeGreaterThan(0);
  });
});

describe('seed facts, read by hand from the sources', () => {
  it('000: one unit, 16 projects, 106 indicators, every amount unplaced because a single printed source fits any column', () => {
    const d = doc('000');
    expect(d.department).toBe('广州市人力资源和社会保障局');
    expect(d.units.map((u) => u.name)).toEqual(['广州市技师学院']);
    expect(projects(d)).toHaveLength(16);
    expect(projects(d).reduce((n, p) => n + p.indicators.length, 0)).toBe(106);
    expect(d.total).toMatchObject({ total: 12721.29, fiscal: null, unplaced: [12721.29] });
    expect(projects(d)[2]!.name).toBe('广州市技师学院2023年科教城新校区信息化基础设施建设项目');
    expect(codes(d, 'sum-mismatch')).toEqual([]);
  });

  it('001: no 合计 row, the unit row prints two sources, the last project ends the file', () => {
    const d = doc('001');
    expect(d.total).toBeNull();
    expect(d.units[0]!.funding).toMatchObject({ total: 12146.57, unplaced: [7646.57, 4500] });
    expect(projects(d)).toHaveLength(23);
    expect(projects(d)[1]!.name).toBe('市教育局番职院运动场、办公楼加固、排水单元改造、西区学生食堂三楼维修经费');
    expect(projects(d)[7]!.name).toBe('市教育局番职院科研项目经费');
  });

  it('002: 17 units, 258 projects, known columns, 合计 = Σ units', () => {
    const d = doc('002');
    expect(d.source.layout).toBe('tabular-text');
    expect(d.year).toBe(2024);
    expect(d.units).toHaveLength(17);
    expect(projects(d)).toHaveLength(258);
    expect(d.total).toMatchObject({ total: 746104.1, fiscal: 738573.69, specialAccount: null, other: 7530.41, unplaced: [] });
    expect(codes(d, 'sum-mismatch')).toEqual([]);
    const gap = projects(d).find((p) => p.name === '局本级配套人社部留学人员引智项目经费')!;
    expect(gap.indicators.map((i) => i.seq)).toEqual([1, 2, 5]);
    expect(codes(d, 'indicator-seq-gap').map((x) => x.message)).toContain('指标序号跳号：2 之后是 5，缺少 3、4。');
    const prose = projects(d).find((p) => p.name === '广州市劳动人事争议仲裁院2024-2025年信息化运维项目')!;
    expect(prose.indicators).toEqual([]);
    expect(prose.indicatorsText).toMatch(/^1\.产出数量：1\.1故障工单关闭率.*目标值不低于95%。$/);
  });

  it('003: the interleaved table — split amount, deferred sources, displaced goals, an orphan, the 50.10 gap', () => {
    const d = doc('003');
    const ps = projects(d);
    expect(ps).toHaveLength(32);
    expect(ps.reduce((n, p) => n + p.indicators.length, 0)).toBe(242);
    const settle = ps[2]!;
    expect(settle).toMatchObject({ name: '市教育局广州科技贸易职业学院番禺校区扩建项目结算款', goal: '向粤新公司支付结算款。' });
    expect(settle.funding).toMatchObject({ total: 3800, unplaced: [3300, 500] });
    const party = ps[3]!;
    expect(party.funding).toMatchObject({ total: 20.4, unplaced: [20.4], printed: ['20.40', '20.40'] });
    expect(party.goal.startsWith('党委领导下的基层治理体系')).toBe(true);
    expect(party.indicators).toHaveLength(12);
    const high = ps[4]!;
    expect(high.name).toBe('市教育局广州科技贸易职业学院打造技术技能人才培养高地项目');
    expect(high.funding).toMatchObject({ total: 661.18, unplaced: [661.18] });
    expect(high.goal).toContain('依托项目丰富校园文化内涵，提振专业建设。');
    expect(high.indicators).toHaveLength(14);
    expect(d.orphans).toHaveLength(1);
    expect(d.orphans[0]!.text.startsWith('在现有维护体系的基础上')).toBe(true);
    expect(d.orphans[0]!.indicators).toHaveLength(4);
    const gap = codes(d, 'sum-mismatch');
    expect(gap).toHaveLength(1);
    expect(gap[0]!.message).toContain('相差 50.10');
    expect(codes(d, 'amount-joined')).toHaveLength(1);
    expect(codes(d, 'amount-deferred')).toHaveLength(2);
    expect(codes(d, 'level2-name-missing')).toHaveLength(6);
  });

  it('004: 合计, one unit, 10 projects with names wrapped over blank lines', () => {
    const d = doc('004');
    expect(projects(d).map((p) => p.name)).toContain('残疾人职业康复训练经费（广州市残疾人就业培训服务中心）');
    expect(projects(d).map((p) => p.name)).toContain('广州市残疾人就业培训服务中心2023-2024年信息系统运行和维护项目');
    expect(projects(d).reduce((n, p) => n + p.indicators.length, 0)).toBe(52);
  });

  it('000 and 002 publish the same 广州市技师学院 projects with the same indicator codes', () => {
    const a = doc('000').units[0]!;
    const b = doc('002').units.find((u) => u.name === a.name)!;
    const key = (u: typeof a) => u.projects.map((p) => [p.name, p.funding.total, p.indicators.map((i) => `${i.level1.code}/${i.level2.code}`).join(' ')]);
    expect(key(a)).toEqual(key(b));
  });
});

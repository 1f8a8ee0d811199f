// Export on both databases: the CSV repeats `jixiao parse --format csv` column for column (the store's
// own columns follow), JSON Lines carry each project with its indicators, and output is paged and
// respects a slow reader's backpressure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { renderCsv } from '../../src/cli/render/csv.js';
import { parseBytes } from '../../src/ingest/index.js';
import { CSV_HEADER, exportProjects, QueryError, type ExportFormat, type ProjectFilters, type Store } from '../../src/store/index.js';
import { readTargets } from '../../src/targets/index.js';
import { forEachDialect, SAMPLES, sampleFiles } from './harness.js';

class Sink extends Writable {
  chunks: Buffer[] = [];
  writes = 0;
  constructor(private readonly delayMs = 0, highWaterMark?: number) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.chunks.push(chunk);
    this.writes++;
    if (this.delayMs) setTimeout(done, this.delayMs);
    else done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function run(store: Store, filters: ProjectFilters, format: ExportFormat, options: { pageSize?: number } = {}): Promise<{ text: string; projects: number; rows: number }> {
  const sink = new Sink();
  const r = await exportProjects(store, filters, format, sink, options);
  return { text: sink.text(), ...r };
}

const docOf = (f: string) => readTargets(parseBytes(readFileSync(join(SAMPLES, f)), { file: f }));
/** parse's CSV rows for a file, without its header and its orphan rows (export carries projects only) */
const parseRows = (f: string) => renderCsv([docOf(f)]).replace(/^\uFEFF/, '').split('\r\n').slice(1, -1).filter((l) => !l.includes('（无所属项目）'));

/** splits one CSV line into cells (quotes honoured) */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

forEachDialect('export', (get) => {
  it('CSV: BOM, CRLF, the parse columns in parse order, then the store columns', async () => {
    const { text, projects, rows } = await run(get(), {}, 'csv');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n').slice(0, -1);
    const parseHeader = renderCsv([]).replace(/^\uFEFF/, '').trimEnd().split(',');
    expect(lines[0]!.split(',')).toEqual(CSV_HEADER);
    expect(CSV_HEADER.slice(0, parseHeader.length)).toEqual(parseHeader);
    expect(projects).toBe(339);
    // 1,790 indicators on projects, plus the one prose indicator cell kept in 002
    expect(rows).toBe(1791);
    expect(lines).toHaveLength(1 + rows);
  });

  it('csv-raw rows equal `jixiao parse --format csv-raw` rows (target kinds and comparisons as codes)', async () => {
    const { text } = await run(get(), {}, 'csv-raw');
    const lines = text.slice(1).split('\r\n').slice(1, -1);
    const n = renderCsv([]).split(',').length;
    const f = sampleFiles()[4]!;
    const raw = renderCsv([docOf(f)], 'codes').replace(/^\uFEFF/, '').split('\r\n').slice(1, -1).filter((l) => !l.includes('（无所属项目）'));
    expect(lines.filter((l) => l.startsWith(`${f},`)).map((l) => cells(l).slice(0, n))).toEqual(raw.map((l) => cells(l)));
    expect(text).toContain(',numeric,>=,');
    expect(text).not.toContain(',数值,');
  });

  it('CSV rows equal `jixiao parse --format csv` rows for every sample, column for column', async () => {
    const { text } = await run(get(), {}, 'csv');
    const lines = text.slice(1).split('\r\n').slice(1, -1);
    const n = renderCsv([]).split(',').length;
    for (const f of sampleFiles()) {
      const mine = lines.filter((l) => l.startsWith(`${f},`)).map((l) => cells(l).slice(0, n));
      expect(mine, f).toEqual(parseRows(f).map((l) => cells(l)));
    }
    const first = cells(lines[0]!);
    expect(first.slice(n)).toEqual(['广州市人力资源和社会保障局', '', '1', '是', expect.stringMatching(/^\d+(\.\d)?$/), '优', expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
  });

  it('JSON Lines: one project per line with its indicators and read targets', async () => {
    const { text, projects, rows } = await run(get(), {}, 'json');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(339);
    expect(projects).toBe(339);
    expect(rows).toBe(339);
    expect(lines.reduce((a, p) => a + p.indicators.length, 0)).toBe(1790);
    const p = lines.find((x) => x.name === '市教育局广州科技贸易职业学院番禺校区扩建项目结算款');
    const source = docOf('003_7b33df3d06e95335.txt').units[0]!.projects.find((x) => x.name === p.name)!;
    expect(p).toMatchObject({ amounts: { total: 3800, unplaced: [3300, 500] }, goal: source.goal, unit: { name: '广州科技贸易职业学院' }, indicatorsText: null });
    expect(p.indicators.map((i: { period: unknown; name: string }) => [i.name, i.period])).toEqual(source.indicators.map((i) => [i.name, i.period]));
    const prose = lines.find((x) => x.indicatorsText);
    expect(prose.name).toBe('广州市劳动人事争议仲裁院2024-2025年信息化运维项目');
  });

  it('applies the filters', async () => {
    const { projects, text } = await run(get(), { unit: '广州科技贸易职业学院', missing: '3' }, 'json');
    expect(projects).toBe(14);
    expect(text.trimEnd().split('\n').every((l) => !JSON.parse(l).indicators.some((i: { level1: { code: string } }) => i.level1.code === '3'))).toBe(true);
    const none = await run(get(), { year: 1999 }, 'csv');
    expect(none).toMatchObject({ projects: 0, rows: 0 });
    expect(none.text).toBe(`\uFEFF${CSV_HEADER.join(',')}\r\n`);
    expect((await run(get(), { rule: 'dimension-coverage', severity: 'error' }, 'json')).projects).toBe(12);
  });

  it('pages: the output is the same whatever the page size, and a slow reader is waited for', async () => {
    const whole = await run(get(), {}, 'json');
    expect((await run(get(), {}, 'json', { pageSize: 7 })).text).toBe(whole.text);
    const csv = await run(get(), { year: 2024 }, 'csv');
    expect((await run(get(), { year: 2024 }, 'csv', { pageSize: 1 })).text).toBe(csv.text);
    const slow = new Sink(2, 1024);
    await exportProjects(get(), { year: 2024 }, 'csv', slow, { pageSize: 20 });
    expect(slow.text()).toBe(csv.text);
    expect(slow.writes).toBeGreaterThan(10); // one write per page at least: nothing held back to the end
  });

  it('rejects a bad format or bad filters with a QueryError', async () => {
    await expect(exportProjects(get(), {}, 'xml' as ExportFormat, new Sink())).rejects.toBeInstanceOf(QueryError);
    await expect(exportProjects(get(), { min: 'a' } as unknown as ProjectFilters, 'csv', new Sink())).rejects.toMatchObject({ code: 'invalid' });
    await expect(exportProjects(get(), { limit: 5 } as unknown as ProjectFilters, 'csv', new Sink())).rejects.toBeInstanceOf(QueryError);
  });
}, { seed: true });

// The workbook section of `npm run bench`: import of a 1,000,000-indicator .xlsx (a row per indicator,
// the project's cells merged down over its five indicator rows, as the layout is filed), read in a child
// process that does nothing else: rows per second and peak RSS, beside the floor of inflating the same
// zip entries (zlib, no XML) and beside reading the same rows as CSV, each measured the same way; and
// the import's whole read side (readDocument: parse, targets, review, the rows to store) of the
// workbook. The workbook is generated here, cells from the samples' indicators recombined, written as
// Excel writes it (shared strings, merged ranges); the CSV holds the same cells, the project's cells
// on its first indicator row only (what a merged range is when saved as CSV).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBytes } from '../src/ingest/index.js';
import { loadSamples } from '../test/helpers/samples.js';
import { zip } from '../test/helpers/zip.js';

/** throughput by CPU time: on a shared machine the wall time is mostly waiting for a core */
export const XLSX_TARGETS = { indicators: 1_000_000, minRowsPerCpuSec: 20_000, maxPeakRssMb: 4096 } as const;

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (c: number): string => String.fromCharCode(65 + c);

/** A workbook of `indicators` indicator rows, five per project, a hundred projects per unit. */
export function generateWorkbook(indicators: number): { bytes: Buffer; csv: Buffer; rows: number; projects: number } {
  const pool = loadSamples().flatMap((s) => parseBytes(s.bytes, { file: s.file }).units.flatMap((u) => u.projects))
    .filter((p) => p.indicators.length > 0);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sst = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) { i = strings.length; strings.push(s); index.set(s, i); }
    return i;
  };
  const rows: string[] = [];
  const merges: string[] = [];
  const lines: string[] = [];
  let line: string[] = [];
  let r = 0;
  const s = (c: number, text: string) => { line[c] = csvCell(text); return `<c r="${col(c)}${r}" t="s"><v>${sst(text)}</v></c>`; };
  const n = (c: number, x: number | null) => { if (x === null) return ''; line[c] = String(x); return `<c r="${col(c)}${r}"><v>${x}</v></c>`; };
  const row = (cells: string) => {
    rows.push(`<row r="${r}">${cells}</row>`);
    lines.push(Array.from({ length: 11 }, (_, c) => line[c] ?? '').join(','));
    line = [];
  };
  r++; row(s(0, '2026年项目支出绩效目标表（基准测试）')); merges.push('A1:K1');
  r++; row(s(0, '部门名称：基准测试局') + s(10, '单位：万元'));
  r++; row(['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'].map((h, c) => s(c, h)).join(''));
  let projects = 0;
  let done = 0;
  while (done < indicators) {
    r++; row(s(0, `基准单位${Math.floor(projects / 100) + 1}`) + n(1, 500) + n(2, 500));
    for (let k = 0; k < 100 && done < indicators; k++, projects++) {
      const p = pool[projects % pool.length]!;
      const first = r + 1;
      for (let i = 0; i < 5 && done < indicators; i++, done++) {
        const ind = p.indicators[i % p.indicators.length]!;
        r++;
        const head = i === 0 ? s(0, `${p.name}（${projects + 1}）`) + n(1, 5) + n(2, 5) + s(5, p.goal || '绩效目标') : '';
        row(head + s(6, `${ind.level1.code}-${ind.level1.name}`) + s(7, `${ind.level2.code}-${ind.level2.name}`) + s(8, ind.name || '指标') + s(9, ind.period.raw || '≥1') + s(10, ind.annual.raw || '≥1'));
      }
      if (r > first) for (let c = 0; c < 6; c++) merges.push(`${col(c)}${first}:${col(c)}${r}`);
    }
  }
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:K${r}"/><sheetData>${rows.join('')}</sheetData><mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells></worksheet>`;
  const sharedStrings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`;
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const bytes = zip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>') },
    { name: '_rels/.rels', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="绩效目标表" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(sharedStrings) },
  ]);
  return { bytes, csv: Buffer.from(`${lines.join('\r\n')}\r\n`), rows: r, projects };
}

const csvCell = (t: string): string => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);

interface ChildResult { seconds: number; cpuSeconds: number; peakRssMb: number; indicators?: number; projects?: number; errors?: number; bytes?: number }

function child(mode: 'read' | 'inflate' | 'plan', path: string): ChildResult {
  const script = fileURLToPath(new URL('./xlsx-import-child.js', import.meta.url));
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', script, mode, path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`xlsx bench child (${mode}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

export function xlsxImportBench(options: { indicators?: number; log?: (line: string) => void } = {}): Record<string, unknown> {
  const log = options.log ?? (() => undefined);
  const indicators = options.indicators ?? XLSX_TARGETS.indicators;
  const t0 = Date.now();
  const book = generateWorkbook(indicators);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-bench-'));
  try {
    const path = join(dir, 'bench.xlsx');
    const csvPath = join(dir, 'bench.csv');
    writeFileSync(path, book.bytes);
    writeFileSync(csvPath, book.csv);
    log(`xlsx: ${indicators} indicators, ${book.projects} projects, ${book.rows} rows, ${(book.bytes.length / 1024 / 1024).toFixed(1)} MB, as CSV ${(book.csv.length / 1024 / 1024).toFixed(1)} MB (${Date.now() - t0} ms to build)`);
    const floor = child('inflate', path);
    log(`xlsx: inflate only ${floor.seconds.toFixed(1)} s`);
    const read = child('read', path);
    log(`xlsx: import read ${read.seconds.toFixed(1)} s (CPU ${read.cpuSeconds.toFixed(1)} s), ${read.indicators} indicators, peak ${read.peakRssMb} MB`);
    const csv = child('read', csvPath);
    log(`xlsx: the same rows as CSV ${csv.seconds.toFixed(1)} s (CPU ${csv.cpuSeconds.toFixed(1)} s), ${csv.indicators} indicators, peak ${csv.peakRssMb} MB`);
    const plan = child('plan', path);
    log(`xlsx: import read side (parse, targets, review, rows) ${plan.seconds.toFixed(1)} s (CPU ${plan.cpuSeconds.toFixed(1)} s), peak ${plan.peakRssMb} MB`);
    const rowsPerSec = book.rows / read.seconds;
    const perCpu = (x: ChildResult) => Math.round(book.rows / x.cpuSeconds);
    return {
      workbook: { bytes: book.bytes.length, rows: book.rows, projects: book.projects, indicators, uncompressedBytes: floor.bytes },
      // wall time on a shared machine is mostly waiting: the CPU time says what the reader costs
      read: { seconds: round(read.seconds), cpuSeconds: round(read.cpuSeconds), rowsPerSec: Math.round(rowsPerSec), rowsPerCpuSec: Math.round(book.rows / read.cpuSeconds), indicatorsRead: read.indicators, projectsRead: read.projects, errors: read.errors, peakRssMb: read.peakRssMb },
      baseline: { what: 'inflating the same zip entries (zlib), no XML', seconds: round(floor.seconds), cpuSeconds: round(floor.cpuSeconds), peakRssMb: floor.peakRssMb },
      csv: { what: 'the same rows as a CSV file, read by parseDocument', bytes: book.csv.length, seconds: round(csv.seconds), cpuSeconds: round(csv.cpuSeconds), rowsPerSec: Math.round(book.rows / csv.seconds), rowsPerCpuSec: perCpu(csv), indicatorsRead: csv.indicators, errors: csv.errors, peakRssMb: csv.peakRssMb },
      plan: { what: 'the import before its transaction: readDocument (parse, targets, review, rows to store)', seconds: round(plan.seconds), cpuSeconds: round(plan.cpuSeconds), rowsPerCpuSec: perCpu(plan), indicatorsPlanned: plan.indicators, peakRssMb: plan.peakRssMb },
      ratio: round(read.cpuSeconds / floor.cpuSeconds, 2),
      targets: { ...XLSX_TARGETS },
      meets: { complete: read.indicators === indicators, throughput: book.rows / read.cpuSeconds >= XLSX_TARGETS.minRowsPerCpuSec, memory: read.peakRssMb <= XLSX_TARGETS.maxPeakRssMb },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

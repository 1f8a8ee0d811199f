// `npm run bench` section `xlsx`: export of 1,000,000 indicators to .xlsx in both layouts (ExcelJS's
// streaming writer), beside writing the same rows as CSV; each run in a child process (bench/xlsx-child.ts)
// so its peak RSS is its own. JIXIAO_BENCH_XLSX_N changes the count.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Run { seconds: number; rows: number; bytes: number; maxRssMb: number }

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

export async function xlsxBench(o: { log: (line: string) => void }): Promise<Record<string, unknown>> {
  const n = Number(process.env['JIXIAO_BENCH_XLSX_N'] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-xlsx-'));
  const child = join(fileURLToPath(new URL('.', import.meta.url)), 'xlsx-child.js');
  const runs: Record<string, Run> = {};
  try {
    for (const mode of ['csv', 'table', 'indicators'] as const) {
      o.log(`xlsx: ${mode}, ${n.toLocaleString('en-US')} indicators (child process)`);
      const out = execFileSync(process.execPath, [child, mode, String(n), join(dir, `out.${mode === 'csv' ? 'csv' : 'xlsx'}`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const r = JSON.parse(out.trim().split('\n').pop()!) as Run;
      runs[mode] = r;
      o.log(`xlsx: ${mode} ${r.seconds.toFixed(1)} s, ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} rows/s, ${(r.bytes / 1048576).toFixed(0)} MB, peak RSS ${r.maxRssMb.toFixed(0)} MB`);
      rmSync(join(dir, `out.${mode === 'csv' ? 'csv' : 'xlsx'}`), { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const csv = runs['csv']!;
  const show = (r: Run) => ({ seconds: round(r.seconds), rows: r.rows, rowsPerSec: Math.round(r.rows / r.seconds), megabytes: round(r.bytes / 1048576, 1), peakRssMb: round(r.maxRssMb, 1) });
  return {
    indicators: n,
    csv: show(csv),
    table: { ...show(runs['table']!), secondsVsCsv: round(runs['table']!.seconds / csv.seconds) },
    indicatorsLayout: { ...show(runs['indicators']!), secondsVsCsv: round(runs['indicators']!.seconds / csv.seconds) },
  };
}

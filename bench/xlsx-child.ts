// One run of the XLSX export bench in a process of its own, so that its peak RSS is the writer's: writes
// argv[3] indicators (bench/xlsx-rows.ts) as `table` or `indicators` .xlsx, or as `csv` (the indicator
// layout's columns, one row per indicator), to the file argv[4]; prints {seconds, rows, bytes, maxRssMb}.
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { csvCell } from '../src/model/index.js';
import { levelText } from '../src/report/xlsx/layout.js';
import { XlsxTableWriter } from '../src/report/xlsx/index.js';
import { benchRows } from './xlsx-rows.js';

async function main(): Promise<void> {
  const mode = process.argv[2] as 'table' | 'indicators' | 'csv';
  const n = Number(process.argv[3]);
  const file = process.argv[4]!;
  const out = createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => { out.on('close', () => resolve()).on('error', reject); });
  const t0 = process.hrtime.bigint();
  let rows = 0;
  if (mode === 'csv') {
    let unit = '';
    let chunk = '\uFEFF项目名称（资金使用单位）,总计,财政拨款,财政专户拨款,其他资金,绩效目标,一级指标,二级指标,三级指标,实施周期指标值,年度指标值\r\n';
    for (const item of benchRows(n)) {
      if ('unit' in item) { unit = item.unit.name; chunk += `${csvCell(unit)},,,,,,,,,,\r\n`; rows++; continue; }
      const p = item.project;
      const head = [p.name, p.funding.total, p.funding.fiscal, p.funding.specialAccount, p.funding.other, p.goal].map(csvCell).join(',');
      for (const i of p.indicators) {
        chunk += `${head},${[levelText(i.level1), levelText(i.level2), i.name, i.period, i.annual].map(csvCell).join(',')}\r\n`;
        rows++;
      }
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
  } else {
    const w = new XlsxTableWriter(out, mode);
    await w.sheet({ title: '项目支出绩效目标表（测试）', department: '测试部门', year: 2026, total: null, unplaced: true });
    for (const item of benchRows(n)) {
      if ('unit' in item) await w.unit(item.unit);
      else await w.project(item.project);
    }
    rows = (await w.close()).rows;
  }
  await closed;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(`${JSON.stringify({ seconds, rows, bytes: statSync(file).size, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});

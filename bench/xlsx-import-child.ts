// One measurement of bench/xlsx-import.ts, alone in its process so its peak RSS is its own: `read` parses
// the workbook (or CSV file) as an import does (parseDocument); `plan` does all an import does before
// its transaction (readDocument: parse, targets, review, the rows to store); `inflate` only inflates the
// workbook's zip entries (the floor).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDocument } from '../src/ingest/index.js';
import { readDocument } from '../src/store/read.js';
import { unzip } from '../test/helpers/zip.js';

const [mode, path] = process.argv.slice(2) as ['read' | 'inflate' | 'plan', string];
const bytes = readFileSync(path);
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
let out: Record<string, number> = {};
if (mode === 'inflate') {
  out = { bytes: unzip(bytes).reduce((n, e) => n + e.data.length, 0) };
} else if (mode === 'plan') {
  const r = await readDocument(new Uint8Array(bytes), { file: basename(path) });
  if (r.status !== 'read') throw new Error(r.reason);
  out = { indicators: r.read.plan.indicators };
} else {
  const doc = await parseDocument(new Uint8Array(bytes), { file: basename(path) });
  out = {
    indicators: doc.units.reduce((n, u) => n + u.projects.reduce((m, p) => m + p.indicators.length, 0), 0),
    projects: doc.units.reduce((n, u) => n + u.projects.length, 0),
    errors: doc.diagnostics.filter((d) => d.severity === 'error').length,
  };
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...out })}\n`);

// The performance budget: the JavaScript the first page load needs (entry chunk and its static imports,
// gzipped) stays within 400 kB; charts and pages load on demand. globalSetup has built web/dist.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './setup.js';

test('initial JavaScript is within 400 kB gzipped, and ECharts is not part of it', () => {
  const report = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle-size.mjs'), '--json'], { cwd: ROOT, encoding: 'utf8' })) as {
    initialJs: { files: { file: string }[]; gzip: number }; ok: boolean; lazyRoutes: { name: string }[];
  };
  expect(report.ok).toBe(true);
  expect(report.initialJs.gzip).toBeLessThanOrEqual(400_000);
  expect(report.initialJs.files.map((f) => f.file).join(' ')).not.toMatch(/echarts/);
  expect(report.lazyRoutes.length).toBeGreaterThanOrEqual(7);
});

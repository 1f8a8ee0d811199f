// A real spreadsheet program opens what jixiao writes: LibreOffice (headless) converts both table layouts
// and a template to PDF, and the printed pages are landscape A4, every column fits the page width, and the
// header rows are printed again on each page. Skipped where LibreOffice is not installed (it is not one
// of scripts/install-test-deps.sh's packages: `apt-get install libreoffice-calc-nogui` to run it).
import { execFileSync, spawnSync } from 'node:child_process';
import { soffice as convert } from '../helpers/xlsx-producers.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseBytes } from '../../src/ingest/index.js';
import { projectOf } from '../../src/report/xlsx/document.js';
import { writeDocumentsXlsx, writeMonitorTemplate } from '../../src/report/xlsx/index.js';
import { SAMPLES } from '../store/harness.js';
import { written } from './xlsx-helpers.js';

const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
const pdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
if (!soffice) console.log('xlsx-libreoffice: LibreOffice not installed, skipped');

it.skipIf(!soffice || !pdftotext)('LibreOffice prints both layouts and a template landscape, fit to width, with the header on every page', { timeout: 300_000 }, async () => {
  const doc = parseBytes(readFileSync(join(SAMPLES, '002_02da4d888feccc7a.txt')), { file: '002.txt' });
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-lo-'));
  try {
    writeFileSync(join(dir, 'table.xlsx'), await written((out) => writeDocumentsXlsx([doc], 'table', out)));
    writeFileSync(join(dir, 'indicators.xlsx'), await written((out) => writeDocumentsXlsx([doc], 'indicators', out)));
    const u = doc.units[1]!;
    writeFileSync(join(dir, 'monitor.xlsx'), await written((out) => writeMonitorTemplate({ unit: u.name, department: doc.department, year: doc.year, projects: u.projects.map(projectOf) }, out)));
    await convert(['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir,
      join(dir, 'table.xlsx'), join(dir, 'indicators.xlsx'), join(dir, 'monitor.xlsx')], 240_000, soffice);
    for (const [name, header] of [['table', '绩效指标'], ['indicators', '实施周期指标值'], ['monitor', '调整后预算*']] as const) {
      const info = execFileSync('pdfinfo', [join(dir, `${name}.pdf`)], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number) as [number, number];
      const text = execFileSync('pdftotext', ['-layout', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' });
      const perPage = text.split('\f').filter((p) => p.trim());
      if (name !== 'monitor') {
        expect(w, name).toBeGreaterThan(h); // landscape
        expect(pages, name).toBeGreaterThan(5);
        // the header rows on every page; the last column (fit to width: never on a page of its own)
        for (const p of perPage) expect(p, name).toContain(header);
        expect(text).toContain('746,104.10');
      } else {
        expect(perPage.some((p) => p.includes(header))).toBe(true);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

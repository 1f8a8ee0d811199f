// Workbooks made by other programs than the exceljs that writes the test workbooks: LibreOffice
// (re-saving a workbook as .xlsx, .xls or .csv, as a clerk's "另存为" does) and openpyxl (a hand-made
// layout, test/helpers/xlsx_openpyxl.py). Each returns null when its program is not installed.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExpectedTable } from './pdf-corpus/table.js';

const PYTHON = '/usr/bin/python3';
const HERE = dirname(fileURLToPath(import.meta.url));

export const hasSoffice = (): boolean => {
  try { execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 }); return true; } catch { return false; }
};
export const hasOpenpyxl = (): boolean => {
  try { execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' }); return true; } catch { return false; }
};

/**
 * Runs LibreOffice headless, without blocking this thread: a conversion under load takes tens of seconds,
 * and a test worker that blocks for 60 s misses vitest's own messages (the run then fails with
 * "Timeout calling onTaskUpdate" although every test passed).
 */
export function soffice(args: readonly string[], timeout: number, command = 'soffice'): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout }, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Converts workbooks with LibreOffice (headless, its own profile so parallel runs do not collide):
 * `xlsx` (Calc MS Excel 2007 XML), `xls` (MS Excel 97) or `csv` (UTF-8, comma, quoted text).
 */
export async function libreofficeConvert(files: readonly { name: string; bytes: Uint8Array }[], to: 'xlsx' | 'xls' | 'csv'): Promise<Map<string, Buffer>> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lo-'));
  try {
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    execFileSync('mkdir', ['-p', inDir, outDir]);
    for (const f of files) writeFileSync(join(inDir, f.name), f.bytes);
    const filter = to === 'xlsx' ? 'xlsx:Calc MS Excel 2007 XML' : to === 'xls' ? 'xls:MS Excel 97' : 'csv:Text - txt - csv (StarCalc):44,34,76,1';
    await soffice([`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', filter, '--outdir', outDir, ...files.map((f) => join(inDir, f.name))], 300_000);
    const out = new Map<string, Buffer>();
    for (const f of files) {
      const path = join(outDir, `${basename(f.name, '.xlsx')}.${to}`);
      if (existsSync(path)) out.set(f.name, readFileSync(path));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function openpyxlWorkbook(table: ExpectedTable, options: { formulas?: boolean } = {}): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-opx-'));
  try {
    const out = join(dir, 'table.xlsx');
    execFileSync(PYTHON, [join(HERE, 'xlsx_openpyxl.py'), out, ...(options.formulas ? ['--formulas'] : [])], { input: JSON.stringify(table), timeout: 120_000 });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

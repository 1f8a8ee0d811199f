// The CLI's .xlsx outputs: `parse --format xlsx`, `export --format xlsx` and `template`. A workbook is
// binary, so it goes to the file given with -o, or to stdout only when stdout is not a terminal.
import { createWriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { exportXlsx, templateInput, writeDocumentsXlsx, writeEvaluateTemplate, writeMonitorTemplate, type TableLayoutId } from '../report/xlsx/index.js';
import { readDocuments } from './read.js';
import { filtersFrom, withStore, type DbOption, type FilterOptions } from './store-options.js';

export interface XlsxOutputOptions {
  /** -o: the file to write */
  readonly output?: string | undefined;
  readonly layout?: TableLayoutId | undefined;
}

export type Stdout = Writable & { isTTY?: boolean };

/**
 * Where the workbook goes: the -o file, or stdout (through a stream ExcelJS may end without ending stdout).
 * `done` settles when every byte is out. Null (with a message) when stdout is a terminal and no -o is given.
 */
export function target(opts: XlsxOutputOptions, out: Stdout, err: Writable): { stream: Writable; done: Promise<void> } | null {
  if (opts.output) {
    const stream = createWriteStream(opts.output);
    return { stream, done: new Promise((resolve, reject) => { stream.on('close', resolve).on('error', reject); }) };
  }
  if (out.isTTY) {
    err.write('jixiao: .xlsx 是二进制文件，不能输出到终端：请用 -o 文件名.xlsx 指定输出文件，或重定向到文件（> 文件名.xlsx）\n');
    return null;
  }
  const stream = new PassThrough();
  stream.pipe(out, { end: false });
  return { stream, done: new Promise((resolve, reject) => { stream.on('end', resolve).on('error', reject); }) };
}

/** `jixiao parse FILE... --format xlsx`: one sheet per readable file. */
export async function parseXlsxCommand(files: readonly string[], opts: XlsxOutputOptions, out: Stdout, err: Writable): Promise<number> {
  const t = target(opts, out, err);
  if (!t) return 2;
  const { docs, failed } = await readDocuments(files, err, { table: true });
  await writeDocumentsXlsx(docs, opts.layout ?? 'table', t.stream);
  await t.done;
  return failed > 0 ? 1 : 0;
}

/** `jixiao export --format xlsx [filters]`: the stored projects the filters select, one sheet per document. */
export async function exportXlsxCommand(opts: DbOption & FilterOptions & XlsxOutputOptions, out: Stdout, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    const t = target(opts, out, err);
    if (!t) return 2;
    const r = await exportXlsx(store, { kind: 'projects', filters: filtersFrom(opts) }, opts.layout ?? 'table', t.stream);
    await t.done;
    if (r.projects === 0) err.write('jixiao: 没有符合条件的项目。\n');
    return 0;
  });
}

export interface TemplateCliOptions extends DbOption, XlsxOutputOptions {
  readonly kind: 'monitor' | 'evaluate';
  readonly unit: string;
  /** 'none': the unit's tables that print no year */
  readonly year?: number | 'none' | undefined;
}

/** `jixiao template --kind monitor|evaluate --unit NAME`: the fill-in template for a unit's published projects. */
export async function templateCommand(opts: TemplateCliOptions, out: Stdout, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    if (opts.year !== undefined && opts.year !== 'none' && !Number.isInteger(opts.year)) {
      err.write('jixiao: 年度（--year）应为整数，或 none（未注明年度的表）\n');
      return 2;
    }
    const input = await templateInput(store, opts.unit, opts.year);
    const t = target(opts, out, err);
    if (!t) return 2;
    await (opts.kind === 'monitor' ? writeMonitorTemplate : writeEvaluateTemplate)(input, t.stream);
    await t.done;
    err.write(`jixiao: ${input.unit}${input.year !== null ? ` ${input.year} 年` : ' 未注明年度'}：${input.projects.length} 个项目，${input.projects.reduce((n, p) => n + p.indicators.length, 0)} 个指标\n`);
    return 0;
  });
}

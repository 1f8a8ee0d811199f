// `jixiao import FILE...`: reads, reviews and stores each file (one transaction each). Several files are
// read in worker threads while the files before them are written (readMany). Progress on stderr when
// there are several files — a bar on a terminal, a line per file otherwise — and a summary at the end.
// Exit 1 when any file failed.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { importBytes, readMany, storeRead, type ImportOptions, type ImportOutcome, type ReadResult } from '../store/index.js';
import { syncPublishedPlans } from '../workflow/publication.js';
import { withStore, type DbOption } from './store-options.js';
import { pageProgress } from './read.js';

const STATUS = { imported: '已导入', unchanged: '未变（库中已有）', failed: '失败', 'needs-input': '未导入（须注明年度或部门）' } as const;

export interface ImportCliOptions extends DbOption {
  readonly year?: string;
  readonly department?: string;
  readonly acceptProposed?: boolean;
}

/** --year/--department as import options; `none` says there is none; a year that is not one is an error */
function given(opts: ImportCliOptions): ImportOptions | string {
  const o: { year?: number | null; department?: string | null; acceptProposed?: boolean } = {};
  if (opts.year !== undefined) {
    if (opts.year === 'none') o.year = null;
    else if (/^\d{4}$/.test(opts.year.trim()) && Number(opts.year) >= 1900 && Number(opts.year) <= 2200) o.year = Number(opts.year);
    else return `--year 应为四位数的年度（如 2024）或 none，而不是“${opts.year}”`;
  }
  if (opts.department !== undefined) o.department = opts.department.trim() === 'none' ? null : opts.department.trim();
  if (opts.acceptProposed) o.acceptProposed = true;
  return o as ImportOptions;
}

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录，不是文件' : code === 'EACCES' ? '没有读取权限' : String((e as Error).message);
}

function bar(done: number, total: number, width = 24): string {
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

export async function importCommand(files: readonly string[], opts: ImportCliOptions, out: Writable, err: Writable & { isTTY?: boolean }): Promise<number> {
  const choice = given(opts);
  if (typeof choice === 'string') {
    err.write(`jixiao: ${choice}\n`);
    return 2;
  }
  return withStore(opts, err, async (store) => {
    const results: ImportOutcome[] = [];
    const several = files.length > 1;
    const tty = err.isTTY === true;
    if (!several) {
      const name = basename(files[0]!);
      const onProgress = pageProgress(name, err);
      try {
        results.push(await importBytes(store, await readFile(files[0]!), { ...choice, file: name, ...(onProgress ? { onProgress } : {}) }));
      } catch (e) {
        results.push({ status: 'failed', file: name, reason: readError(e) });
      }
    } else {
      const inputs = files.map((f) => ({ file: basename(f), bytes: () => readFile(f).catch((e: unknown) => { throw new Error(readError(e)); }) }));
      const outcomes: ImportOutcome[] = [];
      let n = 0;
      const settle = async (i: number, r: ReadResult): Promise<void> => {
        const name = inputs[i]!.file;
        if (tty) err.write(`\r\x1b[K${bar(n, files.length)} ${name}`);
        let outcome: ImportOutcome;
        try {
          outcome = r.status === 'read' ? await storeRead(store, r.read, { ...choice, file: name }) : r;
        } catch (e) {
          outcome = { status: 'failed', file: name, reason: readError(e) };
        }
        outcomes[i] = outcome;
        if (!tty) err.write(`[${n + 1}/${files.length}] ${name}：${STATUS[outcome.status]}\n`);
        n++;
      };
      // As importAll orders them: the tables that print a year are stored first, so that one printing no year
      // finds the publication of its unit later in the batch and is asked about (or takes, --accept-proposed)
      // its year, not stored as 未注明年度. Those wait unstored and are read again at the end, so memory stays
      // bounded however many wait; progress shows files as they are stored, the summary in the order given.
      const undated: number[] = [];
      let k = 0;
      for await (const r of readMany(inputs)) {
        if (r.status === 'read' && r.read.year === null) undated.push(k++);
        else await settle(k++, r);
      }
      k = 0;
      for await (const r of readMany(undated.map((i) => inputs[i]!))) await settle(undated[k++]!, r);
      results.push(...outcomes);
    }
    if (several && tty) err.write(`\r\x1b[K${bar(files.length, files.length)}\n`);
    // the imported rows become published plans (绩效目标申报) of their units
    if (results.some((r) => r.status === 'imported')) await syncPublishedPlans(store);
    const by = (s: ImportOutcome['status']) => results.filter((r) => r.status === s);
    const imported = by('imported');
    const unchanged = by('unchanged');
    const failed = by('failed');
    const asked = by('needs-input');
    const lines = [`导入 ${results.length} 个文件：已导入 ${imported.length}，未变 ${unchanged.length}，${asked.length ? `待注明 ${asked.length}，` : ''}失败 ${failed.length}。数据库：${store.location}`];
    if (imported.length) {
      lines.push('已导入：');
      for (const r of imported) {
        if (r.status !== 'imported') continue;
        lines.push(`  ${r.file}：${r.units} 个单位，${r.projects} 个项目，${r.indicators} 项指标`);
        for (const v of r.versions) lines.push(`    ${v.unit}：第 ${v.version} 版${v.version > 1 ? '（旧版本保留）' : ''}`);
        if (r.note) lines.push(`    注：${r.note}`);
      }
    }
    if (unchanged.length) {
      lines.push('未变（同样的内容已在库中）：');
      for (const r of unchanged) if (r.status === 'unchanged') lines.push(`  ${r.file}${r.storedFile !== r.file ? `（库中为 ${r.storedFile}）` : ''}`);
    }
    if (asked.length) {
      lines.push('未导入（原表未注明年度或部门，库中有同一单位的表）：');
      for (const r of asked) {
        if (r.status !== 'needs-input') continue;
        const p = r.proposal;
        const would = [p.year !== null ? `--year ${p.year}` : null, p.department !== null ? `--department ${p.department}` : null].filter(Boolean).join(' ');
        lines.push(`  ${r.file}：${p.note}。`, `    建议：${would}；请加上这些选项，或 --accept-proposed 采用建议，或 --year none 表示确无年度`);
      }
    }
    if (failed.length) {
      lines.push('失败：');
      for (const r of failed) if (r.status === 'failed') lines.push(`  ${r.file}：${r.reason}`);
    }
    out.write(`${lines.join('\n')}\n`);
    return failed.length || asked.length ? 1 : 0;
  });
}

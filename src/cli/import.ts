// `jixiao import FILE...`: reads, reviews and stores each file (one transaction each). Progress on stderr
// when there are several files — a bar on a terminal, a line per file otherwise — and a summary at the end.
// Exit 1 when any file failed.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { importBytes, type ImportOutcome } from '../store/index.js';
import { withStore, type DbOption } from './store-options.js';
import { pageProgress } from './read.js';

const STATUS = { imported: '已导入', unchanged: '未变（库中已有）', failed: '失败' } as const;

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录，不是文件' : code === 'EACCES' ? '没有读取权限' : String((e as Error).message);
}

function bar(done: number, total: number, width = 24): string {
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

export async function importCommand(files: readonly string[], opts: DbOption, out: Writable, err: Writable & { isTTY?: boolean }): Promise<number> {
  return withStore(opts, err, async (store) => {
    const results: ImportOutcome[] = [];
    const several = files.length > 1;
    const tty = err.isTTY === true;
    for (const [n, file] of files.entries()) {
      const name = basename(file);
      if (several && tty) err.write(`\r\x1b[K${bar(n, files.length)} ${name}`);
      let outcome: ImportOutcome;
      try {
        const onProgress = several ? undefined : pageProgress(name, err);
        outcome = await importBytes(store, await readFile(file), { file: name, ...(onProgress ? { onProgress } : {}) });
      } catch (e) {
        outcome = { status: 'failed', file: name, reason: readError(e) };
      }
      results.push(outcome);
      if (several && !tty) err.write(`[${n + 1}/${files.length}] ${name}：${STATUS[outcome.status]}\n`);
    }
    if (several && tty) err.write(`\r\x1b[K${bar(files.length, files.length)}\n`);
    const by = (s: ImportOutcome['status']) => results.filter((r) => r.status === s);
    const imported = by('imported');
    const unchanged = by('unchanged');
    const failed = by('failed');
    const lines = [`导入 ${results.length} 个文件：已导入 ${imported.length}，未变 ${unchanged.length}，失败 ${failed.length}。数据库：${store.location}`];
    if (imported.length) {
      lines.push('已导入：');
      for (const r of imported) {
        if (r.status !== 'imported') continue;
        lines.push(`  ${r.file}：${r.units} 个单位，${r.projects} 个项目，${r.indicators} 项指标`);
        for (const v of r.versions) lines.push(`    ${v.unit}：第 ${v.version} 版${v.version > 1 ? '（旧版本保留）' : ''}`);
      }
    }
    if (unchanged.length) {
      lines.push('未变（同样的内容已在库中）：');
      for (const r of unchanged) lines.push(`  ${r.file}`);
    }
    if (failed.length) {
      lines.push('失败：');
      for (const r of failed) if (r.status === 'failed') lines.push(`  ${r.file}：${r.reason}`);
    }
    out.write(`${lines.join('\n')}\n`);
    return failed.length ? 1 : 0;
  });
}

// `-o FILE` for the text formats (parse json|table|csv, export csv|json): the command writes to the file
// exactly what it would write to stdout, and the file is complete (flushed and closed) before the exit.
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

const why = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? '所在的文件夹不存在' : code === 'EISDIR' ? '这是一个目录' : code === 'EACCES' || code === 'EPERM' ? '没有写入权限'
    : code === 'ENOSPC' ? '磁盘已满' : String((e as Error).message);
};

/** Runs `body` with the -o file as its output, or with stdout when no file is given. */
export async function withOutput(file: string | undefined, out: Writable, err: Writable, body: (out: Writable) => Promise<number>): Promise<number> {
  if (!file) return body(out);
  let stream: Writable;
  try {
    // opened before the command runs, so an unwritable path is a message, not a stream error later
    stream = (await open(file, 'w')).createWriteStream();
  } catch (e) {
    err.write(`jixiao: 无法写入 ${file}：${why(e)}\n`);
    return 2;
  }
  // a failed write would otherwise be an unhandled 'error' event; `finished` below reports it
  stream.on('error', () => undefined);
  let code: number;
  try {
    code = await body(stream);
  } finally {
    stream.end();
  }
  try {
    await finished(stream);
  } catch (e) {
    err.write(`jixiao: 无法写入 ${file}：${why(e)}\n`);
    return 1;
  }
  return code;
}

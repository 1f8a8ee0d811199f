// Uploads: multipart/form-data, files in the field `files`, each at most the configured size, at most
// MAX_FILES of them. Each file is checked before anything is done with it: binary content that is not a
// PDF or a workbook is 415; an empty file, text with no table in it, or a PDF that cannot be read 422.
import { basename } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { TableDocument } from '../model/index.js';
import { noTable, parseDocument, unreadable, type ColumnOverrides } from '../ingest/index.js';
import { HttpError } from './errors.js';

export const MAX_FILES = 20;
export const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

export interface Upload {
  readonly file: string;
  readonly bytes: Buffer;
}

/** A file name safe to show and store: no directories, no control characters, at most 200 characters. */
export function safeName(name: string | undefined, n: number): string {
  // eslint-disable-next-line no-control-regex
  const base = basename(String(name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || `文件${n + 1}`).slice(0, 200);
}

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(2)} MB` : `${+(bytes / 1024).toFixed(1)} KB`);

export async function readUploads(request: FastifyRequest, limit: number): Promise<Upload[]> {
  if (!request.isMultipart()) throw new HttpError(415, 'not-multipart', '请以 multipart/form-data 上传文件（字段名 files）');
  const out: Upload[] = [];
  try {
    await readParts(request, limit, out);
  } catch (e) {
    throw malformed(e);
  }
  if (out.length === 0) throw new HttpError(400, 'no-files', '没有收到文件：请在字段 files 中上传至少一个文件');
  return out;
}

/**
 * A body the multipart parser could not read (no boundary, a boundary the parts do not use, cut off
 * mid-part) is the client's fault: 400, not 500. Our own errors and the framework's limits pass through.
 */
function malformed(e: unknown): unknown {
  if (e instanceof HttpError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('FST_')) return e;
  return new HttpError(400, 'bad-multipart', '上传内容不完整或格式有误（multipart/form-data 的分隔符缺失、不一致或内容被截断），请重新上传');
}

async function readParts(request: FastifyRequest, limit: number, out: Upload[]): Promise<void> {
  for await (const part of request.parts()) {
    if (part.type !== 'file') continue;
    const file = safeName(part.filename, out.length);
    if (part.fieldname !== 'files') {
      part.file.resume();
      throw new HttpError(400, 'invalid', `上传字段“${part.fieldname}”不对：文件应放在字段 files 中`, [{ field: part.fieldname, message: '文件应放在字段 files 中' }]);
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new HttpError(413, 'file-too-large', `文件“${file}”超过 ${size(limit)} 的上限，未处理任何文件`);
      }
      throw e;
    }
    out.push({ file, bytes });
  }
}

export type Rejection = { readonly file: string; readonly status: 415 | 422; readonly code: string; readonly message: string };

/** The file-type check: null when the file is a text that holds a table. */
export function rejection(file: string, doc: TableDocument): Rejection | null {
  const d = unreadable(doc) ?? noTable(doc);
  if (!d) return null;
  // a PDF that cannot be read (encrypted, damaged, garbled, a scan, no target table) is a PDF all the same: 422
  if (d.code.startsWith('pdf-')) return { file, status: 422, code: d.code === 'pdf-no-table' ? 'no-table' : 'unreadable-pdf', message: `“${file}”：${d.message}` };
  // a workbook that cannot be read (not one, the old .xls, a password, a bomb, formulas without values)
  if (d.code === 'xlsx-not-workbook') return { file, status: 415, code: 'not-workbook', message: `“${file}”：${d.message}` };
  if (d.code.startsWith('xlsx-')) return { file, status: 422, code: d.code === 'xlsx-no-table' ? 'no-table' : 'unreadable-workbook', message: `“${file}”：${d.message}` };
  if (d.code === 'input-binary') return { file, status: 415, code: 'not-text', message: `“${file}”：${d.message}` };
  if (d.code === 'input-empty') return { file, status: 422, code: 'empty', message: `“${file}”：${d.message}` };
  return { file, status: 422, code: 'no-table', message: `“${file}”：${d.message}` };
}

export async function parseUpload(u: Upload, columns?: ColumnOverrides): Promise<{ doc: TableDocument; rejected: Rejection | null }> {
  const doc = await parseDocument(u.bytes, { file: u.file, ...(columns ? { columns } : {}) });
  return { doc, rejected: rejection(u.file, doc) };
}

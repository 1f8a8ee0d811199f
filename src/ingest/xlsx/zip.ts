// The zip container of an .xlsx, read from its central directory so that every entry's size is known
// before a byte is inflated: a zip bomb is refused from what it declares, and an entry that inflates
// to more than it declared is cut off there. No zip library streams that way with both checks, and
// the format is small (APPNOTE 4.3: end record, central directory, local headers).
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  readonly offset: number;
  readonly encrypted: boolean;
}

export type ZipOpen =
  | { readonly ok: true; readonly entries: ReadonlyMap<string, ZipEntry> }
  | { readonly ok: false; readonly why: 'not-zip' | 'damaged' | 'zip64' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function openZip(bytes: Uint8Array): ZipOpen {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { ok: false, why: 'not-zip' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end record is in the last 22 + 65535 bytes (a comment may follow it)
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) { end = i; break; }
  }
  if (end < 0) return { ok: false, why: 'damaged' };
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) return { ok: false, why: 'zip64' };
  if (dirOffset + dirSize > bytes.length) return { ok: false, why: 'damaged' };
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8');
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) return { ok: false, why: 'damaged' };
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    if (compressed === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) return { ok: false, why: 'zip64' };
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)).replace(/\\/g, '/');
    entries.set(name.replace(/^\//, ''), { name, method, compressed, size, offset, encrypted: (flags & 1) !== 0 });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** The compressed bytes of an entry, located through its local header. Throws on a damaged entry. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw new Error(`压缩包条目 ${entry.name} 的位置不对`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressed > bytes.length) throw new Error(`压缩包条目 ${entry.name} 不完整`);
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`压缩包条目 ${entry.name} 使用了不支持的压缩方式（${entry.method}）`);
  return bytes.subarray(start, start + entry.compressed);
}

/** Thrown when an entry inflates to more than its central-directory size: a zip bomb that lies. */
export class ZipOverrun extends Error {}

/**
 * Streams one entry's text to `onText` in chunks (UTF-8 decoded), never inflating past the size the
 * central directory declared. Rejects on a damaged entry.
 */
export async function readEntryText(bytes: Uint8Array, entry: ZipEntry, onText: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  await readEntryBytes(bytes, entry, (chunk) => onText(decoder.decode(chunk, { stream: true })));
  onText(decoder.decode());
}

/**
 * Streams one entry's inflated bytes to `onBytes` in chunks of at most a megabyte, never inflating
 * past the size the central directory declared. Rejects on a damaged entry, or when `onBytes` throws.
 */
export async function readEntryBytes(bytes: Uint8Array, entry: ZipEntry, onBytes: (chunk: Uint8Array) => void): Promise<void> {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length > entry.size) throw new ZipOverrun(entry.name);
    for (let i = 0; i < data.length; i += CHUNK) onBytes(data.subarray(i, Math.min(i + CHUNK, data.length)));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: CHUNK });
    let out = 0;
    let failed = false;
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(e);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      out += chunk.length;
      if (out > entry.size) { fail(new ZipOverrun(entry.name)); return; }
      try { onBytes(chunk); } catch (e) { fail(e); }
    });
    inflate.on('error', fail);
    inflate.on('end', () => { if (!failed) resolve(); });
    // fed in slices so that a huge entry does not sit twice in memory
    const step = 1 << 22;
    let i = 0;
    const feed = (): void => {
      while (i < data.length && !failed) {
        const piece = data.subarray(i, Math.min(i + step, data.length));
        i += step;
        if (!inflate.write(piece)) { inflate.once('drain', feed); return; }
      }
      if (!failed) inflate.end();
    };
    feed();
  });
}

const CHUNK = 1 << 20;

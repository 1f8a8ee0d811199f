// A minimal zip reader and writer for editing test workbooks (replacing a sheet, declaring a size that
// lies): the tests build bad workbooks byte by byte, so nothing here guards against them.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export interface Entry { name: string; data: Buffer; declaredSize?: number; raw?: Buffer }

export function unzip(bytes: Buffer): Entry[] {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let p = bytes.readUInt32LE(end + 16);
  const out: Entry[] = [];
  for (let k = 0; k < count; k++) {
    const method = bytes.readUInt16LE(p + 10);
    const csize = bytes.readUInt32LE(p + 20);
    const nameLength = bytes.readUInt16LE(p + 28);
    const skip = nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    const name = bytes.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const local = bytes.readUInt32LE(p + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + csize);
    out.push({ name, data: method === 8 ? inflateRawSync(data) : Buffer.from(data) });
    p += 46 + skip;
  }
  return out;
}

/** Deflates each entry (or takes its `raw` deflated bytes) and writes the size it declares (or the true one). */
export function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.raw ?? deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The workbook with its first sheet's XML changed. */
export function editSheet(xlsx: Buffer, edit: (xml: string) => string, sheet = 'xl/worksheets/sheet1.xml'): Buffer {
  return zip(unzip(xlsx).map((e) => (e.name === sheet ? { name: e.name, data: Buffer.from(edit(e.data.toString('utf8')), 'utf8') } : e)));
}

// Shared by the XLSX tests: a sink that keeps what is written, and a workbook read back with ExcelJS.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export class Sink extends Writable {
  chunks: Buffer[] = [];
  bytes = 0;
  constructor(private readonly keep = true) { super(); }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.bytes += chunk.length;
    if (this.keep) this.chunks.push(chunk);
    done();
  }
  buffer(): Buffer { return Buffer.concat(this.chunks); }
}

/** Runs a writer into a sink and waits until the sink has everything. */
export async function written(write: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const sink = new Sink();
  const finished = new Promise<void>((resolve, reject) => { sink.on('finish', resolve).on('error', reject); });
  await write(sink);
  await finished;
  return sink.buffer();
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** a sheet's merged ranges, as ExcelJS reads them back */
export const mergesOf = (ws: ExcelJS.Worksheet): string[] => (ws.model as unknown as { merges: string[] }).merges ?? [];

/** the text of a row's cells 1..n ('' for empty) */
export const rowText = (ws: ExcelJS.Worksheet, r: number, n: number): string[] =>
  Array.from({ length: n }, (_, k) => { const v = ws.getRow(r).getCell(k + 1).value; return v === null || v === undefined ? '' : String(v); });

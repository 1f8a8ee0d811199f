// PDFs that cannot be read: truncated, random bytes behind a header, empty, blank, garbled text, and
// (when qpdf is installed) encrypted. Each gives its error diagnostic and no rows; nothing throws, and
// the importer refuses every one of them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPdf, parseDocument, unreadable } from '../../src/ingest/index.js';
import { pdfProblem } from '../../src/ingest/pdf/load.js';
import { tableDocumentSchema, type TableDocument } from '../../src/model/index.js';
import { validateJsonSchema } from '../helpers/invariants.js';
import { realDir } from '../helpers/real-pdf.js';

/** A minimal, valid PDF: one page per content stream, Helvetica as F1. */
export function makePdf(pages: readonly string[]): Uint8Array {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pages.forEach((content, i) => {
    const id = pageIds[i]!;
    objects[id] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

function expectRefused(doc: TableDocument, code: string): void {
  expect(doc.diagnostics.map((d) => d.code)).toContain(code);
  expect(doc.diagnostics.find((d) => d.code === code)!.severity).toBe('error');
  expect(unreadable(doc)?.code).toBe(code);
  expect(doc.units).toEqual([]);
  expect(doc.total).toBeNull();
  expect(doc.source.layout).toBe('pdf');
  expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
  expect(validateJsonSchema(JSON.parse(JSON.stringify(doc)))).toBe(true);
}

const REAL = realDir();
const real = REAL ? new Uint8Array(readFileSync(join(REAL, '001_gz_zsj_2026_xmzc.pdf'))) : null;

describe('PDF detection', () => {
  it('finds %PDF- within the first 1024 bytes, and only there', () => {
    expect(isPdf(makePdf(['']))).toBe(true);
    expect(isPdf(new Uint8Array([...new Uint8Array(1000).fill(32), ...Buffer.from('%PDF-1.4')]))).toBe(true);
    expect(isPdf(new Uint8Array([...new Uint8Array(1100).fill(32), ...Buffer.from('%PDF-1.4')]))).toBe(false);
    expect(isPdf(Buffer.from('项目名称\t总计'))).toBe(false);
    expect(isPdf(new Uint8Array())).toBe(false);
  });

  it('text still goes to the text reader', async () => {
    const doc = await parseDocument(Buffer.from('项目支出绩效目标表\n部门名称：某局\n'));
    expect(doc.source.layout).toBe('flowed-text');
  });
});

describe('unreadable PDFs: an error diagnostic, no rows, no exception', () => {
  it('random bytes after a %PDF-1.7 header are a damaged PDF', async () => {
    let seed = 7;
    const noise = Array.from({ length: 4000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    expectRefused(await parseDocument(new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...noise])), 'pdf-damaged');
  });

  it('a bare header is a damaged PDF', async () => {
    expectRefused(await parseDocument(Buffer.from('%PDF-1.7\n%%EOF\n')), 'pdf-damaged');
  });

  it('says in Chinese what is wrong and what to do, pdfjs\'s English only in parentheses', async () => {
    const doc = await parseDocument(Buffer.from('%PDF-1.7\n'));
    const m = doc.diagnostics.find((d) => d.code === 'pdf-damaged')!.message;
    expect(m).toContain('文件结构损坏，可能不完整或被截断（Invalid PDF structure.）');
    expect(m).toContain('请重新下载');
    expect(m.replace(/（[^）]*）|PDF/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    // the load errors pdfjs has besides: each its own explanation, the original kept
    for (const [e, says] of [
      [{ name: 'InvalidPDFException', message: 'The PDF file is empty, i.e. its size is zero bytes.' }, '文件是空的'],
      [{ name: 'InvalidPDFException', message: 'Invalid Root reference.' }, '目录（根对象）损坏'],
      [{ name: 'UnknownErrorException', message: 'Invalid XRef table: could not find trailer dictionary' }, '交叉引用表损坏'],
      [{ name: 'UnknownErrorException', message: 'Invalid XRef stream header' }, '交叉引用表损坏'],
      [{ name: 'MissingPDFException', message: 'Missing PDF "x.pdf".' }, '没有能够取得'],
      [{ name: 'UnexpectedResponseException', message: 'Unexpected server response (500)' }, '没有能够取得'],
      [{ name: 'PasswordException', message: 'Incorrect Password' }, '已加密'],
      [new Error('Illegal character: 41'), '无法解读的内容'],
    ] as const) {
      const text = pdfProblem(e);
      expect(text, e.message).toContain(says);
      expect(text, e.message).toContain(`（${e.message}）`);
      expect(text.replace(/（[^）]*）|PDF/g, ''), e.message).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('a page pdfjs cannot open is named and said in Chinese, and the pages besides are still read', async () => {
    const two = Buffer.from(makePdf(['BT /F1 12 Tf 72 700 Td (Hello) Tj ET', 'BT /F1 12 Tf 72 700 Td (World) Tj ET'])).toString('latin1');
    // page 2's dictionary replaced by a number, padded so the cross-reference offsets stay right
    const broken = two.replace(/6 0 obj\n<<[^\n]*>>/, (m) => '6 0 obj\n42'.padEnd(m.length, ' '));
    expect(broken).not.toBe(two);
    const doc = await parseDocument(new Uint8Array(Buffer.from(broken, 'latin1')));
    const d = doc.diagnostics.find((x) => x.code === 'pdf-page-unread');
    expect(d?.severity).toBe('error');
    expect(d!.message).toMatch(/^第 2 页无法解析，该页内容未读入：文件中有无法解读的内容/);
    expect(d!.message).toContain('（Page dictionary kid reference points to wrong type of object.）');
    expect(d!.message.replace(/（[^）]*）|PDF/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    // page 1 was read: its text is no table, which is said of the document, not of a page left unread
    expect(doc.diagnostics.filter((x) => x.code === 'pdf-page-unread')).toHaveLength(1);
    expect(doc.diagnostics.map((x) => x.code)).toContain('pdf-no-table');
  });

  it('a PDF whose one page is blank has no text', async () => {
    expectRefused(await parseDocument(makePdf([''])), 'pdf-no-text');
  });

  it('a page of control characters is garbled text, named by its page, and not read', async () => {
    const garbled = `BT /F1 12 Tf 72 700 Td (${'\\001\\002\\003\\004\\005'.repeat(20)}) Tj ET`;
    const doc = await parseDocument(makePdf([garbled]));
    const d = doc.diagnostics.find((x) => x.code === 'pdf-text-garbled');
    expect(d?.message).toContain('第 1 页');
    expect(d?.message).toContain('没有可用的文字层');
    expectRefused(doc, 'pdf-text-garbled');
  });

  it('plain text that is no target table says so', async () => {
    expectRefused(await parseDocument(makePdf(['BT /F1 12 Tf 72 700 Td (Hello, world) Tj ET'])), 'pdf-no-table');
  });

  it.skipIf(!real)('the real table cut at several offsets is damaged or read in part and refused, never thrown', async () => {
    for (const share of [0.02, 0.3, 0.6, 0.95, 0.999]) {
      const doc = await parseDocument(real!.slice(0, Math.floor(real!.length * share)));
      expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
      const bad = unreadable(doc);
      // a cut that pdfjs can still rebuild loses pages: whatever is missing is an error, never silence
      if (!bad) expect(doc.diagnostics.some((d) => d.severity === 'error'), `cut at ${share}`).toBe(true);
    }
  }, 120_000);

  const qpdf = ['/usr/bin/qpdf', '/usr/local/bin/qpdf'].find((p) => existsSync(p));
  it.skipIf(!qpdf)('an encrypted PDF (qpdf, user password) is pdf-encrypted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
    writeFileSync(join(dir, 'plain.pdf'), makePdf(['BT /F1 12 Tf 72 700 Td (secret) Tj ET']));
    execFileSync(qpdf!, ['--encrypt', 'user', 'owner', '256', '--', join(dir, 'plain.pdf'), join(dir, 'locked.pdf')]);
    expectRefused(await parseDocument(new Uint8Array(readFileSync(join(dir, 'locked.pdf')))), 'pdf-encrypted');
  });
});

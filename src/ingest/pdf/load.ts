// Opens a PDF with pdfjs-dist (its Node build) and turns each page into plain geometry: text items and
// ruling segments in PDF points, origin top-left. The only files pdfjs reads are its own CMaps and
// standard fonts, from the installed package: the Chinese PDFs that use non-embedded Adobe-GB1 fonts
// need the CMaps to map their codes to Unicode at all.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { rulingSegments, type Segment } from './paths.js';
import { foldRadicals } from './radicals.js';

/** One run of text as pdfjs reports it, in page points, origin top-left. */
export interface TextRun {
  readonly str: string;
  readonly x: number;
  /** top of the glyphs */
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface PageGeometry {
  /** 1-based */
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly runs: readonly TextRun[];
  readonly segments: readonly Segment[];
  /** the page paints at least one image (a scan, when it has no text) */
  readonly hasImage: boolean;
}

export type OpenFailure = { readonly kind: 'encrypted' | 'damaged'; readonly detail: string };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;
const loadPdfJs = (): Promise<PdfJs> => (pdfjsPromise ??= importPdfJs());

/**
 * The legacy build's core-js polyfills replace Array.prototype.push, JSON.parse and JSON.stringify with
 * JS versions for every caller in the process (measured: the push polyfill alone was a tenth of a
 * page's time); the natives do all pdfjs needs, so they are put back once it is loaded. Its Node setup
 * also loads @napi-rs/canvas, which scans every system font (seconds with the CJK fonts installed)
 * although nothing here renders. The worker is imported here too, so pdfjs runs it on this thread
 * (globalThis.pdfjsWorker) without a second load, and the polyfills it brings are undone as well.
 */
async function importPdfJs(): Promise<PdfJs> {
  const { push } = Array.prototype;
  const { parse, stringify } = JSON;
  const fontsEnv = process.env.DISABLE_SYSTEM_FONTS_LOAD;
  process.env.DISABLE_SYSTEM_FONTS_LOAD = '1';
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const worker: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // no type declarations
    await import(worker);
    return pdfjs;
  } finally {
    if (fontsEnv === undefined) delete process.env.DISABLE_SYSTEM_FONTS_LOAD;
    else process.env.DISABLE_SYSTEM_FONTS_LOAD = fontsEnv;
    Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
    Object.assign(JSON, { parse, stringify });
  }
}

function packageDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
}

export interface OpenedPdf {
  readonly pages: number;
  /**
   * One page. `needRules` sees the page's text first: the operator list (rules, images) is the costly
   * half of a page, so a page that cannot hold a table skips it and gets no segments.
   */
  page(n: number, needRules?: (runs: readonly TextRun[]) => boolean): Promise<PageGeometry>;
  close(): Promise<void>;
}

const REDOWNLOAD = '请重新下载或向来源索取原文件；若能用 PDF 阅读器打开，可“另存为”一份新的 PDF 再导入。';

/**
 * What pdfjs's English error says, in Chinese — what is wrong with the file, then what to do — with its own
 * text kept in parentheses for support. pdfjs rejects a file with InvalidPDFException (no structure, no
 * root, empty), wraps its parser's FormatErrors (a broken XRef table or stream) as UnknownErrorException,
 * and has ResponseException (formerly MissingPDFException / UnexpectedResponseException) for a file it
 * could not fetch.
 */
export function pdfProblem(e: unknown): string {
  const err = (e ?? {}) as { name?: unknown; message?: unknown };
  const name = typeof err.name === 'string' ? err.name : '';
  const original = typeof err.message === 'string' && err.message.trim() ? err.message.trim() : String(e);
  const said = (what: string, todo: string): string => `${what}（${original.slice(0, 200)}）。${todo}`;
  if (/is empty|zero bytes/i.test(original)) return said('文件是空的（0 字节），上传或下载可能没有完成', '请重新获取原文件。');
  if (/Invalid PDF structure/i.test(original)) return said('文件结构损坏，可能不完整或被截断', REDOWNLOAD);
  if (/Root reference|catalog/i.test(original)) return said('文件的目录（根对象）损坏，找不到页面', REDOWNLOAD);
  if (/xref|trailer|startxref|ObjStm/i.test(original)) return said('文件的交叉引用表损坏，通常是文件被截断或被改动过', REDOWNLOAD);
  if (name === 'PasswordException') return said('文件已加密，需要密码才能打开', '请提供未加密的文件。');
  if (name === 'ResponseException' || name === 'MissingPDFException' || name === 'UnexpectedResponseException') return said('文件没有能够取得', '请重新上传。');
  if (name === 'AbortException') return said('读取在完成前被中止', '请重试。');
  return said('文件中有无法解读的内容，可能已损坏', REDOWNLOAD);
}

/** Opens the document; a password, a broken structure or anything pdfjs rejects is a failure, not a throw. */
export async function openPdf(bytes: Uint8Array): Promise<OpenedPdf | OpenFailure> {
  let pdfjs: PdfJs;
  try {
    pdfjs = await loadPdfJs();
  } catch (e) {
    return { kind: 'damaged', detail: `PDF 组件无法加载：${(e as Error).message}` };
  }
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    ...packageDirs(),
    cMapPacked: true,
    verbosity: 0,
    isEvalSupported: false,
    stopAtErrors: false,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const err = e as { name?: string; message?: string };
    if (err.name === 'PasswordException') return { kind: 'encrypted', detail: err.message ?? '' };
    return { kind: 'damaged', detail: pdfProblem(e) };
  }
  const { OPS } = pdfjs;
  return {
    pages: doc.numPages,
    async page(n, needRules) {
      const page = await doc.getPage(n);
      try {
        const viewport = page.getViewport({ scale: 1 });
        const vt = viewport.transform as number[];
        const toTop = (x: number, y: number): [number, number] => [vt[0]! * x + vt[2]! * y + vt[4]!, vt[1]! * x + vt[3]! * y + vt[5]!];
        const content = await page.getTextContent();
        const runs: TextRun[] = [];
        for (const item of content.items) {
          if (!('str' in item) || item.str.trim() === '') continue;
          const [a, b, c, d, e, f] = item.transform as number[];
          const size = Math.hypot(c!, d!) || item.height || 1;
          // horizontal text only: vertical or rotated runs keep their anchor, their extent is approximate
          const [x0, y0] = toTop(e!, f!);
          const [x1, y1] = toTop(e! + (item.width || 0) * (a! / (Math.hypot(a!, b!) || 1)), f! + size);
          runs.push({ str: foldRadicals(item.str), x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) || size });
        }
        // a page without text is looked at too: it may be a scan (an image)
        if (needRules && runs.length > 0 && !needRules(runs)) return { page: n, width: viewport.width, height: viewport.height, runs, segments: [], hasImage: false };
        const ops = await page.getOperatorList();
        const segments = rulingSegments(ops.fnArray, ops.argsArray, OPS, vt);
        const hasImage = ops.fnArray.some((op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject || op === OPS.paintImageMaskXObject);
        return { page: n, width: viewport.width, height: viewport.height, runs, segments, hasImage };
      } finally {
        page.cleanup();
      }
    },
    async close() {
      await doc.destroy().catch(() => undefined);
    },
  };
}
